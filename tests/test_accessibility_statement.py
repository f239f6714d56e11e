"""The accessibility statement (Lag 2018:1937 13 §, DIGG's model): a reader finds it from the
about page in both languages, and it says how far the site complies, what does not comply and
why, how to ask for another format, whom to contact, where to notify DIGG, and the date and
method of the assessment. (An edition's statement naming its own contact is checked in
test_editions.py, on the edition it already builds.)"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

WANT = {
    "sv": {
        "status": "delvis förenlig",
        "not_accessible": ["veraPDF", "JavaScript", "skärmläsare"],
        "other_format": "annat format",
        "contact": "den kommun som publicerar webbplatsen på den här adressen",
        "method": ["självskattning", "2026-12-05", "axe", "vnu", "tangentbord", "pypdf"],
        "about": ("om", "tillgänglighetsredogörelsen"),
    },
    "en": {
        "status": "partially compliant",
        "not_accessible": ["veraPDF", "JavaScript", "screen reader"],
        "other_format": "another format",
        "contact": "the municipality that publishes the website at this address",
        "method": ["self-assessment", "2026-12-05", "axe", "vnu", "keyboard", "pypdf"],
        "about": ("om", "accessibility statement"),
    },
}


def _text(path: Path) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _main(path: Path) -> str:
    """The article only: the statement must say these things itself, not the menu around it."""
    page = path.read_text(encoding="utf-8")
    match = re.search(r"<article\b.*?</article>", page, flags=re.S)
    assert match, f"{path}: no article"
    return match.group(0)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_statement_says_what_the_law_and_diggs_model_ask(site, lang):
    want = WANT[lang]
    root = site / "en" if lang == "en" else site
    article = _main(root / "tillganglighet" / "index.html")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article)))
    assert want["status"] in text
    for thing in want["not_accessible"]:
        assert thing in text, thing
    assert want["other_format"] in text
    assert want["contact"] in text
    for thing in want["method"]:
        assert thing in text, thing
    assert 'href="https://www.digg.se/tdosanmalan"' in article


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_about_page_links_to_the_statement(site, lang):
    about_dir, words = WANT[lang]["about"]
    root = site / "en" if lang == "en" else site
    about = (root / about_dir / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="([^"#][^"]*tillganglighet/?)"[^>]*>([^<]*)</a>', about)  # not the page's own table of contents
    assert link, "the about page does not link to the accessibility statement"
    assert words in link.group(2).lower()
    assert (root / about_dir / link.group(1) / "index.html").resolve().exists() or \
        (root / link.group(1).lstrip("./") / "index.html").exists()
