"""Small defects found while reading, checked on the real built site."""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from conftest import ROOT
from handbok.validate import load_content

LANGS = [("", "sv"), ("en/", "en")]


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


def article(path: Path) -> str:
    return re.search(r"<article[^>]*>(.*)</article>", path.read_text(encoding="utf-8"), re.S).group(1)


def built_pages(site: Path):
    for f in sorted(site.rglob("index.html")):
        if "<article" in f.read_text(encoding="utf-8"):
            yield f


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_each_toolbox_example_is_its_own_list_item(site, content, prefix, lang):
    """'Exempel från stadsdelar och kommuner': one place per item, never run together."""
    checked = 0
    for item_id, item in content.toolbox.items():
        if not item.examples:
            continue
        html = article(site / prefix / "verktygslada" / item_id / "index.html")
        section = re.search(r'<h2[^>]*id="(?:exempel-fran-stadsdelar-och-kommuner|examples-from-districts-and-municipalities)"'
                            r'.*?</h2>(.*?)(?=<h2|<div class="hb-meta")', html, re.S)
        assert section, f"{item_id}: no examples section"
        # The bold lead-ins of each paragraph or list item, as text.
        blocks = [[html_lib.unescape(re.sub(r"<[^>]+>", "", b)) for b in re.findall(r"<strong>(.*?)</strong>", body)]
                  for _, body in re.findall(r"<(li|p)>(.*?)</\1>", section.group(1), re.S)]
        for example in item.examples:
            place = example.place(lang) + "."
            holding = [leads for leads in blocks if place in leads]
            assert len(holding) == 1, f"{item_id}: {place!r} is not in a paragraph or list item of its own"
            assert holding[0] == [place], f"{item_id}: {place!r} runs together with {holding[0]}"
        checked += 1
    assert checked, "no toolbox item has examples"


@pytest.mark.parametrize("prefix, phrase, unit", [("", "Senast inom 1 vecka:", r"dagar|veckor|månader"),
                                                   ("en/", "Within 1 week:", r"days|weeks|months")])
def test_time_rules_say_one_week_not_one_weeks(site, prefix, phrase, unit):
    orosanmalan = re.sub(r"<[^>]+>", "", article(site / prefix / "arbetsgang/orosanmalan/index.html"))
    assert phrase in orosanmalan
    for f in (site / prefix / "arbetsgang").glob("*/index.html"):
        text = re.sub(r"<[^>]+>", "", article(f))
        assert not re.search(rf"(?<![\d–-])1 (?:{unit})\b", text), f"{f}: plural after 1"


def test_headings_never_skip_a_level(site):
    """Screen reader users jump by heading level; /ordlista/ went from h1 to h3."""
    pages = list(built_pages(site))
    assert site / "ordlista/index.html" in pages and site / "en/ordlista/index.html" in pages
    for f in pages:
        previous = 0
        for level in map(int, re.findall(r"<h([1-6])[\s>]", article(f))):
            assert level <= previous + 1, f"{f.relative_to(site)}: h{previous} is followed by h{level}"
            previous = level


def test_no_table_has_an_empty_header_cell(site, content):
    with_contacts = [rid for rid, role in content.roles.items() if role.contact_for]
    assert with_contacts
    for prefix, _ in LANGS:
        for rid in with_contacts:
            html = article(site / prefix / "roller" / rid / "index.html")
            headers = re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)
            assert len(headers) >= 2 and all(h.strip() for h in headers), f"{prefix}roller/{rid}: {headers}"
    for f in built_pages(site):
        assert not re.search(r"<th[^>]*>\s*</th>", article(f)), f.relative_to(site)
