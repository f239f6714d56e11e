"""Wordings readers have acted on wrongly are refused at the check, on any page, so a
corrected sentence cannot come back on a page the correction did not reach."""
from __future__ import annotations

import re

from conftest import run_cli


def _check(project) -> tuple[int, str]:
    result = run_cli(project, "check")
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout + result.stderr


def _add_to_summary(project, path: str, sv: str, en: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    text = re.sub(r"\nsummary:\n  sv: >-\n", f"\nsummary:\n  sv: >-\n    {sv}\n", text, count=1)
    text = re.sub(r"(\nsummary:\n  sv: >-\n(?:    .*\n)+  en: >-\n)", rf"\g<1>    {en}\n", text, count=1)
    file.write_text(text, encoding="utf-8")


def test_a_request_called_anonymous_is_refused_with_file_line_and_field(project):
    _add_to_summary(project, "roles/mentor.yml", "Uppdragsförfrågan är anonym.", "The request for support is anonymous.")
    code, out = _check(project)
    assert code != 0
    assert re.search(r"roles/mentor\.yml:\d+: summary\.sv: texten kallar något anonymt \('Uppdragsförfrågan är anonym\.'\)",
                     out), out
    assert re.search(r"roles/mentor\.yml:\d+: summary\.en: .*'The request for support is anonymous\.'", out), out
    assert "can still point to the student" in out


def test_saying_it_is_not_anonymous_or_that_the_report_calls_it_so_is_allowed(project):
    _add_to_summary(project, "roles/mentor.yml",
                    "Förfrågan är inte anonym, även utan namn. Rapporten kallar den anonym.",
                    "The request is not anonymous, even without a name. The report calls it anonymous.")
    code, out = _check(project)
    assert code == 0, out


def test_one_places_employer_written_as_everyones_is_refused_and_a_named_place_is_allowed(project):
    _add_to_summary(project, "roles/kurator.yml", "Skolsocionomen kommer från socialtjänsten.",
                    "The school social worker comes from social services.")
    code, out = _check(project)
    assert code != 0
    assert re.search(r"roles/kurator\.yml:\d+: summary\.sv: texten säger var personalen är anställd", out), out
    assert "say where (for example 'in Stockholm's ESF project')" in out

    file = project / "roles" / "kurator.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("Skolsocionomen kommer från socialtjänsten.",
                                 "I Stockholms ESF-projekt kommer skolsocionomen från socialtjänsten.")
                    .replace("The school social worker comes from social services.",
                             "In Stockholm's ESF project the school social worker comes from social services."),
                    encoding="utf-8")
    code, out = _check(project)
    assert code == 0, out


def test_the_reports_own_words_in_a_source_passage_are_not_refused(project):
    # Hjulsta's passage quotes the report: "Uppdragsförfrågan skrivs anonymt utan elevens personuppgifter."
    text = (project / "workflows" / "skolsocialt-team.yml").read_text(encoding="utf-8")
    assert "Uppdragsförfrågan skrivs anonymt" in text
    code, out = _check(project)
    assert code == 0, out


def test_a_handwritten_page_is_checked_line_by_line_and_only_a_survey_may_be_anonymous(project):
    page = project / "docs" / "sv" / "bakgrund" / "uppfoljning.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    # The sentence after a closing emphasis is a sentence of its own, and "enkäter" later in it
    # does not make a monthly report a survey.
    page.write_text("# Uppföljning\n\nSå följer man upp.\n\nKällor:\n\n"
                    "- *Delrapport 2014.* Anonym rapportering av frånvaro, enkäter till elever.\n"
                    "- Fråga med en anonym enkät vad eleverna tycker.\n", encoding="utf-8")
    code, out = _check(project)
    assert code != 0
    assert "docs/sv/bakgrund/uppfoljning.md:7: (filen/file): texten kallar något anonymt ('Anonym rapportering" in out, out
    assert "uppfoljning.md:8:" not in out
