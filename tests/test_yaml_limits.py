"""No file can make the check or the build costly: what a "billion laughs" file, a
bottomless nesting or a huge text would need is refused before anything is built,
with file:line in Swedish and English, and the check itself runs under a time and a
memory limit."""
from __future__ import annotations

import resource
import subprocess
import sys
import time

import pytest

from conftest import ROOT, run_cli
from handbok import limits, loader
from handbok.problems import ContentError
from handbok.validate import load_content

# Ten lines that expand to 10^9 values if anchors and aliases are followed.
BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def problems_of(root, edition=None) -> list:
    with pytest.raises(ContentError) as err:
        load_content(root, edition)
    return err.value.problems


def one(problems, file, code):
    found = [p for p in problems if p.file == file and p.code == code]
    assert found, [str(p) for p in problems]
    return found[0]


def test_a_billion_laughs_file_is_refused_at_once_by_check_and_build(full_project):
    (full_project / "toolbox" / "skratt.yml").write_text(BILLION_LAUGHS, encoding="utf-8")
    for command in (["check"], ["build", "--no-pdf", "--out", str(full_project / "site")]):
        start = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "handbok", "--root", str(full_project), *command],
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "toolbox/skratt.yml:1: (filen/file): ankaret &a är inte tillåtet" in result.stderr
        assert "toolbox/skratt.yml:2: (filen/file): hänvisningen *a (alias) är inte tillåten" in result.stderr
        assert "the reference *a (alias) is not allowed" in result.stderr
        assert time.monotonic() - start < 60  # the whole command, Python start included
    assert not (full_project / "site").exists()  # nothing half-built


def test_the_billion_laughs_costs_nothing(project):
    path = project / "toolbox" / "skratt.yml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    src, problems = loader.load_yaml(path, project)
    assert time.perf_counter() - start < 0.5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # kB
    assert src is None and {p.code for p in problems} == {"yaml-anchor", "yaml-alias"}


@pytest.mark.parametrize(("text", "line", "code", "sv", "en"), [
    ("a: 1\nb:\n  <<: {c: 2}\n", 3, "yaml-merge", "sammanslagning med '<<'", "merging with '<<'"),
    ("a: 1\nb: !!python/object:os.system x\n", 2, "yaml-tag", "typmärket !!python/object:os.system",
     "the type tag !!python/object:os.system"),
    ("a: 1\nb: " + "[" * 40 + "]" * 40 + "\n", 2, "too-deep", "mer än 32 nivåer", "more than 32 levels"),
    ("a: 1\nb: " + "x" * 25_000 + "\n", 2, "text-too-long", "25000 tecken lång, högst 20000",
     "25000 characters long, at most 20000"),
    ("a: [" + ",".join(["1"] * 60_000) + "]\n", 1, "too-many-values", "fler än 50000 värden", "more than 50000 values"),
])
def test_what_no_coordinator_needs_is_refused_with_its_line(project, text, line, code, sv, en):
    path = project / "roles" / "kurator.yml"
    path.write_text(text, encoding="utf-8")
    problem = one(problems_of(project), "roles/kurator.yml", code)
    assert problem.line == line
    assert sv in problem.texts()[0] and en in problem.texts()[1]


def test_a_file_above_the_size_limit_is_not_even_read(project):
    path = project / "roles" / "kurator.yml"
    path.write_text("a: b\n" * 200_000, encoding="utf-8")  # 1 MB
    problem = one(problems_of(project), "roles/kurator.yml", "file-too-big")
    assert (problem.line, *problem.texts()) == (1, "filen är 976 KB, högst 512 KB är tillåtet – dela upp den i flera filer",
                                                "the file is 976 KB, at most 512 KB is allowed – split it into several files")


def test_a_check_over_its_time_limit_stops_with_a_plain_message(monkeypatch):
    monkeypatch.setattr(limits, "CHECK_SECONDS", 0.01)  # the real check takes longer than this
    # ... when it does the work: not with every file and item kept from the tests before this one
    from handbok import loader, memo
    monkeypatch.setattr(loader, "_parsed", {})
    monkeypatch.setattr(memo, "_kept", {})
    (problem,) = problems_of(ROOT)
    assert problem.code == "check-limit"
    sv, en = problem.texts()
    assert "kontrollen avbröts: den tog mer än 0.01 sekunder" in sv and "the check was stopped" in en



class _SlowToDelete:
    def __del__(self):
        time.sleep(0.2)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_time_limit_reached_where_python_drops_exceptions_still_stops_the_check():
    # Python prints and drops an exception raised in __del__ or a garbage-collector
    # callback; the check must stop all the same rather than run on without a limit.
    with pytest.raises(limits.LimitExceeded):
        with limits.bounded(seconds=0.01):
            _SlowToDelete()


COLD_CHECK = """
import sys
from handbok import limits
from handbok.problems import ContentError
from handbok.validate import load_content
limits.CHECK_MEMORY = int(sys.argv[2])
try:
    load_content(sys.argv[1])
except ContentError as err:
    print(" | ".join(p.code for p in err.problems))
else:
    print("valid")
"""


def test_a_check_over_its_memory_limit_stops_with_a_plain_message():
    # In a fresh process, as `make check` runs: a long test process has freed memory the
    # check could reuse without asking for more address space.
    def check(memory: int) -> str:
        return subprocess.run([sys.executable, "-c", COLD_CHECK, str(ROOT), str(memory)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120).stdout.strip()

    assert check(1024 * 1024) == "check-limit"  # 1 MB more than the process has: not enough
    assert check(limits.CHECK_MEMORY) == "valid"  # the real limit leaves the real content room


def test_the_limits_are_in_the_readme():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").replace("**", "").split())
    for figure in (f"{loader.MAX_BYTES // 1024} KB", f"{loader.MAX_DEPTH} levels", f"{loader.MAX_TEXT:,} characters",
                   f"{loader.MAX_NODES:,} values", f"{limits.CHECK_SECONDS} s", "1 GiB", "4 GiB", "30 minutes"):
        assert figure in readme, figure


def test_the_real_content_is_well_inside_the_limits():
    result = run_cli(ROOT, "check")
    assert result.returncode == 0, result.stderr
