"""Command line: python -m handbok check | build | new | report | schemas | urls."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import ContentError
from .validate import load_content

ROOT = Path(__file__).resolve().parent.parent


def cmd_check(args) -> int:
    try:
        content = load_content(args.root)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    counts = ", ".join(f"{kind}: {len(getattr(content, kind))}" for kind in
                       ("toolbox", "workflows", "roles", "sekretess", "guides", "examples", "forms"))
    print(f"Innehållet är giltigt / The content is valid ({counts})")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbok", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="projektets mapp / the project folder")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="kontrollera allt innehåll / check all content").set_defaults(func=cmd_check)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
