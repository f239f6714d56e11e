"""Build benchmark: `make bench`. Not part of `make test`.

Makes clearly synthetic copies of the toolbox at 1×, 10× and 50× the real one
(in a temporary folder), builds both languages the way `make build` does (without
PDFs, which do not grow with the toolbox pages' count in the same way), with each
generator (MkDocs, ProperDocs) at the largest size, and builds a plain
mkdocs-material site from the same Markdown tree (.build/) with each generator as
its baseline, in the same run: a first build (nothing kept in .cache/) and a
rebuild of the same content (`ratio_to_baseline`; see handbok/build_cache.py). The
build's own steps are timed apart (check, render, generator, postprocess, search,
compress). At 1× and 50× it also starts the preview (`make serve`) on the copy, saves
one toolbox file and measures, by polling over HTTP, how long until both languages'
pages show the change (`save_to_page_s`, the median of three saves).
Prints a table and, last, one JSON line.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import statistics
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbok.content import SECTIONS  # noqa: E402
from handbok.models import SINGLE_FILES  # noqa: E402

# The content folders and files come from the handbook's own lists, so a new kind of content is copied too.
PROJECT = list(SECTIONS) + [f"{name}.yml" for name in SINGLE_FILES] + [
    "published-urls.txt", "docs", "overrides", "generators", "handbok", "mkdocs.yml", "mkdocs.en.yml"]


def make_project(target: Path, factor: int) -> int:
    """Copy the project and add (factor - 1) synthetic copies of every toolbox item."""
    for name in PROJECT:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target / name)
    originals = sorted((ROOT / "toolbox").glob("*.yml"))
    for n in range(1, factor):
        for src in originals:
            text = src.read_text(encoding="utf-8")
            # Clearly synthetic: the id says so and every title starts with SYNTETISK.
            text = text.replace("\ntitle:\n  sv: ", "\ntitle:\n  sv: SYNTETISK ", 1)
            text = text.replace("\n  en: ", "\n  en: SYNTHETIC ", 1)
            text = "\n".join(line for line in text.splitlines() if not line.startswith("aliases:"))
            (target / "toolbox" / f"syntetisk-{n}-{src.stem}.yml").write_text(text + "\n", encoding="utf-8")
    return len(list((target / "toolbox").glob("*.yml")))


def measure_site(site: Path) -> dict:
    html = list(site.rglob("*.html"))
    toolbox_pages = [p for p in site.glob("verktygslada/*/index.html")] + \
                    [p for p in site.glob("en/verktygslada/*/index.html")]
    toolbox_pages = [p for p in toolbox_pages if p.parent.name != "visuell-verktygslada"]
    index = {lang: (site / prefix / "search" / "index.json").stat().st_size
             for lang, prefix in (("sv", ""), ("en", "en"))}
    return {
        "pages": len(html),
        "output_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "html_kb_per_toolbox_page": sum(p.stat().st_size for p in toolbox_pages) / len(toolbox_pages) / 1e3,
        "search_index_mb": {k: v / 1e6 for k, v in index.items()},
    }


PREVIEW_PORT = 8132


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def save_to_page(project: Path, saves: int = 3) -> list[float]:
    """Seconds from saving toolbox/hembesok.yml until /…/hembesok/ shows it in sv and en."""
    base = f"http://127.0.0.1:{PREVIEW_PORT}"
    urls = [f"{base}/verktygslada/hembesok/", f"{base}/en/verktygslada/hembesok/"]
    proc = subprocess.Popen([sys.executable, "-m", "handbok", "--root", str(project), "serve", "--port",
                             str(PREVIEW_PORT)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 600
        while not all("hb-family" in _page(u) for u in urls):
            if time.monotonic() > deadline or proc.poll() is not None:
                sys.exit("the preview did not start")
            time.sleep(0.2)
        f = project / "toolbox" / "hembesok.yml"
        times = []
        for n in range(saves):
            text = f.read_text(encoding="utf-8")
            mark = f"Mätning{n}x{os.getpid()}"  # never on the page before this save
            text = text.replace("\ntitle:\n  sv: ", f"\ntitle:\n  sv: {mark} ", 1).replace("\n  en: ", f"\n  en: {mark} ", 1)
            f.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            while not all(mark in _page(u) for u in urls):
                if time.perf_counter() - start > 300:
                    sys.exit("the preview did not show the change")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            time.sleep(1)
        return times
    finally:
        proc.terminate()
        proc.wait(30)


def write_baseline(project: Path, target: Path) -> None:
    """A plain mkdocs-material site from the handbook's own Markdown tree (.build/, written by
    the build): the same pages, the theme as it comes (no overrides), its own search plugin."""
    for lang in ("sv", "en"):
        tree = project / ".build" / lang
        docs = target / "docs" / lang
        shutil.copytree(tree / "docs", docs)
        for page in docs.rglob("*.md"):  # the baseline has no overrides: the theme's own page template
            text = page.read_text(encoding="utf-8")
            if text.startswith("---\n") and "\ntemplate: " in text:
                page.write_text(re.sub(r"^template: .*\n", "", text, count=1, flags=re.MULTILINE), encoding="utf-8")
        nav = json.loads(json.dumps(__import__("yaml").safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]))
        config = {
            "site_name": "Baseline", "docs_dir": f"docs/{lang}", "site_url": "https://metodhandbok.example/",
            "theme": {"name": "material", "language": lang, "font": False},
            "plugins": [{"search": {"lang": lang}}],
            "markdown_extensions": ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
                                    {"toc": {"permalink": True}}, "pymdownx.details"],
            "nav": nav,
            # Item pages are reached from their section's list, as on the real site.
            "not_in_nav": "\n".join(f"/{s}/*" for s in sorted(set(SECTIONS.values())) + ["bakgrund", "redigera"]),
            "validation": {"nav": {"omitted_files": "info"}, "links": {"not_found": "info", "anchors": "info"}},
        }
        (target / f"mkdocs.{lang}.yml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")


def build_baseline(target: Path, generator: str = "mkdocs") -> float:
    shutil.rmtree(target / "out", ignore_errors=True)
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", generator, "build", "-q", "-f", f"mkdocs.{lang}.yml",
                               "-d", f"out/{lang}"], cwd=target, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
             for lang in ("sv", "en")]
    if any(p.wait() for p in procs):
        sys.exit("baseline build failed")
    return time.perf_counter() - start


def build(project: Path, generator: str) -> tuple[float, dict]:
    """The handbook's build as `make build` runs it (without PDFs); its own step timings.
    Like the baseline, it starts with no earlier output (removing an old site is not building one)."""
    shutil.rmtree(project / "site", ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "handbok", "--root", str(project), "build", "--no-pdf", "--draft",
                             "--generator", generator, "--out", str(project / "site")],
                            cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed ({generator}):\n{result.stdout}\n{result.stderr}")
    done = next(line for line in result.stdout.splitlines() if line.startswith("Klart / Done"))
    steps = {k: float(v) for k, v in re.findall(r"(\w+_s) ([\d.]+)", done)}
    return elapsed, steps


GENERATORS = ("mkdocs", "properdocs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--factors", default="1,10,50")
    args = parser.parse_args()
    factors = [int(f) for f in args.factors.split(",")]
    results = {}
    with tempfile.TemporaryDirectory(prefix="handbok-bench-") as tmp:
        tmp = Path(tmp)
        for factor in factors:
            project = tmp / f"x{factor}"
            n = make_project(project, factor)
            seconds, steps = build(project, "mkdocs")
            results[factor] = {"toolbox_items": n, "build_s": seconds, "steps_s": steps, **measure_site(project / "site")}
            if factor in (1, 50):
                saves = save_to_page(project)
                results[factor]["save_to_page_s"] = statistics.median(saves)
                print(f"{factor:>3}× save → page in both languages: {', '.join(f'{t:.1f}' for t in saves)} s", flush=True)
            print(f"{factor:>3}× {n:>5} insatser: {seconds:6.1f} s, {results[factor]['pages']} pages, "
                  f"{results[factor]['html_kb_per_toolbox_page']:.1f} KB/toolbox page, search index "
                  f"{max(results[factor]['search_index_mb'].values()):.2f} MB", flush=True)
        peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        largest = max(factors)
        search = __import__("search_bench").report(tmp / f"x{largest}" / "site")  # issue 14: weight and speed
        search["top_five"] = __import__("search_bench").top_five(tmp / f"x{min(factors)}" / "site")  # issue 26
        baseline_dir = tmp / "baseline"
        write_baseline(tmp / f"x{largest}", baseline_dir)
        # Each generator: the handbook's build against a plain build of the same Markdown tree.
        per_generator = {}
        for generator in GENERATORS:
            # A first build (nothing kept: .cache/ removed) and a rebuild of the same content (what
            # the first build kept: parsed YAML, QR codes, search sections, compressed files),
            # right before their baseline, so all three meet the same load on a shared machine.
            shutil.rmtree(tmp / f"x{largest}" / ".cache", ignore_errors=True)
            first, first_steps = build(tmp / f"x{largest}", generator)
            seconds, steps = build(tmp / f"x{largest}", generator)
            base = build_baseline(baseline_dir, generator)
            per_generator[generator] = {"build_s": round(seconds, 2), "baseline_s": round(base, 2),
                                        "ratio_to_baseline": round(seconds / base, 2),
                                        "first_build_s": round(first, 2),
                                        "first_build_ratio_to_baseline": round(first / base, 2),
                                        "steps_s": {k: round(v, 2) for k, v in steps.items()},
                                        "first_build_steps_s": {k: round(v, 2) for k, v in first_steps.items()}}
            print(f"{generator}: rebuild {seconds:.1f} s, first build {first:.1f} s, plain build of the same "
                  f"tree {base:.1f} s, ratio {seconds / base:.2f} (first build {first / base:.2f}); "
                  f"steps {steps}; first build's steps {first_steps}", flush=True)
        baseline_s = per_generator["mkdocs"]["baseline_s"]
        results[largest]["build_s"] = per_generator["mkdocs"]["build_s"]
    big = results[largest]
    summary = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "toolbox_items": {f"{f}x": results[f]["toolbox_items"] for f in factors},
        "build_s": {f"{f}x": round(results[f]["build_s"], 2) for f in factors},
        "build_s_1000": round(big["build_s"], 2),
        "growth_50x_over_10x": round(results[50]["build_s"] / results[10]["build_s"], 2)
        if 50 in results and 10 in results else None,
        "baseline_s": round(baseline_s, 2),
        "ratio_to_baseline": round(big["build_s"] / baseline_s, 2),
        "first_build_ratio_to_baseline": per_generator["mkdocs"]["first_build_ratio_to_baseline"],
        "steps_s": {f"{f}x": results[f]["steps_s"] for f in factors},
        "generators": per_generator,
        "save_to_page_s": {f"{f}x": round(results[f]["save_to_page_s"], 2) for f in factors if f in (1, 50)},
        "html_kb_per_toolbox_page": round(big["html_kb_per_toolbox_page"], 1),
        "search_index_mb_max": round(max(big["search_index_mb"].values()), 2),
        "output_mb": round(big["output_mb"], 1),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "search": search,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
    __import__("lighthouse_bench").main([])  # Lighthouse on the site served by nginx (issue 15)
