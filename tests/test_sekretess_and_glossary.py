"""Sekretess guidance on the law in force, the decision guide, and the glossary."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import ROOT, run_cli
from handbok import load_content
from handbok.health import warnings


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


def test_guidance_pages_show_checked_date_and_disclaimer(site, content):
    for sid, item in content.sekretess.items():
        html = (site / "sekretess" / sid / "index.html").read_text(encoding="utf-8")
        oldest = min(content.lagrum.provisions[p].checked for p in item.lagrum)
        assert f"Senast granskad <time datetime=\"{oldest}\">" in html, sid
        assert "inte juridisk rådgivning" in html
        en = (site / "en" / "sekretess" / sid / "index.html").read_text(encoding="utf-8")
        assert "Last reviewed" in en and "not legal advice" in en


def test_legal_references_name_law_sfs_chapter_and_paragraph(site):
    html = (site / "sekretess" / "anmalningsskyldighet" / "index.html").read_text(encoding="utf-8")
    html = re.sub(r"<[^>]+>", "", html)  # abbreviations are wrapped in <abbr>
    assert "Socialtjänstlagen (2025:400) 19 kap. 1 §" in html
    assert "tidigare SoL (2001:453) 14 kap. 1 §" in html


def test_lagrum_page_lists_every_reference_and_where_it_is_used(site, content):
    html = (site / "sekretess" / "lagrum" / "index.html").read_text(encoding="utf-8")
    for pid in content.lagrum_uses:
        assert f'id="{pid}"' in html
    row = html[html.index('id="sol-19-1"'):html.index("</tr>", html.index('id="sol-19-1"'))]
    assert "../anmalningsskyldighet/" in row


def test_a_reference_checked_long_ago_gives_a_warning(project):
    f = project / "lagrum.yml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("    checked: 2026-11-22", "    checked: 2024-01-10", 1), encoding="utf-8")
    content = load_content(project)
    lines = warnings(content, today=dt.date(2026, 11, 22))
    assert len(lines) == 1 and "lagrum.yml:" in lines[0] and "2024-01-10" in lines[0]
    result = run_cli(project, "check")
    assert result.returncode == 0 and "mer än 12 månader" in result.stderr


def paths(guide):
    """Every path from the first question, as lists of node ids."""
    questions = {q.id: q for q in guide.questions}
    out = []

    def walk(node, path):
        if node not in questions:
            out.append(path + [node])
            return
        walk(questions[node].yes, path + [node])
        walk(questions[node].no, path + [node])

    walk(guide.questions[0].id, [])
    return out


def test_every_decision_path_ends_in_an_outcome(content, site):
    guide = content.guides["far-jag-dela"]
    outcomes = {o.id for o in guide.outcomes}
    all_paths = paths(guide)
    assert len(all_paths) >= len(outcomes)
    assert all(p[-1] in outcomes for p in all_paths)
    assert outcomes == {p[-1] for p in all_paths}  # every outcome can be reached
    for lang in ("", "en/"):
        for p in all_paths:
            for node in p[1:]:
                assert (site / lang / "sekretess" / "far-jag-dela" / node / "index.html").exists()


def test_unquoted_yes_no_keys_get_a_clear_message(project):
    f = project / "guides" / "far-jag-dela.yml"
    f.write_text(f.read_text(encoding="utf-8").replace('"yes":', "yes:", 1), encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode != 0
    assert 'fältnamnet yes läses som ja/nej – skriv det inom citattecken: "yes":' in result.stderr


def test_a_looping_guide_is_rejected(project):
    f = project / "guides" / "far-jag-dela.yml"
    text = f.read_text(encoding="utf-8")
    first = re.search(r"questions:\n\s+- id: ([a-z0-9-]+)", text).group(1)
    # Point the second question's "no" back at the first question.
    second_no = [m for m in re.finditer(r'\n(\s+)"no": ([a-z0-9-]+)', text)][1]
    text = text[:second_no.start()] + f'\n{second_no.group(1)}"no": {first}' + text[second_no.end():]
    f.write_text(text, encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode != 0
    assert re.search(r"guides/far-jag-dela\.yml:\d+: questions\.0: frågan '[a-z0-9-]+' leder tillbaka till sig själv",
                     result.stderr)


def test_guide_pages_work_without_javascript(browser_context_nojs, server):
    page = browser_context_nojs.new_page()
    page.goto(f"{server}/sekretess/far-jag-dela/")
    for _ in range(10):
        if page.locator(".hb-outcome").count():
            break
        page.click(".hb-guide-answers a >> nth=0")
    assert page.locator(".hb-outcome").count() == 1
    assert page.locator(".hb-outcome a[href*='/sekretess/']").count() >= 1 or \
        page.locator(".hb-outcome a").count() >= 1


def test_abbreviations_are_explained_where_they_appear(site, content):
    abbrs = {t.term: t for t in content.glossary.terms if t.abbreviation}
    html = (site / "arbetsgang" / "skolsocialt-team" / "index.html").read_text(encoding="utf-8")
    assert f'<abbr title="{abbrs["EHT"].expansion.sv}">EHT</abbr>' in html
    en = (site / "en" / "arbetsgang" / "skolsocialt-team" / "index.html").read_text(encoding="utf-8")
    assert f'<abbr title="{abbrs["EHT"].expansion.en}">EHT</abbr>' in en
    unexplained = [a for a in ("EHT", "SST", "SIP", "VH") if f">{a}</abbr>" not in html and f" {a} " in html]
    assert not unexplained


def test_glossary_is_in_the_search_index(site):
    import json

    index = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    eht = [(i, d) for i, d in enumerate(index["docs"]) if index["pages"][d["p"]][0] == "ordlista/" and "EHT" in d["h"]]
    # the section's text is in search/x/<page>.json (issue 26), in the page's section order
    i, doc = eht[0]
    first = next(j for j, d in enumerate(index["docs"]) if d["p"] == doc["p"])
    text = json.loads((site / "search" / "x" / f"{doc['p']}.json").read_text(encoding="utf-8"))[i - first]
    assert "Elevhälsoteam" in doc["h"] + text


def test_a_decision_guide_badge_never_says_yes_where_the_outcome_says_possibly(content, site):
    # Someone skimming in a meeting reads the badge, not the heading: a conditional outcome is badged "Kanske".
    for guide_id, guide in content.guides.items():
        for outcome in guide.outcomes:
            possibly = outcome.title.sv.startswith("Kanske")
            assert (outcome.verdict == "kanske") == possibly, (guide_id, outcome.id, outcome.verdict)
            page = (site / "sekretess" / guide_id / outcome.id / "index.html").read_text(encoding="utf-8")
            badge = re.search(r'<p class="hb-verdict">([^<]*)</p>', page).group(1)
            assert ("Kanske" in badge) == possibly and (not possibly or "Ja" not in badge), (outcome.id, badge)
