"""A field error is reported once, at its field (not as its consequences), and a
scaffolded item cannot pass `make check` with invented references."""
from __future__ import annotations

import re

import markdown
import yaml

from conftest import run_cli


def _problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if re.match(r"^\S+:\d+: ", line)]


def test_a_wrong_date_and_a_missing_translation_are_reported_at_their_fields_only(project):
    f = project / "toolbox" / "hembesok.yml"
    text = re.sub(r"\nreviewed: [^\n]+", "\nreviewed: 22/11/2026", f.read_text(encoding="utf-8"))
    text = re.sub(r"(\nfamily_line:\n  sv: [^\n]+)\n  en: [^\n]+", r"\1", text)
    f.write_text(text, encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    lines = _problem_lines(result.stderr)
    assert len(lines) == 2, result.stderr  # no "is published but disappears", no broken references
    assert re.match(r"toolbox/hembesok\.yml:\d+: reviewed: '22/11/2026' är inte ett datum", lines[0])
    assert re.match(r"toolbox/hembesok\.yml:\d+: family_line\.en: texten på engelska saknas", lines[1])
    assert "published-urls.txt" not in result.stderr


def test_references_into_a_broken_workflow_are_not_reported_too(project):
    f = project / "workflows" / "skolsocialt-team.yml"
    f.write_text(re.sub(r"\nreviewed: [^\n]+", "\nreviewed: igår", f.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_cli(project, "check")
    lines = _problem_lines(result.stderr)
    # Toolbox items point at this workflow's steps; only the workflow's own error shows.
    assert len(lines) == 1 and lines[0].startswith("workflows/skolsocialt-team.yml:"), result.stderr


def test_a_new_item_needs_real_references_and_keeps_a_typed_list_a_list(project):
    assert run_cli(project, "new", "toolbox", "ny-insats").returncode == 0
    path = project / "toolbox" / "ny-insats.yml"
    text = path.read_text(encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    refused = {line.split(":")[2].strip() for line in _problem_lines(result.stderr)}
    assert refused == {"roles.0", "sources.0", "lagrum.0", "family.records.0"}, result.stderr
    assert all("platshållaren TODO" in line for line in _problem_lines(result.stderr))
    assert "(en) the placeholder TODO is still here" in result.stderr
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("roles:"))
    assert f"toolbox/ny-insats.yml:{line}: roles.0:" in result.stderr  # file, line and field
    # A coordinator types a numbered list under the template's how: line.
    text = text.replace("    TODO how på svenska", "    1. Ring familjen.\n    2. Boka en tid.")
    text = text.replace("roles: [TODO]", "roles: [kurator]").replace("sources: [TODO]", "sources: [gavleborg-2024]")
    text = text.replace("lagrum: [TODO]", "lagrum: [dos-10]").replace("records: [TODO]", "records: [vad-skrivs-ner]")
    path.write_text(text, encoding="utf-8")
    assert run_cli(project, "check").returncode == 0
    how = yaml.safe_load(text)["how"]["sv"]
    assert "<ol>" in markdown.markdown(how) and "<li>Boka en tid.</li>" in markdown.markdown(how)


def test_the_coordinators_card_links_to_the_editing_guide_and_the_content_report(site):
    for root, name in ((site, "För samordnare"), (site / "en", "For coordinators")):
        page = (root / "index.html").read_text(encoding="utf-8")
        card = page[page.index(name):]
        card = card[:card.index("</li>\n</ul>") if "</li>\n</ul>" in card else 2000]
        assert 'href="redigera/"' in card and 'href="redigera/rapport/"' in card, card[:800]
