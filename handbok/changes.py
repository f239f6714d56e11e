"""What changed in the handbook: the entries behind /nytt/ and its Atom feed, and the
check that keeps each item's change history in order.

Every item carries `changes:` (newest first, see models.Change). This module reads
them across the handbook; the templates nytt.md.j2 and atom.xml.j2 hold the markup.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import models
from .problems import Problem

# The /nytt/ page and the feed show at least this many of the latest changes, and every
# change of the last day they reach, grouped by day so it reads on a phone.
LATEST = 100
# ... but never more than this many: the page (and every preview save, which renders it again)
# stays a bounded size even at 1,000 items. A round of corrections here was 841 notes in one
# day, so the cap sits above that: a cut day hides a whole section's changes (they sort by kind).
DAY_MAX = 1200


@dataclass(frozen=True)
class Entry:
    date: dt.date
    kind: str
    item_id: str
    note: models.Text
    number: int  # 1 for an item's first (oldest) change: stable when newer ones are added


def recent(content, limit: int = LATEST) -> list[Entry]:
    """The latest changes across the handbook, newest first."""
    entries = []
    for (kind, item_id), item in content.all_items():
        total = len(item.changes)
        for i, change in enumerate(item.changes):
            entries.append(Entry(change.date, kind, item_id, change.note, total - i))
    for st in _statements(content):  # statements said once (statements.yml) have a history too
        for i, change in enumerate(st.changes):
            entries.append(Entry(change.date, "statements", st.id, change.note, len(st.changes) - i))
    # Newest first; on the same day in a fixed order so the page and feed do not shuffle. A statement
    # comes first on its day: one change to it reaches every page that shows it.
    rank = {kind: n for n, kind in enumerate(["statements", *models.KINDS])}
    entries.sort(key=lambda e: (-e.date.toordinal(), rank[e.kind], e.item_id, -e.number))
    if len(entries) > limit:  # whole days: a day of many corrections is not cut in half, up to DAY_MAX
        last_day = entries[limit - 1].date
        entries = [e for e in entries if e.date >= last_day][:max(limit, DAY_MAX)]
    return entries


def _statements(content) -> list:
    return list(content.statements.statements) if getattr(content, "statements", None) is not None else []


def check(content, problems: list[Problem], today: dt.date | None = None) -> None:
    """A change history is newest first and has no date in the future (items and statements)."""
    today = today or dt.date.today()
    histories = [(content.sources[key], item, ("changes",)) for key, item in content.all_items()]
    if ("statements", "statements") in content.sources:
        src = content.sources[("statements", "statements")]
        histories += [(src, st, ("statements", n, "changes")) for n, st in enumerate(_statements(content))]
    for src, item, at in histories:
        for i, change in enumerate(item.changes):
            loc = at + (i, "date")
            field = ".".join(map(str, loc))
            if change.date > today:
                problems.append(Problem(src.rel, src.line(loc), field, "change-in-future", value=change.date,
                                        today=today))
            if i and change.date > item.changes[i - 1].date:
                problems.append(Problem(src.rel, src.line(loc), field, "changes-order", value=change.date,
                                        other=item.changes[i - 1].date))
