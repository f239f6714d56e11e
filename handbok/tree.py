"""The Markdown tree a generator turns into HTML, one per language.

`write_tree()` writes, for one language, everything a plain MkDocs-compatible
generator needs and nothing it has to run of ours:

    <tree>/docs/        generated pages, hand-written pages (their macros already
                        rendered here), the Atom feed, a local edition's logo;
                        every page with its abbreviation definitions appended
    <tree>/mkdocs.yml   the config: mkdocs.yml (and mkdocs.en.yml) with the site name,
                        address, nav, theme strings and edition banner filled in

No hooks, no plugins, no handbok code in the generator: MkDocs, ProperDocs and
(one day) Zensical read the same tree. Files are rewritten only when their text
changed, so a generator's own "dirty" build redoes only those pages.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import jinja2
import yaml

from . import build_cache
from .render import Renderer

BASE_CONFIGS = {"sv": ["mkdocs.yml"], "en": ["mkdocs.yml", "mkdocs.en.yml"]}
# Keys of the base config the tree's config never carries: the generator runs no code of ours.
NOT_CARRIED = ("INHERIT", "hooks", "watch")
_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.S)


class _ConfigLoader(yaml.SafeLoader):
    pass


def _env_tag(loader, node):
    """`!ENV [NAME, default]` as MkDocs reads it: the variable if set, else the default."""
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if os.environ.get(v)), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)


def _merge(base: dict, child: dict) -> dict:
    """MkDocs' INHERIT: mappings merge, everything else (lists too) is replaced."""
    out = dict(base)
    for key, value in child.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def base_config(root: Path, lang: str) -> dict:
    config: dict = {}
    for name in BASE_CONFIGS[lang]:
        config = _merge(config, yaml.load((root / name).read_text(encoding="utf-8"), Loader=_ConfigLoader) or {})
    return config


def site_url(root: Path, content, lang: str) -> str:
    """This language's address: SITE_URL, else a local edition's own, else the config's; English under /en/."""
    url = os.environ.get("SITE_URL") or (content.edition.site_url if content.edition is not None else "") \
        or base_config(root, "sv")["site_url"]
    url = url.rstrip("/") + "/"
    return url if lang == "sv" else f"{url}{lang}/"


def config_for(root: Path, r: Renderer, handwritten: list[str]) -> dict:
    config = {k: v for k, v in base_config(root, r.lang).items() if k not in NOT_CARRIED}
    # Both folders inside the tree's own: Zensical refuses any outside the config's folder.
    # (MkDocs and ProperDocs are told where to write with -d; Zensical's output is moved.)
    config.update(docs_dir="docs", site_dir="site", site_url=r.site_url, nav=r.nav(handwritten))
    config["plugins"] = []  # none: search is handbok/search.py, macros are rendered into the pages
    theme = dict(config["theme"])
    theme["custom_dir"] = str((root / theme.get("custom_dir", "overrides")).resolve())
    extra = dict(config.get("extra") or {})
    extra["ui"] = r.theme_strings()  # strings the theme templates (404 page) need, in this language
    edition = r.edition_strings()
    if edition:  # a local edition: its name in the title bar, a banner if it is a made-up example
        config["site_name"] = edition["site_name"]
        extra["edition_banner"] = edition.get("banner", "")
        if r.c.logo_path() is not None:
            theme["logo"] = "assets/edition-logo.svg"
    config["theme"], config["extra"] = theme, extra
    extensions = []
    for ext in config.get("markdown_extensions", []):
        if ext == "toc" or (isinstance(ext, dict) and "toc" in ext):
            options = dict(ext["toc"] or {}) if isinstance(ext, dict) else {}
            ext = {"toc": {**options, "permalink_title": extra["ui"]["permalink_title"]}}
        extensions.append(ext)
    config["markdown_extensions"] = extensions
    return config


# --- hand-written pages ---------------------------------------------------------

_MACRO_ENV = jinja2.Environment(keep_trailing_newline=True, autoescape=False)


def handwritten_page(r: Renderer, text: str, here: str) -> str:
    """A page from docs/; one whose front matter says `render_macros: true` gets the
    handbook's values ({{ count('toolbox') }}, {{ handbook_pdf() }} …) rendered here."""
    front = _FRONT.match(text)
    if not front or not re.search(r"^render_macros:\s*true\s*$", front.group(1), re.M):
        return text
    body = _MACRO_ENV.from_string(text[front.end():]).render(
        count=lambda kind: len(getattr(r.c, kind)),
        ui=r.u,
        responsible=r.responsible,
        messages_table=lambda: r.messages_table(here),
        fields_table=lambda kind: r.fields_table(kind, here),
        handbook_pdf=lambda: r.render("fragments/handbook_pdf.md.j2", here),
    )
    return text[:front.end()] + body


def handwritten_paths(root: Path, lang: str) -> list[str]:
    docs = root / "docs" / lang
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())


def with_abbreviations(r: Renderer, path: str, text: str) -> str:
    return text + r.abbreviations_for(text) if path.endswith(".md") else text


# --- the tree on disk -----------------------------------------------------------

def write_file(path: Path, data: str | bytes) -> bool:
    """Write only when different (keeps the mtime a dirty build compares); True if written."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == raw:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, path)  # a generator reading the tree never sees half a file
    return True


def documents(root: Path, r: Renderer) -> dict[str, str | bytes]:
    """{path in docs/: text or bytes}: every file of this language's tree."""
    lang = r.lang
    out: dict[str, str | bytes] = {}
    for rel in handwritten_paths(root, lang):
        src = root / "docs" / lang / rel
        if rel.endswith(".md"):
            out[rel] = with_abbreviations(r, rel, handwritten_page(r, src.read_text(encoding="utf-8"), rel))
        else:
            out[rel] = src.read_bytes()
    for path, text in r.pages().items():
        out[path] = with_abbreviations(r, path, text)
    out.update(r.feeds())
    logo = r.c.logo_path()
    if logo is not None:  # a local edition's logo, served as a file of the site
        out["assets/edition-logo.svg"] = Path(logo).read_bytes()
    return out


def write_tree(root: Path, content, lang: str, tree: Path) -> dict:
    """Write one language's tree; files no longer produced are removed. Returns
    {"config": path, "written": [paths rewritten], "pages": {path: text}}."""
    root = Path(root).resolve()
    r = Renderer(content, lang, site_url(root, content, lang))
    r.kept_qr = build_cache.Table(build_cache.folder(root, "qr") / f"{lang}.marshal")
    docs_dir = tree / "docs"
    files = documents(root, r)
    r.kept_qr.save()
    written = [path for path, data in files.items() if write_file(docs_dir / path, data)]
    if docs_dir.exists():
        for old in [p for p in docs_dir.rglob("*") if p.is_file()]:
            if old.relative_to(docs_dir).as_posix() not in files:
                old.unlink()
    config = config_for(root, r, [p for p in files if p.endswith(".md") and (root / "docs" / lang / p).exists()])
    config_path = tree / "mkdocs.yml"
    write_file(config_path, "# Written by handbok/tree.py from mkdocs.yml; do not edit.\n"
               + yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return {"config": config_path, "written": written,
            "pages": {p: t for p, t in files.items() if isinstance(t, str)}, "renderer": r}


def clear(tree: Path) -> None:
    shutil.rmtree(tree, ignore_errors=True)
