"""Nothing unfinished goes live: a TODO placeholder left in any text.

`python -m handbok new` fills every text with "TODO …" so a draft can be saved and
previewed at once. The model accepts such texts (they are plain text), so this check
looks for the placeholder itself: `make check`, `make build` and `make publish` stop
on it; the preview (`make serve`) shows it as a warning on every page instead.
"""
from __future__ import annotations

import re

from .content import Content
from .memo import per_item
from .problems import Problem
from .validate import PLACEHOLDER

_TODO = re.compile(rf"\b{PLACEHOLDER}\b")


def _strings(data, loc: tuple = ()):
    """(loc, text) for every string in a loaded YAML document (keys are not texts)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, loc + (i,))
    elif isinstance(data, str):
        yield loc, data


def placeholders(content: Content) -> list[Problem]:
    """Every text that still holds the placeholder, with file, line and field."""
    found = [problem for src in content.sources.values() for problem in _in_source(src)]
    return sorted(found, key=lambda p: (p.file, p.line, p.field))


@per_item
def _in_source(src) -> tuple[Problem, ...]:
    found = []
    for loc, text in _strings(src.data):
        match = _TODO.search(text) if PLACEHOLDER in text else None  # the plain test first: far faster
        if match:
            excerpt = text[match.start():match.start() + 40].splitlines()[0]
            found.append(Problem(src.rel, src.line(loc), ".".join(map(str, loc)), "todo-left", value=excerpt))
    return tuple(found)
