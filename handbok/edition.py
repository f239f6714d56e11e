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
import re
import xml.parsers.expat
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
    logo = content.logo_path()
    if logo is not None and logo.is_file():
        root = content.root.resolve()
        rel = logo.relative_to(root).as_posix() if logo.is_relative_to(root) else logo.as_posix()
        if (problem := logo_problem(logo, rel)) is not None:
            problems.append(problem)
    ids: dict[str, int] = {}
    for i, contact in enumerate(ed.contacts):
        if contact.id in ids:
            first = src.line(("contacts", ids[contact.id], "id"))
            problems.append(Problem(src.rel, src.line(("contacts", i, "id")), f"contacts.{i}.id", "duplicate-id",
                                    value=contact.id, other=f"{src.rel}:{first} (contacts.{ids[contact.id]})"))
        ids.setdefault(contact.id, i)


# The logo is served as a file of the site: as SVG it could run script on the site's own
# origin (opened directly) or fetch from another host. Only plain drawing is allowed.
LOGO_MAX_BYTES = 256 * 1024
_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_SVG_FORBIDDEN = {"script", "foreignObject", "iframe", "object", "embed", "image", "a", "use", "animate", "set",
                  "animateMotion", "animateTransform", "handler", "listener", "audio", "video", "feImage"}
_EXTERNAL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import|javascript:|expression\(", re.IGNORECASE)


def logo_problem(path: Path, rel: str) -> Problem | None:
    """The first thing in an SVG logo that could run script or make a request, as a Problem."""
    data = path.read_bytes()
    if len(data) > LOGO_MAX_BYTES:
        return Problem(rel, 1, "", "file-too-big", value=f"{len(data) // 1024} KB", limit=f"{LOGO_MAX_BYTES // 1024} KB")
    found: list[tuple[int, str]] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")

    def refuse(what: str) -> None:
        found.append((parser.CurrentLineNumber, what))
        raise _Stop

    def start(name: str, attrs: dict) -> None:
        ns, _, local = name.rpartition(" ")
        if ns not in (_SVG, "") or local in _SVG_FORBIDDEN:
            refuse(f"<{local}>")
        for key, value in attrs.items():
            attr = key.rpartition(" ")[2]
            if attr.lower().startswith("on"):
                refuse(f"{attr}=")
            if attr == "href" or key.startswith(_XLINK) or _EXTERNAL.search(value):
                refuse(f'{attr}="{value[:30]}"')

    def text(data: str) -> None:
        if _EXTERNAL.search(data):
            refuse(data.strip()[:30])

    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = lambda *a: refuse("<!DOCTYPE>")
    parser.EntityDeclHandler = lambda *a: refuse("<!ENTITY>")
    parser.ProcessingInstructionHandler = lambda target, data: refuse(f"<?{target}?>")
    parser.ExternalEntityRefHandler = lambda *a: refuse("external entity")
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except xml.parsers.expat.ExpatError as err:
        return Problem(rel, err.lineno, "", "logo-not-svg")
    if found:
        line, what = found[0]
        return Problem(rel, line, "", "logo-unsafe", value=what)
    return None


class _Stop(Exception):
    pass


def published_lists(content: Content) -> list[tuple[str, Path]]:
    """(name to show, path) of every never-disappear list this build must keep."""
    lists = [("published-urls.txt", content.root / "published-urls.txt")]
    if content.edition_dir is not None:
        path = content.edition_dir / "published-urls.txt"
        root = content.root.resolve()
        lists.append((path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix(), path))
    return lists
