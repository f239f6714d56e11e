"""Local editions: a municipality's additions, loaded beside the core and never into it.

An edition is a folder (in this repository or the municipality's own):

    edition.yml            name, address, logo, who answers, contacts, routines, not offered
    toolbox/ examples/ …   local items, the same kinds and shapes as the core
    published-urls.txt     the edition's own never-disappear list

The core is read as it is and the edition is laid on top (validate.assemble, one
loading step before any cross-check), so a core correction
reaches every edition at its next build without a merge. An edition may add, never
replace: reusing a core id is an error that names both files.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import models
from .content import Content
from .problems import Problem

# The environment variable `make … EDITION=path` sets; subprocesses inherit it.
ENV = "HANDBOK_EDITION"


def edition_from_env() -> Path | None:
    value = os.environ.get(ENV, "").strip()
    return Path(value).resolve() if value else None


def edition_files(edition: Path | None) -> list[Path]:
    """Every file of an edition that a build reads (for change detection)."""
    if edition is None or not edition.is_dir():
        return []
    files = [edition / "edition.yml", edition / "published-urls.txt"]
    for kind in models.KINDS:
        files.extend(sorted((edition / kind).glob("*.y*ml")))
    return [f for f in files if f.exists()]


def check_edition(content: Content, problems: list[Problem]) -> None:
    """Rules that only an edition has (references are checked with everything else)."""
    ed = content.edition
    if ed is None:
        return
    src = content.sources[("edition", "edition")]
    for i, routine in enumerate(ed.routines):
        if (routine.step is None) == (routine.toolbox is None):
            loc = ("routines", i)
            problems.append(Problem(src.rel, src.line(loc), f"routines.{i}", "routine-target"))
    skipped = {n.toolbox for n in ed.not_offered}
    for i, n in enumerate(ed.not_offered):
        if (("toolbox", n.toolbox)) in content.local:
            problems.append(Problem(src.rel, src.line(("not_offered", i, "toolbox")), f"not_offered.{i}.toolbox",
                                    "not-offered-local", value=n.toolbox))
        for j, alt in enumerate(n.alternatives):
            if alt in skipped:
                loc = ("not_offered", i, "alternatives", j)
                problems.append(Problem(src.rel, src.line(loc), ".".join(map(str, loc)), "not-offered-alternative",
                                        value=alt))
    ids: dict[str, int] = {}
    for i, contact in enumerate(ed.contacts):
        if contact.id in ids:
            problems.append(Problem(src.rel, src.line(("contacts", i, "id")), f"contacts.{i}.id", "duplicate-id",
                                    value=contact.id, other=f"contacts.{ids[contact.id]}"))
        ids.setdefault(contact.id, i)


def published_lists(content: Content) -> list[tuple[str, Path]]:
    """(name to show, path) of every never-disappear list this build must keep."""
    lists = [("published-urls.txt", content.root / "published-urls.txt")]
    if content.edition_dir is not None:
        path = content.edition_dir / "published-urls.txt"
        root = content.root.resolve()
        lists.append((path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix(), path))
    return lists
