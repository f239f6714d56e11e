"""The same Markdown tree through two generators gives the same site, page by page.

The session's `site` is built with HANDBOK_GENERATOR (MkDocs unless told otherwise);
this module builds the same content with another generator (HANDBOK_COMPARE_WITH,
else ProperDocs against MkDocs, MkDocs against anything else) and compares what a
reader gets: the same addresses in both languages, links that land, the same
headings and text, the same search index, family pages of the same weight, the
same Content-Security-Policy. `make test-generators GENERATORS="properdocs …"` runs
this with each named generator building the session's site, together with the axe,
CSP and nginx tests on that site; any name in handbok/generators.py works, so
Zensical joins the day it installs.
"""
from __future__ import annotations

import difflib
import gzip
import json
import os
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbok import generators

from conftest import ROOT, run_cli

UNDER_TEST = generators.chosen()
OTHER = os.environ.get("HANDBOK_COMPARE_WITH") or ("properdocs" if UNDER_TEST == "mkdocs" else "mkdocs")


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp(f"reference-{OTHER}") / "site"
    result = run_cli(ROOT, "build", "--generator", OTHER, "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if ".server" not in p.parts}


class _Reader(HTMLParser):
    """What a reader gets from a page: headings, visible text, link targets."""

    SKIP = {"script", "style", "svg", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []
        self._skip = 0
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = []
        elif tag == "a":
            href = dict(attrs).get("href")
            if href is not None:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append(f"{tag}: {' '.join(''.join(self._heading).split())}")
            self._heading = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
        if data.strip():
            self.text.append(" ".join(data.split()))


def _read(path: Path) -> _Reader:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def _differences(site: Path, reference: Path, what) -> list[str]:
    out = []
    for page in sorted(_pages(site) & _pages(reference)):
        a, b = what(_read(site / page)), what(_read(reference / page))
        if a != b:
            diff = "\n".join(list(difflib.unified_diff(b, a, OTHER, UNDER_TEST, lineterm="", n=0))[2:8])
            out.append(f"{page}:\n{diff}")
    return out


def test_the_same_addresses_in_both_languages(site, reference):
    ours, theirs = _pages(site), _pages(reference)
    assert ours == theirs, f"only {UNDER_TEST}: {sorted(ours - theirs)[:10]}; only {OTHER}: {sorted(theirs - ours)[:10]}"
    assert sum(p.startswith("en/") for p in ours) > 100 and sum(not p.startswith("en/") for p in ours) > 100


def test_the_same_headings_on_every_page(site, reference):
    differences = _differences(site, reference, lambda r: r.headings)
    assert not differences, "\n".join(differences[:10])


def test_the_same_text_on_every_page(site, reference):
    differences = _differences(site, reference, lambda r: r.text)
    assert not differences, "\n".join(differences[:10])


def test_the_same_links_and_every_one_lands(site, reference):
    assert not _differences(site, reference, lambda r: r.links)
    lost = []
    for page in sorted(_pages(site)):
        for href in _read(site / page).links:
            if re.match(r"^(?:[a-z]+:|#|//)", href):
                continue
            path = href.split("#")[0].split("?")[0]
            # The 404 page links from the site's root; every other page relatively.
            target = posixpath.normpath(path.lstrip("/") or ".") if path.startswith("/") else \
                posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            file = site / target
            if not (file.is_file() or (file / "index.html").is_file()):
                lost.append(f"{page} → {href}")
    assert not lost, f"{len(lost)} links land nowhere in the {UNDER_TEST} build: {lost[:10]}"


def test_the_same_search_index(site, reference):
    for prefix in ("", "en/"):
        ours = json.loads((site / prefix / "search" / "index.json").read_text(encoding="utf-8"))
        theirs = json.loads((reference / prefix / "search" / "index.json").read_text(encoding="utf-8"))
        assert ours == theirs, f"/{prefix}search/index.json differs"


def test_family_pages_weigh_the_same(site, reference):
    """A family page is opened on a phone: what it costs must not depend on the generator."""
    pages = sorted(p for p in _pages(site) if re.match(r"(en/)?familj/", p))
    assert len(pages) > 20
    for page in pages:
        ours = len(gzip.compress((site / page).read_bytes(), 6, mtime=0))
        theirs = len(gzip.compress((reference / page).read_bytes(), 6, mtime=0))
        assert abs(ours - theirs) <= 0.02 * theirs, f"{page}: {ours} bytes gzipped with {UNDER_TEST}, {theirs} with {OTHER}"
        assets = lambda root: re.findall(r'(?:src|href)="([^"]+\.(?:css|js))"', (root / page).read_text(encoding="utf-8"))  # noqa: E731
        assert assets(site) == assets(reference), page


def test_the_same_content_security_policy(site, reference):
    """The policy holds a hash of every inline script and style: the same pages, the same policy."""
    assert (site / ".server" / "csp.conf").read_text() == (reference / ".server" / "csp.conf").read_text()
