"""Read YAML files into plain data, remembering the line of every value.

PyYAML keeps the last of two equal keys without a word, and its error texts
are written for programmers. Coordinators need both fixed, so we compose the
node tree ourselves and build the data from it.

Bounded by construction: before any Python object is built, the file's size is
checked and its parser events are scanned once. Anchors, aliases, merge keys and
explicit tags (which no coordinator needs and a "billion laughs" file relies on),
nesting deeper than MAX_DEPTH, a text longer than MAX_TEXT and more than MAX_NODES
values are refused there, with the line. So the work and memory for one file grow
at most with MAX_BYTES, whatever it holds.
"""
from __future__ import annotations

import multiprocessing
import pickle
import re
import signal
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import build_cache, children, memo
from .problems import Problem

try:  # the C parser is much faster on a large toolbox; fall back if missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

# The largest content file is 62 KB, 8 levels deep, with a 3,246-character text and
# 1,435 values (2026-12-05); each limit leaves room for several times that.
MAX_BYTES = 512 * 1024
MAX_DEPTH = 32
MAX_TEXT = 20_000
MAX_NODES = 50_000

@dataclass
class Source:
    """One YAML document with its data and a map from field path to line."""

    path: Path
    rel: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)
    digest: str = ""  # of the file's bytes and this parser: what a check kept between builds is keyed by

    def line(self, loc: tuple) -> int:
        """The line of the nearest field on `loc` that we know of."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def _syntax_problem(rel: str, text: str, err: yaml.YAMLError) -> Problem:
    """The parser's error as a plain sentence, at the line where the problem starts."""
    if hasattr(err, "position") and not getattr(err, "problem_mark", None):  # the reader: a character
        line = text.count("\n", 0, err.position) + 1
        return Problem(rel, line, "", "yaml-char", value=f"U+{err.character:04X}" if isinstance(err.character, int) else "")
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    start = getattr(err, "context_mark", None)
    line = mark.line + 1 if mark else 1
    context, problem = getattr(err, "context", "") or "", getattr(err, "problem", "") or ""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    # The C parser does not always say "tab"; the line itself tells.
    if "tab" in f"{context} {problem}".lower() or "\t" in here[: len(here) - len(here.lstrip())]:
        return Problem(rel, line, "", "yaml-tab")
    if "quoted scalar" in context and start is not None:  # where the quote opens, not where the file ends
        return Problem(rel, start.line + 1, "", "yaml-quote", value=text[start.index] if start.index < len(text) else '"')
    if "flow" in context and start is not None:
        return Problem(rel, start.line + 1, "", "yaml-bracket")
    column = mark.column if mark else 0
    indent = len(here) - len(here.lstrip(" "))
    if "expected key" in problem and column <= indent:
        return Problem(rel, line, "", "yaml-indent", value=here.strip()[:40])
    if "expected key" in problem and re.search(r"[\"']", here[:column]):
        return Problem(rel, line, "", "yaml-after-quote")
    if "mapping values" in problem:
        if ": " in here[indent:column] or here[indent:column].startswith("- "):
            return Problem(rel, line, "", "yaml-colon", value=here.strip()[:40])
        return Problem(rel, line, "", "yaml-indent", value=here.strip()[:40])
    if "another document" in problem:
        return Problem(rel, line, "", "yaml-documents")
    if "unexpected end of stream" in problem:
        return Problem(rel, line, "", "yaml-quote", value='"')
    return Problem(rel, line, "", "yaml-syntax", detail=f"{context} {problem}".strip() or type(err).__name__)


def _scan(rel: str, text: str, size: int) -> list[Problem]:
    """Refuse what would make building the data costly or surprising, before building it.
    Raises yaml.YAMLError on a syntax error (the caller words it)."""
    if size > MAX_BYTES:
        return [Problem(rel, 1, "", "file-too-big", value=f"{size // 1024} KB", limit=f"{MAX_BYTES // 1024} KB")]
    problems: list[Problem] = []
    depth = nodes = 0
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                problems.append(Problem(rel, line, "", "yaml-alias", value=f"*{event.anchor}"))
            elif isinstance(event, yaml.NodeEvent):
                nodes += 1
                if event.anchor is not None:
                    problems.append(Problem(rel, line, "", "yaml-anchor", value=f"&{event.anchor}"))
                if event.tag is not None and not (isinstance(event, yaml.ScalarEvent) and event.tag == "!"):
                    problems.append(Problem(rel, line, "", "yaml-tag", value=str(event.tag).replace("tag:yaml.org,2002:", "!!")))
                if isinstance(event, yaml.ScalarEvent):
                    if event.value == "<<" and not event.style:
                        problems.append(Problem(rel, line, "", "yaml-merge"))
                    elif len(event.value) > MAX_TEXT:
                        problems.append(Problem(rel, line, "", "text-too-long", value=len(event.value), limit=MAX_TEXT))
                else:
                    depth += 1
                    if depth > MAX_DEPTH:
                        problems.append(Problem(rel, line, "", "too-deep", limit=MAX_DEPTH))
                        break
                if nodes > MAX_NODES:
                    problems.append(Problem(rel, line, "", "too-many-values", limit=MAX_NODES))
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if len(problems) >= 20:  # a file full of anchors needs no 10,000 lines of them
                break
    finally:
        loader.dispose()
    return problems


_STR = "tag:yaml.org,2002:str"


def _scalar(node, loader):
    # A plain text needs no constructor (the resolver already said it is text); that
    # is most of a handbook file, and the constructor's bookkeeping is the slow part.
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError):  # 2026-13-45, or a number too long for Python: the model says what is wrong
        return node.value


def _build(node, path: tuple, lines: dict, rel: str, problems: list[Problem], loader):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader)
            if isinstance(key, bool):  # YAML 1.1 reads yes/no/on/off as true/false
                problems.append(Problem(rel, key_node.start_mark.line + 1, _dotted(path), "bool-key",
                                        value=key_node.value))
                continue
            if not isinstance(key, (str, int)):
                problems.append(Problem(rel, key_node.start_mark.line + 1, _dotted(path), "bad-key"))
                continue
            key = str(key)
            if key in out:
                problems.append(
                    Problem(rel, key_node.start_mark.line + 1, _dotted(path + (key,)), "duplicate-key",
                            first_line=lines[path + (key,)])
                )
                continue
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(value_node, path + (key,), lines, rel, problems, loader)
            # A field's line is where its key stands, which is what an editor shows.
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, path + (i,), lines, rel, problems, loader) for i, child in enumerate(node.value)]
    return _scalar(node, loader)


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)


# The preview checks everything at every save; files that did not change since are
# not parsed again (key: path, modification time and size). Nothing changes a Source.
_parsed: dict[str, tuple] = {}
# The file being read now, so a check stopped by its limits (handbok/limits.py) can name it.
reading: str | None = None


def load_yaml(path: Path, root: Path) -> tuple[Source | None, list[Problem]]:
    """Load one file. Returns (source, problems); source is None if unreadable."""
    # A local edition may live outside the project (the municipality's own repository).
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    try:
        stat = path.stat()
        stamp = (rel, stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None
    cached = _parsed.get(str(path))
    if stamp is not None and cached and cached[0] == stamp:
        return cached[1], list(cached[2])
    global reading
    reading = rel
    src, problems = _load_kept(path, rel) if _kept else _load_yaml(path, rel)
    reading = None
    if stamp is not None:
        _parsed[str(path)] = (stamp, src, list(problems))
    return src, problems


# A build keeps each good file's data and lines for the next build (.cache/yaml/), by the
# hash of the file's bytes and of this module: reading a kept file is a twentieth of
# parsing it. Only while a whole check runs (kept_between_builds).
_kept: list = []
_PARSER = build_cache.key(f"PyYAML {yaml.__version__}", Path(__file__).read_bytes())


@contextmanager
def kept_between_builds(root: Path):
    _kept.append(build_cache.Table(build_cache.folder(root, "yaml") / "parsed.marshal"))
    memo.between_builds.append(build_cache.Table(build_cache.folder(root, "checked") / "clean.marshal"))
    try:
        yield
    finally:
        _kept.pop().save()
        memo.between_builds.pop().save()


def parse_ahead(paths: list[Path], root: Path) -> None:
    """A first build has no file kept: parse every file on both cores first, so the check,
    which reads one file after another, finds them kept. A file with a problem is left
    for the check, which reports it."""
    # Only when nothing is kept: a rebuild finds most files kept, and reading every file here
    # to find the few that are not would read them all twice.
    if not _kept or _kept[-1].old or len(paths) < PARSE_AHEAD_FROM:
        return
    table = _kept[-1]
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork"),
                             initializer=children.die_with_parent, initargs=(signal.SIGKILL,)) as pool:
        for name, kept in pool.map(_parse_to_keep, paths, [root] * len(paths), chunksize=32):
            if kept is not None:
                table.put(name, kept)


PARSE_AHEAD_FROM = 200


def _parse_to_keep(path: Path, root: Path) -> tuple[str, bytes | None]:
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    raw, _ = _read(path, rel)
    name = build_cache.key(raw or b"", _PARSER)
    src, problems = _load_yaml(path, rel, raw) if raw is not None else (None, [])
    if src is None or problems:
        return name, None
    return name, pickle.dumps((src.data, src.lines), protocol=5)


def _read(path: Path, rel: str) -> tuple[bytes | None, list[Problem]]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # not even read
            return None, [Problem(rel, 1, "", "file-too-big", value=f"{size // 1024} KB", limit=f"{MAX_BYTES // 1024} KB")]
        with path.open("rb") as f:  # at most one byte past the limit, should the file grow meanwhile
            return f.read(MAX_BYTES + 1), []
    except OSError:  # gone or unreadable between listing and reading (an editor saving, a permission)
        return None, [Problem(rel, 1, "", "not-readable")]


def _load_kept(path: Path, rel: str) -> tuple[Source | None, list[Problem]]:
    raw, problems = _read(path, rel)
    if raw is None:
        return None, problems
    table, name = _kept[-1], build_cache.key(raw, _PARSER)
    kept = table.get(name)
    if kept is not None:
        # pickle for dates and the lines' tuple keys; the cache is as trusted as the code beside it
        data, lines = pickle.loads(kept)
        return Source(path, rel, data, lines, name), []
    src, problems = _load_yaml(path, rel, raw)
    if src is not None and not problems:  # a file with problems is read again until it is fixed
        table.put(name, pickle.dumps((src.data, src.lines), protocol=5))
    return src, problems


def _load_yaml(path: Path, rel: str, raw: bytes | None = None) -> tuple[Source | None, list[Problem]]:
    problems: list[Problem] = []
    if raw is None:
        raw, problems = _read(path, rel)
        if raw is None:
            return None, problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, [Problem(rel, 1, "", "not-utf8")]
    try:
        refused = _scan(rel, text, len(raw))
    except yaml.YAMLError as err:
        return None, [_syntax_problem(rel, text, err)]
    if refused:
        return None, refused
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(rel, 1, "", "empty-file")]
        lines: dict[tuple, int] = {}
        data = _build(node, (), lines, rel, problems, loader)
    except yaml.YAMLError as err:
        return None, [_syntax_problem(rel, text, err)]
    finally:
        loader.dispose()
    return Source(path, rel, data, lines, build_cache.key(raw, _PARSER)), problems
