"""Skolsocial metodhandbok: load → validate → model → render.

Knows nothing of MkDocs: handbok/tree.py writes Markdown files that any
generator in handbok/generators.py turns into HTML.
"""
from .problems import ContentError
from .validate import load_content

__all__ = ["ContentError", "load_content"]
