"""Shared fixtures: a copy of the project to break on purpose, and one real build."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ["toolbox", "workflows", "roles", "sekretess", "guides", "examples", "forms",
           "glossary.yml", "lagrum.yml", "reports.yml", "published-urls.txt"]
PROJECT = CONTENT + ["docs", "overrides", "hooks", "handbok", "macros.py", "mkdocs.yml", "mkdocs.en.yml"]


def copy_project(target: Path, parts=PROJECT) -> Path:
    for name in parts:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, target / name)
    return target


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the content, safe to break."""
    return copy_project(tmp_path / "project", CONTENT)


@pytest.fixture
def full_project(tmp_path) -> Path:
    """A private copy of everything a build needs."""
    return copy_project(tmp_path / "project")


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbok", "--root", str(root), *args],
                          cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real handbook, built once for the whole test session (with PDFs)."""
    out = tmp_path_factory.mktemp("build") / "site"
    result = run_cli(ROOT, "build", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out
