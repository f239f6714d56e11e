"""Validation rules for the texts a family reads (family pages, issue 12).

- No unexplained abbreviation: a glossary term marked `abbreviation: true` may be
  used in a family text only if the same text, in the same language, also writes
  it out, i.e. contains the term's `expansion` (case does not matter), as in
  "samordnad individuell plan (SIP)". Each text is checked on its own, because each
  is read on its own (a heading, one part of the page, the handout).
- Easy Swedish: the Swedish body text of a family page has LIX 40 or below
  (not yet for a skeleton whose texts still start with TODO).
"""
from __future__ import annotations

import re

from .content import Content
from .family import LIX_LIMIT, family_texts, lix_of
from .models import LANGS
from .problems import Problem


def _abbreviations(content: Content) -> tuple[re.Pattern | None, dict]:
    terms = {t.term: t.expansion for t in content.glossary.terms if t.abbreviation and t.expansion}
    if not terms:
        return None, {}
    # Same word boundaries as the abbreviation tooltips (render.py): 'SIP' but not 'SIP-möte's inside of words.
    alternatives = "|".join(map(re.escape, sorted(terms, key=len, reverse=True)))
    return re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])"), terms


def check_family_texts(content: Content, problems: list[Problem]) -> None:
    pattern, expansions = _abbreviations(content) if content.glossary else (None, {})
    for (kind, item_id), item in content.all_items():
        src = content.sources[(kind, item_id)]
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
        # A skeleton from `make new` still says TODO: the content report lists it; LIX waits for real text.
        drafts = any(text.sv.startswith("TODO") for _, text in family_texts(kind, item))
        if measured and measured[1] > LIX_LIMIT and not drafts:
            loc, score = measured
            problems.append(Problem(src.rel, src.line(loc), ".".join(map(str, loc)), "family-lix",
                                    value=score, limit=LIX_LIMIT))
