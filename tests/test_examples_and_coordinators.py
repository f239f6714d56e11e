"""Municipality examples, and the coordinators' tools: scaffolding, review dates,
the content report and the editing guide."""
from __future__ import annotations

import datetime as dt
import re

import yaml

from conftest import ROOT, run_cli
from handbok import load_content
from handbok.health import findings


def test_examples_link_to_roles_and_insatser_that_exist(site):
    content = load_content(ROOT)
    assert {"vanersborg", "angered", "girfec"} <= set(content.examples)
    for e_id, e in content.examples.items():
        html = (site / "exempel" / e_id / "index.html").read_text(encoding="utf-8")
        for role in e.roles:
            assert f'href="../../roller/{role}/"' in html and (site / "roller" / role / "index.html").exists()
        for t in e.toolbox:
            assert f'href="../../verktygslada/{t}/"' in html


def test_key_figures_from_the_reports(site):
    esf = (site / "exempel" / "stockholm-esf" / "index.html").read_text(encoding="utf-8")
    assert "101" in esf and "12,9" in esf.replace("12.9", "12,9")
    angered = load_content(ROOT).examples["angered"]
    assert angered.period.start == 2016
    assert load_content(ROOT).examples["vanersborg"].period.start == 2010


def test_comparison_table_is_generated_from_the_yaml(site):
    content = load_content(ROOT)
    html = (site / "exempel" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td><a href=\"([a-z-]+)/\"", html)
    assert sorted(rows) == sorted(content.examples)


def test_background_pages_exist_in_both_languages(site):
    for page in ("franvaropyramiden", "uppfoljning"):
        sv = (site / "bakgrund" / page / "index.html").read_text(encoding="utf-8")
        en = (site / "en" / "bakgrund" / page / "index.html").read_text(encoding="utf-8")
        assert 'lang="sv"' in sv and 'lang="en"' in en
    pyramid = (site / "bakgrund" / "franvaropyramiden" / "index.html").read_text(encoding="utf-8")
    assert "25–35" in pyramid and "5–10" in pyramid


def test_new_writes_a_valid_commented_skeleton(project):
    result = run_cli(project, "new", "toolbox", "ny-insats")
    assert result.returncode == 0, result.stderr
    path = project / "toolbox" / "ny-insats.yml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    from handbok.models import Insats
    for name, info in Insats.model_fields.items():
        if info.is_required():
            assert name in data, name
            assert re.search(rf"# .*obligatoriskt / required.*\n{name}:", text), f"{name} has no comment"
    assert data["family"]["stop"]["sv"].startswith("TODO") and data["family"]["stop"]["en"].startswith("TODO")
    check = run_cli(project, "check")  # the references are placeholders until chosen (issue 13)
    assert check.returncode == 1 and "toolbox/ny-insats.yml" in check.stderr and "TODO" in check.stderr
    path.write_text(text.replace("roles: [TODO]", "roles: [kurator]").replace("sources: [TODO]", "sources: [gavleborg-2024]")
                    .replace("lagrum: [TODO]", "lagrum: [dos-10]")
                    .replace("  records: [TODO]", "  records: [vad-skrivs-ner]"), encoding="utf-8")
    assert run_cli(project, "check").returncode == 0, run_cli(project, "check").stderr
    report = run_cli(project, "report").stdout
    assert "toolbox/ny-insats.yml" in report and "TODO" in report
    again = run_cli(project, "new", "toolbox", "ny-insats")
    assert again.returncode == 2 and "finns redan" in again.stderr


def test_overdue_review_is_shown_on_the_page(full_project, tmp_path):
    f = full_project / "toolbox" / "hembesok.yml"
    f.write_text(re.sub(r"\nreviewed: [^\n]+", "\nreviewed: 2020-01-15", f.read_text(encoding="utf-8")),
                 encoding="utf-8")
    out = tmp_path / "site"
    assert run_cli(full_project, "build", "--no-pdf", "--out", str(out)).returncode == 0
    html = (out / "verktygslada" / "hembesok" / "index.html").read_text(encoding="utf-8")
    assert "Granskningen är försenad" in html and "2020-01-15" in html
    fresh = (out / "verktygslada" / "veckoplanering" / "index.html").read_text(encoding="utf-8")
    assert "Granskningen är försenad" not in fresh and "Senast granskad" in fresh
    report = (out / "redigera" / "rapport" / "index.html").read_text(encoding="utf-8")
    assert "toolbox/hembesok.yml" in report


def rewrite(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_report_finds_what_needs_attention(project):
    rewrite(project / "toolbox" / "hembesok.yml", lambda d: d.update(reviewed=dt.date(2020, 1, 15)))
    rewrite(project / "toolbox" / "veckoplanering.yml", lambda d: d["what"].update(en="Short."))
    found = findings(load_content(project), dt.date(2026, 11, 22))
    kinds = {(x.kind, x.where) for x in found}
    assert ("stale", "toolbox/hembesok.yml") in kinds
    assert ("short_translation", "toolbox/veckoplanering.yml") in kinds
    real = findings(load_content(ROOT), dt.date(2026, 11, 22))
    assert not [x for x in real if x.kind in ("stale", "hard_family_text", "stale_lagrum", "no_sources")]


def test_editing_guide_in_both_languages(site):
    sv = (site / "redigera" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "redigera" / "index.html").read_text(encoding="utf-8")
    for html in (sv, en):
        assert "make serve" in html and "aliases" in html and "local_variants" in html
        assert "<code>unknown-field</code>" in html and "<code>family</code>" in html  # generated tables
        assert "{{" not in html
