"""Nothing outlives its parent: when a build, the preview or a browser test is
stopped (Ctrl-C, a timeout, kill -9 of the parent), no build, builder or Chromium
process is left running.

Every process started here carries a marker in its environment, which children
inherit; after the stop, no live process may carry it."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

MARK = "HANDBOK_TEST_MARK"


def marked(mark: str) -> dict[int, str]:
    """Live (not zombie) processes whose environment holds the marker: pid -> command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if f"{MARK}={mark}".encode() not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            if (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue
            found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # gone meanwhile, or not ours
            continue
    return found


def wait_for(mark: str, needle: str, timeout: float = 90) -> None:
    """Until a marked process whose command line holds `needle` runs."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if any(needle in cmd for cmd in marked(mark).values()):
            return
        time.sleep(0.2)
    raise AssertionError(f"no {needle} process started: {marked(mark)}")


def assert_none_left(mark: str, timeout: float = 20) -> None:
    end = time.monotonic() + timeout
    while marked(mark) and time.monotonic() < end:
        time.sleep(0.2)
    left = marked(mark)
    for pid in left:  # clean up before failing, so one failure does not load the machine
        os.kill(pid, signal.SIGKILL)
    assert not left, f"still running after the stop: {left}"


# A parent that just starts the command and waits, as make or a test runner does.
PARENT = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("children") / "project")


def start(argv: list[str], mark: str, **kw) -> subprocess.Popen:
    env = {**os.environ, MARK: mark, "HANDBOK_EDITION": ""}
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def handbok(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "handbok", "--root", str(project), *args]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_stopping_the_parent_of_a_build_stops_the_build_and_its_mkdocs(project, sig):
    mark = uuid.uuid4().hex
    parent = start([sys.executable, "-c", PARENT, *handbok(project, "build", "--out", str(project / "site"))], mark,
                   cwd=ROOT)
    wait_for(mark, "mkdocs build")
    parent.send_signal(sig)
    parent.wait(10)
    assert_none_left(mark)
    if sig != signal.SIGINT:  # (on Ctrl-C the parent, subprocess.call, kills the build outright)
        assert not list(project.glob(".site.building-*"))  # the stopped build removed its half-built folder


def half_built(project: Path) -> list[Path]:
    return [f for f in project.glob(".site.building-*") if f.is_dir()]


def test_kill_9_of_the_build_itself_stops_its_mkdocs(project):
    mark = uuid.uuid4().hex
    build = start(handbok(project, "build", "--out", str(project / "site")), mark, cwd=ROOT)
    wait_for(mark, "mkdocs build")
    build.kill()
    build.wait(10)
    assert_none_left(mark)
    # Killed outright, it could not clean up; the next build removes what it left.
    assert half_built(project)
    broken = project / "roles" / "kurator.yml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text("a: &a b\n", encoding="utf-8")
    try:
        result = subprocess.run(handbok(project, "build", "--out", str(project / "site")), cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
    finally:
        broken.write_text(text, encoding="utf-8")
    assert result.returncode == 1 and "ankaret &a" in result.stderr
    assert not half_built(project)


def test_killing_make_stops_the_build_under_it(project, tmp_path):
    # The Makefile's build recipe, without its venv/npm steps (which must not run in a test).
    (tmp_path / "Makefile").write_text(f"build:\n\t{sys.executable} -m handbok --root {project} build "
                                       f"--out {project / 'site'}\n", encoding="utf-8")
    mark = uuid.uuid4().hex
    make = start(["make", "--no-print-directory", "-f", str(tmp_path / "Makefile"), "build"], mark, cwd=ROOT)
    wait_for(mark, "mkdocs build")
    make.kill()
    make.wait(10)
    assert_none_left(mark)


@pytest.mark.parametrize("target", ["parent", "serve"])
def test_stopping_the_preview_or_its_parent_stops_its_builders(project, target):
    mark = uuid.uuid4().hex
    serve = handbok(project, "serve", "--port", str(random.randint(8100, 8999)))
    proc = start([sys.executable, "-c", PARENT, *serve] if target == "parent" else serve, mark, cwd=ROOT)
    try:
        wait_for(mark, "generators/worker.py")  # the preview's long-lived builders
    finally:
        proc.kill()
    proc.wait(10)
    assert_none_left(mark)


BROWSER_TEST = '''
import time
def test_hold_a_browser(browser):
    page = browser.new_page()
    page.goto("about:blank")
    print("browser up", flush=True)
    time.sleep(600)
'''


def test_kill_9_of_pytest_stops_its_chromium(tmp_path):
    (tmp_path / "conftest.py").write_text(  # the suite's own `browser` fixture
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('suite_conftest', {str(ROOT / 'tests' / 'conftest.py')!r})\n"
        "suite = importlib.util.module_from_spec(spec); spec.loader.exec_module(suite)\n"
        "browser = suite.browser\n", encoding="utf-8")
    (tmp_path / "test_hold.py").write_text(BROWSER_TEST, encoding="utf-8")
    mark = uuid.uuid4().hex
    pytest_proc = start([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", str(tmp_path)],
                        mark, cwd=tmp_path)
    wait_for(mark, "chromium")
    time.sleep(1)  # the browser's own helper processes
    pytest_proc.kill()
    pytest_proc.wait(10)
    assert_none_left(mark)
