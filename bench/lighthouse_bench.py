"""Lighthouse (mobile) on the site as published: built, then served by nginx with the
shipped config (what `make serve-site` runs). Part of `make bench`, not `make test`.

Pages: the start page, a toolbox page, a family page (/familj/<id>/ where the build
has one; otherwise a toolbox page's family section, which is what a family reaches
from a school's link today) and a workflow page. Lighthouse 12.2.3 from
node_modules (package.json), Debian's Chromium via CHROME_PATH.

    python bench/lighthouse_bench.py [--site site]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbok import nginx  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def pages(site: Path) -> dict[str, str]:
    family = sorted(p.parent.name for p in site.glob("familj/*/index.html"))
    return {
        "start": "/",
        "toolbox": "/verktygslada/hembesok/",
        "family": f"/familj/{family[0]}/" if family else "/verktygslada/foraldragrupp/#for-family",
        "workflow": "/arbetsgang/skolsocialt-team/",
    }


def lighthouse(url: str, out: Path) -> dict[str, int]:
    cmd = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for attempt in range(3):
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)
        # Chromium sometimes loses the trace of a load (NO_NAVSTART, NO_FCP); Lighthouse's
        # own advice is to run it again, and a lost trace says nothing about the page.
        if result.returncode == 0 and out.exists():
            break
        print(f"lighthouse: run {attempt + 1} on {url} failed, trying again: "
              f"{(result.stderr.strip().splitlines() or [''])[-1]}", file=sys.stderr, flush=True)
    else:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(out.read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failed = [a["id"] for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]
              if ref["weight"] and (a := report["audits"][ref["id"]])["score"] is not None and a["score"] < 1]
    scores["transfer_kb"] = round(report["audits"]["total-byte-weight"]["numericValue"] / 1024)
    # Lighthouse's own CPU speed measure: a busy or slow machine lowers performance (TBT, FCP).
    scores["benchmark_index"] = round(report["environment"]["benchmarkIndex"])
    scores["not_full_marks"] = sorted(set(failed))
    return scores


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a finished build (default: build one now, without PDFs)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="handbok-lighthouse-") as tmp:
        tmp = Path(tmp)
        site = args.site
        if site is None:
            site = tmp / "site"
            subprocess.run([sys.executable, "-m", "handbok", "build", "--no-pdf", "--out", str(site)],
                           cwd=ROOT, check=True, capture_output=True)
        results = {}
        with nginx.running(site) as base:
            for name, path in pages(site).items():
                results[name] = {"path": path, **lighthouse(base + path, tmp / f"{name}.json")}
                r = results[name]
                print(f"lighthouse {name:<9} {path:<40} " + " ".join(f"{c} {r[c]:>3}" for c in CATEGORIES)
                      + f"  {r['transfer_kb']} KB, CPU index {r['benchmark_index']}" + (f"  (below 100: {', '.join(r['not_full_marks'])})"
                                                      if r["not_full_marks"] else ""), flush=True)
    met = all(r[c] >= TARGETS[c] for r in results.values() for c in CATEGORIES)
    print(json.dumps({"lighthouse": {k: {c: v[c] for c in [*CATEGORIES, "benchmark_index"]} for k, v in results.items()},
                      "lighthouse_targets_met": met}))
    return results


if __name__ == "__main__":
    main()
