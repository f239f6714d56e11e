"""Nothing the build needs from its generator is outside what Zensical supports.

Zensical (the successor of MkDocs + mkdocs-material, from the same authors) reads
mkdocs.yml but runs no MkDocs hooks, only the plugins it has rewritten, and renders
templates with MiniJinja, which cannot call Python. It does not install here yet, so
this checks the Markdown tree's config and the theme overrides against what Zensical
documents and implements; each test lists every offender. Sources: zensical.org
/docs/compatibility/ (mkdocs, plugins, cli) and zensical/zensical v0.0.57
(python/zensical/config.py, crates/zensical/src/template.rs). README "Zensical"
says what is still missing and the smallest change for each.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from handbok.site import content_for
from handbok.tree import write_tree

from conftest import ROOT

# Top-level settings Zensical reads (config.py _apply_defaults and project.rs).
ZENSICAL_SETTINGS = {
    "site_name", "site_url", "site_description", "site_author", "docs_dir", "site_dir", "use_directory_urls",
    "strict", "dev_addr", "copyright", "watch", "repo_url", "repo_name", "edit_uri", "edit_uri_template",
    "theme", "extra", "extra_css", "extra_javascript", "extra_templates", "markdown_extensions", "plugins",
    "nav", "validation", "remote_branch", "remote_name",
}
# MkDocs settings Zensical ignores that change nothing on a page (not_in_nav only quiets MkDocs' info lines).
IGNORED_HARMLESS = {"not_in_nav"}
# Plugins with a Zensical implementation (zensical.org/docs/compatibility/mkdocs/plugins/).
ZENSICAL_PLUGINS = {"search", "offline", "tags", "blog", "social", "privacy", "info", "meta", "typeset", "minify",
                    "macros", "autorefs", "glightbox", "mkdocstrings", "markdown-exec", "group", "optimize"}
# Markdown: Python Markdown's extensions and Python Markdown Extensions (pymdownx.*).
MARKDOWN = re.compile(r"^(abbr|admonition|attr_list|def_list|footnotes|md_in_html|tables|toc|meta|sane_lists|"
                      r"smarty|wikilinks|fenced_code|codehilite|nl2br|legacy_attrs|legacy_em|pymdownx\.\w+)$")
# MiniJinja's built-in filters and tests plus Zensical's own (template.rs: striptags, url, script_tag).
FILTERS = {"abs", "attr", "batch", "bool", "capitalize", "d", "default", "dictsort", "e", "escape", "first",
           "float", "groupby", "indent", "int", "items", "join", "last", "length", "lines", "list", "lower",
           "map", "max", "min", "pprint", "reject", "rejectattr", "replace", "reverse", "round", "safe",
           "select", "selectattr", "slice", "sort", "split", "string", "sum", "title", "tojson", "trim",
           "unique", "upper", "urlencode", "striptags", "url", "script_tag"}
# Template macros imported from the theme's own partials ({% import "partials/language.html" as lang %}).
TEMPLATE_MACROS = {"lang"}
OVERRIDES = ROOT / "overrides"
_EXPRESSION = re.compile(r"\{[{%](.*?)[%}]\}", re.S)
_STRING = re.compile(r"'[^']*'|\"[^\"]*\"")


@pytest.fixture(scope="module")
def trees(tmp_path_factory) -> dict[str, dict]:
    content = content_for(ROOT)
    out = tmp_path_factory.mktemp("tree")
    return {lang: write_tree(ROOT, content, lang, out / lang) for lang in ("sv", "en")}


def _config(trees, lang) -> dict:
    return yaml.safe_load(trees[lang]["config"].read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_generated_config_has_no_hooks_and_only_settings_zensical_reads(trees, lang):
    config = _config(trees, lang)
    outside = sorted(set(config) - ZENSICAL_SETTINGS - IGNORED_HARMLESS)
    assert not outside, f"settings Zensical does not read: {outside}"
    assert "hooks" not in config and "INHERIT" not in config


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_plugin_but_those_zensical_rewrote(trees, lang):
    plugins = _config(trees, lang)["plugins"]
    names = {next(iter(p)) if isinstance(p, dict) else p for p in plugins}
    assert not names - ZENSICAL_PLUGINS, f"plugins Zensical does not run: {sorted(names - ZENSICAL_PLUGINS)}"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_markdown_extensions_are_python_markdown_or_pymdownx(trees, lang):
    names = [next(iter(e)) if isinstance(e, dict) else e for e in _config(trees, lang)["markdown_extensions"]]
    assert [n for n in names if not MARKDOWN.match(n)] == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_folders_are_inside_the_config_folder_as_zensical_requires(trees, lang):
    config, folder = _config(trees, lang), trees[lang]["config"].parent
    for key in ("docs_dir", "site_dir"):
        assert (folder / config[key]).resolve().is_relative_to(folder.resolve()), key
    assert Path(config["theme"]["custom_dir"]).is_dir()


def _template_expressions():
    for path in sorted(OVERRIDES.rglob("*.html")):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        for expr in _EXPRESSION.findall(text):
            yield path.relative_to(ROOT).as_posix(), _STRING.sub("''", expr)


def test_theme_overrides_call_no_python():
    """MiniJinja has no Python string or dict methods (x.rstrip(), d.items()): only filters and macros."""
    calls = [f"{where}: {name}()" for where, expr in _template_expressions()
             for owner, name in re.findall(r"(\w+)\.(\w+)\s*\(", expr) if owner not in TEMPLATE_MACROS]
    assert not calls, "Python method calls in templates: " + "; ".join(calls)


def test_theme_overrides_use_only_filters_zensical_has():
    used = {(where, name) for where, expr in _template_expressions() for name in re.findall(r"\|\s*(\w+)", expr)}
    unknown = sorted(f"{where}: |{name}" for where, name in used if name not in FILTERS)
    assert not unknown, f"filters MiniJinja/Zensical lack: {unknown}"


def test_page_templates_are_files_in_the_overrides(trees):
    """A page's `template:` is looked up in the theme folders, as in Zensical; no Python behind it."""
    for lang, tree in trees.items():
        named = {m.group(1) for text in tree["pages"].values()
                 if (m := re.search(r"^template:\s*(\S+)\s*$", text[:2000], re.M))}
        assert named, "no page names a template: the check would not see one"
        assert all((OVERRIDES / name).is_file() for name in named), sorted(named)


def test_nothing_beside_the_generator_runs_our_code():
    """No hook or macros module the generator could load, and no Python in the overrides."""
    assert not (ROOT / "hooks").exists() and not (ROOT / "macros.py").exists()
    assert not list(OVERRIDES.rglob("*.py"))
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "!!python" not in text and not re.search(r"^hooks:", text, re.M), name
