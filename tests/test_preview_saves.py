"""Saves in the preview (`make serve`): a save renders again only the pages that
depend on what changed, a changed title reaches the pages that link to it, and
saves made while a rebuild runs, or twice in quick succession, all end with the
last one shown in both languages, with never half a page served on the way."""
from __future__ import annotations

import time
import urllib.request

import pytest

from conftest import copy_project, running_preview

PORT = 8377


def _get(url: str, timeout: float = 30) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("saves") / "project")
    log = root / "serve.log"
    with running_preview(root, PORT, log) as url:
        yield {"url": url, "root": root, "log": log}


def _retitle(root, mark: str, item: str = "hembesok") -> None:
    """Put `mark` in front of an insats's title in both languages (replacing an earlier mark)."""
    f = root / "toolbox" / f"{item}.yml"
    lines = f.read_text(encoding="utf-8").split("\n")
    start = lines.index("title:")
    for i in (start + 1, start + 2):
        key, _, value = lines[i].partition(": ")
        lines[i] = f"{key}: {mark} {value.split('§ ', 1)[-1]}"
    f.write_text("\n".join(lines), encoding="utf-8")


def _wait_for(urls: list[str], text: str, seconds: float = 120) -> list[str]:
    """Poll until every page shows `text`; every answer on the way must be a whole page."""
    deadline = time.monotonic() + seconds
    while True:
        pages = [_get(u) for u in urls]
        for page in pages:
            assert page.rstrip().endswith("</html>"), "half a page was served"
        if all(text in page for page in pages):
            return pages
        assert time.monotonic() < deadline, f"{text!r} did not show in {urls}"
        time.sleep(0.1)


def test_a_new_title_shows_on_its_pages_and_on_pages_that_link_to_it_in_both_languages(preview):
    url, root = preview["url"], preview["root"]
    tree = root / ".preview" / "tree" / "sv" / "docs"
    untouched = tree / "verktygslada" / "feriejobb.md"
    before = untouched.stat().st_mtime_ns
    _retitle(root, "Titel1§")
    pages = [f"{url}/verktygslada/hembesok/", f"{url}/en/verktygslada/hembesok/",
             f"{url}/roller/skolsocionom/", f"{url}/en/roller/skolsocionom/", f"{url}/verktygslada/", f"{url}/familj/hembesok/"]
    _wait_for(pages, "Titel1§")
    # Only the pages that depend on hembesok were rendered again; the rest kept their files.
    assert untouched.stat().st_mtime_ns == before, "a page that does not show hembesok was rendered again"
    time.sleep(1)
    assert "ändrade sidor / changed pages" in preview["log"].read_text(encoding="utf-8").splitlines()[-1]


def test_saves_during_a_rebuild_and_in_quick_succession_end_with_the_last_one(preview):
    url, root = preview["url"], preview["root"]
    pages = [f"{url}/verktygslada/hembesok/", f"{url}/en/verktygslada/hembesok/"]
    # A change to a hand-written page rebuilds the whole site: save the item while that runs.
    about = root / "docs" / "sv" / "om.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nEtt tillägg.\n", encoding="utf-8")
    time.sleep(0.6)  # the watcher has seen it and the full rebuild is running
    _retitle(root, "Spara1§")
    time.sleep(0.05)
    _retitle(root, "Spara2§")  # a second save right after the first
    shown = _wait_for(pages, "Spara2§")
    assert all("Spara1§" not in page for page in shown)
    # And it stays: no older build replaces it afterwards.
    for _ in range(20):
        assert all("Spara2§" in _get(u) for u in pages)
        time.sleep(0.25)
    assert "Ett tillägg." in _get(f"{url}/om/")


def test_a_save_that_overtakes_the_last_saves_lists_brings_them_with_its_own(full_project, monkeypatch):
    """Saves a second apart: the second save's pages show without waiting for the first
    save's lists and indexes, and the lists then show both saves."""
    from handbok.preview import Preview

    preview = Preview(full_project, full_project / ".preview", log=lambda line: None)
    role_page = preview.out / "tree" / "sv" / "docs" / "roller" / "skolsocionom.md"  # links to hembesok, not feriejobb
    try:
        preview.rebuild()
        preview.seen = {}  # as when watching: a newer save can overtake a second round
        _retitle(full_project, "Forst§", "hembesok")
        monkeypatch.setattr(preview, "_saved_again", lambda: True)  # the next save is already waiting
        preview.rebuild({"toolbox/hembesok.yml"})
        assert "Forst§" in (preview.out / "tree" / "sv" / "docs" / "verktygslada" / "hembesok.md").read_text("utf-8")
        assert "Forst§" not in role_page.read_text("utf-8")  # its lists wait for the next save

        _retitle(full_project, "Andra§", "feriejobb")
        monkeypatch.setattr(preview, "_saved_again", lambda: False)
        preview.rebuild({"toolbox/feriejobb.yml"})
        page = (preview.site / "sv" / "roller" / "skolsocionom" / "index.html").read_text("utf-8")
        assert "Forst§ Hembesök" in page
        assert "Andra§" in (preview.site / "sv" / "verktygslada" / "feriejobb" / "index.html").read_text("utf-8")
        assert preview.deferred == {}
    finally:
        preview.stop()


def test_a_save_waits_for_one_part_of_the_last_saves_lists_not_all_of_them(full_project, monkeypatch):
    """The second round is built a part at a time: a save that comes meanwhile stops it after
    the part being built; the parts not yet built show with the next save's lists."""
    from handbok import preview as preview_module
    from handbok.preview import Preview

    monkeypatch.setattr(preview_module, "SECOND_ROUND_PART_CHARS", 1)  # every page its own part
    preview = Preview(full_project, full_project / ".preview", log=lambda line: None)
    built = []
    try:
        preview.rebuild()
        preview.seen = {}
        _retitle(full_project, "Del1§", "hembesok")
        original_build = preview._build
        monkeypatch.setattr(preview, "_build", lambda full: built.append(full) or original_build(full))
        # Rendering is done when the new save comes; it comes while the first part is built.
        monkeypatch.setattr(preview, "_saved_again", lambda: len(built) >= 2)
        preview.rebuild({"toolbox/hembesok.yml"})
        assert len(built) == 2  # the saved item's own pages, then one part of its lists
        waiting = preview.deferred
        assert waiting and all(paths for paths in waiting.values())
        role_page = preview.site / "sv" / "roller" / "skolsocionom" / "index.html"
        shown = [p for p in ("roller/skolsocionom.md", "verktygslada/index.md") if "Del1§" in
                 (preview.out / "tree" / "sv" / "docs" / p).read_text("utf-8")]
        assert len(shown) < 2  # not every list was written

        _retitle(full_project, "Del2§", "feriejobb")
        monkeypatch.setattr(preview, "_saved_again", lambda: False)
        preview.rebuild({"toolbox/feriejobb.yml"})
        assert preview.deferred == {}
        assert "Del1§ Hembesök" in role_page.read_text("utf-8")
        assert "Del1§" in (preview.site / "sv" / "verktygslada" / "index.html").read_text("utf-8")
        assert "Del2§" in (preview.site / "sv" / "verktygslada" / "feriejobb" / "index.html").read_text("utf-8")
    finally:
        preview.stop()
