"""Measure Decap CMS and Sveltia CMS against the preview's form editor (README, "Editing in the browser").

Not part of `make test`. Fetches the two CMS packages and the `yaml` versions they use from
the npm registry into a temporary folder, then prints one JSON line:

- round_trip: each YAML writer on every content file with no edit (files changed, changed
  lines, comment lines kept). Decap: its `formats/yaml.js` (decap-cms-core, read from the
  package's source map) on yaml 1.10.2; Sveltia: its `formatYAML` (same) on yaml 2.9.1;
  ours: handbok/editor.py (ruamel.yaml round trip).
- axe: violations (WCAG 2.1 A/AA) in Chromium on Decap's entry editor and collection list
  (its in-memory test-repo backend, config generated from handbok/models.py for the roles)
  and on Sveltia's start and new-entry screens; and the other hosts each one asked.

    .venv/bin/python bench/cms_compare.py
"""
from __future__ import annotations

import difflib
import functools
import http.server
import json
import subprocess
import sys
import tarfile
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from handbok import editor, models  # noqa: E402

DECAP, SVELTIA = "decap-cms@3.16.3", "@sveltia/cms@0.221.1"
AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

DECAP_JS = r"""
const yaml = require('./y1/node_modules/yaml');
const jobs = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const sortKeys = (sorted, sel) => (a, b) => { const ia = sorted.indexOf(sel(a)), ib = sorted.indexOf(sel(b));
  if (ia === -1 || ib === -1) return ib - ia; return ia - ib; };
process.stdout.write(JSON.stringify(jobs.map(([text, order]) => {
  const contents = yaml.createNode(yaml.parseDocument(text, { prettyErrors: true }).toJSON());
  contents.items.sort(sortKeys(order, item => item.key && item.key.toString()));
  const doc = new yaml.Document(); doc.contents = contents; return doc.toString();
})));
"""
SVELTIA_JS = r"""
const { parse, stringify } = require('./y2/node_modules/yaml');
const jobs = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(jobs.map(([text, order]) => {
  const data = parse(text), sorted = {};
  for (const k of order) if (k in data) sorted[k] = data[k];
  for (const k in data) if (!(k in sorted)) sorted[k] = data[k];
  return stringify(sorted, null, { indent: 2, indentSeq: true, lineWidth: 0, defaultKeyType: 'PLAIN',
    defaultStringType: 'PLAIN', singleQuote: true }).trim() + '\n';
})));
"""
PAGE = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{name}</title></head><body>
<script>window.CMS_MANUAL_INIT = true;</script><script src="setup.js"></script><script src="{script}"></script>
<script>window.repoFiles = SETUP.files; CMS.init({{config: SETUP.config}});</script></body></html>"""


def _npm(work: Path, *args: str) -> None:
    subprocess.run(["npm", *args, "--no-audit", "--no-fund", "--loglevel=error"], cwd=work, check=True,
                   stdout=subprocess.DEVNULL)


def _changed_lines(a: str, b: str) -> int:
    return sum(1 for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---")))


def _comments(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.lstrip().startswith("#"))


def round_trips(work: Path) -> dict:
    docs = editor.documents(ROOT, ROOT / "editions" / "exempelkommun")
    jobs = [[d.path.read_text(encoding="utf-8"), list(d.model.model_fields)] for d in docs]
    outs = {"ours": [editor.dump_tree(editor.load_tree(text)) for text, _ in jobs]}
    for name, code in (("decap", DECAP_JS), ("sveltia", SVELTIA_JS)):
        (work / f"{name}.js").write_text(code, encoding="utf-8")
        run = subprocess.run(["node", f"{name}.js"], cwd=work, input=json.dumps(jobs), capture_output=True,
                             text=True, check=True)
        outs[name] = json.loads(run.stdout)
    return {name: {"files": len(jobs), "files_changed": sum(o != t for (t, _), o in zip(jobs, out)),
                   "changed_lines": sum(_changed_lines(t, o) for (t, _), o in zip(jobs, out)),
                   "lines": sum(len(t.splitlines()) for t, _ in jobs),
                   "comment_lines_kept": sum(_comments(o) for o in out),
                   "comment_lines": sum(_comments(t) for t, _ in jobs)} for name, out in outs.items()}


def _field(name, shape, info=None) -> dict:
    """A Decap/Sveltia field from a model field (what a kept config generator would write)."""
    f = {"name": str(name), "label": str(name), "required": bool(info is not None and info.is_required())}
    if info is not None and info.description:
        f["hint"] = info.description
    if shape.kind in ("text", "markdown"):
        kind = "markdown" if shape.kind == "markdown" else "string"
        f.update(widget="object", fields=[{"name": lang, "label": lang, "widget": kind} for lang in models.LANGS])
    elif shape.kind == "model":
        f.update(widget="object", fields=[_field(n, s, i) for n, s, i in editor.fields_of(shape.model)])
    elif shape.kind == "list" and shape.inner.kind == "ref" and shape.inner.ref == "roles":
        f.update(widget="relation", collection="roles", value_field="{{slug}}", search_fields=["title.sv"],
                 display_fields=["title.sv"], multiple=True)
    elif shape.kind == "list" and shape.inner.kind == "literal":
        f.update(widget="select", options=[str(v) for v in shape.inner.values], multiple=True)
    elif shape.kind == "list":
        inner = _field("item", shape.inner)
        f.update(widget="list", **({"fields": inner["fields"]} if inner.get("widget") == "object" else {}))
    elif shape.kind == "literal":
        f.update(widget="select", options=[str(v) for v in shape.values])
    elif shape.kind == "bool":
        f.update(widget="boolean")
    elif shape.kind == "int":
        f.update(widget="number", value_type="int")
    elif shape.kind == "date":
        f.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False)
    else:
        f.update(widget="string")
    return f


def axe_runs(site: Path) -> dict:
    from axe_playwright_python.sync_playwright import Axe
    from conftest import CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)

        def check(page, name):
            violations = Axe().run(page, options=AXE).response["violations"]
            out[name] = {v["id"]: len(v["nodes"]) for v in violations}

        for cms, steps in (("decap", [("button", "Login", None), ("goto", "#/collections/roles/entries/mentor",
                                                                     "entry"), ("goto", "#/collections/roles", "list")]),
                           ("sveltia", [("axe", None, "start"), ("button", "Work with Test Repository", None),
                                        ("goto", "#/collections/roles/new", "new_entry")])):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            hosts = set()
            page.on("request", lambda r, hosts=hosts: None if r.url.startswith((url, "data:", "blob:"))
                    else hosts.add(r.url.split("/")[2]))
            page.goto(f"{url}/{cms}.html")
            page.wait_for_timeout(5000)
            for action, arg, name in steps:
                if action == "button":
                    page.get_by_role("button", name=arg).click()
                    page.wait_for_timeout(3000)
                elif action == "goto":
                    page.goto(f"{url}/{cms}.html{arg}")
                    page.wait_for_timeout(5000)
                if name:
                    check(page, f"{cms}_{name}")
            out[f"{cms}_other_hosts"] = sorted(hosts)
            page.close()
        browser.close()
    httpd.shutdown()
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for sub, version in (("y1", "yaml@1.10.2"), ("y2", "yaml@2.9.1")):
            (work / sub).mkdir()
            _npm(work / sub, "install", version)
        _npm(work, "pack", DECAP, SVELTIA)
        site = work / "site"
        site.mkdir()
        for tgz in work.glob("*.tgz"):
            with tarfile.open(tgz) as tar:
                tar.extractall(work / tgz.stem, filter="data")
        for folder in work.glob("*/package/dist"):
            for name in ("decap-cms.js", "sveltia-cms.js", "chunks"):
                if (folder / name).is_file():
                    (site / name).write_bytes((folder / name).read_bytes())
                elif (folder / name).is_dir():
                    subprocess.run(["cp", "-r", str(folder / name), str(site / name)], check=True)
        config = {"backend": {"name": "test-repo"}, "load_config_file": False, "media_folder": "media",
                  "collections": [{"name": "roles", "label": "roles", "folder": "roles", "extension": "yml",
                                   "format": "yml", "identifier_field": "title.sv", "create": True,
                                   "fields": [_field(n, s, i) for n, s, i in editor.fields_of(models.Role)]}]}
        files = {"roles": {p.name: {"content": p.read_text(encoding="utf-8")} for p in sorted((ROOT / "roles").glob("*.yml"))}}
        (site / "setup.js").write_text("window.SETUP = " + json.dumps({"config": config, "files": files}) + ";",
                                       encoding="utf-8")
        (site / "decap.html").write_text(PAGE.format(name="Decap", script="decap-cms.js"), encoding="utf-8")
        (site / "sveltia.html").write_text(PAGE.format(name="Sveltia", script="sveltia-cms.js"), encoding="utf-8")
        sizes = {name: (site / name).stat().st_size for name in ("decap-cms.js", "sveltia-cms.js")}
        print(json.dumps({"round_trip": round_trips(work), "axe": axe_runs(site), "bundle_bytes": sizes}))


if __name__ == "__main__":
    main()
