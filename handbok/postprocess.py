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
from .publish import page_hashes
from .theme_markup import fix_theme_markup


def finish_page(path: str) -> tuple[bool, dict[str, set[str]]]:
    """Fix and compact one page; its inline scripts' and styles' CSP hashes come along,
    so the server step need not read every page again."""
    file = Path(path)
    html = file.read_text(encoding="utf-8")
    done = compact_html(fix_theme_markup(html))
    hashes = page_hashes(done)
    if done == html:
        return False, hashes
    tmp = file.with_name(f".{file.name}.tmp")
    tmp.write_text(done, encoding="utf-8")
    os.replace(tmp, file)
    return True, hashes


def finish_pages(site: Path, since: float | None = None, workers: int = 2,
                 hashes: dict[str, set[str]] | None = None) -> int:
    """Post-process every HTML file under `site` (or only those written after `since`);
    the pages' CSP hashes are added to `hashes`. Returns how many pages changed."""
    files = [str(p) for p in Path(site).rglob("*.html") if since is None or p.stat().st_mtime >= since]
    if len(files) < 50 or workers < 2:  # a preview save: a few pages, no pool worth starting
        results = list(map(finish_page, files))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(finish_page, files, chunksize=32))
    if hashes is not None:
        for _, found in results:
            for name, values in found.items():
                hashes.setdefault(name, set()).update(values)
    return sum(changed for changed, _ in results)
