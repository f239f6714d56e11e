"""Every chapter/section reference in running text must be covered by a `lagrum` id on the item.

A sentence such as "enligt socialtjänstlagen 20 kap. 7 §" or "(chapter 20 section 7)"
states what a law says. Staff can only trust it if the provision is in lagrum.yml,
with its confidence and the date it was checked, and the item lists it, so the page
shows the provision and, when the reading is not verified, the uncertainty line.

How text is matched to provisions:
- a reference is law (optional) + chapter + one or more sections;
- the law is read from the name or abbreviation just before the chapter (names come
  from lagrum.yml, so a new law needs no code); without a law name, any provision on
  the item with that chapter and section covers it;
- a provision covers its own chapter/section and its `old` citation, so
  "tidigare 3 kap. 6 §" is covered by the provision that replaced it;
- "3 och 5 §§" and "8–9 §§" need every section covered.
References without a chapter (e.g. "10 §") are not checked: the handbook cites
only one law without chapters, and a bare "§" is too often something else.
"""
from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from . import models
from .memo import clean_between_builds, per_item
from .problems import Problem

_SEC = r"\d+(?:\s?[a-z](?![a-zåäö]))?"
_SEP_SV = r"\s*(?:–|-|och|,)\s*"
_SEP_EN = r"\s*(?:–|-|and|,)\s*"


def _law_pattern(lagrum: models.Lagrum) -> tuple[str, dict[str, str]]:
    """A regex alternation of every law name and abbreviation, and name → law id."""
    names: dict[str, str] = {}
    for law_id, law in lagrum.laws.items():
        for name in (law.name.sv, law.name.en, law.short):
            names[name.casefold()] = law_id
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return alternation, names


# Every reference has a chapter written one of these ways; a text without one is skipped quickly.
_MAYBE_REF = re.compile(r"\d\s*kap|chapter\s+\d|\d:\d", re.IGNORECASE)

# What is derived from lagrum.yml alone (compiled patterns, what each provision covers), kept for
# the lagrum it came from: the check runs over every text of every item against the same lagrum.
_derived: tuple[models.Lagrum | None, dict] = (None, {})


def _derived_from(lagrum: models.Lagrum) -> dict:
    global _derived
    if _derived[0] is not lagrum:
        _derived = (lagrum, {"covered": {}})
    return _derived[1]


def _patterns(lagrum: models.Lagrum) -> tuple[list[re.Pattern], dict[str, str]]:
    derived = _derived_from(lagrum)
    if "patterns" not in derived:
        derived["patterns"] = _compile_patterns(lagrum)
    return derived["patterns"]


def _compile_patterns(lagrum: models.Lagrum) -> tuple[list[re.Pattern], dict[str, str]]:
    laws, names = _law_pattern(lagrum)
    # "socialtjänstlagen (2025:400) 19 kap. 1 §", "offentlighets- och sekretesslagen, OSL, 26 kap. 1 §"
    prefix = rf"(?:(?P<law>{laws})(?:\s*\((?P<sfs>\d{{4}}:\d+)\))?(?:,\s*[A-Za-z]+,)?\s+)?"
    swedish = rf"{prefix}(?P<ch>\d+)\s*kap\.?\s*(?P<secs>{_SEC}(?:{_SEP_SV}{_SEC})*)\s*§§?"
    english = rf"{prefix}chapter\s+(?P<ch>\d+),?\s+sections?\s+(?P<secs>{_SEC}(?:{_SEP_EN}{_SEC})*)"
    # "SoL 20:6", "40:7 g": the law is required unless a letter follows, so clock times never match.
    colon = rf"(?:(?P<law>{laws})\s+)(?<!\d)(?P<ch>\d{{1,2}}):(?P<secs>{_SEC})(?![\d:])|(?<![\d:])(?P<ch2>\d{{1,2}}):(?P<secs2>\d+\s?[a-z])(?![a-zåäö\d])"
    flags = re.IGNORECASE
    return [re.compile(swedish, flags), re.compile(english, flags), re.compile(colon, flags)], names


def sections(text: str) -> set[str]:
    """'5–6' → {'5', '6'}; '3 och 5' → {'3', '5'}; '19 a' → {'19 a'}; '7g' → {'7 g'}."""
    out: set[str] = set()
    text = text.strip()
    parts = re.split(r"\s*(?:,|och|and)\s*", text)
    for part in parts:
        span = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", part.strip())
        if span:
            low, high = int(span.group(1)), int(span.group(2))
            out.update(str(n) for n in range(low, high + 1))
            continue
        one = re.fullmatch(r"(\d+)\s?([a-z])?", part.strip())
        if one:
            out.add(one.group(1) + (f" {one.group(2)}" if one.group(2) else ""))
    return out


def find_refs(text: str, lagrum: models.Lagrum) -> list[tuple[str | None, int, set[str], str]]:
    """(law id or None, chapter, sections, the matched text) for each reference in `text`."""
    # The same text is checked again at every preview save (and recurs across items): once per lagrum.
    seen = _derived_from(lagrum).setdefault("found", {})
    if text in seen:
        return seen[text]
    if not _MAYBE_REF.search(text):
        seen[text] = []
        return []
    patterns, names = _patterns(lagrum)
    found = []
    taken: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            groups = m.groupdict()
            chapter = groups.get("ch") or groups.get("ch2")
            secs = groups.get("secs") or groups.get("secs2")
            law = names.get(groups["law"].casefold()) if groups.get("law") else None
            found.append((law, int(chapter), sections(secs), m.group(0).strip()))
            taken.append((m.start(), m.end()))
    seen[text] = found
    return found


def _covered_by(pid: str, p: models.Provision, lagrum: models.Lagrum) -> set[tuple[str, int, str]]:
    """(law, chapter, section) triples a provision answers for: its own and its old number."""
    covered = _derived_from(lagrum)["covered"]
    if pid not in covered:
        out = {(p.law, p.chapter, s) for s in sections(p.section)} if p.chapter else set()
        if p.old:
            for law, chapter, secs, _ in find_refs(p.old, lagrum):
                out.update((law or p.law, chapter, s) for s in secs)
        covered[pid] = out
    return covered[pid]


def covers(ids, ref_law: str | None, chapter: int, secs: set[str], lagrum: models.Lagrum) -> bool:
    have: set[tuple[str, int, str]] = set()
    for pid in ids:
        if pid in lagrum.provisions:
            have |= _covered_by(pid, lagrum.provisions[pid], lagrum)
    return all(any((ref_law in (None, law)) and ch == chapter and have_sec == sec for law, ch, have_sec in have) for sec in secs)


def uncertain_refs(text: str, lagrum: models.Lagrum) -> list[str]:
    """The references in `text` (as written there) that only provisions the handbook reads as
    likely or unverified answer for: a dated change note says them without the page's hedge."""
    out = []
    for law, chapter, secs, matched in find_refs(text, lagrum):
        # by the provisions' own numbers: an old number ("tidigare 3 kap. 6 §") is history, not a reading
        ids = [pid for pid, p in lagrum.provisions.items()
               if p.law == (law or p.law) and p.chapter == chapter and secs <= sections(p.section)]
        if ids and all(lagrum.provisions[pid].confidence != "verified" for pid in ids) and matched not in out:
            out.append(matched)
    return out


def reader_texts(obj, loc: tuple = ()):
    """(loc, language, text) for every reader-visible text in an item."""
    if isinstance(obj, models.Text):
        for lang in models.LANGS:
            yield loc + (lang,), getattr(obj, lang)
    elif isinstance(obj, BaseModel):
        for name, _, texts, nested in models.walk_plan(type(obj)):
            if texts or nested:
                yield from reader_texts(getattr(obj, name), loc + (name,))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from reader_texts(value, loc + (i,))


def _lagrum_ids(obj) -> set[str]:
    """Every `lagrum` id on an item, its steps, time rules and outcomes."""
    ids: set[str] = set()
    if isinstance(obj, BaseModel):
        for name, _, _, nested in models.walk_plan(type(obj)):
            if name == "lagrum" or nested:
                value = getattr(obj, name)
                if name == "lagrum" and isinstance(value, list):
                    ids.update(value)
                else:
                    ids |= _lagrum_ids(value)
    elif isinstance(obj, list):
        for value in obj:
            ids |= _lagrum_ids(value)
    return ids


def _line_of(root: Path, src, loc: tuple, needle: str) -> int:
    """The file line where `needle` stands inside the text at `loc` (block texts span lines)."""
    start = src.line(loc)
    try:
        lines = (root / src.rel).read_text(encoding="utf-8").splitlines()
    except OSError:
        return start
    first_word = needle.split()[0]
    for n in range(start - 1, min(len(lines), start + 200)):
        if n > start - 1 and re.match(r"^\s*[A-Za-z_]+:", lines[n]) and not lines[n].startswith(" " * 6):
            break  # the next field: the reference was wrapped over two lines
        if needle in lines[n]:
            return n + 1
    for n in range(start - 1, min(len(lines), start + 200)):
        if first_word in lines[n]:
            return n + 1
    return start


def check_legal_refs(content, problems: list[Problem]) -> None:
    lagrum = content.lagrum
    if lagrum is None:
        return
    for (kind, item_id), item in content.all_items():
        problems.extend(_item_legal_refs(item, lagrum, content.sources[(kind, item_id)], str(content.root)))


@per_item
@clean_between_builds
def _item_legal_refs(item, lagrum, src, root: str) -> tuple[Problem, ...]:
    found = []
    every_id = list(lagrum.provisions)
    ids = _lagrum_ids(item)
    for loc, text in reader_texts(item):
        for law, chapter, secs, matched in find_refs(text, lagrum):
            if covers(ids, law, chapter, secs, lagrum):
                continue
            hint = [pid for pid in every_id if covers([pid], law, chapter, secs, lagrum)]
            s_sv = f" (lagrum.yml har {', '.join(hint)})" if hint else " (lagrummet finns inte i lagrum.yml än)"
            s_en = f" (lagrum.yml has {', '.join(hint)})" if hint else " (the provision is not in lagrum.yml yet)"
            found.append(Problem(src.rel, _line_of(Path(root), src, loc, matched), ".".join(map(str, loc)),
                                 "uncovered-legal-ref", value=matched, suggestion_sv=s_sv, suggestion_en=s_en))
    return tuple(found)
