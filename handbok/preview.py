"""`python -m handbok serve` (`make serve`): the coordinators' live preview.

- Watches the YAML, docs/, overrides/ and the templates; on every save it checks the
  content with the same code as `make build`, writes the Markdown tree
  (handbok/tree.py, in .preview/tree/) and lets two long-lived generator builders
  (generators/worker.py, one per language) turn it into HTML.
- A save that changes items only renders again just the Markdown of the pages that
  depend on them (their own pages, the lists and indexes that show them, the pages
  that link to them or that they link to) and the builders rebuild only those pages
  (the generator's dirty build). Anything else (docs, templates, the glossary, a new
  or removed item) is a full build into a second folder, so the served one stays whole.
- Serves the last good build from .preview/ at once, whatever state the content is
  in; while a save's pages are written, a request waits for them (never half a page).
  While the content has problems, every page shows a banner with them
  (`file:line: field: message`, in the page's language); it goes when they are fixed.
- Pages reload by themselves: a small script asks this server (and no other host)
  whether a newer build exists.
- PDFs, which only `make build` writes, are made on request; a page with QR codes
  says which address they point at (SITE_URL), never this computer.

This module knows nothing of the generator: it writes files and talks to the builders over a pipe.
"""
from __future__ import annotations

import datetime as dt
import http.server
import json
import mimetypes
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from . import children, editor, generators, limits, models
from .content import SECTIONS
from .drafts import placeholders
from .postprocess import finish_pages
from .problems import ContentError
from .render import Renderer, _environment, ui_strings
from .edition import edition_files, edition_from_env
from .tree import site_url, with_abbreviations, write_file, write_tree
from .validate import load_content

LANGS = ("sv", "en")
# Besides the content: files whose change means a full rebuild of both languages.
WATCHED_FOLDERS = ["docs", "overrides", "handbok/templates"]
WATCHED_FILES = ["published-urls.txt", "handbok/ui.yml", "mkdocs.yml", "mkdocs.en.yml"]
_QR = re.compile(r'data-qr-payload="(https?://[^/"]+/)')
# Links in a page's Markdown ([title](../x.md)) and raw HTML (href="../x/"), to find what it links to.
_MD_LINK = re.compile(r"\]\(([^)\s#]+\.md)")
_HTML_LINK = re.compile(r'href="([^"#:]*/)[^"]*"')
# Pages that list every item's latest change or state: rendered again at every save.
ALWAYS = ("nytt/index.md", "redigera/rapport.md")
# After a save, the search index waits until no save came for this long (1,000 insatser: seconds of work).
SEARCH_AFTER_QUIET_S = 2.0
# The second round (lists, indexes, pages linking to a saved item) is built in parts of about
# this much Markdown; a save that comes meanwhile waits for one part (about a second at 1,000
# insatser), not for all of them.
SECOND_ROUND_PART_CHARS = 400_000


class _BuildFailed(Exception):
    """A part of a save's second round that the generator could not build: (site, answers)."""


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


def _items(changed: set[str]) -> set[tuple[str, str]]:
    return {(path.split("/")[0], Path(path).stem) for path in changed}


def _address(lang: str, md_path: str) -> str:
    """The address a page of the tree is served at: verktygslada/hembesok.md → /verktygslada/hembesok/."""
    page = md_path[:-len("index.md")] if md_path.endswith("index.md") else md_path[:-len(".md")] + "/"
    return ("/en/" if lang == "en" else "/") + page


def _owned(path: str, section: str, item_id: str) -> bool:
    return path == f"{section}/{item_id}.md" or path.startswith(f"{section}/{item_id}/")


def links_of(path: str, text: str, known) -> set[str]:
    """The pages (md paths in `known`) a page's Markdown links to."""
    here = posixpath.dirname(path)
    out = {posixpath.normpath(posixpath.join(here, link)) for link in _MD_LINK.findall(text)}
    url_dir = path[:-len("index.md")] if path.endswith("index.md") else path[:-3] + "/"
    for link in _HTML_LINK.findall(text):
        target = posixpath.normpath(posixpath.join(url_dir, link))
        out |= {f"{target}.md", f"{target}/index.md"}
    return {p for p in out if p in known}


def dependents(texts: dict[str, str], items: set[tuple[str, str]]) -> set[str]:
    """The pages a change of these items can alter: the items' own pages (and family
    pages), every page whose Markdown names them (lists, indexes, links with their
    title), the pages their own pages link to (reverse lists such as a role's steps),
    and the pages that list every change."""
    out = {p for p in ALWAYS if p in texts}
    for kind, item_id in items:
        own = {p for p in texts if _owned(p, SECTIONS[kind], item_id) or _owned(p, "familj", item_id)}
        out |= own
        for p in own:
            out |= links_of(p, texts[p], texts)
        named = re.compile(rf"(?<![\w-]){re.escape(item_id)}(?![\w-])")  # not inside another id
        out |= {p for p, text in texts.items() if item_id in text and named.search(text)}
    return out


class Preview:
    def __init__(self, root: Path, out: Path, log=lambda line: print(line, flush=True)):
        self.root, self.out, self.log = root, out, log
        # What is served: the newer of two folders (a full build goes to the other one),
        # so the last session's last good build answers while the first build runs.
        self.site = max((out / "site-a", out / "site-b"), key=lambda d: _built_at(d))
        # Open pages reload when their version goes up: every page after a full build or a new
        # banner (all_version), a page whose Markdown a save rewrote on its own (page_versions).
        self.version = 0
        self.all_version = 0
        self.page_versions: dict[str, int] = {}
        self.written: set[str] = set()  # addresses whose Markdown this round rewrote
        self.head = ""              # ui key of the banner's heading, "" = no banner
        self.lines: dict[str, list[str]] = {"sv": [], "en": []}
        self.content = None         # the last good content (for PDFs on request)
        self.ids = None
        self.full_next = True
        self.pending: set[str] = set()  # files changed since the last good build
        # A save's second round (lists, indexes) left for the next save's, because that save
        # came while it was being rendered: per language, the pages it still has to write.
        self.deferred: dict[str, set[str]] = {}
        self.seen: dict | None = None  # the files as the watcher last saw them (None: not watching)
        self.texts: dict[str, dict[str, str]] = {}  # the tree's pages as last written, per language
        self.workers: dict[str, subprocess.Popen] = {}
        self.generator = generators.chosen()
        # Held while a save's pages are written into the served folder: a request waits
        # for them rather than get half a page (full builds go to the other folder).
        self.writing = threading.Lock()
        self.pdf_lock = threading.Lock()
        self.search_for = None      # (folder, content) whose search index is still to be written
        self.search_at = 0.0
        self.indexing = threading.Thread()
        self.stopping = False

    # --- building ------------------------------------------------------------------

    def _tree(self, lang: str) -> Path:
        return self.out / "tree" / lang

    def _start_workers(self) -> None:
        """The one place the preview starts processes: one builder per language."""
        self.out.mkdir(parents=True, exist_ok=True)
        worker = Path(__file__).resolve().parent.parent / "generators" / "worker.py"
        for lang in LANGS:
            log = open(self.out / f"builder-{lang}.log", "a", encoding="utf-8")  # noqa: SIM115 (lives with the process)
            self.workers[lang] = children.popen(
                [sys.executable, str(worker), self.generator, str(self._tree(lang) / "mkdocs.yml")],
                cwd=self._tree(lang), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
                memory=limits.BUILDER_MEMORY)

    def stop(self) -> None:
        self.stopping = True
        for proc in self.workers.values():
            proc.terminate()
        for proc in self.workers.values():
            proc.wait(10)

    def _build(self, full: bool) -> tuple[Path, dict[str, dict]]:
        """Build both languages; a full build goes to a fresh folder, so the served one
        stays whole until the new one is complete. Returns (folder, answers)."""
        if not self.workers or any(p.poll() is not None for p in self.workers.values()):
            for proc in self.workers.values():  # one builder stopped: start both afresh
                proc.kill()
            self._start_workers()
            full = True  # the caller wrote the whole tree when it chose full; a restart rebuilds all
        site = self.site
        if full:
            site = self.out / ("site-b" if self.site.name == "site-a" else "site-a")
            shutil.rmtree(site, ignore_errors=True)
        started = time.time() - 1  # file times can be a little coarse
        for lang, proc in self.workers.items():  # both languages build side by side
            proc.stdin.write(json.dumps({"full": full, "site_dir": str(site / lang)}) + "\n")
            proc.stdin.flush()
        answers = {}
        for lang, proc in self.workers.items():
            line = proc.stdout.readline()
            answers[lang] = json.loads(line) if line else {
                "ok": False, "warnings": [f"the builder stopped; see {self.out / f'builder-{lang}.log'}"]}
        finish_pages(site, since=None if full else started)  # as make build does, on the pages just written
        return site, answers

    def _write_full(self, content) -> None:
        for lang in LANGS:
            self.texts[lang] = write_tree(self.root, content, lang, self._tree(lang))["pages"]

    def _write_changed(self, content, items: set[tuple[str, str]], wanted: dict[str, set[str]] | None = None) -> dict:
        """Render again only the pages these items touch; write those whose Markdown changed.
        Two rounds: without `wanted`, the items' own pages (what the coordinator is looking
        at); returns every page the save touches, per language, for the second round, which
        renders the rest (lists, indexes, pages that link to them, the feeds) and returns them
        for _second_round to write. A second round that a newer save overtakes while it
        renders returns None."""
        first = wanted is None
        touched, fresh = {}, {}
        for lang in LANGS:
            texts = self.texts[lang]
            r = Renderer(content, lang, site_url(self.root, content, lang))
            touched[lang] = dependents(texts, items) if first else wanted[lang]
            own = {p for p in touched[lang] if any(_owned(p, SECTIONS[k], i) or _owned(p, "familj", i) for k, i in items)}
            if first:
                batch = own
            else:  # and the pages the new text links to (a step that now names an insats shows on its page)
                batch = (touched[lang] - own) | {link for p in own for link in links_of(p, texts[p], texts)}
            fresh[lang] = {p: with_abbreviations(r, p, t) for p, t in r.pages(only=batch).items()}
            if not first:
                fresh[lang].update(r.feeds())
        if not first:
            return fresh if not self._saved_again() else None  # None: the next save's second round renders these
        self._write(fresh)
        return touched

    def _write(self, fresh: dict[str, dict[str, str]]) -> None:
        for lang in LANGS:
            for path, text in fresh[lang].items():
                if write_file(self._tree(lang) / "docs" / path, text):
                    self.written.add(_address(lang, path))
                self.texts[lang][path] = text

    def _second_round(self, fresh: dict[str, dict[str, str]]) -> dict[str, set[str]]:
        """Write and build the second round's pages a part at a time, so a new save waits for one
        part at most, not for every list and index: the parts not yet written are returned
        (per language) for the next save's second round."""
        parts: list[dict[str, dict[str, str]]] = [{lang: {} for lang in LANGS}]
        size = 0
        for lang in LANGS:
            for path, text in sorted(fresh[lang].items(), key=lambda page: len(page[1])):  # small pages first
                if size > SECOND_ROUND_PART_CHARS:
                    parts.append({lang: {} for lang in LANGS})
                    size = 0
                parts[-1][lang][path] = text
                size += len(text)
        for n, part in enumerate(parts):
            if n and self._saved_again():
                return {lang: {p for later in parts[n:] for p in later[lang]} for lang in LANGS}
            self._write(part)
            with self.writing:
                site, answers = self._build(False)
            if not all(a["ok"] for a in answers.values()):
                raise _BuildFailed(site, answers)
            self._pages_changed()
        return {}

    def _saved_again(self) -> bool:
        """Has a file changed since the watcher last looked? (Then a new save is waiting.)"""
        return self.seen is not None and snapshot(self.root) != self.seen

    def _pages_changed(self) -> None:
        """The pages just rebuilt reload where they are open (and no other page)."""
        self.version += 1
        self.page_versions.update(dict.fromkeys(self.written, self.version))
        self.written = set()

    def page_version(self, address: str) -> int:
        address = address[:-len("index.html")] if address.endswith("/index.html") else address
        return max(self.all_version, self.page_versions.get(address, 0))

    def rebuild(self, changed: set[str] | None = None) -> None:
        start = time.perf_counter()
        self.pending |= changed or set()
        try:
            content = load_content(self.root, edition_from_env())
        except ContentError as err:
            self._show("preview_problems", {
                lang: [f"{p.file}:{p.line}: {p.field or '(filen/file)'}: {p.texts()[i]}" for p in err.problems]
                for i, lang in enumerate(LANGS)})
            n = len(err.problems)
            self.log(f"{_now()} {n} fel – förhandsvisningen visar senaste fungerande version / "
                     f"{n} problem(s) – the preview shows the last good build ({time.perf_counter() - start:.1f} s)")
            for problem in err.problems:
                self.log(f"  {problem}")
            return
        ids = content.ids()
        self.out.mkdir(parents=True, exist_ok=True)
        full = self.full_next or changed is None or ids != self.ids or not _only_items(self.pending) \
            or any(p.poll() is not None for p in self.workers.values()) or not self.workers
        try:
            if full:
                self.deferred = {}  # every page is written
                self._write_full(content)
                site, answers = self._build(True)
            else:  # the saved items' own pages first, so the page being edited shows at once
                self.written = set()
                wanted = self._write_changed(content, _items(self.pending))
                with self.writing:
                    site, answers = self._build(False)
                if all(a["ok"] for a in answers.values()):
                    self._pages_changed()  # the saved item's pages reload; lists and indexes follow in a moment
                    for lang, paths in self.deferred.items():
                        wanted[lang] |= paths
                    fresh = self._write_changed(content, _items(self.pending), wanted)
                    # A newer save waits: its own pages first, then one second round for both.
                    self.deferred = wanted if fresh is None else self._second_round(fresh)
        except _BuildFailed as failed:
            site, answers = failed.args
        except ContentError as err:  # a page that cannot be rendered (e.g. a broken template)
            site, answers = self.site, {lang: {"ok": False, "warnings": [err.report()]} for lang in LANGS}
        warnings = [f"[{lang}] {w}" for lang, a in answers.items() for w in a["warnings"]]
        drafts = placeholders(content)  # a draft previews; make build stops on it
        ok = all(a["ok"] for a in answers.values())
        if ok:  # the search index, as build.py makes it; after the pages, so a save shows at once,
            # and after a save only once the saves pause, so it does not slow the next one down
            self.search_for = (site, content)
            self.search_at = time.monotonic() + (0 if full else SEARCH_AFTER_QUIET_S)
        self.full_next = not ok
        if ok:
            self.content, self.ids, self.site, self.pending = content, ids, site, set()
        head = "preview_build_failed" if not ok else "preview_build_warnings" if warnings or drafts else ""
        self._show(head, {lang: warnings + [f"{p.file}:{p.line}: {p.field}: {p.texts()[i]}" for p in drafts]
                          for i, lang in enumerate(LANGS)}, every_page=full or not ok)
        what = "hela webbplatsen / whole site" if full else "ändrade sidor / changed pages"
        self.log(f"{_now()} {'Uppdaterad / Updated' if ok else 'Bygget misslyckades / The build failed'}: "
                 f"sv + en, {what}, {time.perf_counter() - start:.1f} s")
        for line in warnings:
            self.log(f"  {self.generator} {line}")

    def _index_when_quiet(self) -> None:
        if self.search_for and time.monotonic() >= self.search_at and not self.indexing.is_alive():
            site, content = self.search_for
            self.search_for = None
            self.indexing = threading.Thread(target=self._search_index, args=(site, content), daemon=True)
            self.indexing.start()

    def _search_index(self, site: Path, content) -> None:
        from .search import build_search_indexes

        try:
            build_search_indexes(site, content, (("sv", "sv"), ("en", "en")))
        except Exception as err:  # noqa: BLE001 - the pages still preview; say why search does not
            if not self.stopping:
                self.log(f"  Sökindex / Search index: {err}")

    def _show(self, head: str, lines: dict[str, list[str]], every_page: bool = True) -> None:
        """Set the banner; every open page reloads if it changed or `every_page` (a full build)."""
        if every_page or (head, lines) != (self.head, self.lines):
            self.version += 1
            self.all_version = self.version
        self.head, self.lines = head, lines

    def watch(self, interval: float = 0.2) -> None:
        before = self.seen = snapshot(self.root)
        self.rebuild()
        self._index_when_quiet()
        while not self.stopping:
            time.sleep(interval)
            now = snapshot(self.root)
            if now != before:
                changed = {p for p in now.keys() | before.keys() if now.get(p) != before.get(p)}
                before = self.seen = now
                self.rebuild(changed)
            elif self.deferred:  # a second round a save overtook, and no save after it: do it now
                self.rebuild(set())
            else:
                self._index_when_quiet()

    # --- what a page gets on top of the build ----------------------------------------

    def decorate(self, page: str, lang: str, path: str = "") -> str:
        env = _environment()
        u = ui_strings()
        top = editor.edit_link(self.root, path, lang)
        if self.head and self.lines[lang]:
            top += env.get_template("preview/banner.html.j2").render(head=u[self.head](lang), lines=self.lines[lang])
        qr = _QR.search(page)
        if qr:
            from .build import is_placeholder  # say so when the codes point at the placeholder (issue 25)
            text = u["preview_qr"](lang).replace("{url}", qr.group(1))
            text += " " + u["preview_qr_placeholder"](lang) if is_placeholder(qr.group(1)) else ""
            top += env.get_template("preview/note.html.j2").render(text=text)
        script = env.get_template("preview/reload.html.j2").render(version=self.page_version(path))
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

    def do_POST(self):
        return editor.handle(self, self.preview)

    def do_GET(self, body: bool = True):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if editor.Editor.handles(path):  # the form editor (handbok/editor.py)
            return editor.handle(self, self.preview, body)
        if path == "/__preview__/version":  # ?page=<the open page's address>
            page = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("page", [""])[0]
            answer = {"version": self.preview.page_version(page)}
            return self._send(200, json.dumps(answer).encode(), "application/json", body)
        lang = "en" if path == "/en" or path.startswith("/en/") else "sv"
        rel = path[3:] if lang == "en" else path
        if path.endswith(".pdf"):
            pdf = self._pdf(lang, rel, body)
            if pdf is not True:
                return pdf
        with self.preview.writing:  # a save's pages are being written: wait for them, never half a page
            answer = self._read(path, lang, rel)
        if answer is None:
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return None
        status, data, kind = answer
        if kind == "text/html; charset=utf-8":
            data = self.preview.decorate(data.decode("utf-8"), lang, path).encode("utf-8")
        return self._send(status, data, kind, body)

    def _pdf(self, lang: str, rel: str, body: bool):
        """A PDF not in the build is made now; True = not one of ours, answer as any file."""
        file = (self.preview.site / lang / rel.lstrip("/"))
        if file.is_file():
            return True
        try:
            made = self.preview.pdf(lang, rel)
        except Exception as err:  # noqa: BLE001 - say so on the page, keep serving
            message = f"{ui_strings()['preview_pdf'](lang)}: {err}"
            return self._send(500, message.encode(), "text/plain; charset=utf-8", body)
        if made is None:
            return True
        return self._send(200, made.read_bytes(), "application/pdf", body)

    def _read(self, path: str, lang: str, rel: str):
        """(status, bytes, type) of a file of the served build; None = redirect to the folder."""
        base = (self.preview.site / lang).resolve()
        file = (base / rel.lstrip("/")).resolve()
        if base not in file.parents and file != base:
            return 404, b"", "text/plain"
        if file.is_dir():
            if not path.endswith("/"):
                return None
            file = file / "index.html"
        status = 200
        if not file.is_file():
            status, file = 404, base / "404.html"
        if file.suffix == ".html" or not file.is_file():
            page = file.read_text(encoding="utf-8") if file.is_file() else self.preview.empty_page(lang)
            return status, page.encode("utf-8"), "text/html; charset=utf-8"
        return status, file.read_bytes(), mimetypes.guess_type(file.name)[0] or "application/octet-stream"

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


_MAIN_PID = os.getpid()


def _interrupt(signum, frame):
    if os.getpid() != _MAIN_PID:  # a forked helper (the search index's pool): the preview stops it
        return
    raise KeyboardInterrupt


def serve(root: Path, port: int, out: Path | None = None) -> int:
    preview = Preview(root, out or root / ".preview")
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    try:
        httpd = _Server(("127.0.0.1", port), handler)
    except OSError as err:  # one plain line, not a traceback
        print(f"Port {port} används redan eller går inte att öppna ({err.strerror}) – stoppa den andra "
              f"förhandsvisningen eller välj en annan port: make serve PORT={port + 1} / Port {port} is in use "
              f"or cannot be opened – stop the other preview or choose another port: make serve PORT={port + 1}",
              file=sys.stderr, flush=True)
        return 1
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(f"Förhandsvisning / Preview: http://127.0.0.1:{port}/ – spara en fil så byggs sidorna om / "
          f"save a file and the pages rebuild. Ctrl+C avslutar / stops.", flush=True)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as Ctrl+C does, builders included
    signal.signal(signal.SIGINT, _interrupt)  # Ctrl+C reaches every process; only this one answers
    try:
        preview.watch()
    except KeyboardInterrupt:
        print("Förhandsvisningen stoppad / Preview stopped.", flush=True)
    finally:
        httpd.shutdown()
        preview.stop()
    return 0
