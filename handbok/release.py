"""Publish a build as a release and switch the live site to it in one step.

    DEST                      a symbolic link, e.g. /srv/handbok/current (the web server's root)
    DEST.releases/<time>/     one complete build per release, next to it

`publish` builds (or copies a finished build) into a new release folder, then
points DEST at it with one atomic rename, so a reader gets the old site or the new
one, never half of each. A failed build stops before anything is switched. The
previous releases stay (the last KEEP), and `rollback` points DEST back at the one
before the current.

    python -m handbok.release publish --dest /srv/handbok/current [--site site | --root .]
    python -m handbok.release rollback --dest /srv/handbok/current
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

KEEP = 5
REQUIRED = ["index.html", "404.html", "en/index.html", "en/404.html", ".server/csp.conf", ".server/redirects.map"]


class ReleaseError(Exception):
    pass


def releases_dir(dest: Path) -> Path:
    return dest.with_name(dest.name + ".releases")


def releases(dest: Path) -> list[Path]:
    folder = releases_dir(dest)
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")) if folder.exists() else []


def current(dest: Path) -> Path | None:
    return dest.resolve() if dest.is_symlink() else None


def _check_dest(dest: Path) -> None:
    if dest.exists() and not dest.is_symlink():
        raise ReleaseError(f"{dest} finns och är ingen symbolisk länk; flytta den först. / "
                           f"{dest} exists and is not a symbolic link; move it away first.")


def _check_build(site: Path) -> None:
    missing = [name for name in REQUIRED if not (site / name).exists()]
    if missing:
        raise ReleaseError(f"{site} är inget färdigt bygge (saknar {', '.join(missing)}). / "
                           f"{site} is not a finished build (missing {', '.join(missing)}).")


def switch(dest: Path, release: Path) -> None:
    """Point dest at release atomically: a new link under a temporary name, renamed over dest."""
    link = dest.with_name(f".{dest.name}.switching")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(release, dest.parent))
    os.replace(link, dest)


def _new_release_path(dest: Path) -> Path:
    folder = releases_dir(dest)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path, n = folder / stamp, 1
    while path.exists():
        n += 1
        path = folder / f"{stamp}-{n}"
    return path


def _prune(dest: Path) -> None:
    keep = {current(dest)}
    for old in releases(dest)[:-KEEP]:
        if old.resolve() not in keep:
            shutil.rmtree(old, ignore_errors=True)


def publish(dest: Path, *, site: Path | None = None, root: Path | None = None, pdf: bool = True) -> Path:
    """Make a new release from a finished build (site) or a fresh build of root; switch dest to it."""
    dest = Path(dest).absolute()
    _check_dest(dest)
    release = _new_release_path(dest)
    if site is not None:
        _check_build(Path(site))
        from .build import DRAFT_ENV, _canonical_root, check_address

        if not os.environ.get(DRAFT_ENV):  # a build made for the placeholder address is not published
            check_address(_canonical_root(Path(site)))
        incoming = release.with_name(f".{release.name}.incoming")
        shutil.copytree(site, incoming, symlinks=True)
        os.replace(incoming, release)
    else:
        from .build import build_site  # raises ContentError/BuildError; nothing is switched then

        build_site(Path(root), release, pdf=pdf)
    _check_build(release)
    switch(dest, release)
    _prune(dest)
    return release


def rollback(dest: Path) -> Path:
    dest = Path(dest).absolute()
    live, all_releases = current(dest), releases(dest)
    if live not in all_releases or all_releases.index(live) == 0:
        raise ReleaseError(f"Ingen tidigare release för {dest}. / No earlier release for {dest}.")
    previous = all_releases[all_releases.index(live) - 1]
    switch(dest, previous)
    return previous


def main(argv=None) -> int:
    from .build import BuildError
    from .problems import ContentError

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("publish")
    p.add_argument("--dest", type=Path, required=True)
    p.add_argument("--site", type=Path, help="a finished build to copy (default: build --root now)")
    p.add_argument("--root", type=Path, default=Path("."))
    p.add_argument("--no-pdf", action="store_true")
    p = sub.add_parser("rollback")
    p.add_argument("--dest", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "publish":
            release = publish(args.dest, site=args.site, root=args.root, pdf=not args.no_pdf)
            print(f"Publicerad / Published: {args.dest} → {release}")
        else:
            release = rollback(args.dest)
            print(f"Återställd / Rolled back: {args.dest} → {release}")
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        print(f"\nInget publicerades; {args.dest} är orört. / Nothing was published; {args.dest} is untouched.",
              file=sys.stderr)
        return 1
    except (BuildError, ReleaseError) as err:
        print(f"{err}\nInget ändrades; {args.dest} är orört. / Nothing changed; {args.dest} is untouched.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
