"""Family pages: what a parent or student reads first when the school sends a link.

Every insats has one (/familj/<id>/, built from its `family_line` and `family`
section), and so does every moment in familj/<id>.yml (an orosanmälan, the
samtyckesblankett …). This module decides what each page shows; the markup is
in templates/family_page.md.j2 and overrides/family.html.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field

from . import models
from .memo import per_item
from .content import SECTIONS, Content
from .lix import lix

SECTION = SECTIONS["familj"]
# The family section of an insats, in reading order; each part's heading is a UI string of the same name.
# A `<part>_statements` field is not a part of its own: its statements follow that part's text.
INSATS_PARTS = tuple(name for name in models.FamilySection.model_fields if not name.endswith("_statements"))
LIX_LIMIT = 40


@dataclass
class FamilyView:
    kind: str  # "toolbox" or "familj"
    id: str
    title: models.Text
    lead: models.Text
    parts: list[models.FamilyPart]
    staff_ref: str | None  # an 'any' reference, e.g. 'verktygslada/hembesok'
    toolbox: list[str] = field(default_factory=list)


def contacts_for(content: Content, kind: str, item_id: str) -> list[models.Contact]:
    """Who the family contacts about this page: a local edition's contact points for it
    (see edition.py). The core handbook has none, so the page leaves a space to fill in by hand."""
    return content.contacts_for("family", item_id)


def views(content: Content, ui: dict[str, models.Text]) -> dict[str, FamilyView]:
    """Every family page by id: the moments first, then the insatser."""
    out = {}
    for item_id, page in content.familj.items():
        out[item_id] = FamilyView("familj", item_id, page.title, page.lead, list(page.parts), page.staff_page,
                                  list(page.toolbox))
    for item_id, item in content.toolbox.items():
        out[item_id] = _insats_view(item, item_id, ui)
    return out


@per_item
def _insats_view(item, item_id: str, ui: dict[str, models.Text]) -> FamilyView:
    parts = [models.FamilyPart(heading=ui[name], statements=item.family.records) if name == "records"
             else models.FamilyPart(heading=ui[name], text=getattr(item.family, name),
                                    statements=getattr(item.family, f"{name}_statements", []))
             for name in INSATS_PARTS]
    return FamilyView("toolbox", item_id, item.title, item.family_line, parts, f"{SECTIONS['toolbox']}/{item_id}")


def family_texts(kind: str, item) -> list[tuple[tuple, models.Text]]:
    """(field location, text) for every text a family page shows; validation checks these."""
    if kind == "toolbox":
        return [(("title",), item.title), (("family_line",), item.family_line)] + [
            (("family", name), getattr(item.family, name)) for name in INSATS_PARTS if name != "records"]
    if kind == "familj":
        out = [(("title",), item.title), (("lead",), item.lead)]
        for i, part in enumerate(item.parts):
            out.append((("parts", i, "heading"), part.heading))
            if part.text is not None:
                out.append((("parts", i, "text"), part.text))
        return out
    return []


def lix_of(kind: str, item) -> tuple[tuple, float] | None:
    """(field location, LIX) of a family page's Swedish body text, or None for other kinds."""
    if kind == "toolbox":
        return ("family",), lix(" ".join(getattr(item.family, name).sv for name in INSATS_PARTS if name != "records"))
    if kind == "familj":
        return ("parts",), lix(" ".join([item.lead.sv] + [p.text.sv for p in item.parts if p.text is not None]))
    return None


def other_language_url(lang: str, url: str) -> str:
    """Relative address of the same page in the other language ('familj/x/' → '../../en/familj/x/')."""
    depth = url.count("/")
    return "../" * depth + "en/" + url if lang == "sv" else "../" * (depth + 1) + url


def gloss_first(markdown: str, word: str, gloss: str) -> str:
    """Explain a word families may not know right after the paragraph where it first
    appears ("Skolsocionom – en socialarbetare …"), leaving the family text as written.
    Not counted: the front matter, headings and link addresses."""
    front_end = markdown.find("\n---", 4) + 4 if markdown.startswith("---") else 0
    pattern = re.compile(rf"(?<![\w/#.-]){re.escape(word)}\w*(?![\w/.-]*\))", re.IGNORECASE)
    offset = front_end
    for line in markdown[front_end:].splitlines(keepends=True):
        if not line.lstrip().startswith(("#", "<h")) and pattern.search(line):
            end = markdown.find("\n\n", offset)
            end = len(markdown) if end < 0 else end
            note = f'<p class="hb-gloss"><dfn>{word[0].upper() + word[1:]}</dfn> – {gloss}.</p>'
            return f"{markdown[:end]}\n\n{note}{markdown[end:]}"
        offset += len(line)
    return markdown


def pages(r) -> dict[str, str]:
    """{md path: Markdown} for /familj/, every family page and old insats ids (aliases)."""
    all_views = views(r.c, r.ui)
    out = {}
    skipped = r.c.not_offered  # a local edition's insatser not offered: the address answers and says so
    for item_id, view in all_views.items():
        path = f"{SECTION}/{item_id}.md"
        if view.kind == "toolbox" and item_id in skipped:
            out[path] = r.render("not_offered.md.j2", path, item=r.c.toolbox[item_id], item_id=item_id,
                                 entry=skipped[item_id], family_page=True)
        else:
            out[path] = gloss_first(r.render("family_page.md.j2", path, view=view,
                                             contacts=contacts_for(r.c, view.kind, item_id),
                                             other_url=other_language_url(r.lang, f"{SECTION}/{item_id}/")),
                                    r.u("family_gloss_word"), r.u("family_gloss"))
        item = r.c.toolbox[item_id] if view.kind == "toolbox" else r.c.familj[item_id]
        for alias in item.aliases:
            alias_path = f"{SECTION}/{alias}.md"
            out[alias_path] = r.render("redirect.md.j2", alias_path, target=path, item=item)
    moments = [v for v in all_views.values() if v.kind == "familj"]
    insatser = sorted((v for v in all_views.values() if v.kind == "toolbox" and v.id not in skipped),
                      key=lambda v: v.title(r.lang).casefold())
    out[f"{SECTION}/index.md"] = r.render("family_index.md.j2", f"{SECTION}/index.md", moments=moments,
                                          insatser=insatser, other_url=other_language_url(r.lang, f"{SECTION}/"))
    return out
