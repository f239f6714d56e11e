"""Wordings that readers have acted on wrongly, refused wherever a reader sees them.

Blind readings of the handbook found the same few sentences again and again, each time
on a page the last correction had not reached. These rules stop them at the check, in
every text a reader sees (staff and family pages, forms, statements), so they cannot
come back one sentence at a time:

- "anonym": a request or a consultation without a name can still point to the student,
  so nothing is called anonymous; say what is left out ("utan namn och personnummer")
  and that it can still identify the student. Allowed where the sentence says it is
  *not* anonymous, says that a report calls it so, or is about an anonymous survey.
- where the school social worker is employed: Stockholm's and Uppsala's projects had
  them employed by social services, other places have the school. A sentence saying
  someone comes from, or is employed by, social services names the place or hedges
  ("i Stockholm", "ofta", "hos er kan det vara …"). Family pages say it only through
  the statement `skolsocionomen-kommer-fran-socialtjansten` (family_checks.py).

The report's own words stay in the passages (verbatim quotes), and the change notes
stay as written (a dated record of what changed); neither is checked here. A change note
that cites a provision read as likely or unverified is shown with the line that says so
(Renderer.note_uncertain), since readers took the log's plain wording as settled law. The
handwritten pages (docs/sv, docs/en: background, about, the start page) are checked
line by line, as they are written.
"""
from __future__ import annotations

import re

from .legalrefs import reader_texts
from .memo import clean_between_builds, per_item
from .problems import Problem

# A sentence ends at . ! ? : ; and any closing emphasis, bracket or quote after it.
_SENTENCE_END = re.compile(r"(?<=[.!?:;])[*_)\]\"”’]*\s+|\n+")

# (code, words one of which a refused text contains (a cheap first test), what is refused,
# what allows it in the same sentence)
RULES = [
    ("wording-anonymous", ("anonym",),
     re.compile(r"\banonym", re.I),
     re.compile(r"\b(inte|ej|aldrig|kallar|kallas|kallade|beskrivs|beskriver|not|never|cannot|can't|no longer|"
                r"calls|called|described)\b"
                # an anonymous survey is one: the word stands right beside it
                r"|anonym\w*\s+(?:\w+\s+){0,2}(?:\w*enkät|survey|questionnaire)"
                r"|(?:enkät\w*|survey\w*|questionnaire\w*)\s+(?:\w+\s+){0,3}anonym", re.I)),
    ("wording-employer", ("socialtjänsten", "social services"),
     re.compile(r"\b(kommer|kom) från socialtjänsten|\banställd av socialtjänsten|\bcomes? from (the )?social services|"
                r"\b(is|are|was|were) employed by social services", re.I),
     re.compile(r"\b(Stockholm\w*|Uppsala\w*|Hjulsta|Skarpnäck|ESF|Spånga-Tensta|Rinkeby-Kista|projekt\w*|"
                r"ofta|oftast|kan|andra håll|en del håll|hos er|project\w*|often|usually|may|can|elsewhere|"
                r"where you live)\b", re.I)),
]


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def check_wording(content, problems: list[Problem]) -> None:
    for key, item in content.all_items():
        problems.extend(_item_wording(item, content.sources[key]))
    for name in ("statements", "glossary"):  # said once, shown on many pages
        if getattr(content, name, None) is not None:
            problems.extend(_item_wording(getattr(content, name), content.sources[(name, name)]))
    for page in sorted((content.root / "docs").glob("*/**/*.md")):
        rel = page.relative_to(content.root).as_posix()
        for lineno, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            problems.extend(_refused(rel, lineno, "", line))


def _checked(loc: tuple) -> bool:
    return "passage" not in loc and "changes" not in loc


@per_item
@clean_between_builds
def _item_wording(item, src) -> tuple[Problem, ...]:
    found = []
    for loc, text in reader_texts(item):
        if _checked(loc) and isinstance(text, str):
            found.extend(_refused(src.rel, src.line(loc), ".".join(map(str, loc)), text))
    return tuple(found)


def _refused(rel: str, line: int, field: str, text: str) -> list[Problem]:
    """The sentences of `text` that a rule refuses, each as a problem at file, line and field."""
    folded = text.casefold()
    rules = [rule for rule in RULES if any(word in folded for word in rule[1]) and rule[2].search(text)]
    found = []
    for sentence in sentences(text) if rules else ():  # most texts have none: no need to split them
        for code, _, refused, allowed in rules:
            match = refused.search(sentence)
            if match and not allowed.search(sentence):
                start = max(0, match.start() - 50)  # the words around it, as the coordinator finds them
                found.append(Problem(rel, line, field, code,
                                     value=("…" if start else "") + sentence[start:match.end() + 40].strip()))
    return found
