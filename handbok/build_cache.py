"""What a build can keep for the next one, keyed by a hash of what went into it.

Most builds change a few items; the other pages come out of the generator byte for
byte the same, and so do their compressed copies, their search sections, their QR
codes and the YAML they came from. Entries live in .cache/<kind>/ (git-ignored;
`make clean` removes it) and are only ever added whole, so a build that is stopped,
or two builds at once, never read half an entry. A key covers the input and the code
and library versions that turn it into the output, so a stale entry is never a hit.

Two shapes:
- `Table`: small entries (a QR code, a page's search sections, a parsed file) in one
  file per kind, read once and written once; it keeps only what this build used, so
  it never grows past one build's worth.
- `Blobs`: large entries (compressed files) as files; an entry unused for 30 days is
  removed.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import time
from pathlib import Path

KEEP_DAYS = 30


def key(*parts: str | bytes) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def folder(root: Path, kind: str) -> Path:
    return Path(root) / ".cache" / kind


def _write_whole(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class Table:
    """key → a value marshal can hold (str, bytes, numbers, lists, tuples, dicts).
    marshal, not pickle: reading the cache can build data but never run code."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.old = marshal.loads(self.path.read_bytes())
            if not isinstance(self.old, dict):
                self.old = {}
        except (OSError, ValueError, EOFError, TypeError):
            self.old = {}
        self.used: dict = {}

    def get(self, name: str):
        value = self.used.get(name)
        if value is not None:
            return value
        value = self.old.get(name)
        if value is not None:
            self.used[name] = value
        return value

    def put(self, name: str, value) -> None:
        self.used[name] = value

    def save(self) -> None:
        if self.used != self.old:
            try:
                _write_whole(self.path, marshal.dumps(self.used))
            except (OSError, ValueError):  # a read-only checkout builds as well, only slower
                pass


class Blobs:
    """Files named by their key; `link` puts a kept one in place (a hard link: no copy)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def link(self, name: str, target: str) -> bool:
        source = self.path / name
        try:  # an older copy there may itself be a link to a kept entry: never write through it
            os.unlink(target)
        except FileNotFoundError:
            pass
        except OSError:
            return False
        try:
            os.link(source, target)
        except FileNotFoundError:
            return False
        except OSError:  # another file system: copy it
            try:
                shutil.copyfile(source, target)
            except OSError:
                return False
        try:
            os.utime(source)  # used: pruning keeps it
        except OSError:
            pass
        return True

    def put(self, name: str, data: bytes) -> None:
        try:
            _write_whole(self.path / name, data)
        except OSError:
            pass

    def prune(self) -> None:
        limit = time.time() - KEEP_DAYS * 86400
        try:
            entries = list(os.scandir(self.path))
        except OSError:
            return
        for entry in entries:
            try:
                if entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
            except OSError:
                pass
