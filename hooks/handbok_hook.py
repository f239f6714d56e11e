"""MkDocs hook: wires the handbok package into a build. No content logic here.

One build per language. The preview (`python -m handbok serve`, hooks/mkdocs_worker.py)
sets HANDBOK_PREVIEW_PAGES: the generated pages are then kept as files there and
rewritten only when their Markdown changed, so a dirty build renders only those.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import jinja2

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the hook is loaded by path, not as an installed package
    sys.path.insert(0, str(ROOT))

from handbok import ContentError  # noqa: E402
from handbok.compact import compact_html  # noqa: E402
from handbok.site import site_for  # noqa: E402
from handbok.theme_markup import fix_theme_markup  # noqa: E402

_state: dict = {}
# Compiled theme templates are kept between builds (Jinja checks each template's source).
(ROOT / ".cache" / "jinja").mkdir(parents=True, exist_ok=True)
_BYTECODE = jinja2.FileSystemBytecodeCache(str(ROOT / ".cache" / "jinja"))


def on_config(config):
    lang = config.extra["handbok_lang"]
    if lang != "sv":  # the English site lives under /en/ of the same address
        config.site_url = config.site_url.rstrip("/") + f"/{lang}/"
    try:
        _state["site"] = site_for(ROOT, lang, config.site_url)
    except ContentError as err:
        raise PluginError(err.report()) from None
    docs = Path(config.docs_dir)
    handwritten = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    config.nav = _state["site"].nav(handwritten)
    # Strings the theme templates (404 page) and Markdown need, in this language.
    config.extra["ui"] = _state["site"].theme_strings()
    edition = _state["site"].edition_strings()
    if edition:  # a local edition: its name in the title bar, a banner if it is a made-up example
        config.site_name = edition["site_name"]
        config.extra["edition_banner"] = edition.get("banner", "")
        if _state["site"].c.logo_path() is not None:
            config.theme["logo"] = "assets/edition-logo.svg"
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = config.extra["ui"]["permalink_title"]
    return config


def on_files(files, config):
    preview = os.environ.get("HANDBOK_PREVIEW_PAGES")
    for path, text in _state["site"].pages().items():
        if preview:
            files.append(_kept_page(Path(preview) / config.extra["handbok_lang"], path, text, config))
        else:
            files.append(File.generated(config, path, content=text))
    for path, text in _state["site"].feeds().items():
        files.append(File.generated(config, path, content=text))
    logo = _state["site"].c.logo_path()
    if logo is not None:  # a local edition's logo, served as a file of the site
        files.append(File.generated(config, "assets/edition-logo.svg", abs_src_path=str(logo)))
    return files


def _kept_page(folder: Path, path: str, text: str, config) -> File:
    """A generated page as a real file, touched only when its Markdown changed."""
    target = folder / path
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return File(path, str(folder), config.site_dir, config.use_directory_urls)


def on_env(env, config, files):
    env.bytecode_cache = _BYTECODE
    return env


def on_page_markdown(markdown, page, config, files):
    return markdown + _state["site"].abbreviations_for(markdown)


def on_post_page(output, page, config):
    return compact_html(fix_theme_markup(output))


def on_post_template(output_content, template_name, config):
    # The 404 page is a theme template, not a page: it needs the same markup fix.
    return fix_theme_markup(output_content) if template_name.endswith(".html") else output_content
