"""Every claim about what a place did, found or learnt carries the passage of the report it
rests on, the passage is really in that report, and a staff reader can open it beside the
claim in both languages.

The reports are read from ../shared/seeds/ beside the repository (CI copies /work/shared
there), or from REPORTS_DIR. Without them the quotes cannot be checked, so the test fails.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from markupsafe import escape
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT, run_cli
from handbok import load_content
from handbok.health import claims

REPORTS_DIR = Path(os.environ.get("REPORTS_DIR") or ROOT.parent / "shared" / "seeds")


def normalized(text: str) -> str:
    """Whitespace, soft hyphens and words hyphenated across a line break do not count."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"(?<=\w)-[ \t]*\n\s*(?=\w)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def report_texts(folder: Path, reports: dict) -> dict[str, str]:
    """Normalized text of every report, by id; a clear error when the files are not there."""
    if not folder.is_dir():
        raise FileNotFoundError(
            f"Rapporterna saknas / The reports are missing: {folder} does not exist. Put the five seed files "
            "there (../shared/seeds/ beside the repository) or set REPORTS_DIR to their folder.")
    out = {}
    for rid, report in reports.items():
        files = sorted(folder.glob(f"{report.seed}_*.txt"))
        if not files:
            raise FileNotFoundError(f"{folder}: no file {report.seed}_*.txt for report {rid} (reports.yml seed)")
        out[rid] = normalized(files[0].read_text(encoding="utf-8"))
    return out


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


@pytest.fixture(scope="module")
def reports(content):
    try:
        return report_texts(REPORTS_DIR, content.reports.reports)
    except FileNotFoundError as err:
        pytest.fail(str(err))


def all_claims(content):
    for (kind, item_id), item in content.all_items():
        for path, claim in claims(item):
            yield f"{kind}/{item_id}.yml: {'.'.join(map(str, path))}", claim


def test_every_quote_is_in_its_report(content, reports):
    missing = []
    quoted = 0
    for where, claim in all_claims(content):
        if claim.passage is None:
            continue
        quoted += 1
        if normalized(claim.passage.quote) not in reports[claim.passage.report]:
            missing.append(f"{where}: not in {claim.passage.report}: {claim.passage.quote[:80]}")
    assert not missing, "\n".join(missing)
    assert quoted >= 330  # 336 of 336 claims on 2026-12-05, the example pages' summary, target group,
    # staffing and activities included


def test_passage_comes_from_the_report_the_claim_names(content):
    wrong = [f"{where}: source {claim.source}, passage from {claim.passage.report}"
             for where, claim in all_claims(content)
             if claim.passage is not None and getattr(claim, "source", claim.passage.report) != claim.passage.report]
    wrong += [f"{kind}/{item_id}.yml: {claim.passage.report} is not in its sources"
              for (kind, item_id), item in content.all_items() for _, claim in claims(item)
              if claim.passage is not None and claim.passage.report not in item.sources]
    assert not wrong, "\n".join(wrong)


def test_quotes_are_short(content):
    long = [where for where, claim in all_claims(content) if claim.passage and len(claim.passage.quote) > 400]
    assert not long, "a passage is a short quote, not a page:\n" + "\n".join(long)


def test_missing_reports_folder_is_a_clear_error(tmp_path, content):
    with pytest.raises(FileNotFoundError, match="REPORTS_DIR"):
        report_texts(tmp_path / "nowhere", content.reports.reports)


def test_hyphenation_and_soft_hyphens_do_not_hide_a_quote():
    report = normalized("De skol-\n  socionomerna har\u00ad arbetat   normkritiskt")
    assert normalized("skolsocionomerna har arbetat normkritiskt") in report


def _drop_passage(path, field: str) -> None:
    """Remove the first passage under a top-level field of a YAML file."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    top = lines.index(f"{field}:\n")
    start = next(i for i, line in enumerate(lines) if i > top and line.strip() == "passage:")
    end = start + 1
    while lines[end].startswith(" " * (len(lines[start]) - len(lines[start].lstrip()) + 1)):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def test_report_lists_claims_without_passage_with_file_and_line(project):
    _drop_passage(project / "examples" / "vanersborg.yml", "results")
    result = run_cli(project, "report")
    assert result.returncode == 0, result.stderr
    assert re.search(r"examples/vanersborg\.yml:\d+: results\.0", result.stdout), result.stdout
    assert re.search(r"Claims with a passage: \d+; utan / without: [1-9]", result.stdout)


def test_example_pages_count_summary_target_group_staffing_and_activities(content):
    """The free text of an example page is claims too: each point is counted and checked."""
    for eid, example in content.examples.items():
        fields = {path[0] for path, _ in claims(example)}
        assert {"summary", "target_group", "staffing", "activities"} <= fields, eid
        assert len([p for p, _ in claims(example) if p[0] in ("staffing", "activities")]) == \
            len(example.staffing) + len(example.activities), eid


@pytest.mark.parametrize("field, listed", [("staffing", r"staffing\.0"), ("summary", r"summary"),
                                            ("target_group", r"target_group")])
def test_report_lists_an_example_point_without_passage(project, field, listed):
    _drop_passage(project / "examples" / "angered.yml", field)
    result = run_cli(project, "report")
    assert result.returncode == 0, result.stderr
    assert re.search(rf"examples/angered\.yml:\d+: {listed}$", result.stdout, re.M), result.stdout
    assert "utan / without: 1" in result.stdout


# --- in the browser ----------------------------------------------------------------------

@pytest.fixture
def page(browser, server):
    context = browser.new_context(locale="sv-SE")
    p = context.new_page()
    yield p
    context.close()


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path, item", [("verktygslada/hembesok/", ("toolbox", "hembesok")),
                                        ("exempel/vanersborg/", ("examples", "vanersborg"))])
def test_reader_opens_the_passage_beside_the_claim(page, server, content, lang, path, item):
    kind, item_id = item
    claim = next(c for _, c in claims(getattr(content, kind)[item_id]) if c.passage)
    page.goto(f"{server}/{lang}{path}")
    passage = page.locator(".hb-claims details.hb-passage").first
    summary = passage.locator("summary")
    assert summary.inner_text().startswith("Källa" if lang == "" else "Source")
    quote = passage.locator("blockquote")
    assert not quote.is_visible()  # closed until the reader asks
    summary.focus()
    page.keyboard.press("Enter")
    assert quote.is_visible()
    assert quote.get_attribute("lang") == "sv"
    assert claim.passage.quote[:40] in " ".join(quote.inner_text().split())
    report = content.reports.reports[claim.passage.report]
    assert report.title in passage.inner_text()
    if lang:
        assert "quoted in Swedish" in passage.inner_text()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()


def test_workflow_local_variant_shows_its_passage(site, content):
    variants = [(wf_id, s.id, v) for wf_id, wf in content.workflows.items() for s in wf.steps
                for v in s.local_variants if v.passage]
    assert variants
    wf_id, step_id, variant = variants[0]  # shown on the step's own page
    html = (site / "en" / "arbetsgang" / wf_id / step_id / "index.html").read_text(encoding="utf-8")
    assert str(escape(variant.passage.quote[:40])) in html
    assert 'class="hb-passage-quote" lang="sv"' in html
