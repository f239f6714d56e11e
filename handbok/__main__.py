"""Command line: python -m handbok check | build | serve | urls | schemas | new | report."""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from . import models
from .drafts import placeholders
from .edition import ENV as EDITION_ENV, edition_from_env
from .health import text_report, warnings
from .problems import ContentError
from .validate import load_content

ROOT = Path(__file__).resolve().parent.parent


def _load(root: Path):
    try:
        return load_content(root, edition_from_env())
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return None


def cmd_check(args) -> int:
    content = _load(args.root)
    if content is None:
        return 1
    drafts = placeholders(content)
    if drafts:  # a draft may be checked and previewed; make build and make publish stop on it
        print(ContentError(drafts).report(), file=sys.stderr)
    counts = ", ".join(f"{kind}: {len(getattr(content, kind))}" for kind in models.KINDS)
    print(f"Innehållet är giltigt / The content is valid ({counts})")
    for line in warnings(content):
        print(line, file=sys.stderr)
    return 0


def cmd_report(args) -> int:
    content = _load(args.root)
    if content is None:
        return 1
    print(text_report(content))
    return 0


def cmd_new(args) -> int:
    from .scaffold import write_new

    content = _load(args.root)
    if content is None:
        return 1
    if not re.fullmatch(models.SLUG, args.id):
        print(f"'{args.id}' är inte ett giltigt id – använd a–z, 0–9 och bindestreck / "
              f"is not a valid id – use a–z, 0–9 and hyphens", file=sys.stderr)
        return 2
    try:
        path = write_new(args.kind, args.id, content, args.root)
    except FileExistsError as err:
        print(f"{err} finns redan / already exists", file=sys.stderr)
        return 2
    print(f"Skrev / Wrote {path.relative_to(args.root)}. Fyll i varje TODO och kör / fill in every TODO and run: make check")
    return 0


def cmd_edition(args) -> int:
    from .start_edition import start_edition

    try:
        target = start_edition(args.root, args.folder)
    except FileExistsError as err:
        print(f"{err} finns redan / already exists", file=sys.stderr)
        return 2
    print(f"Skrev / Wrote {target}. Nästa steg / Next: edition.yml (README \"Your own edition\", steg/step 2), "
          f"sedan / then: make check EDITION={args.folder}")
    return 0


def cmd_build(args) -> int:
    from .build import main

    return main(args.root, args.out or args.root / "site", pdf=not args.no_pdf, generator=args.generator,
                draft=args.draft)


def cmd_serve(args) -> int:
    from .preview import serve

    return serve(args.root, args.port)


def cmd_urls(args) -> int:
    """Published addresses: the build refuses to drop any address in this list."""
    content = _load(args.root)
    if content is None:
        return 1
    # An edition keeps its own list (core addresses plus its own), beside edition.yml.
    path = (content.edition_dir or args.root) / "published-urls.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    known = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    new = sorted(content.urls() - known)
    if args.update:
        header = "# Every published address. Never remove a line: rename with 'aliases' instead.\n"
        path.write_text(header + "\n".join(sorted(known | content.urls())) + "\n", encoding="utf-8")
        print(f"{len(new)} nya adresser / new addresses added to {path.name}")
    else:
        print("\n".join(new) if new else "Alla adresser är publicerade / All addresses are published")
    return 0


def schema_documents() -> dict[str, dict]:
    docs = {}
    for name, model in {**models.KINDS, **models.SINGLE_FILES, **models.EDITION_FILE}.items():
        schema = model.model_json_schema()
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        schema["title"] = f"{name}: {schema.get('title', '')}"
        docs[f"{name}.schema.json"] = schema
    return docs


def cmd_schemas(args) -> int:
    folder = args.root / "schemas"
    folder.mkdir(exist_ok=True)
    for name, schema in schema_documents().items():
        (folder / name).write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Skrev / Wrote {len(schema_documents())} scheman i / schemas in {folder}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbok", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="projektets mapp / the project folder")
    parser.add_argument("--edition", type=Path, help="en lokal utgåvas mapp / a local edition's folder (EDITION=…)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="kontrollera allt innehåll / check all content").set_defaults(func=cmd_check)
    p = sub.add_parser("build", help="kontrollera och bygg webbplatsen / check and build the site")
    p.add_argument("--out", type=Path, help="målmapp / output folder (site/)")
    p.add_argument("--no-pdf", action="store_true", help="hoppa över PDF / skip PDFs")
    p.add_argument("--generator", help="mkdocs (standard/default), properdocs, zensical (GENERATOR=…)")
    p.add_argument("--draft", action="store_true",
                   help="utkast: tillåt platshållaradressen / draft: allow the placeholder address (SITE_URL)")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("serve", help="förhandsvisning som uppdateras / live preview")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("urls", help="publicerade adresser / published addresses")
    p.add_argument("--update", action="store_true", help="lägg till nya adresser / add new addresses")
    p.set_defaults(func=cmd_urls)
    p = sub.add_parser("edition", help="ny lokal utgåva från exemplet / new local edition from the example")
    p.add_argument("folder", type=Path)
    p.set_defaults(func=cmd_edition)
    sub.add_parser("schemas", help="skriv JSON-scheman / write JSON schemas").set_defaults(func=cmd_schemas)
    sub.add_parser("report", help="innehållsrapport / content health report").set_defaults(func=cmd_report)
    p = sub.add_parser("new", help="ny post från mall / new item from a template")
    p.add_argument("kind", choices=[k for k in models.KINDS if k != "guides"])
    p.add_argument("id", help="id = filnamn, t.ex. / file name, e.g. min-insats")
    p.set_defaults(func=cmd_new)
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    if args.command in ("build", "serve"):  # a stopped `make` (or test) stops us, and so our builders
        from .children import die_with_parent

        die_with_parent()
    if args.edition:  # child processes (MkDocs) read it from the environment too
        os.environ[EDITION_ENV] = str(args.edition.resolve())
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
