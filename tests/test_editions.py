"""Local editions: a municipality's folder of additions, built on top of the core.

The example edition (editions/exempelkommun) is built once; its pages are read as a
reader sees them. Broken editions are made in a temporary copy.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, PROJECT

EXAMPLE = ROOT / "editions" / "exempelkommun"


def run(root: Path, edition: Path | None, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "HANDBOK_EDITION"}
    extra = ["--edition", str(edition)] if edition else []
    return subprocess.run([sys.executable, "-m", "handbok", "--root", str(root), *extra, *args],
                          cwd=ROOT, capture_output=True, text=True, env=env)


def text_of(path: Path) -> str:
    """The page's visible text, roughly as a reader gets it."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def edition_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("edition") / "site"
    result = run(ROOT, EXAMPLE, "build", "--no-pdf", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture
def edition_copy(tmp_path) -> tuple[Path, Path]:
    """A private copy of the core and of the example edition, safe to break."""
    core = copy_project(tmp_path / "core", PROJECT)
    edition = tmp_path / "exempelkommun"
    shutil.copytree(EXAMPLE, edition)
    return core, edition


def test_the_example_edition_is_valid_and_adds_its_items():
    result = run(ROOT, EXAMPLE, "check")
    assert result.returncode == 0, result.stderr
    core = run(ROOT, None, "check")
    # One local insats and one local example more than the core.
    n = lambda out, kind: int(re.search(rf"{kind}: (\d+)", out).group(1))  # noqa: E731
    assert n(result.stdout, "toolbox") == n(core.stdout, "toolbox") + 1
    assert n(result.stdout, "examples") == n(core.stdout, "examples") + 1


@pytest.mark.parametrize("lang, banner", [("", "Exempelutgåva"), ("en/", "Example edition")])
def test_every_page_says_the_example_is_made_up(edition_site, lang, banner):
    pages = sorted((edition_site / lang).glob("*/index.html")) + [edition_site / lang / "index.html"]
    pages += sorted((edition_site / lang / "verktygslada").glob("*/index.html"))
    if not lang:
        pages = [p for p in pages if not p.relative_to(edition_site).as_posix().startswith("en/")]
    assert len(pages) > 20
    for page in pages:
        assert banner in text_of(page), page


def test_contacts_show_on_family_section_steps_and_roles(edition_site):
    for page in ("verktygslada/hembesok/index.html", "familj/hembesok/index.html"):
        text = text_of(edition_site / page)
        family = text[text.index("Vem kan jag fråga?"):]  # the family section's contact block, also printed
        assert "Skolsocialt team, Exempelkommun" in family and "070-174 06 10" in family, page
        # The central student health contact is for home visits too; the blank lines to fill in are gone.
        assert "Centrala elevhälsan" in family and "Namn:" not in family, page
    moment = text_of(edition_site / "en" / "familj" / "orosanmalan" / "index.html")
    assert "School social team, Exempelkommun" in moment
    # Each step is a page of its own (issue 25): the contacts stand on the steps they belong to.
    step = " ".join(text_of(p) for p in (edition_site / "en" / "arbetsgang" / "orosanmalan").glob("*/index.html"))
    assert "Contacts in Exempelkommun" in step and "Social services' intake" in step
    role = text_of(edition_site / "roller" / "skolsocionom" / "index.html")
    assert "Skolsocialt team, Exempelkommun" in role


def test_made_up_contacts_cannot_be_dialled_or_mailed(edition_site):
    page = (edition_site / "verktygslada" / "hembesok" / "index.html").read_text(encoding="utf-8")
    assert "070-174 06 10" in page
    assert "tel:" not in page and "mailto:" not in page
    assert "@exempelkommun.example" in page  # the reserved .example domain, never delivered


@pytest.mark.parametrize("lang, heading, core_words", [
    ("", "Så gör vi i Exempelkommun", "Uppdragsförfrågan"),
    ("en/", "How we do it in Exempelkommun", "request"),
])
def test_routines_stand_beside_the_core_steps(edition_site, lang, heading, core_words):
    steps = sorted((edition_site / lang / "arbetsgang" / "skolsocialt-team").glob("*/index.html"))
    page = " ".join(text_of(p) for p in steps)  # each step is a page of its own (issue 25)
    assert page.count(heading) == 2  # two routines on this workflow's steps
    assert core_words.lower() in page.lower()  # the core text is still there


def test_routine_does_not_replace_the_core_text(edition_site, site):
    core = text_of(site / "verktygslada" / "hembesok" / "index.html")
    local = text_of(edition_site / "verktygslada" / "hembesok" / "index.html")
    start = core.index("Vad insatsen är")
    core_what = core[start:start + 300]
    assert core_what in local
    assert "Hembesök görs alltid av två personer" in local
    assert "Hembesök görs alltid av två personer" not in core


def test_core_handbook_shows_no_edition(site):
    page = text_of(site / "verktygslada" / "hembesok" / "index.html")
    assert "Exempelkommun" not in page and "Exempelutgåva" not in page
    assert (site / "verktygslada" / "fritidsintresse" / "index.html").exists()
    assert "fritidsintresse" in (site / "verktygslada" / "index.html").read_text(encoding="utf-8")


def test_a_local_insats_and_a_local_example_have_pages(edition_site):
    insats = text_of(edition_site / "verktygslada" / "morgonmote" / "index.html")
    assert "Lokal insats i Exempelkommun" in insats and "Morgonmöte på skolan" in insats
    assert "morgonmote" in (edition_site / "verktygslada" / "index.html").read_text(encoding="utf-8")
    example = text_of(edition_site / "en" / "exempel" / "exempelkommun" / "index.html")
    assert "Local example from Exempelkommun" in example
    assert "/exempel/exempelkommun/" in (edition_site / "exempel" / "index.html").read_text(encoding="utf-8") \
        or "exempelkommun/" in (edition_site / "exempel" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, says", [("", "erbjuds inte i Exempelkommun"), ("en/", "not offered in Exempelkommun")])
def test_a_core_insats_not_offered_leaves_the_lists_but_its_address_answers(edition_site, lang, says):
    index = (edition_site / lang / "verktygslada" / "index.html").read_text(encoding="utf-8")
    visual = (edition_site / lang / "verktygslada" / "visuell-verktygslada" / "index.html").read_text(encoding="utf-8")
    assert "fritidsintresse" not in index and "fritidsintresse" not in visual
    page = edition_site / lang / "verktygslada" / "fritidsintresse" / "index.html"
    body = page.read_text(encoding="utf-8")
    assert says in text_of(page)
    assert 'href="../samtalsgrupper/"' in body and 'href="../feriejobb/"' in body
    # The family page families already have a link to answers too, and points to family pages.
    family = edition_site / lang / "familj" / "fritidsintresse" / "index.html"
    assert says in text_of(family)
    assert 'href="../feriejobb/"' in family.read_text(encoding="utf-8")
    assert "fritidsintresse" not in (edition_site / lang / "familj" / "index.html").read_text(encoding="utf-8")


def test_accessibility_statement_names_who_answers(edition_site, site):
    assert "handboken@exempelkommun.example" in text_of(edition_site / "om" / "index.html")
    assert "handboken@exempelkommun.example" in text_of(edition_site / "en" / "om" / "index.html")
    assert "den kommun som publicerar webbplatsen" in text_of(site / "om" / "index.html")
    # The statement page itself names the edition's function and address, in both languages, and not the core's.
    for lang, function in (("", "samordnaren för skolsociala team i Exempelkommun"),
                           ("en/", "the coordinator of school social teams in Exempelkommun")):
        statement = text_of(edition_site / lang / "tillganglighet" / "index.html")
        assert function in statement and "handboken@exempelkommun.example" in statement
        assert "den kommun som publicerar" not in statement and "the municipality that publishes" not in statement


def test_the_edition_address_is_used_for_qr_codes(edition_site):
    page = (edition_site / "verktygslada" / "visuell-verktygslada" / "index.html").read_text(encoding="utf-8")
    assert 'data-qr-payload="https://handbok.exempelkommun.example/' in page


# --- mistakes in an edition ---------------------------------------------------------------


def test_reusing_a_core_id_names_both_files(edition_copy):
    core, edition = edition_copy
    shutil.copy(edition / "toolbox" / "morgonmote.yml", edition / "toolbox" / "hembesok.yml")
    result = run(core, edition, "check")
    assert result.returncode == 1
    line = next(line for line in result.stderr.splitlines() if "hembesok" in line and "kärnan" in line)
    assert "exempelkommun/toolbox/hembesok.yml:1: id:" in line
    assert "(toolbox/hembesok.yml:1)" in line
    assert "(en) the edition reuses the id 'hembesok'" in result.stderr


def test_a_core_id_that_is_gone_is_a_clear_error(edition_copy):
    core, edition = edition_copy
    text = (edition / "edition.yml").read_text(encoding="utf-8")
    (edition / "edition.yml").write_text(text.replace("alternatives: [samtalsgrupper, feriejobb]",
                                                      "alternatives: [samtalsgrupper, sommarlager]"), encoding="utf-8")
    result = run(core, edition, "check")
    assert result.returncode == 1
    assert re.search(r"exempelkommun/edition\.yml:\d+: not_offered\.0\.alternatives\.1: 'sommarlager'", result.stderr)
    assert "kärnans fil toolbox/sommarlager.yml finns inte" in result.stderr


def test_edition_yaml_mistakes_give_file_line_field_in_both_languages(edition_copy):
    core, edition = edition_copy
    text = (edition / "edition.yml").read_text(encoding="utf-8")
    text = text.replace("name:\n  sv: Exempelkommun\n  en: Exempelkommun\n", "name:\n  sv: Exempelkommun\n", 1)
    text = text.replace("fictional: true", "fictional: kanske")
    (edition / "edition.yml").write_text(text, encoding="utf-8")
    result = run(core, edition, "check")
    assert result.returncode == 1
    assert re.search(r"exempelkommun/edition\.yml:\d+: name\.en: texten på engelska saknas", result.stderr)
    assert re.search(r"exempelkommun/edition\.yml:\d+: fictional: ", result.stderr)
    assert "(en) the English text is missing" in result.stderr


def test_a_routine_needs_exactly_one_place(edition_copy):
    core, edition = edition_copy
    text = (edition / "edition.yml").read_text(encoding="utf-8")
    text = text.replace("  - toolbox: hembesok\n    text:", "  - toolbox: hembesok\n    step: orosanmalan/anmalan\n    text:")
    (edition / "edition.yml").write_text(text, encoding="utf-8")
    result = run(core, edition, "check")
    assert result.returncode == 1
    assert "precis ett av 'step' och 'toolbox'" in result.stderr


def test_a_failed_edition_build_leaves_the_last_good_site(edition_copy, tmp_path):
    core, edition = edition_copy
    out = tmp_path / "site"
    assert run(core, edition, "build", "--no-pdf", "--out", str(out)).returncode == 0
    good = (out / "verktygslada" / "morgonmote" / "index.html").read_text(encoding="utf-8")
    bad = (edition / "toolbox" / "morgonmote.yml").read_text(encoding="utf-8").replace("roles: [skolsocionom]",
                                                                                     "roles: [skolsocinom]")
    (edition / "toolbox" / "morgonmote.yml").write_text(bad, encoding="utf-8")
    result = run(core, edition, "build", "--no-pdf", "--out", str(out))
    assert result.returncode == 1
    assert "menade du 'skolsocionom'?" in result.stderr
    assert (out / "verktygslada" / "morgonmote" / "index.html").read_text(encoding="utf-8") == good


def test_the_edition_keeps_its_own_published_addresses(edition_copy):
    core, edition = edition_copy
    (edition / "toolbox" / "morgonmote.yml").unlink()
    example = (edition / "examples" / "exempelkommun.yml").read_text(encoding="utf-8")
    example = example.replace("toolbox: [morgonmote]\n", "").replace(
        "och ett eget [morgonmöte](../verktygslada/morgonmote.md)", "").replace(
        "and a [morning meeting](../verktygslada/morgonmote.md) of its own", "")
    (edition / "examples" / "exempelkommun.yml").write_text(example, encoding="utf-8")
    result = run(core, edition, "check")
    assert result.returncode == 1
    assert "exempelkommun/published-urls.txt" in result.stderr
    assert "/verktygslada/morgonmote/ är publicerad men försvinner" in result.stderr
    # The core, which never had that address, is not bothered.
    assert run(core, None, "check").returncode == 0


# --- the core's corrections flow in -----------------------------------------------------------


def test_a_core_correction_reaches_the_edition_without_a_merge(edition_copy, tmp_path):
    core, edition = edition_copy
    path = core / "toolbox" / "hembesok.yml"
    text = path.read_text(encoding="utf-8")
    old = re.search(r"summary:\n  sv: ([^\n]+)", text).group(1)
    path.write_text(text.replace(old, "Rättad kärntext om hembesök, som alla utgåvor ska få."), encoding="utf-8")
    out = tmp_path / "site"
    result = run(core, edition, "build", "--no-pdf", "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = text_of(out / "verktygslada" / "hembesok" / "index.html")
    assert "Rättad kärntext om hembesök" in page
    assert "Så gör vi i Exempelkommun" in page  # the edition's routine still stands beside it


def test_edition_schema_is_written_for_the_editor():
    schema = ROOT / "schemas" / "edition.schema.json"
    assert schema.exists()
    assert "contacts" in schema.read_text(encoding="utf-8")
    first = (EXAMPLE / "edition.yml").read_text(encoding="utf-8").splitlines()[0]
    assert "schemas/edition.schema.json" in first
