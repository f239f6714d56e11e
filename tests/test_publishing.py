"""The built site served by the shipped nginx config, as in production
(real requests: headers, encodings, status codes, redirects; Chromium under the
enforced CSP), and `make publish` / `make rollback` on a temporary folder."""
from __future__ import annotations

import gzip
import http.client
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from conftest import ROOT, copy_project
from handbok import nginx, publish, release

HTML_PAGES = ["/", "/verktygslada/hembesok/", "/en/", "/en/arbetsgang/skolsocialt-team/"]


def get(url: str, headers: dict | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request, no redirect followed, nothing decoded: what the server sent."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.headers, body


@pytest.fixture(scope="session")
def nginx_server(site):
    with nginx.running(site) as url:
        yield url


# --- headers ---------------------------------------------------------------------

def policy(headers) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in headers["Content-Security-Policy"].split(";") if part.strip()}


@pytest.mark.parametrize("path", HTML_PAGES + ["/assets/javascripts/handbok.js", "/finns-inte/", "/search/index.json"])
def test_security_headers_on_every_answer(nginx_server, path):
    status, headers, _ = get(nginx_server + path)
    assert status in (200, 404)
    csp = policy(headers)
    assert csp["default-src"] == ["'none'"]
    for directive, values in csp.items():
        # only the site itself (and data: icons, hashed inline scripts/styles): no other host, no unhashed inline
        assert all(v in ("'self'", "'none'", "data:") or v.startswith("'sha256-")
                   for v in values), (directive, values)
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    assert "Set-Cookie" not in headers


def test_every_inline_script_in_the_site_is_allowed_by_its_hash(nginx_server, site):
    allowed = set(policy(get(nginx_server + "/")[1])["script-src"])
    pattern = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
    inline = {publish._hash(body) for page in site.rglob("*.html") for body in pattern.findall(page.read_text())}
    assert inline, "the theme writes inline scripts; none found"
    assert inline <= allowed


def test_csp_hashes_follow_a_changed_template(tmp_path):
    # Another engineer adds an inline script to a template: the next build's policy allows it.
    (tmp_path / "index.html").write_text("<html><body><script>console.log('ny')</script></body></html>")
    assert publish._hash("console.log('ny')") in publish.csp(tmp_path)


def test_fingerprinted_assets_are_cached_long_and_pages_revalidated(nginx_server, site):
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).name
    _, headers, _ = get(f"{nginx_server}/assets/javascripts/{bundle}")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("/", "/verktygslada/", "/assets/javascripts/handbok.js", "/handbok.pdf"):
        status, headers, _ = get(nginx_server + path)
        assert status == 200 and headers["Cache-Control"] == "no-cache", path
        assert headers["ETag"] or headers["Last-Modified"]
    status, _, _ = get(nginx_server + "/", {"If-None-Match": get(nginx_server + "/")[1]["ETag"]})
    assert status == 304


# --- compression -------------------------------------------------------------------

@pytest.mark.parametrize("path,file", [("/verktygslada/hembesok/", "verktygslada/hembesok/index.html"),
                                       ("/search/index.json", "search/index.json"),
                                       ("/en/", "en/index.html")])
def test_precompressed_brotli_and_gzip_are_served(nginx_server, site, path, file):
    original = (site / file).read_bytes()
    status, headers, body = get(nginx_server + path, {"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert brotli.decompress(body) == original and len(body) < len(original) / 3
    status, headers, body = get(nginx_server + path, {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == original
    status, headers, body = get(nginx_server + path)
    assert "Content-Encoding" not in headers and body == original
    assert "Accept-Encoding" in headers["Vary"]


def test_every_text_file_of_the_build_has_compressed_copies(site):
    texts = [p for p in site.rglob("*") if p.suffix in (".html", ".css", ".js", ".json") and p.stat().st_size > 1000]
    assert texts
    missing = [str(p) for p in texts if not (Path(f"{p}.br").exists() and Path(f"{p}.gz").exists())]
    assert not missing


# --- status codes --------------------------------------------------------------------

def test_404_pages_per_language_with_status_404(nginx_server):
    status, _, body = get(nginx_server + "/ingen-sida/")
    assert status == 404 and '<html lang="sv"' in body.decode() and "Sidan finns inte" in body.decode()
    status, _, body = get(nginx_server + "/en/no-such-page/")
    assert status == 404 and '<html lang="en"' in body.decode() and "Page not found" in body.decode()


@pytest.mark.parametrize("path", ["/.server/csp.conf", "/.server/redirects.map", "/en/.server/csp.conf"])
def test_server_files_are_not_served(nginx_server, site, path):
    assert (site / ".server" / "csp.conf").exists()
    status, _, body = get(nginx_server + path)
    assert status == 404 and b"add_header" not in body and b"Sidan finns inte" in body


# --- the browser under the enforced policy -------------------------------------------

@pytest.fixture
def strict_page(browser, nginx_server):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    problems, requests = [], []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda err: problems.append(str(err)))
    page.on("request", lambda req: requests.append(req.url))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
    yield page, problems, requests
    cookies = context.cookies()
    context.close()
    assert not cookies


def test_search_works_under_the_policy(strict_page, nginx_server):
    page, problems, requests = strict_page
    page.goto(nginx_server + "/")
    page.keyboard.press("s")
    page.wait_for_selector(".md-search__input:focus")
    page.keyboard.type("hembesök", delay=40)
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")
    assert any("/verktygslada/hembesok/" in h for h in hrefs)
    assert not problems, problems
    assert all(r.startswith(nginx_server) or r.startswith("data:") for r in requests)


def test_language_switch_and_no_sitemap_fetch(strict_page, nginx_server):
    page, problems, requests = strict_page
    page.goto(nginx_server + "/verktygslada/hembesok/")
    page.wait_for_load_state("networkidle")
    page.hover(".md-header__option .md-select")
    page.click("a.md-select__link[hreflang='en']")
    page.wait_for_url(nginx_server + "/en/verktygslada/hembesok/")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    # the head's hreflang links are in place once the page has loaded ...
    assert page.eval_on_selector_all("link[rel=alternate][hreflang]", "els => els.length") == 2
    # ... and the theme no longer fetches sitemap.xml to find them
    assert not [r for r in requests if "sitemap.xml" in r], requests
    assert not problems, problems


def test_toolbox_filters_work_under_the_policy(strict_page, nginx_server):
    page, problems, _ = strict_page
    page.goto(nginx_server + "/verktygslada/")
    total = page.eval_on_selector_all(".hb-card", "els => els.length")
    page.check("#f-level-3")
    shown = page.eval_on_selector_all(".hb-card", "els => els.filter(e => e.offsetParent).length")
    assert 0 < shown < total
    assert page.inner_text("[data-hb-count]") == str(shown)  # handbok.js ran
    assert not problems, problems


@pytest.mark.parametrize("path", ["/familj/hembesok/", "/en/familj/hembesok/", "/verktygslada/hembesok/"])
def test_print_buttons_work_under_the_policy(strict_page, nginx_server, path):
    """A family page's print button, and the staff page's handout button, with no inline handler."""
    page, problems, _ = strict_page
    page.goto(nginx_server + path)
    page.evaluate("window.print = () => { window.hbPrinted = true; }")  # headless Chromium has no dialog
    page.click("button[data-hb-print]")
    assert page.evaluate("window.hbPrinted === true")
    assert not problems, problems


# --- publish and rollback ------------------------------------------------------------

ALIAS = "gammalt-hembesok"


@pytest.fixture(scope="module")
def live(tmp_path_factory, site):
    """A live folder with two releases: the session's build copied, then a fresh build of a
    copy of the project in which hembesok has an old id (an alias)."""
    tmp = tmp_path_factory.mktemp("publish")
    project = copy_project(tmp / "project")
    item = project / "toolbox" / "hembesok.yml"
    item.write_text(item.read_text(encoding="utf-8") + f"aliases:\n  - {ALIAS}\n", encoding="utf-8")
    dest = tmp / "srv" / "current"
    first = release.publish(dest, site=site)
    second = release.publish(dest, root=project, pdf=False)
    return {"dest": dest, "project": project, "first": first, "second": second}


def run_release(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbok.release", *args], cwd=ROOT, capture_output=True, text=True)


def test_publish_switches_the_link_to_a_new_complete_release(live):
    dest = live["dest"]
    assert dest.is_symlink() and dest.resolve() == live["second"]
    assert (dest / "index.html").exists() and (dest / "en" / "index.html").exists()
    assert live["first"].exists(), "the previous release is kept for a rollback"
    assert not list(dest.parent.glob(".*switching*")), "no half-made link left behind"


def test_aliases_redirect_with_301_through_nginx(live):
    with nginx.running(live["dest"]) as url:  # served through the symlink, as in production
        for prefix in ("/", "/en/"):
            status, headers, _ = get(f"{url}{prefix}verktygslada/{ALIAS}/")
            assert status == 301 and headers["Location"] == f"{prefix}verktygslada/hembesok/"
            assert headers["Referrer-Policy"] == "no-referrer"
            status, _, body = get(f"{url}{prefix}verktygslada/hembesok/")
            assert status == 200 and b"<h1" in body
    # the meta-refresh page stays as the fallback for hosts without the rule
    fallback = (live["dest"] / "verktygslada" / ALIAS / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in fallback and "hembesok/" in fallback


def test_failed_build_leaves_the_live_release_untouched(live, tmp_path):
    broken = copy_project(tmp_path / "broken")
    item = broken / "toolbox" / "hembesok.yml"
    item.write_text(item.read_text(encoding="utf-8").replace("title:", "title: [", 1), encoding="utf-8")
    before = os.readlink(live["dest"])
    count = len(release.releases(live["dest"]))
    result = run_release("publish", "--root", str(broken), "--dest", str(live["dest"]), "--no-pdf")
    assert result.returncode == 1
    assert "hembesok.yml" in result.stderr and "orört" in result.stderr and "untouched" in result.stderr
    assert os.readlink(live["dest"]) == before
    assert len(release.releases(live["dest"])) == count
    assert not [p for p in release.releases_dir(live["dest"]).iterdir() if p.name.startswith(".")]


def test_rollback_and_forward_again(live):
    dest = live["dest"]
    result = run_release("rollback", "--dest", str(dest))
    assert result.returncode == 0, result.stderr
    assert dest.resolve() == live["first"]
    assert not (dest / "verktygslada" / ALIAS).exists()  # the first release had no alias
    result = run_release("rollback", "--dest", str(dest))
    assert result.returncode == 1 and "No earlier release" in result.stderr
    assert dest.resolve() == live["first"]
    release.switch(dest, live["second"])


def test_publish_refuses_a_half_build(tmp_path, site):
    half = tmp_path / "half"
    half.mkdir()
    (half / "index.html").write_text("<h1>halv</h1>")
    result = run_release("publish", "--site", str(half), "--dest", str(tmp_path / "current"))
    assert result.returncode == 1 and "not a finished build" in result.stderr
    assert not (tmp_path / "current").exists()
