"""Results worked out from one item, kept while the item is unchanged.

The loader keeps an unchanged file's parsed item (handbok/validate.py `load_folder`), so
the same file gives the same item object at every check. The preview checks the whole
content at every save; with these results kept, a save costs the check of what changed,
not of 1,000 items again. An item whose file changed is a new object and is worked out anew.
"""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from . import build_cache

_kept: dict[tuple, tuple] = {}
# A long preview session makes new items at every save; the old ones' results go at this size.
LIMIT = 200_000


def _same(a, b) -> bool:
    return a is b or (isinstance(a, (str, int, float, tuple, frozenset, dt.date)) and a == b)


def per_item(fn):
    """Keep fn(item, *context) while `item` and every context value are the same objects
    (or equal plain values). The context names whatever else the result depends on, such
    as the lagrum table or the item's source; a new lagrum.yml is a new object."""
    @functools.wraps(fn)
    def kept(item, *context):
        key = (fn.__qualname__, id(item), len(context))
        hit = _kept.get(key)
        if hit is not None and hit[0] is item and all(_same(a, b) for a, b in zip(hit[1], context)):
            return hit[2]
        if len(_kept) > LIMIT:
            _kept.clear()
        result = fn(item, *context)
        _kept[key] = (item, context, result)  # holding the item keeps its id from being reused
        return result
    return kept


# Between builds (.cache/checked/): the item checks that found nothing, by everything their
# result depends on: the item's file (its bytes), the other content the check reads, and
# the handbook's code. A rebuild then checks only what changed. Set while a whole check runs
# (loader.kept_between_builds); a check that finds a problem is always done again.
between_builds: list = []
_HANDBOOK = Path(__file__).resolve().parent
_printed: dict[int, tuple] = {}


@functools.cache
def _code_version() -> str:
    files = sorted([*_HANDBOOK.glob("*.py"), _HANDBOOK / "ui.yml"])
    return build_cache.key(*(f.read_bytes() for f in files))


def fingerprint(value) -> str | None:
    """What a context value contributes to the key: a source file by its name and bytes,
    a plain value as itself, a model (the lagrum table, the glossary) by its content."""
    digest = getattr(value, "digest", None)
    if isinstance(digest, str):
        return f"{value.rel}:{digest}" if digest else None
    if value is None or isinstance(value, (str, int, float, dt.date)):
        return repr(value)
    if hasattr(value, "model_dump_json"):
        hit = _printed.get(id(value))
        if hit is None or hit[0] is not value:
            if len(_printed) > 1000:  # a long preview session: each save of lagrum.yml is a new table
                _printed.clear()
            hit = (value, build_cache.key(type(value).__qualname__, value.model_dump_json()))
            _printed[id(value)] = hit
        return hit[1]
    return None


def clean_between_builds(fn):
    """For a per-item check that returns its problems as a tuple and gets the item's source
    among its context: a result with no problem is remembered for the next build."""
    @functools.wraps(fn)
    def checked(item, *context):
        prints = [fingerprint(value) for value in context]
        if not between_builds or None in prints or not any(getattr(v, "digest", "") for v in context):
            return fn(item, *context)
        name = build_cache.key(fn.__module__, fn.__qualname__, _code_version(), *prints)
        if between_builds[-1].get(name):
            return ()
        result = fn(item, *context)
        if not result:
            between_builds[-1].put(name, 1)
        return result
    return checked
