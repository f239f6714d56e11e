"""Load every YAML source, check it, and return the content model.

Two steps: `assemble` reads the core and a local edition into one Content (each
file parsed into its model), then `check` runs every cross-check on the whole.
All problems are collected before anything is raised, so a coordinator fixes
everything in one round instead of one error per build. The whole runs under the
limits of handbok/limits.py.
"""
from __future__ import annotations

import difflib
import functools
import re
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import changes, limits, loader, models
from .content import RESERVED, SECTIONS, Content
from .edition import check_edition, published_lists
from .legalrefs import check_legal_refs
from .search import also_key
from .loader import Source, load_yaml
from .family_checks import check_family_texts, check_statement_texts
from .wording import check_wording
from .problems import LANG_NAMES, ContentError, Problem

_SLUG = re.compile(models.SLUG)
# What `python -m handbok new` writes where a reference must be chosen; never valid.
PLACEHOLDER = "TODO"

_TYPE_NAMES = {  # python type of the input → (sv, en)
    str: ("text", "text"),
    int: ("ett tal", "a number"),
    float: ("ett tal", "a number"),
    bool: ("ja/nej (true/false)", "yes/no (true/false)"),
    list: ("en lista", "a list"),
    dict: ("fält med underfält", "fields with sub-fields"),
    type(None): ("ett tomt värde", "an empty value"),
}
_EXPECTED = {
    "string_type": ("text", "text"),
    "int_type": ("ett heltal", "a whole number"),
    "int_parsing": ("ett heltal", "a whole number"),
    "int_from_float": ("ett heltal", "a whole number"),
    "bool_type": ("true eller false", "true or false"),
    "bool_parsing": ("true eller false", "true or false"),
    "list_type": ("en lista (rader som börjar med '- ')", "a list (lines starting with '- ')"),
    "dict_type": ("fält med underfält", "fields with sub-fields"),
    "model_type": ("fält med underfält", "fields with sub-fields"),
    "model_attributes_type": ("fält med underfält", "fields with sub-fields"),
}
_TEXT_EXPECTED = ("två rader, 'sv:' och 'en:', med texten på varje språk", "two lines, 'sv:' and 'en:', with the text in each language")


# A field's pattern says what it is, and so which message fits a value that does not match.
_PATTERN_CODES = {models.EMAIL: "bad-email", models.PHONE: "bad-phone", models.HTTPS_URL: "bad-url",
                  models.EMAIL_OR_URL: "bad-contact"}


def _suggest(value: str, choices) -> tuple[str, str]:
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    if not close:
        return "", ""
    return f" (menade du '{close[0]}'?)", f" (did you mean '{close[0]}'?)"


def _model_at(model: type, loc: tuple):
    """The model class that holds the field at the end of `loc`, or None."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            current = _inner_model(info.annotation) if info else None
        elif typing.get_origin(current) is dict:
            current = _inner_model(typing.get_args(current)[1])
    return current


def _inner_model(annotation):
    """Unwrap Optional[...] / list[...] / Annotated[...] down to a model or dict type."""
    origin = typing.get_origin(annotation)
    if origin is dict:
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _problem_from_error(src: Source, model: type, err: dict) -> Problem:
    loc = tuple(err["loc"])
    field = ".".join(str(p) for p in loc)
    line = src.line(loc)
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    parent = _model_at(model, loc)
    if kind == "missing":
        last = loc[-1] if loc else ""
        if isinstance(parent, type) and issubclass(parent, models.Text) and last in models.LANGS:
            sv, en = LANG_NAMES[last]
            return Problem(src.rel, line, field, "missing-language", lang=last, language_sv=sv, language_en=en)
        hint = ""
        if isinstance(parent, type) and issubclass(parent, BaseModel):
            info = parent.model_fields.get(last)
            if info is not None and info.description:
                hint = f" ({info.description})"
        return Problem(src.rel, line, field, "missing", hint_sv=hint, hint_en=hint)
    if kind == "extra_forbidden":
        allowed = list(parent.model_fields) if isinstance(parent, type) and issubclass(parent, BaseModel) else []
        s_sv, s_en = _suggest(loc[-1], allowed)
        return Problem(src.rel, line, field, "unknown-field", value=loc[-1], allowed=", ".join(allowed),
                       suggestion_sv=s_sv, suggestion_en=s_en)
    if kind == "html":
        md = isinstance(parent, type) and issubclass(parent, models.Markdown)
        return Problem(src.rel, line, field, "html", value=ctx.get("value", ""),
                       md_sv=" eller Markdown" if md else "", md_en=" or Markdown" if md else "")
    if kind == "part_empty":
        return Problem(src.rel, line, field, "part-empty")
    if kind in ("empty_text", "string_too_short"):
        return Problem(src.rel, line, field, "empty-text")
    if kind == "too_short":
        return Problem(src.rel, line, field, "too-short", min=ctx.get("min_length", 1))
    if kind == "literal_error":
        return Problem(src.rel, line, field, "not-allowed-value", value=value, allowed=ctx.get("expected", ""))
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return Problem(src.rel, line, field, "bad-date", value=value)
    if kind == "string_pattern_mismatch":
        names = [i for i, part in enumerate(loc) if isinstance(part, str)]
        holder = _model_at(model, loc[: names[-1] + 1]) if names else None
        ref = models.ref_kind(_field_annotation(holder, loc[names[-1]])) if names else None
        if value == PLACEHOLDER and ref:
            return _placeholder(src, line, field, ref)
        code = _PATTERN_CODES.get(ctx.get("pattern"), "bad-id")
        return Problem(src.rel, line, field, code, value=value)
    if kind == "string_too_long":
        return Problem(src.rel, line, field, "text-too-long", value=len(value) if isinstance(value, str) else "",
                       limit=ctx.get("max_length", ""))
    if kind == "unsafe_markup":
        return Problem(src.rel, line, field, "unsafe-markup", value=ctx.get("value", ""))
    if kind in _EXPECTED:
        exp_sv, exp_en = _EXPECTED[kind]
        target = _inner_model(_field_annotation(parent, loc[-1])) if loc else model
        if isinstance(target, type) and issubclass(target, models.Text):
            exp_sv, exp_en = _TEXT_EXPECTED
        got_sv, got_en = _TYPE_NAMES.get(type(value), ("något annat", "something else"))
        if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
            # 0701740610 is read as a number (and loses its 0): quotes keep it as written
            exp_sv, exp_en = "text – sätt den inom citattecken, t.ex. \"070-174 06 10\"", \
                "text – put it in quotes, e.g. \"070-174 06 10\""
        return Problem(src.rel, line, field, "wrong-type", got_sv=got_sv, got_en=got_en,
                       expected_sv=exp_sv, expected_en=exp_en)
    return Problem(src.rel, line, field, "invalid", detail=err.get("msg", kind))


def _field_annotation(parent, name):
    if isinstance(parent, type) and issubclass(parent, BaseModel) and name in parent.model_fields:
        return parent.model_fields[name].annotation
    if typing.get_origin(parent) is dict:
        return typing.get_args(parent)[1]
    return None


def _parse(src: Source, model: type[BaseModel], problems: list[Problem]):
    try:
        return model.model_validate(src.data)
    except ValidationError as exc:
        problems.extend(_problem_from_error(src, model, e) for e in exc.errors())
        return None


def _refs(obj, loc: tuple = ()):
    """Yield (loc, value, kind) for every field marked RefTo in a model instance."""
    if isinstance(obj, BaseModel):
        for name, kind, _, nested in models.walk_plan(type(obj)):
            if not (kind or nested):
                continue
            value = getattr(obj, name)
            if kind and isinstance(value, str):
                yield loc + (name,), value, kind
            elif kind and isinstance(value, list):
                for i, v in enumerate(value):
                    yield loc + (name, i), v, kind
            else:
                yield from _refs(value, loc + (name,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _refs(v, loc + (i,))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _refs(v, loc + (k,))


_KIND_WORDS = {
    "roles": ("rollerna", "roles", "roles/"),
    "toolbox": ("insatserna", "toolbox items", "toolbox/"),
    "forms": ("blanketterna", "forms", "forms/"),
    "sekretess": ("sekretessidorna", "sekretess pages", "sekretess/"),
    "examples": ("kommunexemplen", "municipality examples", "examples/"),
    "workflows": ("arbetsgångarna", "workflows", "workflows/"),
    "familj": ("familjesidorna", "family pages", "familj/"),
    "reports": ("rapporterna", "reports", "reports.yml"),
    "lagrum": ("lagrummen", "legal provisions", "lagrum.yml"),
    "statements": ("påståendena", "statements", "statements.yml"),
    "laws": ("lagarna", "laws", "lagrum.yml"),
    "steps": ("stegen", "workflow steps", "workflows/ (arbetsgång/steg)"),
    "any": ("sidorna", "pages", "t.ex. arbetsgang/orosanmalan, verktygslada/sip"),
}


def _placeholder(src: Source, line: int, field: str, ref_kind: str) -> Problem:
    sv, en, folder = _KIND_WORDS[ref_kind]
    return Problem(src.rel, line, field, "placeholder", value=PLACEHOLDER, kind_sv=sv, kind_en=en, folder=folder)


def _follows_from_failure(content: Content, ref_kind: str, value: str) -> bool:
    """A reference into a file that failed to load: its own error is the cause, not this."""
    failed = content.failed
    if ref_kind in ("lagrum", "laws"):
        return ("lagrum", "lagrum") in failed
    if ref_kind == "reports":
        return ("reports", "reports") in failed
    if ref_kind == "statements":
        return ("statements", "statements") in failed
    if ref_kind == "steps":
        return ("workflows", value.split("/")[0]) in failed
    if ref_kind == "any" and value.startswith("arbetsgang/") and "#" in value:
        return ("workflows", value.split("/", 1)[1].split("#")[0]) in failed
    return False


def _check_refs(content: Content, problems: list[Problem]) -> None:
    known = content.ids()
    checked = list(content.all_items())
    if content.edition is not None:
        checked.append((("edition", "edition"), content.edition))
    if content.statements is not None:  # a statement names its provisions and reports
        checked.append((("statements", "statements"), content.statements))
    for key, item in checked:
        src = content.sources[key]
        local = key in content.local or key[0] == "edition"
        step_ids = {s.id for s in item.steps} if isinstance(item, models.Workflow) else set()
        for loc, value, ref_kind in _refs(item):
            if ref_kind == "any":
                ok = value in step_ids or value in known["any"]
                choices = step_ids | known["any"]
            else:
                ok = value in known[ref_kind]
                choices = known[ref_kind]
            if value == PLACEHOLDER:
                problems.append(_placeholder(src, src.line(loc), ".".join(map(str, loc)), ref_kind))
            elif not ok and not _follows_from_failure(content, ref_kind, value):
                s_sv, s_en = _suggest(value, choices)
                sv, en, folder = _KIND_WORDS[ref_kind]
                code = "unknown-ref"
                if local and ref_kind in models.KINDS:  # an edition names a core item that is gone
                    code, folder = "edition-unknown-ref", f"{folder}{value}.yml"
                problems.append(Problem(src.rel, src.line(loc), ".".join(map(str, loc)), code, value=value,
                                        kind_sv=sv, kind_en=en, folder=folder, suggestion_sv=s_sv, suggestion_en=s_en))
        if isinstance(item, models.DecisionGuide):
            _check_guide(item, src, problems)


def _check_guide(guide: models.DecisionGuide, src: Source, problems: list[Problem]) -> None:
    targets = {q.id for q in guide.questions} | {o.id for o in guide.outcomes}
    _check_guide_paths(guide, src, problems, targets)
    for i, q in enumerate(guide.questions):
        for answer in ("yes", "no"):
            value = getattr(q, answer)
            if value not in targets:
                loc = ("questions", i, answer)
                s_sv, s_en = _suggest(value, targets)
                problems.append(Problem(src.rel, src.line(loc), ".".join(map(str, loc)), "unknown-ref", value=value,
                                        kind_sv="frågorna och utfallen", kind_en="questions and outcomes",
                                        folder=src.rel, suggestion_sv=s_sv, suggestion_en=s_en))


def _check_guide_paths(guide, src: Source, problems: list[Problem], targets: set[str]) -> None:
    """Every path from the first question must end in an outcome: no loops, nothing unreachable."""
    questions = {q.id: q for q in guide.questions}
    reached: set[str] = set()
    index = {q.id: i for i, q in enumerate(guide.questions)}

    def walk(node: str, path: list[str]) -> None:
        if node in path:
            loop = " → ".join(path[path.index(node):] + [node])
            problems.append(Problem(src.rel, src.line(("questions", index[node], "id")), f"questions.{index[node]}",
                                    "guide-cycle", value=node, detail=loop))
            return
        if node in reached or node not in targets:
            return
        reached.add(node)
        if node in questions:
            for answer in (questions[node].yes, questions[node].no):
                walk(answer, path + [node])

    walk(guide.questions[0].id, [])
    for list_name, entries in (("questions", guide.questions), ("outcomes", guide.outcomes)):
        for i, entry in enumerate(entries):
            if entry.id not in reached:
                problems.append(Problem(src.rel, src.line((list_name, i, "id")), f"{list_name}.{i}.id",
                                        "guide-unreachable", value=entry.id))


_SURENESS = {"unverified": 0, "likely": 1, "verified": 2}


def _check_statements(content: Content, problems: list[Problem]) -> None:
    """Statement ids are unique, and no statement reads surer than the provisions it rests on."""
    if content.statements is None:
        return
    src = content.sources[("statements", "statements")]
    provisions = content.lagrum.provisions if content.lagrum else {}
    seen: dict[str, int] = {}
    for i, st in enumerate(content.statements.statements):
        if st.id in seen:
            problems.append(Problem(src.rel, src.line(("statements", i, "id")), f"statements.{i}.id", "duplicate-id",
                                    value=st.id, other=f"statements.{seen[st.id]}"))
        seen.setdefault(st.id, i)
        for pid in st.lagrum:
            p = provisions.get(pid)
            if p is not None and _SURENESS[st.confidence] > _SURENESS[p.confidence]:
                problems.append(Problem(src.rel, src.line(("statements", i, "confidence")),
                                        f"statements.{i}.confidence", "statement-confidence", value=st.confidence,
                                        other=pid, detail=p.confidence))
                break


# Consent is never the only way information moves: every role page says what applies whatever the family
# answers (SoL 19:1, 20:6), from one place.
DUTY_TO_REPORT = "anmalningsplikten-galler-alltid"


def _check_role_duty(content: Content, problems: list[Problem]) -> None:
    """Every role page shows the shared duty-to-report statement."""
    for role_id, role in content.roles.items():
        if DUTY_TO_REPORT not in role.statements:
            src = content.sources[("roles", role_id)]
            loc = ("statements",) if role.statements else ("side",)
            problems.append(Problem(src.rel, src.line(loc), "statements", "role-duty-to-report", other=DUTY_TO_REPORT))


def _check_duplicates(content: Content, problems: list[Problem]) -> None:
    """Ids that would give two pages one address, or two things one name."""
    seen: dict[str, str] = {f"{section}/{name}": "handboken / the handbook"
                            for section, names in RESERVED.items() for name in names}
    # Every item's own address first, then the aliases: an alias that takes an address is
    # reported at the alias (the line to fix), naming the file and line of the address.
    claims = [(kind, item_id, item, ()) for (kind, item_id), item in content.all_items()]
    claims += [(kind, item_id, item, ("aliases", i))
               for (kind, item_id), item in content.all_items() for i in range(len(item.aliases))]
    for kind, item_id, item, loc in claims:
        src = content.sources[(kind, item_id)]
        section = SECTIONS[kind]
        value = item.aliases[loc[1]] if loc else item_id
        url = f"{section}/{value}"
        if url in seen:
            problems.append(Problem(src.rel, src.line(loc), ".".join(map(str, loc)) or "id", "duplicate-id",
                                    value=value, other=seen[url]))
        else:
            seen[url] = f"{src.rel}:{src.line(loc) if loc else 1}"  # an id is its file's name
            if kind == "toolbox":  # an insats's family page shares the familj/ section
                seen[f"{SECTIONS['familj']}/{value}"] = seen[url]
    for (kind, item_id), item in content.all_items():
        src = content.sources[(kind, item_id)]
        for list_name in ("steps", "questions", "outcomes"):
            entries = getattr(item, list_name, None)
            if not entries or not hasattr(entries[0], "id"):
                continue
            ids: dict[str, int] = {}
            for i, entry in enumerate(entries):
                other = ids.get(entry.id)
                if other is not None:
                    first = src.line((list_name, other, "id"))
                    problems.append(Problem(src.rel, src.line((list_name, i, "id")), f"{list_name}.{i}.id",
                                            "duplicate-id", value=entry.id,
                                            other=f"{src.rel}:{first} ({list_name}.{other})"))
                ids.setdefault(entry.id, i)
        if isinstance(item, models.DecisionGuide):
            q_ids = {q.id: n for n, q in enumerate(item.questions)}
            for i, o in enumerate(item.outcomes):
                if o.id in q_ids:
                    first = src.line(("questions", q_ids[o.id], "id"))
                    problems.append(Problem(src.rel, src.line(("outcomes", i, "id")), f"outcomes.{i}.id",
                                            "duplicate-id", value=o.id,
                                            other=f"{src.rel}:{first} (questions.{q_ids[o.id]})"))
    if content.glossary:
        src = content.sources[("glossary", "glossary")]
        terms: dict[str, int] = {}
        for i, t in enumerate(content.glossary.terms):
            key = t.term.casefold()
            if key in terms:
                first = src.line(("terms", terms[key], "term"))
                problems.append(Problem(src.rel, src.line(("terms", i, "term")), f"terms.{i}.term", "duplicate-id",
                                        value=t.term, other=f"{src.rel}:{first} (terms.{terms[key]})"))
            terms.setdefault(key, i)
        # A word people also use must lead to one term (search): not another term's own
        # word, not another term's also-word. Both places are named, file:line.
        names: dict[tuple[str, str], tuple[int, tuple]] = {}
        for i, t in enumerate(content.glossary.terms):
            for lang in ("sv", "en"):
                names.setdefault((lang, also_key(t.term)), (i, ("terms", i, "term")))
            if t.en_term:
                names.setdefault(("en", also_key(t.en_term)), (i, ("terms", i, "en_term")))
        also: dict[tuple[str, str], tuple[int, tuple]] = {}
        for i, t in enumerate(content.glossary.terms):
            for lang in ("sv", "en"):
                for j, word in enumerate(getattr(t.also, lang) if t.also else []):
                    key, loc = (lang, also_key(word)), ("terms", i, "also", lang, j)
                    here = (src.rel, src.line(loc), ".".join(map(str, loc)))
                    if key in names and names[key][0] != i:
                        other, at = content.glossary.terms[names[key][0]], names[key][1]
                        problems.append(Problem(*here, "also-is-term", value=word, term=other.term,
                                                other=f"{src.rel}:{src.line(at)}"))
                    elif key in also and also[key][0] != i:
                        problems.append(Problem(*here, "duplicate-also", value=word,
                                                other=f"{src.rel}:{src.line(also[key][1])}"))
                    also.setdefault(key, (i, loc))


def _check_published(content: Content, problems: list[Problem]) -> None:
    live = content.urls(with_aliases=True)
    broken: list[str] = []
    for kind, item_id in content.failed:  # broken, not removed: its own error says so
        if kind not in SECTIONS:
            continue
        src = content.sources.get((kind, item_id))
        raw = src.data.get("aliases") if src is not None and isinstance(src.data, dict) else None
        names = [item_id] + [a for a in raw if isinstance(a, str)] if isinstance(raw, list) else [item_id]
        sections = [SECTIONS[kind]] + ([SECTIONS["familj"]] if kind == "toolbox" else [])  # an insats's family page
        live.update(f"{prefix}{section}/{name}/" for name in names for prefix in ("/", "/en/") for section in sections)
        # and the pages below it (a workflow's step pages)
        broken.extend(f"{prefix}{section}/{name}/" for name in names for prefix in ("/", "/en/") for section in sections)
    for index, (name, published) in enumerate(published_lists(content)):
        if not published.exists():
            continue
        code = "url-removed" if index == 0 else "edition-url-removed"  # an edition's list may be a copied example's
        for n, line in enumerate(published.read_text(encoding="utf-8").splitlines(), start=1):
            url = line.strip()
            if url and not url.startswith("#") and url not in live and not url.startswith(tuple(broken)):
                problems.append(Problem(name, n, "url", code, value=url))


# The preview checks everything at every save: an item whose file did not change (the
# loader hands back the very same Source) keeps its model. Items are frozen models.
_items: dict[str, tuple] = {}


def _parsed_once(path: Path, src: Source, model, problems: list[Problem]):
    """The file's model, parsed again only when the file changed (the loader then gives a
    new Source): an unchanged file is the same object at every check (see handbok/memo.py)."""
    cached = _items.get(str(path))
    if cached is None or cached[0] is not src or cached[1] is not model:
        found: list[Problem] = []
        cached = _items[str(path)] = (src, model, _parse(src, model, found), found)
    problems.extend(cached[3])
    return cached[2]


def load_folder(root: Path, folder: Path, kind: str, model, content: Content, problems: list[Problem]) -> dict:
    """Every item of one kind in `folder`, keyed by id (= file name)."""
    items = {}
    paths = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    for path in paths:
        item_id = path.stem
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        if not _SLUG.match(item_id) or path.suffix != ".yml":
            slug = re.sub(r"[^a-z0-9]+", "-", item_id.lower()).strip("-") or "namn"
            problems.append(Problem(rel, 1, "", "bad-filename", value=path.name, suggestion=slug))
            continue
        src, found = load_yaml(path, root)
        problems.extend(found)
        if src is None:  # unreadable, but it exists: references to it are not errors too
            content.unreadable.add((kind, item_id))
            content.failed.add((kind, item_id))
            continue
        content.sources[(kind, item_id)] = src
        item = _parsed_once(path, src, model, problems)
        if item is not None and not found:
            items[item_id] = item
        else:
            content.failed.add((kind, item_id))
    return items


def _lay_edition(root: Path, edition: Path, content: Content, problems: list[Problem]) -> None:
    """Lay the edition in `edition` over the loaded core content (see edition.py)."""
    edition = edition.resolve()
    content.edition_dir = edition
    path = edition / "edition.yml"
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    if not path.exists():
        problems.append(Problem(rel, 1, "", "empty-file"))
        return
    src, found = load_yaml(path, root)
    problems.extend(found)
    if src is None:
        content.failed.add(("edition", "edition"))
        return
    content.sources[("edition", "edition")] = src
    content.edition = _parse(src, models.Edition, problems)
    if content.edition is None:
        content.failed.add(("edition", "edition"))
    if content.reports is not None:  # the edition adds its sources to a copy: the core's parsed file is kept between checks
        content.reports = content.reports.model_copy(update={"reports": dict(content.reports.reports)})
    if content.edition is None and content.reports is not None and isinstance(src.data, dict):
        # edition.yml has its own error; its sources still count, so items naming them add no noise.
        for key in src.data.get("sources") or {}:
            content.reports.reports.setdefault(str(key), None)
    if content.edition is not None and content.reports is not None:
        for key, local_source in content.edition.sources.items():
            if key in content.reports.reports:
                core_src = content.sources.get(("reports", "reports"))
                where = f"reports.yml:{core_src.line(('reports', key))}" if core_src else "reports.yml"
                problems.append(Problem(rel, src.line(("sources", key)), f"sources.{key}", "edition-reuses-id",
                                        value=key, other=where))
            else:  # the edition's items may name them like any report
                content.reports.reports[key] = local_source
    for kind, model in models.KINDS.items():
        scratch = Content(root)
        local = load_folder(root, edition / kind, kind, model, scratch, problems)
        core = getattr(content, kind)
        for key, local_src in scratch.sources.items():
            core_src = content.sources.get(key)
            if core_src is not None or key in content.unreadable:
                other = f"{core_src.rel}:1" if core_src is not None else f"{kind}/{key[1]}.yml:1"  # the id is the file name
                problems.append(Problem(local_src.rel, 1, "id", "edition-reuses-id", value=key[1], other=other))
                local.pop(key[1], None)
                continue
            content.sources[key] = local_src
            content.local.add(key)
        for key in scratch.unreadable:
            if key not in content.sources:
                content.unreadable.add(key)
        content.failed.update(key for key in scratch.failed if key not in content.sources or key in content.local)
        core.update(local)
    if content.logo_path() and not content.logo_path().exists():
        problems.append(Problem(rel, src.line(("logo",)), "logo", "edition-logo", value=content.edition.logo))



def assemble(root: Path, edition: Path | str | None = None) -> tuple[Content, list[Problem]]:
    """The loading step: the core, and a local edition laid over it, as one Content.
    Each file is parsed into its model; nothing is cross-checked yet."""
    root = Path(root)
    problems: list[Problem] = []
    content = Content(root)
    loader.parse_ahead([root / f"{name}.yml" for name in models.SINGLE_FILES]
                       + [path for kind in models.KINDS for path in sorted((root / kind).glob("*.yml"))], root)
    for name, model in models.SINGLE_FILES.items():
        path = root / f"{name}.yml"
        if not path.exists():
            problems.append(Problem(f"{name}.yml", 1, "", "empty-file"))
            continue
        src, found = load_yaml(path, root)
        problems.extend(found)
        if src is None:
            content.failed.add((name, name))
        else:
            content.sources[(name, name)] = src
            setattr(content, name, _parsed_once(path, src, model, problems))
            if getattr(content, name) is None:
                content.failed.add((name, name))
    for kind, model in models.KINDS.items():
        setattr(content, kind, load_folder(root, root / kind, kind, model, content, problems))
    if edition is not None:
        _lay_edition(root, Path(edition), content, problems)
    return content, problems


def check(content: Content, problems: list[Problem]) -> None:
    """Every cross-check. They run even when some files failed, so every problem shows
    in one round; ids come from file names, so a broken file does not make refs to it fail."""
    _check_duplicates(content, problems)
    _check_refs(content, problems)
    _check_statements(content, problems)
    _check_role_duty(content, problems)
    check_legal_refs(content, problems)
    _check_published(content, problems)
    changes.check(content, problems)
    check_family_texts(content, problems)
    check_statement_texts(content, problems)
    check_wording(content, problems)
    check_edition(content, problems)


def load_content(root: Path, edition: Path | str | None = None) -> Content:
    """Load and check everything under `root`, plus a local edition's folder if given.
    Raises ContentError listing every problem."""
    try:
        with limits.bounded():
            content, problems = assemble(root, edition)
            check(content, problems)
    except (limits.LimitExceeded, MemoryError):
        # One file made the check too costly; name it if it was being read.
        sv, en = limits.describe()
        where = loader.reading or "(innehållet / the content)"
        raise ContentError([Problem(where, 1, "", "check-limit", limit_sv=sv, limit_en=en)]) from None
    finally:
        loader.reading = None
    if problems:
        raise ContentError(problems)
    content.index()
    return content
