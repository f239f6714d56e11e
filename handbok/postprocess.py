"""The handbook's own steps on the generator's HTML files (before: inside an MkDocs hook).

Every HTML file the generator wrote gets the theme markup fix (handbok/theme_markup.py)
and loses its indentation (handbok/compact.py). Runs on both cores; a file is
replaced in one rename, so a server never sends half of it.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .compact import compact_html
from .theme_markup import fix_theme_markup


def finish_page(path: str) -> bool:
    file = Path(path)
    html = file.read_text(encoding="utf-8")
    done = compact_html(fix_theme_markup(html))
    if done == html:
        return False
    tmp = file.with_name(f".{file.name}.tmp")
    tmp.write_text(done, encoding="utf-8")
    os.replace(tmp, file)
    return True


def finish_pages(site: Path, since: float | None = None, workers: int = 2) -> int:
    """Post-process every HTML file under `site` (or only those written after `since`)."""
    files = [str(p) for p in Path(site).rglob("*.html") if since is None or p.stat().st_mtime >= since]
    if len(files) < 50 or workers < 2:  # a preview save: a few pages, no pool worth starting
        return sum(map(finish_page, files))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(finish_page, files, chunksize=32))
