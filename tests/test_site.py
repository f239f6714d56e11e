"""The built site: both languages at the same paths, the URL contract, search per
language, 404 per language, no request to another host, generated pages only."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT

KINDS = {"toolbox": "verktygslada", "workflows": "arbetsgang", "roles": "roller", "sekretess": "sekretess",
         "examples": "exempel", "forms": "blanketter"}


def pages(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("index.html") if not p.is_relative_to(root / "en")}


def test_same_paths_in_both_languages(site):
    sv = pages(site)
    en = {p.relative_to(site / "en").as_posix() for p in (site / "en").rglob("index.html")}
    assert len(sv) > 80
    assert sv == en


@pytest.mark.parametrize("kind,section", KINDS.items())
def test_url_contract(site, kind, section):
    ids = [p.stem for p in (ROOT / kind).glob("*.yml")]
    assert ids
    for prefix in ("", "en/"):
        assert (site / prefix / section / "index.html").exists()
        for item_id in ids:
            assert (site / prefix / section / item_id / "index.html").exists(), f"/{prefix}{section}/{item_id}/"
    assert (site / "ordlista" / "index.html").exists() and (site / "en" / "ordlista" / "index.html").exists()


def test_pages_are_in_their_language(site):
    sv = (site / "verktygslada" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "verktygslada" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in sv and '<h1 id="verktygsladan">Verktygslådan<' in sv
    assert '<html lang="en"' in en and '<h1 id="the-toolbox">The toolbox<' in en


def test_each_language_has_its_own_search_index(site):
    sv = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    en = json.loads((site / "en" / "search" / "index.json").read_text(encoding="utf-8"))
    assert sv["lang"] == "sv" and en["lang"] == "en"
    sv_titles = {title for _, title in sv["pages"]}
    en_titles = {title for _, title in en["pages"]}
    assert "Verktygslådan" in sv_titles and "Verktygslådan" not in en_titles
    assert "The toolbox" in en_titles and "The toolbox" not in sv_titles
    assert not any(url.startswith("en/") for url, _ in sv["pages"])


def test_each_language_has_its_own_404(site):
    sv = (site / "404.html").read_text(encoding="utf-8")
    en = (site / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in sv and "Sidan finns inte" in sv
    assert '<html lang="en"' in en and "Page not found" in en


def test_language_switch_points_to_the_same_page(site):
    page = (site / "roller" / "kurator" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../en/roller/kurator/" hreflang="en"' in page
    page = (site / "en" / "roller" / "kurator" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../roller/kurator/" hreflang="sv"' in page


EXTERNAL = re.compile(r'(?:src|href)="(https?:)?//(?!metodhandbok\.example\.se)[^"]+"|url\((["\']?)https?://')


def test_nothing_is_loaded_from_another_host(site):
    offenders = []
    for path in list(site.rglob("*.html")) + list(site.rglob("*.css")) + list(site.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r'<(?:script|img|link|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//[^"]+"', text):
            if 'rel="canonical"' in m.group(0) or 'rel="alternate"' in m.group(0):
                continue
            offenders.append((path.name, m.group(0)[:120]))
        if path.suffix == ".css":
            offenders += [(path.name, u) for u in re.findall(r"url\(['\"]?https?://[^)]+\)", text)]
    assert not offenders


def test_no_analytics_or_cookies(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    for word in ("google-analytics", "gtag(", "googletagmanager", "matomo", "plausible", "document.cookie"):
        assert word not in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_generated_markdown_is_not_committed():
    assert not list((ROOT / "docs").rglob("verktygslada")) and not list((ROOT / "docs").rglob("roller"))


def test_handwritten_pages_exist_in_both_languages():
    sv = {p.relative_to(ROOT / "docs" / "sv").as_posix() for p in (ROOT / "docs" / "sv").rglob("*.md")}
    en = {p.relative_to(ROOT / "docs" / "en").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md")}
    assert sv == en


def test_start_page_has_three_ways_in(site):
    for prefix, words in (("", ("Ny i teamet", "För familjer", "För samordnare")),
                          ("en/", ("New to the team", "For families", "For coordinators"))):
        html = (site / prefix / "index.html").read_text(encoding="utf-8")
        for w in words:
            assert w in html


def test_navigation_does_not_list_every_item(site):
    html = (site / "verktygslada" / "veckoplanering" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"'):html.index("</nav>", html.index('md-nav--primary'))]
    assert "Verktygslådan" in nav and "hembesok" not in nav


def test_role_page_lists_steps_from_the_workflows(site):
    """Reverse index: the steps a role takes part in come from the workflow data."""
    import yaml

    wf = yaml.safe_load((ROOT / "workflows" / "skolsocialt-team.yml").read_text(encoding="utf-8"))
    expected = [s["title"]["sv"] for s in wf["steps"] if "skolsocionom" in s["responsible"] + s.get("participants", [])]
    html = (site / "roller" / "skolsocionom" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="deltar-i-stegen"'):]
    for title in expected:
        assert title in section
