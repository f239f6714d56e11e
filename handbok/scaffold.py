"""`python -m handbok new <kind> <id>`: a complete YAML skeleton, made from the model.

Every field is written with a comment that says what it is and whether it is
required; the placeholder texts start with TODO so the content report finds them.
References (roles, sources, lagrum, …) start as the placeholder TODO, which
`make check` refuses until it is replaced by real ids: an invented default would
pass silently. Markdown fields are block scalars (`|`), so a typed list stays a list.
"""
from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

from pydantic import BaseModel

from . import models
from .content import Content
from .validate import PLACEHOLDER

TODO = "TODO"


def _unwrap(annotation):
    """(core type, is_list, is_optional)."""
    optional = False
    origin = typing.get_origin(annotation)
    if origin is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation, optional = args[0], True
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is list:
        inner = typing.get_args(annotation)[0]
        while typing.get_origin(inner) is typing.Annotated:
            inner = typing.get_args(inner)[0]
        return inner, True, optional
    return annotation, False, optional


def _example_value(core, ref_kind: str | None, known: dict, label: str, metadata=()):
    if label == "id":
        return "todo"
    if ref_kind:
        return PLACEHOLDER
    if typing.get_origin(core) is typing.Literal:
        return typing.get_args(core)[0]
    if core is dt.date:
        return dt.date.today().isoformat()
    if core is int:
        return max([1] + [getattr(m, "ge", 1) for m in metadata])
    if core is bool:
        return "false"
    return f"{TODO} {label}"


def _lines(model: type[BaseModel], known: dict, indent: str = "") -> list[str]:
    out = []
    for name, info in model.model_fields.items():
        core, is_list, optional = _unwrap(info.annotation)
        # A list with a default of its own (e.g. stop_statements) starts as that default, not as a placeholder.
        required = info.is_required() or (is_list and info.default_factory is None
                                          and any(getattr(m, "min_length", 0) for m in info.metadata))
        note = "obligatoriskt / required" if required else "valfritt / optional"
        comment = f"{indent}# {info.description + ' – ' if info.description else ''}{note}"
        if typing.get_origin(core) is typing.Literal:
            comment += f" ({' | '.join(map(str, typing.get_args(core)))})"
        out.append(comment)
        ref_kind = models.ref_kind(info.annotation)
        if ref_kind and required:
            out[-1] += f" – ersätt {PLACEHOLDER} med id:n / replace {PLACEHOLDER} with ids"
        if name == "aliases" or (not required and is_list):
            default = info.get_default(call_default_factory=True) or []
            out.append(f"{indent}{name}: [{', '.join(map(str, default))}]")
            continue
        if optional and not required:
            out.append(f"{indent}# {name}:")
            continue
        if isinstance(core, type) and issubclass(core, models.Text):
            block = [f"{indent}  sv: {TODO} {name} på svenska", f"{indent}  en: {TODO} {name} in English"]
            if issubclass(core, models.Markdown) and not is_list:  # multi-line: a list stays a list
                block = [f"{indent}  sv: |", f"{indent}    {TODO} {name} på svenska",
                         f"{indent}  en: |", f"{indent}    {TODO} {name} in English"]
            if is_list:
                out += [f"{indent}{name}:", f"{indent}  - sv: {TODO} {name} på svenska", f"{indent}    en: {TODO} {name} in English"]
            else:
                out += [f"{indent}{name}:", *block]
        elif isinstance(core, type) and issubclass(core, BaseModel):
            if is_list:
                inner = _lines(core, known, indent + "    ")
                first = inner.index(next(line for line in inner if not line.strip().startswith("#")))
                inner[first] = f"{indent}  - " + inner[first].lstrip()
                out += [f"{indent}{name}:", *inner]
            else:
                out += [f"{indent}{name}:", *_lines(core, known, indent + "  ")]
        elif is_list:
            out.append(f"{indent}{name}: [{_example_value(core, ref_kind, known, name, info.metadata)}]")
        elif not required and info.default is not None:
            out.append(f"{indent}{name}: {info.default}")
        else:
            value = _example_value(core, ref_kind, known, name, info.metadata)
            out.append(f"{indent}{name}: {value}")
    return out


def skeleton(kind: str, content: Content) -> str:
    model = models.KINDS[kind]
    header = [f"# yaml-language-server: $schema=../schemas/{kind}.schema.json",
              f"# Ny post / New item: {kind}. Byt ut varje TODO / Replace every TODO.",
              "# Filnamnet är id:t och blir adressen / The file name is the id and becomes the address."]
    return "\n".join(header + _lines(model, content.ids())) + "\n"


def write_new(kind: str, item_id: str, content: Content, root: Path) -> Path:
    target = root / kind / f"{item_id}.yml"
    if target.exists():
        raise FileExistsError(target)
    target.write_text(skeleton(kind, content), encoding="utf-8")
    return target
