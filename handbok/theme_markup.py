"""Fixes to the theme's own markup that no template override can reach.

Material writes its drawer and search toggles in base.html outside any block, with
`autocomplete="off"`, which HTML allows on text-like inputs only (vnu: error on
every page). Everything else the theme gets wrong is fixed in overrides/.

The phone table of contents (overrides/partials/content.html) is written before the
page's content, because a template that splits the content would call Python (which
Zensical's templates cannot); here it is moved to just after the page's h1.
"""
from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">')


_PAGE_TOC = re.compile(r'(<nav class="hb-page-toc".*?</nav>)(\s*)(.*?</h1>)', re.S)


def fix_theme_markup(html: str) -> str:
    html = _TOGGLE.sub(r"\1>", html)
    return _PAGE_TOC.sub(r"\3\2\1", html, count=1)
