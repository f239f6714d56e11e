"""MkDocs hook: wires the handbok package into a build. No content logic here.

One build per language. During `mkdocs serve` the Swedish build also builds the
English site into /en/, so both languages and the language switch work locally.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the hook is loaded by path, not as an installed package
    sys.path.insert(0, str(ROOT))

from handbok import ContentError  # noqa: E402
from handbok.compact import compact_html  # noqa: E402
from handbok.site import site_for  # noqa: E402

_state: dict = {}


def on_startup(command, dirty):
    _state["command"] = command


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
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = config.extra["ui"]["permalink_title"]
    return config


def on_files(files, config):
    for path, text in _state["site"].pages().items():
        files.append(File.generated(config, path, content=text))
    return files


def on_page_markdown(markdown, page, config, files):
    return markdown + _state["site"].abbreviations_for(markdown)


def on_post_page(output, page, config):
    return compact_html(output)


def on_post_build(config):
    if _state.get("command") == "serve" and config.extra["handbok_lang"] == "sv":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        english = load_config(str(ROOT / "mkdocs.en.yml"), site_dir=str(Path(config.site_dir) / "en"),
                              site_url=config.site_url)
        english.plugins.on_startup(command="build", dirty=False)
        build(english)
        from handbok.search import build_search_index  # the preview searches like the published site

        try:
            build_search_index(Path(config.site_dir), "sv")
            build_search_index(Path(config.site_dir) / "en", "en")
        except FileNotFoundError as err:  # no `make node-deps` here: preview the pages, without search
            print(f"WARNING -  {err}", file=sys.stderr)
