"""Results worked out from one item, kept while the item is unchanged.

The loader keeps an unchanged file's parsed item (handbok/validate.py `load_folder`), so
the same file gives the same item object at every check. The preview checks the whole
content at every save; with these results kept, a save costs the check of what changed,
not of 1,000 items again. An item whose file changed is a new object and is worked out anew.
"""
from __future__ import annotations

import datetime as dt
import functools

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
