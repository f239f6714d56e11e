"""Shared fixtures: a copy of the project to break on purpose, and one real build."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import threading
import time
import urllib.request
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Test builds are drafts: they may point at the placeholder address, which a build for
# publishing refuses (handbok/build.py, tests/test_site_address.py).
os.environ.setdefault("HANDBOK_DRAFT", "1")
CONTENT = ["toolbox", "workflows", "roles", "sekretess", "guides", "examples", "forms",
           "glossary.yml", "lagrum.yml", "reports.yml", "statements.yml", "published-urls.txt"]
PROJECT = CONTENT + ["docs", "overrides", "generators", "handbok", "mkdocs.yml", "mkdocs.en.yml"]


def copy_project(target: Path, parts=PROJECT) -> Path:
    for name in parts:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, target / name)
    return target


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the content, safe to break."""
    return copy_project(tmp_path / "project", CONTENT)


@pytest.fixture
def full_project(tmp_path) -> Path:
    """A private copy of everything a build needs."""
    return copy_project(tmp_path / "project")


@contextlib.contextmanager
def running_preview(root: Path, port: int, log: Path):
    """`make serve` on a copy of the project: started, waited for until a page with its
    family section is served (the first build of both languages), stopped afterwards."""
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "handbok", "--root", str(root), "serve", "--port", str(port)],
                                cwd=root, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240  # the first build of both languages, on a busy machine
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/verktygslada/hembesok/", timeout=5) as response:
                if "hb-family" in response.read().decode("utf-8"):
                    break
        except OSError:
            pass
        time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("the preview did not start: " + log.read_text(encoding="utf-8"))
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(20)


@pytest.fixture
def preview_page(browser, preview):
    """A Swedish browser tab on the module's `preview` that fails the test if the page
    asks any host but the preview itself."""
    context = browser.new_context(locale="sv-SE")
    p = context.new_page()
    foreign = []
    p.on("request", lambda req: None if req.url.startswith((preview["url"], "data:", "blob:")) else foreign.append(req.url))
    yield p
    context.close()
    assert not foreign, f"the preview asked another host: {foreign}"


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbok", "--root", str(root), *args],
                          cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real handbook, built once for the whole test session (with PDFs)."""
    out = tmp_path_factory.mktemp("build") / "site"
    result = run_cli(ROOT, "build", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# --- a real browser on the built site --------------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static hosting as a web server would do it: each language has its own 404 page."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        page = "en/404.html" if self.path.startswith("/en/") else "404.html"
        body = (self.directory_path / page).read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(Handler, directory=str(site))
    Handler.directory_path = site
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()



@pytest.fixture
def browser_context_nojs(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context
    context.close()


# --- issue 12: family pages are content too (familj/<id>.yml); copies of the project need them.
CONTENT.append("familj")
PROJECT.append("familj")
