"""One checked content model per process, shared by the hook and macros.

The YAML is loaded once per change: the cache key is every source file's size
and modification time, so `mkdocs serve` reloads exactly when a file is edited.
"""
from __future__ import annotations

import copy
import os
import pickle
from pathlib import Path

from . import models
from .edition import edition_files, edition_from_env
from .loader import Source
from .render import Renderer
from .validate import load_content

_cache: dict = {}


def fingerprint(root: Path) -> tuple:
    files = [root / f"{name}.yml" for name in models.SINGLE_FILES] + [root / "published-urls.txt"]
    for kind in models.KINDS:
        files.extend(sorted((root / kind).glob("*.y*ml")))
    files.extend(edition_files(edition_from_env()))
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())


# `make build` checks the content once and hands it to both MkDocs processes in this
# file, so the YAML is read once per build; the fingerprint guards against staleness.
HANDOFF = "HANDBOK_CHECKED_CONTENT"


def content_for(root: Path):
    root = Path(root).resolve()
    key = (root, fingerprint(root))
    if _cache.get("key") != key:
        handoff = os.environ.get(HANDOFF)
        if handoff and Path(handoff).exists():
            with open(handoff, "rb") as f:
                saved_key, content = pickle.load(f)
            if saved_key == key:
                _cache.update(key=key, content=content)
                return content
        _cache["content"] = load_content(root, edition_from_env())  # raises ContentError; the old cache stays unused
        _cache["key"] = key
    return _cache["content"]


def hand_off(root: Path, content, folder: Path) -> dict:
    """Save checked content for the MkDocs processes; returns the environment to give them."""
    root = Path(root).resolve()
    path = folder / "content.pickle"
    # Checked content needs no YAML data or line maps any more: leave them out.
    light = copy.copy(content)
    light.sources = {key: Source(src.path, src.rel, None) for key, src in content.sources.items()}
    with open(path, "wb") as f:
        pickle.dump(((root, fingerprint(root)), light), f)
    return {HANDOFF: str(path)}


def site_for(root: Path, lang: str, site_url: str) -> Renderer:
    return Renderer(content_for(root), lang, site_url)
