"""A coordinator's mistake gives a clear error with file, line and field, in both
languages, a non-zero exit, and no traceback."""
from __future__ import annotations

import re

import pytest

from conftest import run_cli


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path, needle) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def set_summary(path, swedish: str) -> None:
    """Replace an item's summary, whatever YAML style it was written in."""
    text = re.sub(r"\nsummary:(\n  [^\n]+)+|\nsummary: \{[^\n]+\}", "", path.read_text(encoding="utf-8"), count=1)
    path.write_text(text + f'\nsummary: {{sv: "{swedish}", en: Counsellor}}\n', encoding="utf-8")


def check_fails(project) -> str:
    result = run_cli(project, "check")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    return result.stderr


def test_the_real_content_is_valid(tmp_path):
    from conftest import ROOT

    result = run_cli(ROOT, "check")
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_tab_in_indentation(project):
    f = project / "toolbox" / "veckoplanering.yml"
    edit(f, "\n  sv:", "\n\tsv:")
    err = check_fails(project)
    assert re.search(r"toolbox/veckoplanering\.yml:\d+: .*tabbtecken", err)
    assert "tab character" in err


def test_unclosed_quote(project):
    f = project / "roles" / "kurator.yml"
    edit(f, "owner:", 'owner: "Samordnare\nx:')
    err = check_fails(project)
    assert "roles/kurator.yml:" in err
    assert "citattecken" in err and "quotation mark" in err


def test_duplicate_key_is_rejected_with_both_lines(project):
    f = project / "toolbox" / "hembesok.yml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text + "\nowner: Någon annan\n", encoding="utf-8")
    first = line_of(f, "owner:")
    err = check_fails(project)
    last = len(f.read_text(encoding="utf-8").splitlines())
    assert f"toolbox/hembesok.yml:{last}: owner: fältet finns två gånger (första gången på rad {first})" in err
    assert "appears twice" in err


def test_unknown_field_suggests_the_right_name(project):
    f = project / "roles" / "mentor.yml"
    edit(f, "mission:", "misssion:")
    err = check_fails(project)
    n = line_of(f, "misssion:")
    assert f"roles/mentor.yml:{n}: misssion: okänt fält 'misssion' (menade du 'mission'?)" in err
    assert "unknown field 'misssion' (did you mean 'mission'?)" in err


def test_wrong_type_text_instead_of_two_languages(project):
    f = project / "roles" / "mentor.yml"
    text = f.read_text(encoding="utf-8")
    text = re.sub(r"\ntitle:\n  sv: [^\n]+\n  en: [^\n]+\n|\ntitle: \{[^\n]+\}\n", "\ntitle: Mentor\n", text, count=1)
    f.write_text(text, encoding="utf-8")
    err = check_fails(project)
    n = line_of(f, "title: Mentor")
    assert f"roles/mentor.yml:{n}: title: fel typ: text – här ska stå två rader, 'sv:' och 'en:'" in err


def test_wrong_type_number(project):
    f = project / "toolbox" / "hembesok.yml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("review_months:", "x:") + "\nreview_months: ofta\n", encoding="utf-8")
    err = check_fails(project)
    assert "review_months: fel typ: text – här ska stå ett heltal" in err
    assert "wrong type: text – this must be a whole number" in err


def test_missing_translation_names_the_language(project):
    f = project / "toolbox" / "veckoplanering.yml"
    text = f.read_text(encoding="utf-8")
    new = re.sub(r"(\nfamily_line:\n  sv: [^\n]+\n)  en: [^\n]+\n", r"\1", text, count=1)
    if new == text:
        new = re.sub(r"(\nfamily_line:\s*\{sv: [^}]*?), en: [^}]*\}", r"\1}", text, count=1)
    assert new != text
    f.write_text(new, encoding="utf-8")
    err = check_fails(project)
    assert re.search(r"toolbox/veckoplanering\.yml:\d+: family_line\.en: texten på engelska saknas", err)
    assert "the English text is missing" in err


def test_empty_text(project):
    set_summary(project / "roles" / "kurator.yml", "  ")
    err = check_fails(project)
    assert re.search(r"roles/kurator\.yml:\d+: summary\.sv: texten är tom", err)


@pytest.mark.parametrize("snippet", ["<script>alert(1)</script>", "<b>viktigt</b>", "<img src=x onerror=y>"])
def test_html_and_script_are_rejected(project, snippet):
    set_summary(project / "roles" / "kurator.yml", f"Kurator {snippet}")
    err = check_fails(project)
    assert re.search(r"roles/kurator\.yml:\d+: summary\.sv: texten innehåller HTML", err)
    assert "HTML and <script> are not allowed" in err


def test_unknown_reference_suggests_an_existing_id(project):
    f = project / "toolbox" / "hembesok.yml"
    edit(f, "roles: [skolsocionom,", "roles: [skolsocinom,")
    err = check_fails(project)
    n = line_of(f, "roles: [skolsocinom,")
    assert f"toolbox/hembesok.yml:{n}: roles." in err
    assert "'skolsocinom' finns inte bland rollerna (menade du 'skolsocionom'?)" in err
    assert "'skolsocinom' is not one of the roles (did you mean 'skolsocionom'?)" in err


def test_unknown_step_reference(project):
    f = project / "forms" / "handlingsplan.yml"
    edit(f, "skolsocialt-team/uppstartsmote", "skolsocialt-team/uppstart")
    err = check_fails(project)
    assert "'skolsocialt-team/uppstart' finns inte bland stegen" in err


def test_duplicate_id_alias_takes_an_existing_address(project):
    f = project / "toolbox" / "hembesok.yml"
    f.write_text(f.read_text(encoding="utf-8") + "\naliases: [veckoplanering]\n", encoding="utf-8")
    err = check_fails(project)
    # The two files claim one address; whichever is read second is reported.
    assert re.search(r"toolbox/(hembesok|veckoplanering)\.yml:\d+: (aliases\.0|id): id 'veckoplanering' används redan i "
                     r"toolbox/(veckoplanering|hembesok)\.yml", err)
    assert "is already used in" in err


def test_an_id_the_handbook_uses_itself_is_refused(project):
    (project / "toolbox" / "hembesok.yml").rename(project / "toolbox" / "visuell-verktygslada.yml")
    err = check_fails(project)
    assert re.search(r"toolbox/visuell-verktygslada\.yml:\d+: id: id 'visuell-verktygslada' används redan i handboken", err)


def test_duplicate_step_id(project):
    f = project / "workflows" / "skolsocialt-team.yml"
    edit(f, "id: informationsmote", "id: uppstartsmote")
    err = check_fails(project)
    assert re.search(r"workflows/skolsocialt-team\.yml:\d+: steps\.\d+\.id: id 'uppstartsmote' används redan", err)


def test_duplicate_glossary_term(project):
    f = project / "glossary.yml"
    f.write_text(f.read_text(encoding="utf-8") + "  - term: EHT\n    definition: {sv: Igen, en: Again}\n",
                 encoding="utf-8")
    err = check_fails(project)
    assert re.search(r"glossary\.yml:\d+: terms\.\d+\.term: id 'EHT' används redan", err)


def test_bad_date_and_bad_value(project):
    f = project / "toolbox" / "hembesok.yml"
    text = re.sub(r"\nreviewed: [^\n]+", "\nreviewed: 22/11/2026", f.read_text(encoding="utf-8"))
    text = re.sub(r"\nfooting: [^\n]+", "\nfooting: gratis", text)
    f.write_text(text, encoding="utf-8")
    err = check_fails(project)
    assert "reviewed: '22/11/2026' är inte ett datum – skriv datum som ÅÅÅÅ-MM-DD" in err
    assert "footing: värdet 'gratis' är inte tillåtet – välj ett av: 'service', 'bistand' or 'service-eller-bistand'" in err


def test_bad_file_name(project):
    (project / "toolbox" / "veckoplanering.yml").rename(project / "toolbox" / "Vecko Planering.yml")
    err = check_fails(project)
    assert "toolbox/Vecko Planering.yml:1: (filen/file): filnamnet 'Vecko Planering.yml' är inte ett giltigt id" in err
    assert "'vecko-planering.yml'" in err


def test_every_problem_is_reported_at_once(project):
    edit(project / "roles" / "mentor.yml", "mission:", "misssion:")
    edit(project / "toolbox" / "hembesok.yml", "roles: [skolsocionom,", "roles: [skolsocinom,")
    (project / "forms" / "handlingsplan.yml").write_text("title: [oj\n", encoding="utf-8")
    err = check_fails(project)
    assert "roles/mentor.yml" in err and "toolbox/hembesok.yml" in err and "forms/handlingsplan.yml" in err
    assert re.search(r"Innehållet har \d+ fel / The content has \d+ problem", err)
