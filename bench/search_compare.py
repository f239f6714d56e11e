"""The engine comparison behind README's Search table (issue 14). Not part of make test.

    .venv/bin/python bench/search_compare.py [--factor 50] [--base d504ebd]

Same question set (tests/search_questions.yml), same content, in Chromium:
  lunr      mkdocs-material's built-in search as the handbook had it at --base
            (plugin `search` with lang sv/en, glossary terms indexed one by one),
            typed into Material's own search box;
  pagefind  Pagefind (npm `pagefind`, pinned below, installed into a temporary
            folder) run over that same built HTML, asked through its JS API;
  minisearch this branch: handbok/search.py + MiniSearch, typed into the search box.
For each: share of questions with an answering page in the top five (sv, en), what
one search fetches (gzip), and the milliseconds from the last key press to results.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import bench  # noqa: E402
from search_bench import CHROMIUM_ARGS, TIMER, _Quiet, gzip_kb, measure  # noqa: E402

PAGEFIND = "pagefind@1.6.0"
QUESTIONS = yaml.safe_load((ROOT / "tests" / "search_questions.yml").read_text(encoding="utf-8"))


def build(project: Path, factor: int, code: Path) -> Path:
    """A project from `code` (a tree of the repository) with the toolbox at `factor`×."""
    bench.ROOT = code
    bench.make_project(project, factor)
    subprocess.run([sys.executable, "-m", "handbok", "--root", str(project), "build", "--no-pdf", "--out",
                    str(project / "site")], cwd=code, check=True, capture_output=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return project / "site"


def serve(site: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def top_share(hits: dict[str, list[list[str]]]) -> dict[str, float]:
    out = {}
    for lang, prefix in (("sv", ""), ("en", "en/")):
        ok = sum(bool({f"/{prefix}{p.strip('/')}/" for p in item["pages"]} & {h.split("#")[0] for h in got[:5]})
                 for item, got in zip(QUESTIONS[lang], hits[lang]))
        out[lang] = round(100 * ok / len(QUESTIONS[lang]), 1)
    return out


def run_lunr(page, server: str) -> tuple[dict, list[float]]:
    """Material's search: type into its box, read its result links (one per page)."""
    hits, times = {}, []
    for lang, prefix in (("sv", ""), ("en", "en/")):
        page.goto(f"{server}/{prefix}")
        page.evaluate("""() => { window.__hbKey = 0;
          document.addEventListener('keydown', () => { window.__hbKey = performance.now(); }, true); }""")
        hits[lang] = []
        for item in QUESTIONS[lang]:
            page.keyboard.press("s")
            page.wait_for_selector(".md-search__input:focus")
            page.keyboard.press("Control+a")
            page.keyboard.press("Backspace")
            page.keyboard.type(item["q"], delay=40)
            page.wait_for_timeout(400)  # Material shows results when its worker answers
            page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''")
            got = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(a => a.pathname)")
            hits[lang].append(got)
            page.keyboard.press("Escape")
    return hits, times


def lunr_ms(page, server: str) -> float:
    """Time from the last key press until Material's result list changes."""
    page.goto(f"{server}/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("s")
    page.wait_for_selector(".md-search__input:focus")
    out = []
    for item in QUESTIONS["sv"][:15]:
        page.keyboard.press("Control+a")
        page.keyboard.press("Backspace")
        page.keyboard.type(item["q"][:-1], delay=40)
        page.wait_for_timeout(300)
        page.evaluate("""() => { const list = document.querySelector('.md-search-result__list');
          window.__done = 0; new MutationObserver((m, o) => { window.__done = performance.now(); o.disconnect(); })
            .observe(list, {childList: true, subtree: true}); }""")
        start = page.evaluate("performance.now()")
        page.keyboard.press(item["q"][-1])
        try:
            page.wait_for_function("window.__done > 0", timeout=3000)
        except Exception:  # the last letter did not change the list: nothing to time
            continue
        out.append(page.evaluate("window.__done") - start)
    return statistics.median(out)


def run_pagefind(page, server: str) -> tuple[dict, list[float]]:
    hits, times = {}, []
    for lang, prefix in (("sv", ""), ("en", "en/")):
        page.goto(f"{server}/{prefix}")
        page.evaluate("async () => { window.pf = await import('/pagefind/pagefind.js'); await window.pf.init(); }")
        hits[lang] = []
        for item in QUESTIONS[lang]:
            got, ms = page.evaluate("""async q => { const t = performance.now();
              const r = await window.pf.search(q);
              const data = await Promise.all(r.results.slice(0, 5).map(x => x.data()));
              return [data.map(d => new URL(d.url, location.href).pathname), performance.now() - t]; }""", item["q"])
            hits[lang].append(got)
            times.append(ms)
    return hits, times


def pagefind_kb(page, server: str, site: Path, query: str) -> float:
    """What Pagefind fetches for one search on a fresh page (its JS, WebAssembly, index chunks)."""
    fetched = []
    page.on("request", lambda req: fetched.append(req.url[len(server) + 1:].split("?")[0]))
    page.goto(f"{server}/")
    page.wait_for_load_state("networkidle")
    fetched.clear()
    page.evaluate("""async q => { const pf = await import('/pagefind/pagefind.js'); const r = await pf.search(q);
      await Promise.all(r.results.slice(0, 5).map(x => x.data())); }""", query)
    # Pagefind's fragments and index chunks are already compressed (gzip) on disk.
    return sum((site / u).stat().st_size / 1024 if u.endswith(("pf_fragment", "pf_index", "pf_meta", ".pagefind"))
               else gzip_kb(site / u) for u in set(fetched) if (site / u).is_file())


def lunr_kb(site: Path) -> float:
    """Material fetches its index on every page load, plus the worker and lunr's Swedish files."""
    files = [site / "search" / "search_index.json"] + list((site / "assets" / "javascripts" / "workers").glob("*.js"))
    files += [site / "assets" / "javascripts" / "lunr" / n for n in ("min/lunr.sv.min.js", "min/lunr.stemmer.support.min.js")]
    return sum(gzip_kb(f) for f in files if f.exists())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factor", type=int, default=1, help="toolbox size for the weight figures (50 = 1,050)")
    parser.add_argument("--base", default="d504ebd", help="commit with Material's lunr search")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = {}
    with tempfile.TemporaryDirectory(prefix="handbok-search-") as tmp:
        tmp = Path(tmp)
        base_code = tmp / "base-code"
        base_code.mkdir()
        subprocess.run(f"git archive {args.base} | tar -x -C {base_code}", shell=True, cwd=ROOT, check=True)
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(tmp / "pf"), PAGEFIND],
                       check=True, capture_output=True)
        sites = {}
        for factor in sorted({1, args.factor}):
            sites[("base", factor)] = build(tmp / f"base-x{factor}", factor, base_code)
            subprocess.run([str(tmp / "pf" / "node_modules" / ".bin" / "pagefind"), "--site",
                            str(sites[("base", factor)])], check=True, capture_output=True)
            sites[("mine", factor)] = build(tmp / f"mine-x{factor}", factor, ROOT)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            httpd, server = serve(sites[("base", 1)])
            page = browser.new_page()
            hits, _ = run_lunr(page, server)
            rows["lunr (Material)"] = {**top_share(hits), "ms": round(lunr_ms(browser.new_page(), server), 1)}
            hits, times = run_pagefind(browser.new_page(), server)
            rows["Pagefind"] = {**top_share(hits), "ms": round(statistics.median(times), 1)}
            httpd.shutdown()
            httpd, server = serve(sites[("base", args.factor)])
            rows["lunr (Material)"]["kb"] = round(lunr_kb(sites[("base", args.factor)]), 1)
            rows["Pagefind"]["kb"] = round(pagefind_kb(browser.new_page(), server, sites[("base", args.factor)],
                                                       "hur länge får insatsen pågå"), 1)
            httpd.shutdown()
            httpd, server = serve(sites[("mine", 1)])
            page = browser.new_page()
            hits = {}
            for lang, prefix in (("sv", ""), ("en", "en/")):
                page.goto(f"{server}/{prefix}")
                hits[lang] = []
                for item in QUESTIONS[lang]:
                    page.keyboard.press("s")
                    page.keyboard.press("Control+a")
                    page.keyboard.press("Backspace")
                    page.keyboard.type(item["q"], delay=40)
                    page.wait_for_function("q => document.querySelector('#hb-search-status').dataset.query === q",
                                           arg=item["q"])
                    hits[lang].append(page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.pathname)"))
                    page.keyboard.press("Escape")
            httpd.shutdown()
            browser.close()
        weight = measure(sites[("mine", args.factor)])
        rows["MiniSearch (this handbook)"] = {**top_share(hits), "kb": weight["search_kb_gzip"],
                                              "ms": weight["search_ms_median"]}
    print(f"| engine | top 5 sv | top 5 en | KB per search at {21 * args.factor} insatser (gzip) | ms after last key |")
    print("|---|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['sv']} % | {r['en']} % | {r['kb']} | {r['ms']} |")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
