"""Municipality examples a reader can trust: result figures in the reader's language,
organisation models explained where they are named, and no "ongoing" the sources do not support."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from handbok import load_content


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


def page(site, *parts) -> str:
    return (site.joinpath(*parts) / "index.html").read_text(encoding="utf-8")


def test_english_examples_pages_show_english_figures(site, content):
    index = page(site, "en", "exempel")
    checked = 0
    for eid, example in content.examples.items():
        # The report passages ("Source") quote the report in Swedish, figures included, on purpose.
        detail = re.sub(r'<details class="hb-passage".*?</details>', "", page(site, "en", "exempel", eid), flags=re.S)
        for result in example.results:
            if result.figure and result.figure.sv != result.figure.en:
                assert result.figure.sv not in detail, f"{eid}: Swedish figure '{result.figure.sv}' on the English page"
                assert result.figure.en in detail, f"{eid}: English figure '{result.figure.en}' missing"
                assert result.figure.sv not in index, f"{eid}: Swedish figure '{result.figure.sv}' in the English index"
                checked += 1
    assert checked >= 10


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_organisation_models_link_to_their_definition(site, content, lang):
    prefix = ["en"] if lang == "en" else []
    index = page(site, *prefix, "exempel")
    target = page(site, *prefix, "bakgrund", "uppfoljning")
    section = re.search(r'<h2 id="organisationsmodeller".*?(?=<h2 )', target, re.S)
    assert section, "the follow-up page has no section defining the organisation models"
    ui_names = {"sv": ["Centraliserad", "Gemensam ledning", "Decentraliserad"],
                "en": ["Centralised", "Joint leadership", "Decentralised"]}[lang]
    for name in ui_names:
        assert name in section.group(0), f"{name} is not defined in the section"
    links = re.findall(r'<a href="\.\./bakgrund/uppfoljning/#organisationsmodeller">([^<]+)</a>', index)
    models = [e.model for e in content.examples.values() if e.model != "ej-angiven"]
    assert len(links) == len(models) and set(links) <= set(ui_names)


def period_of(html: str) -> str:
    """The text of the page's Period field, before its note in brackets."""
    match = re.search(r"<dt>Period</dt>\s*<dd>([^(<]*)", html)
    assert match, "no Period field on the page"
    return match.group(1).strip()


def test_no_example_is_shown_as_ongoing_without_a_source(site, content):
    """An example whose source only describes it up to a year shows that year, not 'ongoing'."""
    shown = {eid: period_of(page(site, "exempel", eid)) for eid in content.examples}
    for eid, example in content.examples.items():
        if not example.period.start_known:  # the report gives only a year the work existed
            assert shown[eid].startswith("startår okänt, i gång senast "), eid
            shown[eid] = shown[eid].removeprefix("startår okänt, i gång senast ")
        if example.period.last_known:
            assert shown[eid] == f"{example.period.start} – senast beskrivet {example.period.last_known}", eid
        elif example.period.end:
            assert shown[eid] == f"{example.period.start}–{example.period.end}", eid
        else:
            assert shown[eid] == f"{example.period.start}–pågår", eid
    assert sum(text.endswith("pågår") for text in shown.values()) <= 1, "only a model known to be in use may show as ongoing"
