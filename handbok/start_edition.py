"""`make edition NEW=editions/min-kommun`: a municipality's own edition, started from the example.

Copies editions/exempelkommun/ (made up from start to finish) to the new folder, leaves
out the example's published-urls.txt (those addresses are the example's; `make urls
EDITION=…` writes the edition's own when it is published) and points every file's
schema line at this repository's schemas/ from wherever the folder lives, so VS Code
completes and checks the fields there too.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

EXAMPLE = Path("editions") / "exempelkommun"
_SCHEMA_LINE = re.compile(r"^(# yaml-language-server: \$schema=)(\S+)$", re.MULTILINE)


def schema_lines(folder: Path, root: Path) -> None:
    """Rewrite the schema line of every YAML file in `folder` to reach root/schemas/."""
    for path in sorted(folder.rglob("*.yml")):
        text = path.read_text(encoding="utf-8")

        def relink(match):
            schema = root.resolve() / "schemas" / Path(match.group(2)).name
            return match.group(1) + Path(os.path.relpath(schema, path.parent.resolve())).as_posix()

        new = _SCHEMA_LINE.sub(relink, text, count=1)
        if new != text:
            path.write_text(new, encoding="utf-8")


def start_edition(root: Path, target: Path) -> Path:
    target = Path(target).absolute()
    if target.exists():
        raise FileExistsError(str(target))
    shutil.copytree(root / EXAMPLE, target, ignore=shutil.ignore_patterns("published-urls.txt"))
    schema_lines(target, root)
    return target
