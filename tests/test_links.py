"""Links that never break: published addresses stay, renames leave redirects,
and every internal link in the built site resolves."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from conftest import ROOT, run_cli
from handbok import load_content


def test_every_current_address_is_published():
    lines = (ROOT / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    published = {line for line in lines if line and not line.startswith("#")}
    missing = load_content(ROOT).urls() - published
    assert not missing, f"run `make urls` to publish: {sorted(missing)[:5]}"
    assert "/verktygslada/veckoplanering/" in published and "/en/verktygslada/veckoplanering/" in published


def test_removing_a_published_item_fails_the_build(project):
    (project / "toolbox" / "min-karta.yml").unlink()
    for f in project.rglob("*.yml"):
        text = f.read_text(encoding="utf-8")
        if "min-karta" in text:
            f.write_text(re.sub(r"\n\s*- (?:verktygslada/)?min-karta\b[^\n]*", "", text), encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode != 0
    assert "published-urls.txt" in result.stderr
    assert "adressen /verktygslada/min-karta/ är publicerad men försvinner" in result.stderr
    assert "aliases" in result.stderr


def test_rename_with_alias_keeps_the_old_link_alive(full_project, tmp_path):
    old, new = "min-karta", "min-egen-karta"
    (full_project / "toolbox" / f"{old}.yml").rename(full_project / "toolbox" / f"{new}.yml")
    f = full_project / "toolbox" / f"{new}.yml"
    f.write_text(f.read_text(encoding="utf-8") + f"\naliases: [{old}]\n", encoding="utf-8")
    for y in full_project.rglob("*.yml"):
        if y != f:  # other items follow the rename; the renamed item keeps its old id as an alias
            y.write_text(re.sub(rf"\b{old}\b", new, y.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "site"
    result = run_cli(full_project, "build", "--no-pdf", "--out", str(out))
    assert result.returncode == 0, result.stderr
    for prefix in ("", "en/"):
        old_page = (out / prefix / "verktygslada" / old / "index.html").read_text(encoding="utf-8")
        assert f'http-equiv="refresh" content="0; url=../{new}/"' in old_page
        assert (out / prefix / "verktygslada" / new / "index.html").exists()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def test_every_internal_link_resolves(site):
    broken = []
    parsed = {}

    def parse(path: Path) -> _Links:
        if path not in parsed:
            p = _Links()
            p.feed(path.read_text(encoding="utf-8"))
            parsed[path] = p
        return parsed[path]

    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    for page in pages:
        base = "http://h/" + page.relative_to(site).as_posix()
        for href in parse(page).links:
            if href.startswith(("http:", "https:", "mailto:", "javascript:")) or href.startswith("#") and len(href) == 1:
                continue
            url = urlsplit(urljoin(base, href))
            target = site / url.path.lstrip("/")
            if url.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {href}")
            elif url.fragment and target.suffix == ".html" and url.fragment not in parse(target).ids:
                broken.append(f"{page.relative_to(site)} → {href} (anchor)")
    assert not broken, "\n".join(broken[:20])
