"""The generators that can turn a Markdown tree (handbok/tree.py) into HTML.

Each reads the tree's mkdocs.yml and runs none of our code. `make build
GENERATOR=properdocs` (or HANDBOK_GENERATOR) chooses; MkDocs is the default.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

DEFAULT = "mkdocs"
ENV = "HANDBOK_GENERATOR"
# name → how to run it: (argv prefix, whether it takes --strict and -d)
_COMMANDS = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build"],
    "properdocs": [sys.executable, "-m", "properdocs", "build"],
    # Zensical (not installable here yet): reads the same mkdocs.yml, writes to its site_dir.
    "zensical": ["zensical", "build"],
}
NAMES = tuple(_COMMANDS)
# Generators that take their output folder from the config only (site/ beside it).
OUTPUT_FROM_CONFIG = {"zensical"}


class UnknownGenerator(ValueError):
    pass


def chosen(name: str | None = None) -> str:
    name = name or os.environ.get(ENV) or DEFAULT
    if name not in _COMMANDS:
        raise UnknownGenerator(f"Okänd generator / unknown generator: {name} ({', '.join(NAMES)})")
    return name


def command(name: str, config: Path, site_dir: Path) -> list[str]:
    if name == "zensical":
        return [*_COMMANDS[name], "--config-file", str(config), "--clean"]
    return [*_COMMANDS[name], "--strict", "-f", str(config), "-d", str(site_dir)]


def available(name: str) -> bool:
    """Installed here? (python -m … for the Python ones, the command for Zensical.)"""
    if name == "zensical":
        return shutil.which("zensical") is not None
    from importlib.util import find_spec

    return find_spec(name) is not None


def environment() -> dict:
    # Material prints a notice about MkDocs 2 on every build; the README covers it.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
