"""README "Your own edition", followed step by step as a municipality would, with the
edition's folder outside the repository (../min-kommun): every step works as written,
the schema links reach schemas/ from there, and a copied example's address list
cannot trip step 3."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from conftest import CONTENT, ROOT, copy_project


def _run(project, edition, *args):
    env = {**os.environ, "HANDBOK_EDITION": str(edition) if edition else "", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "handbok", "--root", str(project), *args], cwd=project,
                          env=env, capture_output=True, text=True)


def test_the_edition_steps_work_as_written_for_a_folder_outside_the_repository(tmp_path):
    project = copy_project(tmp_path / "handbok", CONTENT + ["editions", "schemas"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make edition NEW=editions/min-kommun" in readme and "make edition NEW=../min-kommun" in readme
    for lang in ("sv", "en"):  # the editing guide names the same folder
        guide = (ROOT / "docs" / lang / "redigera" / "index.md").read_text(encoding="utf-8")
        assert "make edition NEW=editions/min-kommun" in guide and "my-municipality" not in guide
    # Step 1 (make edition NEW=../min-kommun runs this).
    result = _run(project, None, "edition", "../min-kommun")
    assert result.returncode == 0, result.stderr
    edition = tmp_path / "min-kommun"
    assert not (edition / "published-urls.txt").exists()  # the example's addresses are not yours
    assert (edition / "logo.svg").exists()
    for path in edition.rglob("*.yml"):
        link = re.match(r"# yaml-language-server: \$schema=(\S+)", path.read_text(encoding="utf-8")).group(1)
        assert (path.parent / link).resolve().is_file(), (path, link)
    # Step 2: the municipality's own name, address and who answers; the example's items go.
    path = edition / "edition.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("https://handbok.exempelkommun.example/", "https://handbok.min-kommun.se/")
    text = re.sub(r"\nfictional: true\n", "\nfictional: false\n", text)
    path.write_text(text, encoding="utf-8")
    (edition / "toolbox" / "morgonmote.yml").unlink()
    (edition / "examples" / "exempelkommun.yml").unlink()
    # Step 3.
    check = _run(project, edition, "check")
    assert check.returncode == 0, check.stderr
    # Step 4: the edition's own never-disappear list.
    urls = _run(project, edition, "urls", "--update")
    assert urls.returncode == 0, urls.stderr
    listed = (edition / "published-urls.txt").read_text(encoding="utf-8")
    assert "/verktygslada/hembesok/" in listed and "morgonmote" not in listed
    assert _run(project, None, "edition", "../min-kommun").returncode == 2  # never over an existing folder


def test_a_copied_example_list_says_what_to_do_with_it(tmp_path):
    project = copy_project(tmp_path / "handbok", CONTENT + ["editions"])
    edition = tmp_path / "min-kommun"
    shutil.copytree(project / "editions" / "exempelkommun", edition)  # copied by hand, list and all
    (edition / "toolbox" / "morgonmote.yml").unlink()
    check = _run(project, edition, "check")
    assert check.returncode == 1
    assert "ta bort filen och kör make urls EDITION=… när du publicerar" in check.stderr
    assert "delete the file and run make urls EDITION=… when you publish" in check.stderr
