"""Valid HTML over the whole built site (vnu, the Nu Html Checker, run with
Java), and hreflang alternates that lead to the same page in the other language."""
from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from collections import Counter

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="([a-z]+)">')
LANG_LINK = re.compile(r'<a href="([^"]*)" hreflang="([a-z]+)" lang="[a-z]+" class="md-select__link hb-lang-link"')
# A family page has no theme header: one link to the same page in the other language.
FAMILY_LANG_LINK = re.compile(r'<a class="hb-fam-lang" href="([^"]*)" hreflang="([a-z]+)"')


def test_vnu_finds_no_errors_in_the_whole_site(site):
    assert VNU.exists(), "vnu.jar missing: run `make node-deps` (npm ci)"
    pages = list(site.rglob("*.html"))
    assert (site / "handbok.html") in pages and (site / "en" / "handbook.html") in pages  # print documents too
    result = subprocess.run([shutil.which("java") or "java", "-jar", str(VNU), "--skip-non-html", "--errors-only",
                             "--format", "json", str(site)], capture_output=True, text=True)
    messages = [m for m in json.loads(result.stderr or result.stdout)["messages"] if m["type"] == "error"]
    summary = Counter(m["message"][:100] for m in messages).most_common(10)
    example = [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in messages[:10]]
    assert not messages, f"{len(messages)} errors: {summary}\n" + "\n".join(example)


def _pages(site):
    """(language, address within the language, file) for every reader page with a pair."""
    for page in sorted(site.rglob("index.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(("assets/", "en/assets/")):
            continue
        lang = "en" if rel.startswith("en/") else "sv"
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:  # an alias's fallback page
            continue
        yield lang, rel[3:-len("index.html")] if lang == "en" else rel[:-len("index.html")], text


def test_every_page_names_itself_and_its_pair_in_the_other_language(site):
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text()).group(1)
    checked = Counter()
    for lang, url, text in _pages(site):
        alternates = {hreflang: href for href, hreflang in ALTERNATE.findall(text)}
        expected = {"sv": f"{canonical}{url}", "en": f"{canonical}en/{url}"}
        assert alternates == expected, (lang, url, alternates)
        other = "en" if lang == "sv" else "sv"
        pair = site / ("en/" if other == "en" else "") / url / "index.html"
        assert pair.exists(), f"{lang}:/{url} has no {other} page"
        back = {h: href for href, h in ALTERNATE.findall(pair.read_text(encoding="utf-8"))}
        assert back == expected, f"{other}:/{url} does not point back"
        checked[lang] += 1
    assert checked["sv"] > 100 and checked["en"] == checked["sv"]


def test_the_language_menu_leads_to_the_same_page(site):
    for lang, url, text in _pages(site):
        links = {h: href for href, h in LANG_LINK.findall(text)}
        if url.startswith("familj/") and FAMILY_LANG_LINK.search(text):
            links = {h: href for href, h in FAMILY_LANG_LINK.findall(text)}
            assert set(links) == {"sv", "en"} - {lang}, (lang, url)
        else:
            assert set(links) == {"sv", "en"}, (lang, url)
        here = ("en/" if lang == "en" else "") + url
        for target_lang, href in links.items():
            target = posixpath.normpath(posixpath.join(here or ".", href))
            target = "" if target == "." else target + "/"
            assert target == ("en/" if target_lang == "en" else "") + url, (lang, url, target_lang, href)


def test_404_and_alias_pages_name_no_alternate(site):
    for page in (site / "404.html", site / "en" / "404.html"):
        assert not ALTERNATE.findall(page.read_text(encoding="utf-8"))
