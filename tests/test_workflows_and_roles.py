"""Arbetsgång and roles: time rules are data and reach the page; reverse indexes
come from the workflow and toolbox data, never typed twice."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from handbok import load_content


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


def rule(content, wf, step, kind):
    s = next(s for s in content.workflows[wf].steps if s.id == step)
    return next(r for r in s.time_rules if r.kind == kind)


def test_time_rules_are_structured(content):
    follow_up = rule(content, "skolsocialt-team", "uppfoljning", "intervall")
    assert (follow_up.min, follow_up.max, follow_up.unit) == (4, 6, "veckor")
    duration = rule(content, "skolsocialt-team", "uppfoljning", "varaktighet") if any(
        r.kind == "varaktighet" for s in content.workflows["skolsocialt-team"].steps if s.id == "uppfoljning"
        for r in s.time_rules) else next(r for s in content.workflows["skolsocialt-team"].steps
                                          for r in s.time_rules if r.kind == "varaktighet")
    assert (duration.min, duration.max, duration.unit) == (3, 6, "manader")
    assert duration.exception is not None  # longer only with a stated reason
    deadline = next(r for s in content.workflows["orosanmalan"].steps for r in s.time_rules if r.kind == "frist")
    assert (deadline.max, deadline.unit) == (14, "dagar")
    assert "sol-20-2" in deadline.lagrum


def test_time_rules_reach_the_page(site):
    html = (site / "arbetsgang" / "skolsocialt-team" / "index.html").read_text(encoding="utf-8")
    assert "Var 4–6 veckor" in html and "Pågår 3–6 månader" in html
    en = (site / "en" / "arbetsgang" / "orosanmalan" / "index.html").read_text(encoding="utf-8")
    assert "Within 14 days" in en


def test_reverse_index_role_steps(content):
    expected = {(wf_id, s.id) for wf_id, wf in content.workflows.items() for s in wf.steps
                if "kurator" in s.responsible + s.participants}
    assert expected
    assert {(u.workflow, u.step.id) for u in content.role_steps["kurator"]} == expected


def test_reverse_index_role_toolbox_and_step_toolbox(content):
    offered = {t_id for t_id, t in content.toolbox.items() if "skolsocionom" in t.roles}
    assert set(content.role_toolbox["skolsocionom"]) == offered
    # A step lists an insats whether the step or the insats names the link.
    for t_id, t in content.toolbox.items():
        for ref in t.steps:
            assert t_id in content.step_toolbox[ref]
    for wf_id, wf in content.workflows.items():
        for s in wf.steps:
            for t_id in s.toolbox:
                assert f"{wf_id}/{s.id}" in content.toolbox_steps[t_id]


def test_role_pages_show_generated_lists(site, content):
    html = (site / "roller" / "kurator" / "index.html").read_text(encoding="utf-8")
    for t_id in content.role_toolbox["kurator"]:
        assert f'href="../../verktygslada/{t_id}/"' in html
    assert 'id="does-not"' in html and "Det här gör rollen inte" in html  # where the role ends


def test_roles_overview_has_three_sides(site):
    html = (site / "roller" / "index.html").read_text(encoding="utf-8")
    for side in ("Skolan", "Socialtjänsten", "Regionen"):
        assert re.search(rf"<h2[^>]*>{side}", html)


def test_local_variants_are_shown_on_their_step(site, content):
    steps = content.workflows["skolsocialt-team"].steps
    assert "Rinkebyskolan" in " ".join(v.place for s in steps for v in s.local_variants)
    for step in steps:  # each step's own page shows how places do that step
        html = (site / "arbetsgang" / "skolsocialt-team" / step.id / "index.html").read_text(encoding="utf-8")
        for v in step.local_variants:
            assert v.place in html
            assert "Så gör man lokalt" in html


def test_visual_flow_is_an_ordered_list_with_every_step(site, content):
    html = (site / "arbetsgang" / "skolsocialt-team" / "index.html").read_text(encoding="utf-8")
    flow = html[html.index('<ol class="hb-flow">'):html.index("</ol>", html.index('<ol class="hb-flow">'))]
    assert flow.count('class="hb-flow-step"') == len(content.workflows["skolsocialt-team"].steps)
    assert "<img" not in flow and "<canvas" not in flow
