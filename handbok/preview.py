"""`python -m handbok serve` (`make serve`): the coordinators' live preview.

- Watches the YAML, docs/, overrides/ and the templates; on every save it checks the
  content with the same code as `make build` and rebuilds both languages with the
  same MkDocs configs (in two long-lived builders, hooks/mkdocs_worker.py). When only
  YAML items changed, only the pages whose Markdown changed are rendered again.
- Serves the last good build from .preview/ at once, whatever state the content is
  in. While the content has problems, every page shows a banner with them
  (`file:line: field: message`, in the page's language); it goes when they are fixed.
- Pages reload by themselves: a small script asks this server (and no other host)
  whether a newer build exists.
- PDFs, which only `make build` writes, are made on request; a page with QR codes
  says which address they point at (SITE_URL), never this computer.

This module knows nothing of MkDocs: it talks to the builders over a pipe.
"""
from __future__ import annotations

import datetime as dt
import http.server
import json
import mimetypes
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from . import models
from .problems import ContentError
from .render import _environment, ui_strings
from .site import HANDOFF, hand_off
from .edition import edition_files, edition_from_env
from .validate import load_content

CONFIGS = {"sv": "mkdocs.yml", "en": "mkdocs.en.yml"}
# Besides the content: files whose change means a full rebuild of both languages.
WATCHED_FOLDERS = ["docs", "overrides", "handbok/templates"]
WATCHED_FILES = ["published-urls.txt", "handbok/ui.yml", "mkdocs.yml", "mkdocs.en.yml"]
_QR = re.compile(r'data-qr-payload="(https?://[^/"]+/)')


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every watched file; cheap enough to poll (1,000 items: a few ms)."""
    files = [root / f"{name}.yml" for name in models.SINGLE_FILES] + [root / name for name in WATCHED_FILES]
    for kind in models.KINDS:
        files.extend((root / kind).glob("*.y*ml"))
    for folder in WATCHED_FOLDERS:
        files.extend(p for p in (root / folder).rglob("*") if p.is_file())
    files.extend(edition_files(edition_from_env()))  # a local edition's folder (make serve EDITION=…)
    out = {}
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        out[path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()] = \
            (stat.st_mtime_ns, stat.st_size)
    return out


def _now() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")


def _built_at(site: Path) -> float:
    try:
        return (site / "sv" / "index.html").stat().st_mtime
    except OSError:
        return 0.0


def _only_items(changed: set[str]) -> bool:
    """Only item files changed: their pages' Markdown tells what to render again.
    (The glossary feeds every page's abbreviations, so it is not in this list.)"""
    return all(path.split("/")[0] in models.KINDS for path in changed)


class Preview:
    def __init__(self, root: Path, out: Path, log=lambda line: print(line, flush=True)):
        self.root, self.out, self.log = root, out, log
        # What is served: the newer of two folders (a full build goes to the other one),
        # so the last session's last good build answers while the first build runs.
        self.site = max((out / "site-a", out / "site-b"), key=lambda d: _built_at(d))
        self.version = 0            # goes up at every rebuild, good or not: open pages reload
        self.head = ""              # ui key of the banner's heading, "" = no banner
        self.lines: dict[str, list[str]] = {"sv": [], "en": []}
        self.content = None         # the last good content (for PDFs on request)
        self.ids = None
        self.full_next = True
        self.pending: set[str] = set()  # files changed since the last good build
        self.workers: dict[str, subprocess.Popen] = {}
        self.pdf_lock = threading.Lock()
        self.stopping = False

    # --- building ------------------------------------------------------------------

    def _start_workers(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        for lang, config in CONFIGS.items():
            log = open(self.out / f"builder-{lang}.log", "a", encoding="utf-8")  # noqa: SIM115 (lives with the process)
            self.workers[lang] = subprocess.Popen(
                [sys.executable, str(self.root / "hooks" / "mkdocs_worker.py"), str(self.root / config),
                 str(self.out / "pages")],
                cwd=self.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True)

    def stop(self) -> None:
        self.stopping = True
        for proc in self.workers.values():
            proc.terminate()
        for proc in self.workers.values():
            proc.wait(10)

    def _build(self, handoff: str, full: bool) -> tuple[Path, dict[str, dict]]:
        """Build both languages; a full build goes to a fresh folder, so the served one
        stays whole until the new one is complete. Returns (folder, answers)."""
        if not self.workers or any(p.poll() is not None for p in self.workers.values()):
            for proc in self.workers.values():  # one builder stopped: start both afresh
                proc.kill()
            self._start_workers()
            full = True
        site = self.site
        if full:
            site = self.out / ("site-b" if self.site.name == "site-a" else "site-a")
            shutil.rmtree(site, ignore_errors=True)
        for lang, proc in self.workers.items():  # both languages build side by side
            proc.stdin.write(json.dumps({"handoff": handoff, "full": full, "site_dir": str(site / lang)}) + "\n")
            proc.stdin.flush()
        answers = {}
        for lang, proc in self.workers.items():
            line = proc.stdout.readline()
            answers[lang] = json.loads(line) if line else {
                "ok": False, "warnings": [f"the builder stopped; see {self.out / f'builder-{lang}.log'}"]}
        return site, answers

    def rebuild(self, changed: set[str] | None = None) -> None:
        start = time.perf_counter()
        self.pending |= changed or set()
        try:
            content = load_content(self.root, edition_from_env())
        except ContentError as err:
            self._show("preview_problems", {
                lang: [f"{p.file}:{p.line}: {p.field or '(filen/file)'}: {p.texts()[i]}" for p in err.problems]
                for i, lang in enumerate(CONFIGS)})
            n = len(err.problems)
            self.log(f"{_now()} {n} fel – förhandsvisningen visar senaste fungerande version / "
                     f"{n} problem(s) – the preview shows the last good build ({time.perf_counter() - start:.1f} s)")
            for problem in err.problems:
                self.log(f"  {problem}")
            return
        ids = content.ids()
        self.out.mkdir(parents=True, exist_ok=True)
        full = self.full_next or changed is None or ids != self.ids or not _only_items(self.pending)
        site, answers = self._build(hand_off(self.root, content, self.out)[HANDOFF], full)
        warnings = [f"[{lang}] {w}" for lang, a in answers.items() for w in a["warnings"]]
        ok = all(a["ok"] for a in answers.values())
        if ok:  # the search index, as build.py makes it; after the pages, so a save shows at once
            threading.Thread(target=self._search_index, args=(site, content), daemon=True).start()
        self.full_next = not ok
        if ok:
            self.content, self.ids, self.site, self.pending = content, ids, site, set()
        head = "preview_build_failed" if not ok else "preview_build_warnings" if warnings else ""
        self._show(head, {lang: warnings for lang in CONFIGS})
        what = "hela webbplatsen / whole site" if full else "ändrade sidor / changed pages"
        self.log(f"{_now()} {'Uppdaterad / Updated' if ok else 'Bygget misslyckades / The build failed'}: "
                 f"sv + en, {what}, {time.perf_counter() - start:.1f} s")
        for line in warnings:
            self.log(f"  MkDocs {line}")

    def _search_index(self, site: Path, content) -> None:
        from .search import build_search_indexes

        try:
            build_search_indexes(site, content, (("sv", "sv"), ("en", "en")))
        except Exception as err:  # noqa: BLE001 - the pages still preview; say why search does not
            self.log(f"  Sökindex / Search index: {err}")

    def _show(self, head: str, lines: dict[str, list[str]]) -> None:
        self.head, self.lines = head, lines
        self.version += 1

    def watch(self, interval: float = 0.2) -> None:
        before = snapshot(self.root)
        self.rebuild()
        while not self.stopping:
            time.sleep(interval)
            now = snapshot(self.root)
            if now != before:
                changed = {p for p in now.keys() | before.keys() if now.get(p) != before.get(p)}
                before = now
                self.rebuild(changed)

    # --- what a page gets on top of the build ----------------------------------------

    def decorate(self, page: str, lang: str) -> str:
        env = _environment()
        u = ui_strings()
        top = ""
        if self.head and self.lines[lang]:
            top += env.get_template("preview/banner.html.j2").render(head=u[self.head](lang), lines=self.lines[lang])
        qr = _QR.search(page)
        if qr:
            from .build import is_placeholder  # say so when the codes point at the placeholder (issue 25)
            text = u["preview_qr"](lang).replace("{url}", qr.group(1))
            text += " " + u["preview_qr_placeholder"](lang) if is_placeholder(qr.group(1)) else ""
            top += env.get_template("preview/note.html.j2").render(text=text)
        script = env.get_template("preview/reload.html.j2").render(version=self.version)
        page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + top, page, count=1)
        return page.replace("</body>", script + "</body>", 1) if "</body>" in page else page + script

    def empty_page(self, lang: str) -> str:
        u = ui_strings()
        return f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{u["site_name"](lang)}</title>' \
               f'</head><body><h1>{u["preview_no_build"](lang)}</h1></body></html>'

    def pdf(self, lang: str, rel: str) -> Path | None:
        """A PDF that `make build` would write, made now from the last good content."""
        from . import pdf, pdf_links
        from .build import _canonical_root
        from .render import Renderer

        content = self.content
        if content is None:
            return None
        folder = self.out / "pdf" / str(id(content))
        target = folder / lang / rel.lstrip("/")
        with self.pdf_lock:
            if target.exists():
                return target
            if not folder.exists():
                shutil.rmtree(self.out / "pdf", ignore_errors=True)  # older content's PDFs
            site_url = _canonical_root(self.site / "sv") + ("en/" if lang == "en" else "")
            r = Renderer(content, lang, site_url)
            wanted = pdf_links.LANG_PREFIX[lang] + rel.lstrip("/")
            form = re.fullmatch(r"/blanketter/([a-z0-9-]+)/[a-z0-9-]+\.pdf", rel)
            jobs = []
            if form and form.group(1) in content.forms:
                fid = form.group(1)
                jobs = [pdf.Job(pdf_links.form_path(fid, lang, "pdf"), None),
                        pdf.Job(pdf_links.form_path(fid, lang, "fillable"), None, True)]
                if content.forms[fid].family_edition:
                    jobs.append(pdf.Job(pdf_links.form_path(fid, lang, "family"), None))
            elif wanted == pdf_links.handbook_path(lang):
                jobs = [pdf.Job(wanted, None)]
            job = next((j for j in jobs if j.path == wanted), None)
            if job is None:
                return None
            if wanted == pdf_links.handbook_path(lang):
                doc = pdf.handbook_html(r, self.site / lang)
            elif wanted.endswith(pdf_links.form_files(fid, lang)["family"]):
                doc = pdf.family_form_html(content, fid, lang)
            else:
                doc = pdf.form_html(r, fid, fillable=job.forms)
            data, _ = pdf.render_pdf(doc, str(target.parent), job.forms)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            return target


class Handler(http.server.BaseHTTPRequestHandler):
    preview: Preview

    def do_HEAD(self):
        self.do_GET(body=False)

    def do_GET(self, body: bool = True):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path == "/__preview__/version":
            return self._send(200, json.dumps({"version": self.preview.version}).encode(), "application/json", body)
        lang = "en" if path == "/en" or path.startswith("/en/") else "sv"
        rel = path[3:] if lang == "en" else path
        base = (self.preview.site / lang).resolve()
        file = (base / rel.lstrip("/")).resolve()
        if base not in file.parents and file != base:
            return self._send(404, b"", "text/plain", body)
        if file.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return None
            file = file / "index.html"
        status = 200
        if not file.is_file() and path.endswith(".pdf"):
            try:
                file = self.preview.pdf(lang, rel) or file
            except Exception as err:  # noqa: BLE001 - say so on the page, keep serving
                message = f"{ui_strings()['preview_pdf'](lang)}: {err}"
                return self._send(500, message.encode(), "text/plain; charset=utf-8", body)
        if not file.is_file():
            status, file = 404, base / "404.html"
        if file.suffix == ".html" or not file.is_file():
            page = file.read_text(encoding="utf-8") if file.is_file() else self.preview.empty_page(lang)
            data = self.preview.decorate(page, lang).encode("utf-8")
            return self._send(status, data, "text/html; charset=utf-8", body)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return self._send(status, file.read_bytes(), kind, body)

    def _send(self, status: int, data: bytes, kind: str, body: bool):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a preview is never stale
        self.end_headers()
        if body:
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the browser went on (a reload): fine
                pass

    def log_message(self, *args):  # one line per rebuild is what the terminal shows
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # one line, not a traceback
        print(f"  (förfrågan / request: {sys.exc_info()[1]!r})", file=sys.stderr, flush=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def serve(root: Path, port: int, out: Path | None = None) -> int:
    preview = Preview(root, out or root / ".preview")
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    httpd = _Server(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(f"Förhandsvisning / Preview: http://127.0.0.1:{port}/ – spara en fil så byggs sidorna om / "
          f"save a file and the pages rebuild. Ctrl+C avslutar / stops.", flush=True)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as Ctrl+C does, builders included
    try:
        preview.watch()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.shutdown()
        preview.stop()
    return 0
