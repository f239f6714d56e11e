"""What one build keeps for the next (.cache/: parsed YAML, QR codes, search sections,
compressed files) must never show a reader something older than the content."""
import brotli
import gzip
import json
import shutil
from pathlib import Path

from conftest import run_cli
from handbok import loader


def _retitle(project: Path, old: str, new: str) -> None:
    path = project / "toolbox" / "hembesok.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"  sv: {old}\n", f"  sv: {new}\n", 1), encoding="utf-8")


def test_a_rebuild_after_an_edit_shows_the_edit_in_the_page_its_compressed_copies_and_search(full_project, tmp_path):
    out = tmp_path / "site"
    first = run_cli(full_project, "build", "--no-pdf", "--draft", "--out", str(out))
    assert first.returncode == 0, first.stdout + first.stderr
    assert any((full_project / ".cache" / "compressed").iterdir())  # there is something to reuse

    _retitle(full_project, "Hembesök", "Hembesök hos familjen")
    second = run_cli(full_project, "build", "--no-pdf", "--draft", "--out", str(out))
    assert second.returncode == 0, second.stdout + second.stderr

    page = out / "verktygslada" / "hembesok" / "index.html"
    html = page.read_bytes()
    assert '<h1 id="hembesok-hos-familjen">Hembesök hos familjen' in html.decode("utf-8")
    # What nginx sends a browser is the precompressed copy: it must be this page, not last build's.
    assert brotli.decompress((out / "verktygslada/hembesok/index.html.br").read_bytes()) == html
    assert gzip.decompress((out / "verktygslada/hembesok/index.html.gz").read_bytes()) == html
    stale = [str(p) for p in out.rglob("*.br") if brotli.decompress(p.read_bytes()) != p.with_suffix("").read_bytes()]
    assert stale == []
    index = json.loads((out / "search" / "index.json").read_text(encoding="utf-8"))
    titles = [title for _, title in index["pages"]]
    assert "Hembesök hos familjen" in titles and "Hembesök" not in titles


def test_a_kept_parse_is_used_only_for_the_same_bytes_and_never_hides_a_mistake(project):
    path = project / "toolbox" / "hembesok.yml"
    with loader.kept_between_builds(project):
        src, problems = loader.load_yaml(path, project)
    assert problems == [] and src.data["title"]["sv"] == "Hembesök"
    loader._parsed.clear()  # a new build: nothing in this process's memory

    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  sv: Hembesök\n", "  sv: Hembesök nu\n", 1), encoding="utf-8")
    with loader.kept_between_builds(project):
        src, problems = loader.load_yaml(path, project)
    assert src.data["title"]["sv"] == "Hembesök nu" and src.lines[("title", "sv")] == 3
    loader._parsed.clear()

    # The same key twice: the coordinator is told at every build, however often it is built.
    path.write_text(text.replace("title:\n", "title:\n  sv: Ett\n", 1), encoding="utf-8")
    for _ in range(2):
        with loader.kept_between_builds(project):
            _, problems = loader.load_yaml(path, project)
        loader._parsed.clear()
        assert [(p.line, p.code) for p in problems] == [(4, "duplicate-key")]


def test_a_first_build_parsing_on_both_cores_reads_every_file_as_one_after_another_does(project, monkeypatch):
    """A first build parses the files on both cores ahead of the check (loader.parse_ahead):
    the coordinator's content, its line numbers and its mistakes come out the same."""
    from handbok.problems import ContentError
    from handbok.validate import load_content

    monkeypatch.setattr(loader, "PARSE_AHEAD_FROM", 1)  # the real toolbox is below the size where it starts
    loader._parsed.clear()
    one_by_one = load_content(project)
    loader._parsed.clear()
    with loader.kept_between_builds(project):
        ahead = load_content(project)
    assert list((project / ".cache" / "yaml").iterdir())  # parsed ahead and kept
    assert {k: (s.data, s.lines) for k, s in ahead.sources.items()} == \
        {k: (s.data, s.lines) for k, s in one_by_one.sources.items()}
    loader._parsed.clear()

    path = project / "toolbox" / "hembesok.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title:\n", "title:\n  sv: Ett\n", 1), encoding="utf-8")
    shutil.rmtree(project / ".cache")  # a first build again: this time one file has a mistake
    for build in range(2):  # the first parses it ahead, the second finds it not kept
        try:
            with loader.kept_between_builds(project):
                load_content(project)
        except ContentError as err:
            found = [(p.file, p.line, p.code) for p in err.problems]
        else:
            found = []
        loader._parsed.clear()
        assert found == [("toolbox/hembesok.yml", 4, "duplicate-key")], build


def test_a_copy_made_again_over_a_linked_one_leaves_the_kept_entry_as_it_was(tmp_path):
    """A page changed after its compressed copies were made (the PDF links are filled in
    last) gets new copies; the entry the old copy was linked to keeps its own bytes."""
    from handbok.build_cache import Blobs

    blobs = Blobs(tmp_path / "kept")
    blobs.put("old", b"old bytes")
    blobs.put("new", b"new bytes")
    target = tmp_path / "page.html.br"
    assert blobs.link("old", str(target))
    assert blobs.link("new", str(target))
    assert target.read_bytes() == b"new bytes"
    assert (tmp_path / "kept" / "old").read_bytes() == b"old bytes"


def test_a_check_kept_between_builds_is_done_again_when_what_it_reads_changes(project):
    """A rebuild skips the text checks of unchanged items; an unchanged item must still be
    refused when a file its check reads changes (here lagrum.yml)."""
    from handbok import memo
    from handbok.problems import ContentError
    from handbok.validate import load_content

    def fresh_build():
        loader._parsed.clear()  # nothing in this process's memory: only .cache/ carries over
        memo._kept.clear()
        with loader.kept_between_builds(project):
            return load_content(project)

    fresh_build()
    fresh_build()  # the second one finds every item check kept
    assert (project / ".cache" / "checked" / "clean.marshal").stat().st_size > 1000

    lagrum = project / "lagrum.yml"
    lagrum.write_text(lagrum.read_text(encoding="utf-8").replace(
        "  sol-19-1:\n    law: sol\n    chapter: 19\n    section: \"1\"\n",
        "  sol-19-1:\n    law: sol\n    chapter: 19\n    section: \"2\"\n", 1), encoding="utf-8")
    try:
        fresh_build()
    except ContentError as err:
        refused = {p.file for p in err.problems if p.code == "uncovered-legal-ref"}
    else:
        refused = set()
    assert "toolbox/samordning.yml" in refused, refused
