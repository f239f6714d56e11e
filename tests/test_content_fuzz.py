"""Fuzzed: the real content files, mutated (bytes, indentation, types, truncation, odd
Unicode, duplicated keys, huge values, YAML tricks), are each either accepted or
refused with file:line in both languages: never a traceback, never over the check's
time limit. `make test` tries a few hundred cases; `make fuzz` tens of thousands
(HANDBOK_FUZZ_CASES). The figures are printed at the end and, with
HANDBOK_FUZZ_REPORT=path, written there as JSON.

The check runs in-process on a copy of the content and of the example edition. The
legal-reference check (0.8 s of the 0.9 s a whole check takes) is run on the changed
file's items only: its verdict on an item depends only on that item and lagrum.yml
(when lagrum.yml itself is mutated, it runs whole)."""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, copy_project, CONTENT, PROJECT
from handbok import limits, loader, validate
from handbok.problems import ContentError

CASES = int(os.environ.get("HANDBOK_FUZZ_CASES", "300"))
EDITION = ROOT / "editions" / "exempelkommun"

ODD = ["\u202e", "\u200b", "\ufeff", "\x00", "\x85", "\u2028", "\U0001d518", "e\u0301", "\t", "\r", "\r\n", "\x1b[31m",
       "<script>alert(1)</script>", "{{ config }}", "{% raw %}", "&amp;", "[x](javascript:alert(1))",
       "![a](https://tracker.example/p.png)", "{: onclick=x }", "\\", "%", " #", "*", "&a ", "*a", "<<: {}", "!!binary ",
       "!!python/object:os.system ", "? ", "- ", ": ", "'", '"', "|", ">", "---\n", "...\n", "@", "`", "TODO", "\ud7ff"]
SCALARS = ["[]", "{}", "0", "-1", "1e999", "0x1F", "0o17", "true", "no", "~", "null", "2026-02-30", "2026-13-01",
           "2026-01-01 12:30:00", "12:30", ".inf", ".nan", "'x'", '"x"', "|\n  block", "[a, b]", "{a: 1}", "- a",
           "9" * 5000, "&x a", "*x", "!!set {a}", "!!timestamp x", "'" + "å" * 30_000 + "'"]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutated(draw, files: list[tuple[str, bytes]]):
    """(file, mutated bytes, what was done)."""
    name, data = draw(st.sampled_from(files))
    done = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["bytes", "indent", "value", "truncate", "unicode", "duplicate", "huge", "swap",
                                     "delete", "yaml"]))
        lines = _lines(data)
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        pos = draw(st.integers(0, len(data)))
        if kind == "bytes":
            data = data[:pos] + draw(st.binary(min_size=0, max_size=8)) + data[pos + draw(st.integers(0, 8)):]
        elif kind == "indent":
            line = lines[i]
            op = draw(st.sampled_from(["more", "less", "tab"]))
            n = draw(st.integers(1, 4))
            lines[i] = (b" " * n + line if op == "more" else line[min(n, len(line) - len(line.lstrip(b" "))):]
                        if op == "less" else line.replace(b" ", b"\t", 1))
            data = b"\n".join(lines)
        elif kind == "value":
            key = lines[i].split(b": ", 1)[0] if b": " in lines[i] else lines[i].rstrip(b":")
            lines[i] = key + b": " + draw(st.sampled_from(SCALARS)).encode()
            data = b"\n".join(lines)
        elif kind == "truncate":
            data = data[:pos]
        elif kind == "unicode":
            odd = draw(st.one_of(st.sampled_from(ODD), st.text(st.characters(codec="utf-8"), max_size=12)))
            data = data[:pos] + odd.encode("utf-8", "surrogatepass") + data[pos:]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
            data = b"\n".join(lines)
        elif kind == "huge":
            n = draw(st.integers(10, 200_000))
            big = draw(st.sampled_from(["text", "nest", "list", "keys"]))
            value = {"text": b"x" * n, "nest": b"[" * min(n, 5000) + b"]" * min(n, 5000),
                     "list": b"[" + b",".join([b"1"] * min(n, 80_000)) + b"]",
                     "keys": b"{" + b",".join(b"k%d: 1" % k for k in range(min(n, 40_000))) + b"}"}[big]
            lines.insert(i, b"huge: " + value)
            data = b"\n".join(lines)
        elif kind == "swap":
            j = draw(st.integers(0, max(0, len(lines) - 1)))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif kind == "delete":
            del lines[i]
            data = b"\n".join(lines)
        else:  # anchors, aliases, merge keys, tags on a real line
            trick = draw(st.sampled_from([b"&a ", b"*a", b"<<: ", b"!!str ", b"!local "]))
            lines[i] = lines[i].replace(b": ", b": " + trick, 1) if b": " in lines[i] else trick + lines[i]
            data = b"\n".join(lines)
        done.append(kind)
    return name, data, done


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A copy of the content and of the example edition, and their files as they are."""
    root = copy_project(tmp_path_factory.mktemp("fuzz") / "project", CONTENT)
    edition = root.parent / "exempelkommun"
    shutil.copytree(EDITION, edition)
    files = sorted(p for p in [*root.rglob("*.yml"), *edition.rglob("*.yml"), *edition.glob("*.svg")])
    originals = [(str(p), p.read_bytes()) for p in files]
    return root, edition, originals


class Figures:
    def __init__(self):
        self.cases = self.accepted = self.refused = self.limit_hits = self.failures = 0
        self.max_s = self.total_s = 0.0
        self.kinds: dict[str, int] = {}

    def as_dict(self) -> dict:
        return {"cases": self.cases, "accepted": self.accepted, "refused": self.refused,
                "refused_by_a_limit": self.limit_hits, "failures": self.failures, "max_check_s": round(self.max_s, 3),
                "mean_check_s": round(self.total_s / max(1, self.cases), 3),
                "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "mutations": dict(sorted(self.kinds.items()))}


def _legal_refs_of_changed_items(baseline: set[int]):
    full = validate.check_legal_refs

    def check(content, problems):
        if id(content.sources.get(("lagrum", "lagrum"))) not in baseline:
            return full(content, problems)
        changed = [(key, item) for key, item in content.all_items() if id(content.sources[key]) not in baseline]
        view = types.SimpleNamespace(lagrum=content.lagrum, sources=content.sources, root=content.root,
                                     all_items=lambda: iter(changed))
        return full(view, problems)

    return check


def check_case(root: Path, edition: Path, path: Path, data: bytes, original: bytes, figures: Figures) -> str:
    saved = loader._parsed.get(str(path))
    path.write_bytes(data)
    loader._parsed.pop(str(path), None)  # two writes in one clock tick can keep size and mtime
    start = time.perf_counter()
    try:
        validate.load_content(root, edition)
        outcome = "accepted"
    except ContentError as err:
        outcome = "refused"
        assert err.problems
        for p in err.problems:
            assert isinstance(p.file, str) and p.file and isinstance(p.line, int) and p.line >= 1, str(p)
            sv, en = p.texts()
            assert sv.strip() and en.strip() and "Traceback" not in sv + en
            figures.limit_hits += p.code == "check-limit"
    finally:
        path.write_bytes(original)
        # The file is as it was: hand the loader its first reading back, so the next case
        # sees the same Source (and the cached model and the legal-reference baseline hold).
        stat = path.stat()
        if saved is not None:
            loader._parsed[str(path)] = ((saved[0][0], stat.st_mtime_ns, stat.st_size), *saved[1:])
        else:
            loader._parsed.pop(str(path), None)
    took = time.perf_counter() - start
    figures.max_s = max(figures.max_s, took)
    figures.total_s += took
    assert took < limits.CHECK_SECONDS
    return outcome


def test_mutated_content_is_accepted_or_refused_with_file_and_line(workspace, capsys, monkeypatch):
    root, edition, originals = workspace
    validate.load_content(root, edition)  # the copy is valid, and every file is parsed once
    baseline = {id(src) for src in loader_sources(root, edition)}
    monkeypatch.setattr(validate, "check_legal_refs", _legal_refs_of_changed_items(baseline))
    figures = Figures()

    @settings(max_examples=CASES, deadline=None, database=None, derandomize=CASES <= 1000,
              suppress_health_check=list(HealthCheck))
    @given(mutated(originals))
    def one_case(case):
        name, data, done = case
        original = dict(originals)[name]
        try:
            outcome = check_case(root, edition, Path(name), data, original, figures)
        except BaseException:
            figures.failures += 1
            raise
        figures.cases += 1
        figures.accepted += outcome == "accepted"
        figures.refused += outcome == "refused"
        for kind in done:
            figures.kinds[kind] = figures.kinds.get(kind, 0) + 1
        if report and figures.cases % 250 == 0:  # a long run can be read (and stopped) part-way
            report.write_text(json.dumps({**figures.as_dict(), "seconds": round(time.perf_counter() - start, 1),
                                          "finished": False}, indent=2) + "\n", encoding="utf-8")

    report = Path(os.environ["HANDBOK_FUZZ_REPORT"]) if os.environ.get("HANDBOK_FUZZ_REPORT") else None
    start = time.perf_counter()
    try:
        one_case()
    finally:
        result = {**figures.as_dict(), "seconds": round(time.perf_counter() - start, 1), "finished": True}
        with capsys.disabled():
            print(f"\nFuzzing / fuzzning: {json.dumps(result)}")
        if report:
            report.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    assert figures.cases >= min(CASES, 100)
    assert figures.accepted and figures.refused  # the mutations both break and keep content
    assert figures.limit_hits == 0  # the loader refuses a costly file before the limits are needed


def loader_sources(root, edition):
    content, _ = validate.assemble(root, edition)
    return content.sources.values()


def test_a_handful_of_mutated_cases_through_a_real_build(tmp_path, monkeypatch):
    """Cases the check accepted are built (all at once, one per file) and must build;
    cases it refused stop `python -m handbok build` with file:line and no traceback."""
    project = copy_project(tmp_path / "project", PROJECT)
    files = sorted(p for p in project.rglob("*.yml") if p.parts[len(project.parts)] in CONTENT)
    originals = [(str(p), p.read_bytes()) for p in files]
    validate.load_content(project)
    baseline = {id(src) for src in loader_sources(project, None)}
    monkeypatch.setattr(validate, "check_legal_refs", _legal_refs_of_changed_items(baseline))
    accepted: dict[str, bytes] = {}
    refused: list[tuple[str, bytes]] = []
    figures = Figures()

    @settings(max_examples=60, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(mutated(originals))
    def sort_case(case):
        name, data, _ = case
        original = dict(originals)[name]
        if check_case(project, None, Path(name), data, original, figures) == "accepted":
            if data != original and name not in accepted and len(accepted) < 8:
                accepted[name] = data
        elif len(refused) < 4 and name not in dict(refused):
            refused.append((name, data))

    sort_case()
    assert accepted and len(refused) >= 2
    for name, data in refused:
        original = Path(name).read_bytes()
        Path(name).write_bytes(data)
        try:
            result = subprocess.run([sys.executable, "-m", "handbok", "--root", str(project), "build", "--no-pdf",
                                     "--out", str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True,
                                    timeout=120, env={**os.environ, "HANDBOK_EDITION": ""})
        finally:
            Path(name).write_bytes(original)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"{Path(name).relative_to(project).as_posix()}:" in result.stderr or ".yml:" in result.stderr
    for name, data in accepted.items():
        Path(name).write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "handbok", "--root", str(project), "build", "--no-pdf",
                             "--out", str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True,
                            timeout=600, env={**os.environ, "HANDBOK_EDITION": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").exists() and (tmp_path / "site" / "en" / "index.html").exists()
