"""Make a built site ready for a real web server (the last step of `make build`).

- every text file gets a precompressed copy, `.gz` and `.br`, so the server sends
  bytes it never has to compress (nginx: gzip_static, brotli_static);
- the Content-Security-Policy, with a hash of every inline script and style the
  built pages carry (the theme has a few), so the policy follows the templates
  without anyone editing it by hand;
- every alias in the content as a permanent redirect (the alias's meta-refresh page
  stays as the fallback for a host without these rules).

The server files go to `site/.server/`; the shipped nginx config denies every
path starting with a dot, so they are never served as pages. Written as nginx
include files, read as plain text by any other host's setup.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import build_cache
from .content import SECTIONS, Content

SERVER_DIR = ".server"
COMPRESS = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}
MIN_SIZE = 256  # smaller files gain nothing from compression
_INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1>", re.S | re.I)

# Everything from the site's own address, nothing from any other host. The search
# (MiniSearch, plain JavaScript) needs no WebAssembly and no eval.
POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # the theme's icons are data: SVGs in its CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
}


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def page_hashes(html: str, found: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """CSP hashes of one page's inline scripts and styles, added to `found` (data blocks
    such as the theme's JSON config are not run, so they need none)."""
    found = found if found is not None else {"script-src": set(), "style-src": set()}
    for tag, attrs, body in _INLINE.findall(html):
        tag = tag.lower()
        if tag == "script" and ("src=" in attrs or re.search(r'type="(?!text/javascript|module)', attrs)):
            continue
        found[f"{tag}-src"].add(_hash(body))
    return found


def inline_hashes(site: Path, since: float | None = None,
                  known: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """The hashes of every built page's inline scripts and styles. `known`: those already
    collected while the pages were finished; then only pages written after `since` are read."""
    found: dict[str, set[str]] = {"script-src": set(), "style-src": set()}
    for name, values in (known or {}).items():
        found[name] |= values
    for page in site.rglob("*.html"):
        if known is None or since is None or page.stat().st_mtime >= since:
            page_hashes(page.read_text(encoding="utf-8"), found)
    return found


def csp(site: Path, since: float | None = None, known: dict[str, set[str]] | None = None) -> str:
    extra = inline_hashes(site, since, known)
    return "; ".join(" ".join([name, *values, *sorted(extra.get(name, ()))]) for name, values in POLICY.items())


def redirects(content: Content) -> dict[str, str]:
    """Old address → current address, both languages, for every alias in the content."""
    out = {}
    for (kind, item_id), item in content.all_items():
        for alias in getattr(item, "aliases", []):
            for prefix in ("/", "/en/"):
                out[f"{prefix}{SECTIONS[kind]}/{alias}/"] = f"{prefix}{SECTIONS[kind]}/{item_id}/"
    return dict(sorted(out.items()))


# Measured on 600 built pages: gzip 6 is 0.2 % larger than 9 at 40 % of the time, Brotli 7
# 0.1 % larger than 9 at a ninth of the time (and 10 % larger than 11 at a thirtieth).
GZIP_LEVEL, BROTLI_QUALITY = 6, 7

_kept: dict = {}  # what each compressing process uses (set once by _start_worker)


def _settings() -> str:
    """What decides a compressed copy's bytes: part of the key a kept copy is found by."""
    from importlib.metadata import version

    return f"gzip {GZIP_LEVEL}, brotli {version('brotli')} {BROTLI_QUALITY}"


def _start_worker(folder: str, settings: str) -> None:
    import brotli  # pinned in requirements.txt

    _kept["blobs"], _kept["settings"] = build_cache.Blobs(Path(folder)), settings
    _kept["packers"] = ((".gz", lambda data: gzip.compress(data, GZIP_LEVEL, mtime=0)),
                        (".br", lambda data: brotli.compress(data, quality=BROTLI_QUALITY)))


def _compress(path: str) -> None:
    """Both compressed copies, unless smaller copies of the same bytes are kept from an
    earlier build (.cache/compressed/)."""
    blobs = _kept["blobs"]
    data = Path(path).read_bytes()
    name = build_cache.key(data, _kept["settings"])
    for suffix, pack in _kept["packers"]:
        if blobs.link(name + suffix, path + suffix):
            continue
        packed = pack(data)
        if len(packed) < len(data):
            blobs.put(name + suffix, packed)
            if not blobs.link(name + suffix, path + suffix):  # a read-only cache
                Path(path + suffix).write_bytes(packed)


def compress_all(site: Path, root: Path, *, workers: int = 2, prune: bool = True, since: float | None = None) -> int:
    """Compressed copies of every text file under `site` (or only of those written after `since`)."""
    files = []
    for p in site.rglob("*"):
        if p.suffix in COMPRESS and SERVER_DIR not in p.parts and p.is_file():
            stat = p.stat()
            if stat.st_size >= MIN_SIZE and (since is None or stat.st_mtime >= since):
                files.append(str(p))
    folder = build_cache.folder(root, "compressed")
    if workers < 2 or len(files) < 50:
        _start_worker(str(folder), _settings())
        for path in files:
            _compress(path)
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                                 initargs=(str(folder), _settings())) as pool:
            list(pool.map(_compress, files, chunksize=64))
    if prune:
        build_cache.Blobs(folder).prune()
    return len(files)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_server_files(site: Path, content: Content, since: float | None = None,
                       known: dict[str, set[str]] | None = None) -> Path:
    folder = site / SERVER_DIR
    folder.mkdir(exist_ok=True)
    (folder / "csp.conf").write_text(
        "# Written by `make build` (handbok/publish.py); do not edit.\n"
        f"add_header Content-Security-Policy {_quote(csp(site, since, known))} always;\n", encoding="utf-8")
    lines = [f"{_quote(old)} {_quote(new)};" for old, new in redirects(content).items()]
    (folder / "redirects.map").write_text(
        "# Written by `make build` (handbok/publish.py): old address → current address (HTTP 301).\n"
        + "".join(line + "\n" for line in lines), encoding="utf-8")
    return folder


def prepare(content: Content, site: Path, since: float | None = None,
            known: dict[str, set[str]] | None = None, changed_since: bool = True) -> None:
    """The build step: server files first (they read the pages, or only those written after
    `since` when the others' inline hashes are `known`), then compression (of the files
    written after `since`, when the rest already has its copies; none if nothing was)."""
    write_server_files(site, content, since, known)
    if changed_since:
        compress_all(site, content.root, since=since)
