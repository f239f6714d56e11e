"""Fixes to the theme's own markup that no template override can reach.

Material writes its drawer and search toggles in base.html outside any block, with
`autocomplete="off"`, which HTML allows on text-like inputs only (vnu: error on
every page). Everything else the theme gets wrong is fixed in overrides/.
"""
from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">')


def fix_theme_markup(html: str) -> str:
    return _TOGGLE.sub(r"\1>", html)
