"""The coordinators' editor in the browser, served by the preview (`make serve`).

- Forms are made from the models in models.py (there is no second list of fields):
  Swedish and English side by side for every Text, a pick list with titles for every
  reference (RefTo), the field's description as its help text.
- "Kontrollera" / "Check" runs the handbook's own checks (validate.load_content, the
  same code and messages as `make check`) on the edited document in memory and shows
  each message beside its field; nothing is written until the document is clean.
- Saving changes only what was changed: the file is read with ruamel.yaml in
  round-trip mode, only the values that differ are replaced, so comments, key order,
  block text and the schema line stay (a round trip with no edit changes nothing).
- With a Git host configured (gitlab.py), saving proposes the change as a merge
  request instead of writing the local file.

Plain HTML forms, posted to this server; no script is needed to edit.
"""
from __future__ import annotations

import datetime as dt
import difflib
import html
import io
import tempfile
import threading
import typing
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml as pyyaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString,
                                      ScalarString)

from . import edition as edition_module, gitlab, loader, models, validate
from .content import SECTIONS, Content
from .drafts import placeholders
from .edition import edition_from_env
from .problems import ContentError, Problem

TEMPLATES = Path(__file__).parent / "templates" / "editor"
PREFIX = "/__editor__/"
MISSING = object()


# --- reading and writing YAML without changing what was not edited -------------------

def yaml_rt() -> YAML:
    """ruamel.yaml set to the handbook's layout: every content file comes back byte for byte."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 100_000  # never wrap a line the coordinator did not touch
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def load_tree(text: str):
    return yaml_rt().load(text)


def dump_tree(tree) -> str:
    out = io.StringIO()
    yaml_rt().dump(tree, out)
    return out.getvalue()


# --- what a field is, from its type ---------------------------------------------------

@dataclass
class Shape:
    kind: str  # text markdown model list dict literal bool int date ref str
    model: type | None = None
    inner: "Shape | None" = None
    values: tuple = ()
    ref: str | None = None
    optional: bool = False


def shape_of(annotation, metadata=()) -> Shape:
    ref = models.ref_kind(annotation, metadata)
    optional = False
    if typing.get_origin(annotation) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation, optional = args[0], True
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if origin is list:
        return Shape("list", inner=shape_of(typing.get_args(annotation)[0]), optional=optional)
    if origin is dict:
        return Shape("dict", inner=shape_of(typing.get_args(annotation)[1]), optional=optional)
    if origin is typing.Literal:
        return Shape("literal", values=typing.get_args(annotation), optional=optional)
    if isinstance(annotation, type) and issubclass(annotation, models.Markdown):
        return Shape("markdown", model=annotation, optional=optional)
    if isinstance(annotation, type) and issubclass(annotation, models.Text):
        return Shape("text", model=annotation, optional=optional)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", model=annotation, optional=optional)
    if annotation is bool:
        return Shape("bool", optional=optional)
    if annotation is int:
        return Shape("int", optional=optional)
    if annotation is dt.date:
        return Shape("date", optional=optional)
    return Shape("ref" if ref else "str", ref=ref, optional=optional)


def fields_of(model: type[BaseModel]):
    """(name, shape, info) of every field of a model, in the model's order."""
    return [(name, shape_of(info.annotation, info.metadata), info) for name, info in model.model_fields.items()]


def _default(info):
    if info.is_required():
        return MISSING
    return info.default_factory() if info.default_factory is not None else info.default


def _shown_default(info):
    """What the form shows for a field the file leaves out: a list the model fills in by itself
    (stop_statements → [nej-eller-sluta]) is shown filled in, so that saving does not empty it."""
    default = _default(info)
    return default if isinstance(default, list) and default else MISSING


# --- the form's answer → data ---------------------------------------------------------

def _nest(form: dict[str, list[str]]) -> dict:
    """Form names are dotted paths ('f.title.sv', 'f.roles.0'; 'l.audience' for a group
    of check boxes) → one nested dict with the path's parts as keys."""
    raw: dict = {}
    for name, values in form.items():
        if name[:2] not in ("f.", "l."):
            continue
        parts = name[2:].split(".")
        node = raw
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            node[parts[-1]] = values if name.startswith("l.") else values[-1]
    return raw


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def coerce(shape: Shape, raw, orig):
    """The value a field's inputs stand for, typed as the model wants it (MISSING = left out).
    Wrong input stays as typed, so the handbook's own check words the message."""
    if raw is None:
        return MISSING
    if shape.kind in ("text", "markdown"):
        raw = raw if isinstance(raw, dict) else {}
        sv, en = (_clean(raw.get(lang, "")).strip() for lang in models.LANGS)
        return MISSING if not sv and not en else {"sv": sv, "en": en}
    if shape.kind == "model":
        out = model_value(shape.model, raw if isinstance(raw, dict) else {}, orig if isinstance(orig, dict) else {})
        return MISSING if not out and shape.optional else out
    if shape.kind == "list":
        before = list(orig) if isinstance(orig, list) else []
        if shape.inner.kind == "literal":  # check boxes: the ones ticked, in the file's order first
            chosen = [_literal(shape.inner, v) for v in (raw if isinstance(raw, list) else [])]
            return [v for v in before if v in chosen] + [v for v in chosen if v not in before]
        raw = raw if isinstance(raw, dict) else {}
        out = []
        for key in sorted((k for k in raw if k.isdigit()), key=int):
            i = int(key)
            value = coerce(shape.inner, raw[key], before[i] if i < len(before) else None)
            if value is MISSING and shape.inner.kind == "model":
                value = {}
            if value is not MISSING:
                out.append(value)
        extra = coerce(shape.inner, raw.get("new"), None) if shape.inner.kind not in ("model",) else MISSING
        if extra is not MISSING:
            out.append(extra)
        return out
    if shape.kind == "dict":
        raw = raw if isinstance(raw, dict) else {}
        before = orig if isinstance(orig, dict) else {}
        out = {}
        for key, value in raw.items():
            v = coerce(shape.inner, value, before.get(key))
            out[key] = {} if v is MISSING else v
        return out
    text = _clean(str(raw)).strip()
    if text == "":
        return MISSING
    if shape.kind == "literal":
        return _literal(shape, text)
    if shape.kind == "bool":
        return {"true": True, "false": False}.get(text, text)
    if shape.kind == "int":
        try:
            return int(text)
        except ValueError:
            return text
    if shape.kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _literal(shape: Shape, text: str):
    return next((v for v in shape.values if str(v) == str(text)), text)


def model_value(model: type[BaseModel], raw: dict, orig: dict) -> dict:
    out = {}
    for name, shape, info in fields_of(model):
        value = coerce(shape, raw.get(name), orig.get(name))
        if value is MISSING:
            continue
        if name not in orig and value == _default(info):
            continue  # a default the file did not spell out stays unspelled
        out[name] = value
    return out


# --- data → the round-trip tree, touching only what differs ----------------------------

def _same(node, new) -> bool:
    if isinstance(node, str) and isinstance(new, str):
        return node.strip() == new.strip()
    if isinstance(node, bool) or isinstance(new, bool):
        return isinstance(node, bool) == isinstance(new, bool) and bool(node) == bool(new)
    return type(node) is type(new) and node == new or str(node) == str(new) and not isinstance(new, str)


def _scalar(node, new):
    """The new value in the style the old one had (block text stays block text)."""
    if not isinstance(new, str):
        return new
    if isinstance(node, (LiteralScalarString, FoldedScalarString)) or "\n" in new:
        keep = "\n" if not isinstance(node, str) or node.endswith("\n") or "\n" in new else ""
        return LiteralScalarString(new.rstrip("\n") + keep)
    if isinstance(node, ScalarString):
        return type(node)(new)
    # YAML 1.1 (what the handbook's loader reads) would turn yes/no/1.0 … into other types.
    if pyyaml.resolver.Resolver().resolve(pyyaml.ScalarNode, new, (True, False)) != "tag:yaml.org,2002:str":
        return DoubleQuotedScalarString(new)
    return new


def _fresh(value):
    """New data as YAML nodes (block style, text in its proper style)."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _fresh(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_fresh(v) for v in value)
    return _scalar(None, value)


def _sub_shape(shape: Shape, key):
    if shape.kind in ("text", "markdown"):
        return Shape("str")
    if shape.kind == "model":
        info = shape.model.model_fields.get(key)
        return shape_of(info.annotation, info.metadata) if info else Shape("str")
    if shape.kind in ("list", "dict"):
        return shape.inner
    return Shape("str")


def _norm(value):
    """A value as plain, comparable data (text without its block's last newline)."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), _norm(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_norm(v) for v in value)
    if isinstance(value, str):
        return value.strip()
    return (type(value).__name__, str(value))


def apply(node, new, shape: Shape):
    """Change `node` (from the file) into `new` in place, keeping whatever is equal."""
    if isinstance(node, dict) and isinstance(new, dict):
        known = list(shape.model.model_fields) if shape.kind == "model" else \
            list(models.LANGS) if shape.kind in ("text", "markdown") else None
        for key in list(node):
            if key not in new and (known is None or key in known):
                del node[key]
        for key, value in new.items():
            sub = _sub_shape(shape, key)
            if key in node:
                result = apply(node[key], value, sub)
                if result is not node[key]:
                    node[key] = result
            else:  # after the last key that comes before it in the model's order
                order = known or list(new)
                before = [k for k in node if k in order and order.index(k) < order.index(key)] if key in order else list(node)
                position = list(node).index(before[-1]) + 1 if before else 0
                if isinstance(node, CommentedMap):
                    node.insert(position, key, _fresh(value))
                else:
                    node[key] = _fresh(value)
        return node
    if isinstance(node, list) and isinstance(new, list):
        # Entries added, removed or edited anywhere in the list touch only their own lines:
        # match old and new entries by value, then insert, delete or edit in place (from the
        # end, so the positions still to do stay valid; ruamel moves comments along).
        inner = shape.inner or Shape("str")
        matcher = difflib.SequenceMatcher(a=[_norm(v) for v in node], b=[_norm(v) for v in new], autojunk=False)
        for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
            if tag == "equal":
                continue
            both = min(i2 - i1, j2 - j1)
            for k in range(both):
                result = apply(node[i1 + k], new[j1 + k], inner)
                if result is not node[i1 + k]:
                    node[i1 + k] = result
            for k in reversed(range(i1 + both, i2)):
                del node[k]
            for k, value in enumerate(new[j1 + both:j2]):
                node.insert(i1 + both + k, _fresh(value))
        return node
    if isinstance(node, (dict, list)) or isinstance(new, (dict, list)):
        return _fresh(new)
    return node if _same(node, new) else _scalar(node, new)


# --- which files, and checking one in memory -----------------------------------------

@dataclass
class Doc:
    key: str  # what the editor's addresses name it by
    path: Path
    model: type[BaseModel]
    kind: str  # a KINDS folder, a SINGLE_FILES name, or "edition"
    rel: str  # as problems name it


def documents(root: Path, edition: Path | None) -> list[Doc]:
    docs = []

    def rel(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()

    for kind, model in models.KINDS.items():
        for path in sorted((root / kind).glob("*.yml")):
            docs.append(Doc(f"{kind}/{path.name}", path, model, kind, rel(path)))
    for name, model in models.SINGLE_FILES.items():
        path = root / f"{name}.yml"
        if path.exists():
            docs.append(Doc(f"{name}.yml", path, model, name, rel(path)))
    if edition is not None and (edition / "edition.yml").exists():
        docs.append(Doc("@edition/edition.yml", edition / "edition.yml", models.Edition, "edition",
                        rel(edition / "edition.yml")))
        for kind, model in models.KINDS.items():
            for path in sorted((edition / kind).glob("*.yml")):
                docs.append(Doc(f"@edition/{kind}/{path.name}", path, model, kind, rel(path)))
    return docs


# The check reads files through validate.load_yaml; while the editor checks a
# document, that one path is read from the edited text instead (in this thread only,
# so the preview's own rebuilds keep reading the disk).
_override = threading.local()


def _reading_edits(original):
    def load_yaml(path: Path, root: Path):
        texts = getattr(_override, "texts", None)
        text = texts.get(Path(path).resolve()) if texts else None
        if text is None:
            return original(path, root)
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / path.name
            copy.write_text(text, encoding="utf-8")
            src, problems = loader._load_yaml(copy, rel)
        if src is not None:
            src.path = path
        return src, problems
    load_yaml.original = original
    return load_yaml


for _module in (validate,):  # core and edition are both read there (validate.assemble)
    if not hasattr(_module.load_yaml, "original"):
        _module.load_yaml = _reading_edits(_module.load_yaml)


def check_text(root: Path, edition: Path | None, doc: Doc, text: str) -> tuple[list[Problem], list[Problem]]:
    """(errors, drafts): what `make check` would say with `text` in the document's place,
    and the TODO placeholders `make build` would stop on."""
    _override.texts = {doc.path.resolve(): text}
    try:
        content = validate.load_content(root, edition)
    except ContentError as err:
        return err.problems, []
    finally:
        _override.texts = None
    return [], [p for p in placeholders(content) if p.file == doc.rel]


# --- the pages ------------------------------------------------------------------------

_UI = pyyaml.safe_load((TEMPLATES / "ui.yml").read_text(encoding="utf-8"))


_UI_LANG = {lang: {key: value[lang] for key, value in _UI.items()} for lang in models.LANGS}


def ui(lang: str) -> dict[str, str]:
    return _UI_LANG[lang]


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env


def _split(description: str | None, lang: str) -> str:
    """Descriptions are written 'svenska / English'."""
    if not description:
        return ""
    parts = description.split(" / ", 1)
    return parts[1 if lang == "en" and len(parts) == 2 else 0]


def _title(item, lang: str) -> str:
    title = getattr(item, "title", None)
    if isinstance(title, models.Text):
        return title(lang)
    return str(title) if title else ""


def options(content: Content | None, ref: str, lang: str) -> list[tuple[str, str]]:
    """(id, what the pick list shows) for a reference kind, from the last good content."""
    if content is None:
        return []
    if ref in models.KINDS:
        return sorted(((i, f"{_title(item, lang)} ({i})") for i, item in getattr(content, ref).items()),
                      key=lambda o: o[1].casefold())
    if ref == "reports" and content.reports:
        return [(i, f"{r.title} ({i})" if r else i) for i, r in content.reports.reports.items()]
    if ref == "lagrum" and content.lagrum:
        out = []
        for i, p in content.lagrum.provisions.items():
            law = content.lagrum.laws.get(p.law)
            where = f"{p.chapter} kap. {p.section} §" if p.chapter else f"{p.section} §"
            out.append((i, f"{law.short if law else p.law} {where} – {p.topic(lang)} ({i})"))
        return out
    if ref == "laws" and content.lagrum:
        return [(i, f"{law.name(lang)} ({i})") for i, law in content.lagrum.laws.items()]
    if ref == "steps":
        return [(f"{w}/{s.id}", f"{wf.title(lang)} – {s.title(lang)} ({w}/{s.id})") for w, wf in content.workflows.items()
                for s in wf.steps]
    return []


@dataclass
class Widget:
    kind: str
    path: str
    label: str
    help: str = ""
    value: object = ""
    options: list = field(default_factory=list)
    children: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    can_remove: bool = False
    can_add: bool = False
    lang: str = ""
    required: bool = False

    @property
    def id(self) -> str:
        return "f-" + self.path.replace(".", "-")


class Builder:
    """Widgets for one document: the model's fields with the document's values."""

    def __init__(self, content, lang: str, problems: dict[str, list[str]], datalist: list[str]):
        self.content, self.lang, self.problems, self.datalist = content, lang, problems, datalist
        self.shown: set[str] = set()

    def _problems(self, path: str) -> list[str]:
        found = self.problems.get(path, [])
        if found:
            self.shown.add(path)
        return found

    def model(self, model: type[BaseModel], data, path: str) -> list[Widget]:
        data = data if isinstance(data, dict) else {}
        return [self.field(name, shape, info, data.get(name, _shown_default(info)), self._join(path, name))
                for name, shape, info in fields_of(model)]

    @staticmethod
    def _join(path: str, name) -> str:
        return f"{path}.{name}" if path else str(name)

    def field(self, name, shape: Shape, info, value, path: str) -> Widget:
        label = str(name)
        help_text = _split(info.description, self.lang) if info is not None else ""
        required = info is not None and info.is_required()
        return self.widget(shape, value, path, label, help_text, required)

    def widget(self, shape: Shape, value, path: str, label: str, help_text: str = "", required=False) -> Widget:
        w = Widget(shape.kind, path, label, help_text, problems=self._problems(path), required=required)
        present = value is not MISSING and value is not None
        if shape.kind in ("text", "markdown"):
            value = value if isinstance(value, dict) else {}
            w.children = [Widget("lang", self._join(path, lang), ui(self.lang)[f"lang_{lang}"],
                                 value=str(value.get(lang, "")).rstrip("\n"), lang=lang,
                                 problems=self._problems(self._join(path, lang))) for lang in models.LANGS]
        elif shape.kind == "model":
            if present or not shape.optional:
                w.children = self.model(shape.model, value, path)
                w.can_remove = shape.optional
            else:
                w.can_add = True
        elif shape.kind == "dict":
            value = value if isinstance(value, dict) else {}
            w.children = [self.widget(shape.inner, v, self._join(path, k), str(k)) for k, v in value.items()]
        elif shape.kind == "list":
            value = value if isinstance(value, list) else []
            inner = shape.inner
            if inner.kind == "literal":
                w.kind = "checks"
                w.options = [(str(v), str(v)) for v in inner.values]
                w.value = [str(v) for v in value]
            else:
                w.kind = "list"
                for i, v in enumerate(value):
                    child = self.widget(inner, v, self._join(path, i), f"{label} {i + 1}")
                    child.can_remove = True
                    w.children.append(child)
                if inner.kind in ("model", "text", "markdown"):
                    w.can_add = True
                else:  # one empty pick list or box more: choosing in it adds an entry
                    extra = self.widget(inner, MISSING, self._join(path, "new"),
                                        f"{label}: {ui(self.lang)['add_entry']}")
                    extra.kind = inner.kind
                    w.children.append(extra)
        elif shape.kind in ("ref", "literal", "bool"):
            w.value = "" if not present else str(value).lower() if isinstance(value, bool) else str(value)
            if shape.kind == "literal":
                opts = [(str(v), str(v)) for v in shape.values]
            elif shape.kind == "bool":
                opts = [("true", ui(self.lang)["yes"]), ("false", ui(self.lang)["no"])]
            elif shape.ref == "any":
                w.kind = "any"
                opts = []
            else:
                opts = options(self.content, shape.ref, self.lang)
            if w.value and shape.ref != "any" and w.value not in {o[0] for o in opts}:
                opts = [(w.value, f"{w.value} – {ui(self.lang)['unknown']}")] + opts
            w.options = [("", ui(self.lang)["choose"])] + opts
        else:
            w.value = "" if not present else str(value).rstrip("\n")
        return w


class Editor:
    """Answers /__editor__/… (Swedish UI) and /en/__editor__/… (English UI) for the preview."""

    def __init__(self, root: Path, content=lambda: None, host: "gitlab.Host | None" = None):
        self.root = root
        self.content = content  # the preview's last good content (for pick lists)
        self.host = host if host is not None else gitlab.Host.from_env()
        self.lock = threading.Lock()

    @staticmethod
    def handles(path: str) -> bool:
        return path.startswith(PREFIX) or path.startswith("/en" + PREFIX) or path in (PREFIX[:-1], "/en" + PREFIX[:-1])

    def _docs(self) -> dict[str, Doc]:
        return {d.key: d for d in documents(self.root, edition_from_env())}

    def _content(self):
        content = self.content()
        if content is None:
            try:
                content = validate.load_content(self.root, edition_from_env())
            except ContentError:
                content = None
        return content

    # Each returns (status, headers, body).
    def get(self, path: str, query: dict[str, list[str]]):
        lang = "en" if path.startswith("/en/") else "sv"
        doc = self._docs().get((query.get("doc") or [""])[0])
        if doc is None:
            return 200, {}, self.index_page(lang)
        tree = self._tree(doc)
        if tree is None:
            return 200, {}, self.unreadable_page(lang, doc)
        notice = ui(lang)["saved"] if query.get("saved") else ""
        return 200, {}, self.form_page(lang, doc, tree, [], [], notice=notice)

    def post(self, path: str, query: dict[str, list[str]], form: dict[str, list[str]]):
        lang = "en" if path.startswith("/en/") else "sv"
        doc = self._docs().get((query.get("doc") or form.get("doc") or [""])[0])
        if doc is None:
            return 404, {}, self.index_page(lang)
        action = (form.get("action") or ["check"])[0]
        original = doc.path.read_text(encoding="utf-8")
        tree = self._tree(doc)
        if tree is None:
            return 200, {}, self.unreadable_page(lang, doc)
        new = model_value(doc.model, _nest(form), tree)
        if action.startswith("remove:"):
            _remove(new, action[len("remove:"):])
        elif action.startswith(("add:", "addfirst:")):
            _add(new, action.split(":", 1)[1], doc.model, first=action.startswith("addfirst:"))
        tree = apply(tree, new, Shape("model", model=doc.model))
        text = dump_tree(tree)
        if action.startswith(("add:", "addfirst:", "remove:")):  # the form again, with the entry; nothing checked yet
            return 200, {}, self.form_page(lang, doc, tree, [], [], focus=action.split(":", 1)[1])
        errors, drafts = check_text(self.root, edition_from_env(), doc, text)
        if action in ("save", "propose") and not errors:
            if text == original:
                return 200, {}, self.form_page(lang, doc, tree, [], drafts, notice=ui(lang)["unchanged"])
            if action == "propose" and self.host is not None:
                try:
                    url = self.host.propose(_repo_path(doc), text, (form.get("token") or [""])[0],
                                            (form.get("message") or [""])[0] or f"Ändring i / Change in {doc.rel}")
                except gitlab.HostError as err:
                    return 200, {}, self.form_page(lang, doc, tree, [], drafts, notice=f"{ui(lang)['host_failed']}: {err}",
                                                   failed=True)
                return 200, {}, self.form_page(lang, doc, tree, [], drafts, notice=ui(lang)["proposed"], link=url)
            with self.lock:
                doc.path.write_text(text, encoding="utf-8")
            prefix = "/en" if lang == "en" else ""
            return 303, {"Location": f"{prefix}{PREFIX}edit?doc={urllib.parse.quote(doc.key)}&saved=1"}, ""
        notice = ui(lang)["clean"] if not errors else ""
        return 200, {}, self.form_page(lang, doc, tree, errors, drafts, notice=notice, failed=bool(errors),
                                       checked=True)

    @staticmethod
    def _tree(doc: Doc):
        try:
            return load_tree(doc.path.read_text(encoding="utf-8"))
        except Exception:  # noqa: BLE001 - any YAML error: the page says what make check says
            return None

    # --- rendering

    def unreadable_page(self, lang: str, doc: Doc) -> str:
        """A file that is not YAML cannot be a form: say why, as make check does."""
        _, problems = loader._load_yaml(doc.path, doc.rel)
        i = 0 if lang == "sv" else 1
        lines = [f"{p.file}:{p.line}: {p.texts()[i]}" for p in problems] or [doc.rel]
        return _env().get_template("unreadable.html.j2").render(
            t=ui(lang), lang=lang, doc=doc, lines=lines, base=self._base(lang),
            other=self._other(lang, f"edit?doc={urllib.parse.quote(doc.key)}"))

    def index_page(self, lang: str) -> str:
        groups: dict[str, list] = {}
        for doc in self._docs().values():
            try:
                data = pyyaml.safe_load(doc.path.read_text(encoding="utf-8")) or {}
                title = data.get("title", {}).get(lang, "") if isinstance(data.get("title"), dict) else ""
            except pyyaml.YAMLError:
                title = ""
            groups.setdefault(doc.kind, []).append((doc.key, title or doc.rel, doc.rel))
        return _env().get_template("index.html.j2").render(
            t=ui(lang), lang=lang, groups=groups, base=self._base(lang), other=self._other(lang, ""))

    @staticmethod
    def _base(lang: str) -> str:
        return ("/en" if lang == "en" else "") + PREFIX

    def _other(self, lang: str, query: str) -> str:
        return ("" if lang == "en" else "/en") + PREFIX + query

    def form_page(self, lang, doc: Doc, tree, errors: list[Problem], drafts: list[Problem], notice="",
                  failed=False, link="", focus="", checked=False) -> str:
        i = 0 if lang == "sv" else 1
        mine = [p for p in errors + drafts if p.file == doc.rel]
        by_field: dict[str, list[str]] = {}
        for p in mine:
            by_field.setdefault(p.field, []).append(p.texts()[i])
        content = self._content()
        datalist = sorted(content.ids()["any"]) if content else []
        builder = Builder(content, lang, by_field, datalist)
        widgets = builder.model(doc.model, tree, "")
        summary = [(p, p.texts()[i], _anchor(p.field)) for p in mine]
        others = [(p, p.texts()[i]) for p in errors if p.file != doc.rel]
        return _env().get_template("form.html.j2").render(
            t=ui(lang), lang=lang, doc=doc, widgets=widgets, summary=summary, others=others, notice=notice,
            failed=failed, link=link, datalist=datalist, base=self._base(lang), focus=focus, checked=checked,
            drafts=len(drafts), other=self._other(lang, f"edit?doc={urllib.parse.quote(doc.key)}"),
            pages=page_links(doc), host=self.host, quote=urllib.parse.quote, errors=len([p for p in errors if p.file == doc.rel]))


def _repo_path(doc: Doc) -> str:
    """The file's path in its repository: the handbook's, or an edition kept in its own."""
    if not Path(doc.rel).is_absolute():
        return doc.rel
    return doc.path.relative_to(doc.path.parent if doc.kind == "edition" else doc.path.parent.parent).as_posix()


def _anchor(path: str) -> str:
    """The id of the form control (or group) a problem's field names."""
    return "f-" + path.replace(".", "-") if path else ""


def page_links(doc: Doc) -> list[tuple[str, str]]:
    """(language, address) of the pages that show the document, for after a save."""
    stem = doc.path.stem
    section = {"glossary": "ordlista", "lagrum": "sekretess/lagrum"}.get(doc.kind) or \
        (f"{SECTIONS[doc.kind]}/{stem}" if doc.kind in SECTIONS else "")
    if doc.kind == "edition":
        return [("sv", "/"), ("en", "/en/")]
    return [("sv", f"/{section}/"), ("en", f"/en/{section}/")] if section else []


def doc_for_page(path: str) -> str:
    """The editor key of the document a preview page shows, or '' (then the list)."""
    parts = [p for p in path.split("/") if p and p != "en"]
    if len(parts) == 2:
        for kind, section in SECTIONS.items():
            if section == parts[0] and kind != "familj" or (kind == "familj" and parts[0] == "familj"):
                return f"{kind}/{parts[1]}.yml"
    if parts == ["ordlista"]:
        return "glossary.yml"
    return ""


def edit_link(root: Path, path: str, lang: str) -> str:
    """The small "Redigera" line the preview puts on every page."""
    key = doc_for_page(path)
    if key and not (root / key).exists():  # a guide lives in sekretess/ too; an insats has a family page
        alt = {"sekretess": "guides", "familj": "toolbox"}.get(key.split("/")[0])
        key = f"{alt}/{key.split('/', 1)[1]}" if alt and (root / alt / key.split("/", 1)[1]).exists() else ""
    base = ("/en" if lang == "en" else "") + PREFIX
    href = f"{base}edit?doc={urllib.parse.quote(key)}" if key else base
    t = ui(lang)
    text = t["edit_page"] if key else t["open_editor"]
    return f'<p class="hb-preview-edit" data-hb-preview="edit" style="margin: 0; padding: .3rem 1rem"><a href="{html.escape(href)}">{html.escape(text)}</a></p>'


def _walk(data, parts: list[str]):
    node = data
    for part in parts:
        if isinstance(node, list):
            node = node[int(part)]
        else:
            node = node.setdefault(part, {}) if isinstance(node, dict) else None
    return node


def _remove(new: dict, path: str) -> None:
    parts = path.split(".")
    parent = _walk(new, parts[:-1])
    if isinstance(parent, list) and parts[-1].isdigit() and int(parts[-1]) < len(parent):
        del parent[int(parts[-1])]
    elif isinstance(parent, dict):
        parent.pop(parts[-1], None)


def _add(new: dict, path: str, model, first: bool = False) -> None:
    parts = path.split(".")
    parent = _walk(new, parts[:-1])
    if not isinstance(parent, dict):
        return
    shape = Shape("model", model=model)
    for part in parts:
        shape = _sub_shape(shape, part) if not part.isdigit() else shape.inner
    current = parent.get(parts[-1])
    if shape.kind == "list":
        entry = {"sv": "", "en": ""} if shape.inner.kind in ("text", "markdown") else {}
        entries = current if isinstance(current, list) else []
        parent[parts[-1]] = [entry] + entries if first else entries + [entry]
    else:
        parent[parts[-1]] = {}


# --- wiring into the preview server (handbok/preview.py) -------------------------------

MAX_FORM = 5_000_000  # bytes; the glossary's whole form is about 200 KB


def handle(handler, preview, body: bool = True) -> None:
    """Answer an editor request on the preview's HTTP handler."""
    editor = getattr(preview, "editor", None)
    if editor is None:
        editor = preview.editor = Editor(preview.root, lambda: preview.content)
    split = urllib.parse.urlsplit(handler.path)
    path, query = urllib.parse.unquote(split.path), urllib.parse.parse_qs(split.query)
    if handler.command == "POST":
        origin = handler.headers.get("Origin")
        length = int(handler.headers.get("Content-Length") or 0)
        # Only the editor's own pages may post: a page from another site must not write files.
        if origin and urllib.parse.urlsplit(origin).netloc != handler.headers.get("Host", "") or length > MAX_FORM:
            status, headers, text = 403, {}, "403"
        else:
            form = urllib.parse.parse_qs(handler.rfile.read(length).decode("utf-8"), keep_blank_values=True)
            status, headers, text = editor.post(path, query, form)
    else:
        status, headers, text = editor.get(path, query)
    data = text.encode("utf-8")
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(data)))
    handler.send_header("Cache-Control", "no-store")
    handler.end_headers()
    if body:
        handler.wfile.write(data)
