"""One checked content model per process, and a Renderer per language on it.

The YAML is loaded once per change: the cache key is every source file's size
and modification time, so a long-lived process reloads exactly when a file is edited.
"""
from __future__ import annotations

from pathlib import Path

from . import models
from .edition import edition_files, edition_from_env
from .render import Renderer
from .validate import load_content

_cache: dict = {}


def fingerprint(root: Path) -> tuple:
    files = [root / f"{name}.yml" for name in models.SINGLE_FILES] + [root / "published-urls.txt"]
    for kind in models.KINDS:
        files.extend(sorted((root / kind).glob("*.y*ml")))
    files.extend(edition_files(edition_from_env()))
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())


def content_for(root: Path):
    root = Path(root).resolve()
    key = (root, fingerprint(root))
    if _cache.get("key") != key:
        _cache["content"] = load_content(root, edition_from_env())  # raises ContentError; the old cache stays unused
        _cache["key"] = key
    return _cache["content"]


def site_for(root: Path, lang: str, site_url: str) -> Renderer:
    return Renderer(content_for(root), lang, site_url)
