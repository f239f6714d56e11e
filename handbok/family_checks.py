"""Validation rules for the texts a family reads (family pages, issue 12).

- No unexplained abbreviation: a glossary term marked `abbreviation: true` may be
  used in a family text only if the same text, in the same language, also writes
  it out, i.e. contains the term's `expansion` (case does not matter), as in
  "samordnad individuell plan (SIP)". Each text is checked on its own, because each
  is read on its own (a heading, one part of the page, the handout).
- Said once: a family text has no words of its own on records, secrecy, reporting
  or consent (nor the "far illa" that leads to a report). Those are said in
  statements.yml and included by id (`family.records`, a part's `statements`), so
  one correction reaches every page. Titles, headings and leads only name the subject.
- Easy Swedish: the Swedish body text of a family page has LIX 40 or below
  (not yet for a skeleton whose texts still start with TODO).
"""
from __future__ import annotations

import re

from .content import Content
from .family import LIX_LIMIT, family_texts, lix_of
from .lix import lix
from .memo import clean_between_builds, per_item
from .models import LANGS
from .problems import Problem


@per_item
def _abbreviations(glossary) -> tuple[re.Pattern | None, dict]:
    terms = {t.term: t.expansion for t in glossary.terms if t.abbreviation and t.expansion}
    if not terms:
        return None, {}
    # Same word boundaries as the abbreviation tooltips (render.py): 'SIP' but not 'SIP-möte's inside of words.
    alternatives = "|".join(map(re.escape, sorted(terms, key=len, reverse=True)))
    return re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])"), terms


# (pattern, Swedish name, English name) per topic; words in both languages are checked in both texts.
_TOPICS = [
    # English: the nouns only ('the plan records what was agreed' is not a text about records).
    (re.compile(r"journal|anteckn|case files?|\bnotes\b|\brecords (?:of|about|on|at)\b", re.I),
     "journaler och anteckningar", "records and notes"),
    (re.compile(r"hemlig|sekretess|confidential|secre(t|cy)", re.I), "sekretess", "secrecy"),
    # 'anmäl' but not 'anmäler dig' (signing up for a group); 'far illa' is what a report is about.
    (re.compile(r"anmäl(?!\w*\s+(dig|er|sig)\b)|far illa|\breport|being harmed", re.I), "anmälan", "reporting"),
    # Who says yes is consent in everyday words ('du och dina föräldrar säger ja').
    (re.compile(r"samtyck|consent|\bsäg\w*\s+ja\b|\b(?:ert|ditt|era)\s+ja\b|\bsay(?:s|ing)?\s+yes\b|\byour yes\b", re.I),
     "samtycke", "consent"),
    # What a no changes ('det blir inte sämre för dig i skolan') is a promise, said once in nej-eller-sluta.
    (re.compile(r"sämre|samma stöd|finns kvar|påverkar inte|\bworse\b|same support|is still there|remains|does not affect",
                re.I), "vad ett nej ändrar", "what a no changes"),
]


def _free_texts(kind: str, item):
    """(location, text, where the statements go) of a family page's own body texts."""
    if kind == "toolbox":
        for loc, text in family_texts(kind, item):
            if loc[0] == "family":
                own = f"{loc[1]}_statements"
                yield loc, text, f"family.{own}" if own in item.family.__class__.model_fields else "family.records"
    elif kind == "familj":
        for i, part in enumerate(item.parts):
            if part.text is not None:
                yield ("parts", i, "text"), part.text, f"parts.{i}.statements"


def check_topics(kind: str, item, src, problems: list[Problem]) -> None:
    for loc, text, where in _free_texts(kind, item):
        for lang in LANGS:
            for pattern, topic_sv, topic_en in _TOPICS:
                match = pattern.search(text(lang))
                if match:
                    at = loc + (lang,)
                    problems.append(Problem(src.rel, src.line(at), ".".join(map(str, at)), "family-topic",
                                            value=match.group(0), topic_sv=topic_sv, topic_en=topic_en, where=where))
                    break


def check_family_texts(content: Content, problems: list[Problem]) -> None:
    for (kind, item_id), item in content.all_items():
        problems.extend(_item_family_problems(item, kind, content.sources[(kind, item_id)], content.glossary))


@per_item
@clean_between_builds
def _item_family_problems(item, kind: str, src, glossary) -> tuple[Problem, ...]:
    problems: list[Problem] = []
    pattern, expansions = _abbreviations(glossary) if glossary else (None, {})
    check_topics(kind, item, src, problems)
    if pattern is not None:
        for loc, text in family_texts(kind, item):
            for lang in LANGS:
                value = text(lang)
                for abbr in dict.fromkeys(pattern.findall(value)):
                    expansion = expansions[abbr](lang)
                    if expansion.casefold() not in value.casefold():
                        where = loc + (lang,)
                        problems.append(Problem(src.rel, src.line(where), ".".join(map(str, where)),
                                                "family-abbreviation", value=abbr, expansion=expansion.lower()))
    measured = lix_of(kind, item)
    # (statements' family wordings are measured in check_statement_texts)
    # A skeleton from `make new` still says TODO: the content report lists it; LIX waits for real text.
    drafts = any(text.sv.startswith("TODO") for _, text in family_texts(kind, item))
    if measured and measured[1] > LIX_LIMIT and not drafts:
        loc, score = measured
        problems.append(Problem(src.rel, src.line(loc), ".".join(map(str, loc)), "family-lix",
                                value=score, limit=LIX_LIMIT))
    return tuple(problems)


def check_statement_texts(content: Content, problems: list[Problem]) -> None:
    """A statement's family wording is a family text: explained abbreviations, LIX 40 or below."""
    if content.statements is None:
        return
    src = content.sources[("statements", "statements")]
    pattern, expansions = _abbreviations(content.glossary) if content.glossary else (None, {})
    for i, st in enumerate(content.statements.statements):
        for lang in LANGS:
            value = st.family(lang)
            for abbr in dict.fromkeys(pattern.findall(value)) if pattern is not None else ():
                if expansions[abbr](lang).casefold() not in value.casefold():
                    where = ("statements", i, "family", lang)
                    problems.append(Problem(src.rel, src.line(where), ".".join(map(str, where)), "family-abbreviation",
                                            value=abbr, expansion=expansions[abbr](lang).lower()))
        score = lix(st.family.sv)
        if score > LIX_LIMIT:
            where = ("statements", i, "family", "sv")
            problems.append(Problem(src.rel, src.line(where), ".".join(map(str, where)), "family-lix",
                                    value=score, limit=LIX_LIMIT))
