"""Read YAML files into plain data, remembering the line of every value.

PyYAML keeps the last of two equal keys without a word, and its error texts
are written for programmers. Coordinators need both fixed, so we compose the
node tree ourselves and build the data from it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

try:  # the C parser is much faster on a large toolbox; fall back if missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass
class Source:
    """One YAML document with its data and a map from field path to line."""

    path: Path
    rel: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, loc: tuple) -> int:
        """The line of the nearest field on `loc` that we know of."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def _syntax_problem(rel: str, text: str, err: yaml.YAMLError) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark else 1
    detail = f"{getattr(err, 'context', '') or ''} {getattr(err, 'problem', '') or ''}".strip()
    lines = text.splitlines()
    # The C parser does not always say "tab"; the line itself tells.
    if "tab" in detail.lower() or (line <= len(lines) and "\t" in lines[line - 1]):
        return Problem(rel, line, "", "yaml-tab")
    if "quoted scalar" in detail or "unexpected end of stream" in detail:
        return Problem(rel, line, "", "yaml-quote")
    return Problem(rel, line, "", "yaml-syntax", detail=detail or str(err))


_STR = "tag:yaml.org,2002:str"


def _scalar(node, loader):
    # A plain text needs no constructor (the resolver already said it is text); that
    # is most of a handbook file, and the constructor's bookkeeping is the slow part.
    return node.value if node.tag == _STR and isinstance(node, yaml.ScalarNode) else loader.construct_object(node, deep=True)


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
    src, problems = _load_yaml(path, rel)
    if stamp is not None:
        _parsed[str(path)] = (stamp, src, list(problems))
    return src, problems


def _load_yaml(path: Path, rel: str) -> tuple[Source | None, list[Problem]]:
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(rel, 1, "", "not-utf8")]
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
    return Source(path, rel, data, lines), problems
