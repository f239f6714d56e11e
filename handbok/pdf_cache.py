"""A cache of rendered PDFs, keyed by a hash of everything that goes into one.

Rendering is most of a build's time, and most builds change no printed text.
The key covers the complete print HTML (content, template output and the CSS,
which is inlined), the render options, the WeasyPrint and pydyf versions, the
system fonts (path, size and time of every font file) and the code in pdf.py.
Entries live in .cache/pdf/ (git-ignored): <key>.pdf and <key>.json; an entry
unused for 30 days is removed.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts"]
KEEP_DAYS = 30


@lru_cache(maxsize=1)
def fonts_fingerprint() -> str:
    """Fontconfig picks fonts from these folders; a changed or added font changes the key."""
    digest = hashlib.sha256()
    for folder in FONT_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.expanduser(folder)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    # Versions from the package metadata: importing WeasyPrint takes a second, and a
    # build that reuses every PDF should not need it.
    versions = " ".join(f"{name} {version(name)}" for name in ("weasyprint", "pydyf", "tinycss2", "tinyhtml5"))
    code = Path(__file__).with_name("pdf.py").read_bytes()
    return hashlib.sha256(versions.encode() + b"\n" + code).hexdigest()


def key_for(html_text: str, options: dict) -> str:
    digest = hashlib.sha256()
    digest.update(tool_fingerprint().encode())
    digest.update(fonts_fingerprint().encode())
    digest.update(json.dumps(options, sort_keys=True).encode())
    digest.update(html_text.encode("utf-8"))
    return digest.hexdigest()


class PdfCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def get(self, key: str) -> tuple[bytes, dict] | None:
        pdf, meta = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        try:
            data, info = pdf.read_bytes(), json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        now = time.time()
        for path in (pdf, meta):  # mark as used, so pruning keeps it
            os.utime(path, (now, now))
        return data, info

    def put(self, key: str, data: bytes, info: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Write beside, then rename: a build running at the same time never reads half a file.
        for suffix, payload in ((".pdf", data), (".json", json.dumps(info).encode())):
            tmp = self.folder / f".{key}{suffix}.{os.getpid()}"
            tmp.write_bytes(payload)
            os.replace(tmp, self.folder / f"{key}{suffix}")

    def prune(self) -> None:
        limit = time.time() - KEEP_DAYS * 86400
        for path in self.folder.glob("*.*"):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                pass
