"""One word, one address, one id: where two places claim the same, the error names
both places (file and line), so the coordinator sees which line to change."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, copy_project, CONTENT
from handbok.problems import ContentError
from handbok.validate import load_content


def problems_of(root, edition=None):
    with pytest.raises(ContentError) as err:
        load_content(root, edition)
    return err.value.problems


def line_of(path, needle, after=0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and needle in line)


def add_also(glossary, term: str, sv: list[str], en: list[str] | None = None) -> int:
    """Put `sv` (and `en`) first among `term`'s also-words (making its also: block if it has
    none); returns the line of its Swedish also-words."""
    text = glossary.read_text(encoding="utf-8")
    head = f"\n  - term: {term}\n"
    assert head in text and text.count(head) == 1
    start = text.index(head) + len(head)
    nxt = text.find("\n  - term:", start)
    entry = text[start:nxt]
    if "\n    also:\n      sv: [" in "\n" + entry:
        entry = entry.replace("    also:\n      sv: [", f"    also:\n      sv: [{', '.join(sv)}, ", 1)
        if en:
            entry = entry.replace("\n      en: [", f"\n      en: [{', '.join(en)}, ", 1)
    else:
        entry += "\n    also:\n      sv: [" + ", ".join(sv) + "]" + (f"\n      en: [{', '.join(en)}]" if en else "")
    glossary.write_text(text[:start] + entry + text[nxt:], encoding="utf-8")
    return line_of(glossary, f"sv: [{', '.join(sv)}", after=text[:start].count("\n"))


def test_an_also_word_that_is_another_term_names_both_lines(project):
    glossary = project / "glossary.yml"
    here = add_also(glossary, "EHT", ["SIP"])
    (p,) = [p for p in problems_of(project) if p.code == "also-is-term"]
    term_line = line_of(glossary, "- term: SIP")
    assert (p.file, p.line, p.field) == ("glossary.yml", here, p.field)
    assert p.field.endswith("also.sv.0")
    sv, en = p.texts()
    assert f"'SIP' är redan en term i ordlistan ('SIP', glossary.yml:{term_line})" in sv
    assert f"'SIP' is already a term of the glossary ('SIP', glossary.yml:{term_line})" in en


def test_an_also_word_that_is_another_terms_also_word_names_both_lines(project):
    glossary = project / "glossary.yml"
    first = add_also(glossary, "EHT", ["elevvårdskonferens"])
    second = add_also(glossary, "SIP", ["elevvårdskonferens"])
    first = line_of(glossary, "sv: [elevvårdskonferens")
    (p,) = [p for p in problems_of(project) if p.code == "duplicate-also"]
    assert p.line == max(first, second)
    sv, en = p.texts()
    assert f"(glossary.yml:{min(first, second)})" in sv and f"(glossary.yml:{min(first, second)})" in en


def test_an_alias_that_is_another_items_address_is_reported_at_the_alias(project):
    # hembesok is read before veckoplanering: the problem is still at the alias line, naming the other file.
    f = project / "toolbox" / "hembesok.yml"
    f.write_text(f.read_text(encoding="utf-8") + "\naliases: [veckoplanering]\n", encoding="utf-8")
    (p,) = [p for p in problems_of(project) if p.code == "duplicate-id"]
    assert (p.file, p.line, p.field) == ("toolbox/hembesok.yml", line_of(f, "aliases:"), "aliases.0")
    sv, en = p.texts()
    assert "id 'veckoplanering' används redan i toolbox/veckoplanering.yml:1" in sv
    assert "is already used in toolbox/veckoplanering.yml:1" in en


def test_two_aliases_for_one_address_name_both_lines(project):
    a, b = project / "toolbox" / "hembesok.yml", project / "toolbox" / "veckoplanering.yml"
    for f in (a, b):
        f.write_text(f.read_text(encoding="utf-8") + "\naliases: [gammalt-namn]\n", encoding="utf-8")
    (p,) = [p for p in problems_of(project) if p.code == "duplicate-id"]
    assert (p.file, p.field) == ("toolbox/veckoplanering.yml", "aliases.0")
    assert f"toolbox/hembesok.yml:{line_of(a, 'aliases:')}" in p.texts()[0]


@pytest.fixture
def edition(tmp_path):
    folder = tmp_path / "min-kommun"
    shutil.copytree(ROOT / "editions" / "exempelkommun", folder)
    return folder


def test_the_same_id_in_core_and_edition_names_both_files_and_lines(project, edition):
    shutil.copy(edition / "toolbox" / "morgonmote.yml", edition / "toolbox" / "hembesok.yml")
    (p,) = [p for p in problems_of(project, edition) if p.code == "edition-reuses-id"]
    assert p.file.endswith("min-kommun/toolbox/hembesok.yml") and p.line == 1
    assert "(toolbox/hembesok.yml:1)" in p.texts()[0] and "(toolbox/hembesok.yml:1)" in p.texts()[1]


def test_a_local_source_with_a_report_id_names_the_line_in_reports_yml(project, edition):
    f = edition / "edition.yml"
    text = f.read_text(encoding="utf-8")
    report = re.search(r"^  ([a-z0-9-]+):$", (project / "reports.yml").read_text(encoding="utf-8"), re.M).group(1)
    f.write_text(text.replace("  exempelkommun-rutin-2026:", f"  {report}:"), encoding="utf-8")
    found = [p for p in problems_of(project, edition) if p.code == "edition-reuses-id"]
    assert found and found[0].line == line_of(f, f"  {report}:")
    assert f"reports.yml:{line_of(project / 'reports.yml', f'  {report}:')}" in found[0].texts()[0]


def test_two_contacts_with_one_id_name_both_lines(project, edition):
    f = edition / "edition.yml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("  - id: mottagningen", "  - id: skolsocialt-team"), encoding="utf-8")
    (p,) = [p for p in problems_of(project, edition) if p.code == "duplicate-id"]
    lines = [n for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if "- id: skolsocialt-team" in line]
    assert p.line == lines[1] and f"edition.yml:{lines[0]}" in p.texts()[0]
