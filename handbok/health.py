"""Content health for coordinators: what needs attention, never what blocks a build.

Used by `python -m handbok report`, by the build (warnings), and by the
report page in the site (/redigera/rapport/).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .content import SECTIONS, Content
from .lix import lix
from .memo import per_item
from .models import Text

LIX_LIMIT = 40
LAGRUM_MAX_AGE_DAYS = 365
# An English text much shorter than its Swedish one is probably a stub or a half translation.
SHORT_RATIO = 0.5
SHORT_MIN_CHARS = 40


@dataclass
class Finding:
    kind: str  # key in REPORT_SECTIONS
    where: str  # file, e.g. toolbox/hembesok.yml
    url: str  # the page's Markdown path, with an optional #anchor
    detail: str


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def review_due(item) -> dt.date:
    return add_months(item.reviewed, item.review_months)


def texts(obj, path=()):
    """Yield (field path, Text) for every reader-visible text in a model."""
    if isinstance(obj, Text):
        yield path, obj
    elif hasattr(type(obj), "model_fields"):
        for name in type(obj).model_fields:
            yield from texts(getattr(obj, name), path + (name,))
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            yield from texts(value, path + (i,))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from texts(value, path + (key,))


def claims(obj, path=()):
    """Yield (field path, claim) for every claim about what a place did, found or learnt:
    every part of an item whose model has a `passage` field (models.Passage)."""
    if hasattr(type(obj), "model_fields"):
        if "passage" in type(obj).model_fields:
            yield path, obj
            return
        for name in type(obj).model_fields:
            yield from claims(getattr(obj, name), path + (name,))
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            yield from claims(value, path + (i,))


def passage_counts(content: Content) -> tuple[int, int]:
    """(claims with a passage, claims without one) over every item."""
    found = [claim.passage is not None for _, item in content.all_items() for _, claim in claims(item)]
    return sum(found), len(found) - sum(found)


def findings(content: Content, today: dt.date | None = None) -> list[Finding]:
    today = today or dt.date.today()
    out: list[Finding] = []
    for (kind, item_id), item in content.all_items():
        out.extend(_item_findings(item, kind, item_id, content.sources[(kind, item_id)], today))
    for pid, provision in content.lagrum.provisions.items():
        if (today - provision.checked).days > LAGRUM_MAX_AGE_DAYS:
            out.append(Finding("stale_lagrum", "lagrum.yml", f"sekretess/lagrum.md#{pid}", f"{pid}: {provision.checked}"))
        if provision.confidence != "verified":  # pages using it say "ask your legal adviser" until someone checks
            out.append(Finding("uncertain_lagrum", "lagrum.yml", f"sekretess/lagrum.md#{pid}",
                               f"{pid}: {provision.confidence}"))
    return out


def family_lix(content: Content) -> dict[str, float]:
    """LIX of every family page's Swedish text: each insats's family section and each familj/ page."""
    from .family import lix_of

    scores = {item_id: lix_of("toolbox", t)[1] for item_id, t in content.toolbox.items()}
    scores.update({f"familj/{item_id}": lix_of("familj", page)[1] for item_id, page in content.familj.items()})
    return scores


REPORT_SECTIONS = {
    "stale": ("Sidor som ska granskas", "Pages due for review"),
    "short_translation": ("Saknade eller misstänkt korta översättningar", "Missing or suspiciously short translations"),
    "hard_family_text": (f"Familjetexter över LIX {LIX_LIMIT}", f"Family texts above LIX {LIX_LIMIT}"),
    "stale_lagrum": ("Lagrum som inte kontrollerats på 12 månader", "Legal references not checked in 12 months"),
    "uncertain_lagrum": ("Lagrum vars tolkning inte är verifierad – be en jurist kontrollera", "Provisions whose reading is not verified – ask a legal adviser to check"),
    "no_sources": ("Poster utan källor", "Items with no sources"),
    "placeholder": ("Texter som fortfarande är TODO", "Texts still marked TODO"),
    "no_passage": ("Påståenden om vad en plats gjort utan källcitat (passage)",
                   "Claims about what a place did with no report passage"),
}


def warnings(content: Content, today: dt.date | None = None) -> list[str]:
    """Lines the build prints without stopping: what a coordinator must see soon."""
    from .problems import Problem

    out = []
    for pid, provision in content.lagrum.provisions.items():
        if ((today or dt.date.today()) - provision.checked).days > LAGRUM_MAX_AGE_DAYS:
            line = content.sources[("lagrum", "lagrum")].line(("provisions", pid, "checked"))
            out.append("Varning / Warning: " + str(Problem("lagrum.yml", line, f"provisions.{pid}.checked",
                                                           "stale-lagrum", value=provision.checked)))
    return out


def text_report(content: Content, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    found = findings(content, today)
    lines = [f"Innehållsrapport / Content report {today}", ""]
    for kind, (sv, en) in REPORT_SECTIONS.items():
        rows = [f for f in found if f.kind == kind]
        lines.append(f"{sv} / {en}: {len(rows)}")
        lines += [f"  {f.where}: {f.detail}" for f in rows]
        lines.append("")
    with_passage, without = passage_counts(content)
    lines.append(f"Påståenden med källcitat / Claims with a passage: {with_passage}; "
                 f"utan / without: {without}")
    scores = family_lix(content)
    if scores:
        lines.append(f"LIX (familjetexter / family texts): {min(scores.values())}–{max(scores.values())}")
    return "\n".join(lines)


@per_item
def _item_findings(item, kind: str, item_id: str, src, today: dt.date) -> tuple[Finding, ...]:
    out: list[Finding] = []
    where = src.rel
    url = f"{SECTIONS[kind]}/{item_id}.md"
    due = review_due(item)
    if due < today:
        out.append(Finding("stale", where, url, f"{item.reviewed} + {item.review_months} mån/months = {due} ({item.owner.sv} / {item.owner.en})"))
    if not item.sources:
        out.append(Finding("no_sources", where, url, "sources: []"))
    for path, text in texts(item):
        if text.sv.startswith("TODO") or text.en.startswith("TODO"):
            out.append(Finding("placeholder", where, url, ".".join(map(str, path))))
        if len(text.sv) >= SHORT_MIN_CHARS and len(text.en) < SHORT_RATIO * len(text.sv):
            field = ".".join(map(str, path))
            out.append(Finding("short_translation", where, url, f"{field}: sv {len(text.sv)} / en {len(text.en)}"))
        elif len(text.sv) >= SHORT_MIN_CHARS and text.sv == text.en and path[-1] != "place":
            out.append(Finding("short_translation", where, url, f"{'.'.join(map(str, path))}: sv = en"))
    for path, claim in claims(item):
        if claim.passage is None:
            line = src.line(path)
            out.append(Finding("no_passage", f"{where}:{line}", url, ".".join(map(str, path))))
    family = getattr(item, "family", None)
    if family is not None:
        from .family import lix_of

        score = lix_of("toolbox", item)[1]
        if score > LIX_LIMIT:
            out.append(Finding("hard_family_text", where, url, f"LIX {score}"))
    return tuple(out)
