"""Nothing unfinished goes live: a `make new` draft with only its ids filled in still
holds "TODO …" texts; `make build` and `make publish` stop on them with file, line and
field in Swedish and English, and nothing is built or switched. `make check` lists the
same lines (a draft is still checked); the preview shows them as a warning on every page
(tests/test_editor_journey.py)."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, run_cli


def _draft(project):
    assert run_cli(project, "new", "toolbox", "min-insats").returncode == 0
    path = project / "toolbox" / "min-insats.yml"
    text = path.read_text(encoding="utf-8")
    # A coordinator fills in the ids (check refuses TODO there already) and nothing else.
    for field, value in (("sources", "uppsala-2021"), ("lagrum", "sol-11-5"), ("roles", "kurator")):
        text = text.replace(f"\n{field}: [TODO]", f"\n{field}: [{value}]")
    text = text.replace("\n  records: [TODO]", "\n  records: [vad-skrivs-ner]")  # a statement id
    path.write_text(text, encoding="utf-8")
    return path


def test_build_and_publish_stop_on_a_todo_left_in_a_draft_and_check_names_it(project, tmp_path):
    _draft(project)
    check = run_cli(project, "check")
    assert check.returncode == 0 and "Innehållet är giltigt" in check.stdout
    assert "toolbox/min-insats.yml:6: title.sv: platshållaren TODO står kvar ('TODO title på svenska')" in check.stderr
    assert "(en) the placeholder TODO is still here ('TODO title in English')" in check.stderr
    assert re.search(r"toolbox/min-insats.yml:\d+: family.stop.en: ", check.stderr)

    out = tmp_path / "site"
    build = run_cli(project, "build", "--out", str(out), "--no-pdf")
    assert build.returncode == 1 and "TODO title på svenska" in build.stderr
    assert not out.exists()

    dest = tmp_path / "srv" / "current"
    dest.parent.mkdir()
    publish = subprocess.run([sys.executable, "-m", "handbok.release", "publish", "--dest", str(dest),
                              "--root", str(project), "--no-pdf"], cwd=ROOT, capture_output=True, text=True)
    assert publish.returncode == 1 and "TODO summary in English" in publish.stderr
    assert "Inget publicerades" in publish.stderr and not dest.exists()


def test_a_finished_text_that_mentions_todo_in_a_word_is_fine(project):
    path = project / "roles" / "mentor.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n  en: Mentor (form teacher)\n", "\n  en: Mentor (form teacher; TODOS is not the placeholder)\n", 1), encoding="utf-8")
    assert "TODOS" in path.read_text(encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 0 and "TODO" not in result.stderr, result.stderr
