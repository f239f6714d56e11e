"""The project's own promises: pinned requirements, and CI runs the README's command."""
from __future__ import annotations

import re

from conftest import ROOT


def test_every_direct_requirement_is_pinned_in_requirements_txt():
    pinned = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                  if "==" in line and not line.startswith("#"))
    pinned = {re.sub(r"[-_.]+", "-", k).lower(): v for k, v in pinned.items()}
    for line in (ROOT / "requirements.in").read_text().splitlines():
        name, version = line.split("==")
        assert pinned.get(re.sub(r"[-_.]+", "-", name).lower()) == version, f"{name} is not pinned in requirements.txt"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme[readme.index("## Quick start"):readme.index("```", readme.index("```sh") + 5)]
    assert "make serve" in quick_start and "make test" in quick_start
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    assert commands[-1] == "make test"
