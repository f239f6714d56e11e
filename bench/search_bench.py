"""Search weight, speed and answers in a real browser (issues 14 and 26), called by bench/bench.py.

measure(site) opens a page of the built site, checks that nothing for search was
fetched yet, opens the search with a key press and types questions from
tests/search_questions.yml key by key. It reports what each search fetches
(gzip-compressed, as a web server sends it: the first search fetches the library and
the index, every search the word shards and result texts it has not fetched before)
and the time from the last key press to the results on screen.
top_five(site) types both halves of the question set (tuned and held-out) and
reports the share answered in the top five per language.
Also: `python bench/search_bench.py SITE_DIR`.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEARCH_FILES = ("search/index.json", "assets/javascripts/minisearch.js")
HALVES = ("search_questions", "search_questions_heldout")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

# Marks the last key press and the moment the results for the typed text are shown.
TIMER = """() => {
  window.__hbKey = 0; window.__hbShown = 0;
  document.addEventListener('keydown', () => { window.__hbKey = performance.now(); }, true);
  const status = document.querySelector('#hb-search-status');
  new MutationObserver(() => {
    if (status.dataset.query === document.querySelector('.md-search__input').value) window.__hbShown = performance.now();
  }).observe(status, {attributes: true, childList: true, characterData: true, subtree: true});
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def gzip_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) / 1024


def _search(page, words: str) -> float:
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    page.keyboard.type(words, delay=40)
    page.wait_for_function("q => document.querySelector('#hb-search-status').dataset.query === q", arg=words)
    return page.evaluate("window.__hbShown - window.__hbKey")


def _kb(site: Path, fetched: list[str]) -> float:
    return sum(gzip_kb(site / u) for u in sorted(set(fetched)) if (site / u).is_file())


def measure(site: Path, questions: int = 20) -> dict:
    from playwright.sync_api import sync_playwright

    site = Path(site)
    asked = yaml.safe_load((ROOT / "tests" / "search_questions.yml").read_text(encoding="utf-8"))["sv"][:questions]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            fetched: list[str] = []
            page.on("request", lambda req: fetched.append(req.url[len(server) + 1:]))
            page.goto(f"{server}/verktygslada/")
            page.wait_for_load_state("networkidle")
            before = [u for u in fetched if u.endswith(SEARCH_FILES)]
            page.evaluate(TIMER)
            fetched.clear()
            page.keyboard.press("s")
            first_ms = _search(page, asked[0]["q"])  # includes fetching the index and building it
            search_fetches = sorted(set(fetched))
            first_kb = _kb(site, fetched)
            warm, later_kb = [], []
            for item in asked[1:]:
                fetched.clear()
                warm.append(_search(page, item["q"]))
                later_kb.append(_kb(site, fetched))
            browser.close()
    finally:
        httpd.shutdown()
    return {
        "fetched_before_search": before,
        "search_fetches": search_fetches,
        "search_kb_gzip": round(first_kb, 1),
        "later_search_kb_gzip_max": round(max(later_kb), 1),
        "index_kb_raw": round((site / SEARCH_FILES[0]).stat().st_size / 1024, 1),
        "first_search_ms": round(first_ms, 1),
        "search_ms_median": round(statistics.median(warm), 1),
        "search_ms_max": round(max(warm), 1),
    }


def top_five(site: Path) -> dict:
    """Share of each half's questions with an answering page in the top five, per language."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from test_search import answers  # the test's own rule for what answers

    site = Path(site)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}"
    shares = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for half in HALVES:
                path = ROOT / "tests" / f"{half}.yml"
                if not path.exists():
                    continue
                questions = yaml.safe_load(path.read_text(encoding="utf-8"))
                for lang, prefix in (("sv", ""), ("en", "en/")):
                    page.goto(f"{server}/{prefix}")
                    page.keyboard.press("s")
                    hits = 0
                    for item in questions[lang]:
                        _search(page, item["q"])
                        top = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.pathname)")[:5]
                        hits += any(answers(r, w, prefix) for r in top for w in item["pages"])
                    shares[f"{half}_{lang}"] = f"{hits}/{len(questions[lang])} = {hits / len(questions[lang]):.1%}"
            browser.close()
    finally:
        httpd.shutdown()
    print("search answers in the top five: " + ", ".join(f"{k} {v}" for k, v in shares.items()), flush=True)
    return shares


def report(site: Path) -> dict:
    """One line for people, one JSON line for machines."""
    result = measure(site)
    print(f"search: {result['search_kb_gzip']} KB gzip fetched by the first search, at most "
          f"{result['later_search_kb_gzip_max']} KB by a later one (index {result['index_kb_raw']} KB raw), "
          f"first search {result['first_search_ms']} ms, then median {result['search_ms_median']} ms, "
          f"max {result['search_ms_max']} ms after the last key press; fetched before opening: "
          f"{result['fetched_before_search'] or 'nothing'}", flush=True)
    print(json.dumps({"search": result}), flush=True)
    return result


if __name__ == "__main__":
    report(Path(sys.argv[1]))
    top_five(Path(sys.argv[1]))
