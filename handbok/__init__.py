"""Skolsocial metodhandbok: load → validate → model → render.

Knows nothing of MkDocs; `hooks/handbok_hook.py` and `macros.py` wire it in.
"""
from .problems import ContentError
from .validate import load_content

__all__ = ["ContentError", "load_content"]
