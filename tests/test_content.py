"""The content itself: everything the content map asks for exists, in both
languages, and family texts are easy to read."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from handbok import load_content
from handbok.lix import lix
from handbok.health import texts

TOOLBOX = ["veckoplanering", "motiverande-samtal", "stodjande-samtal", "framgangar-och-framtid",
           "stod-kring-skoldagen", "relation-till-larare", "foraldraskapsstod", "fritidsintresse", "samordning", "sip",
           "lotsning-och-egenansokan", "narvaroprogram", "boost-traffar", "paminnelseplan", "foraldragrupp",
           "hembesok", "min-karta", "feriejobb", "samtalsgrupper", "stodperson-vid-moten", "laxhjalp-och-provstod"]
ROLES = ["skolsocionom", "kurator", "mentor", "rektor", "specialpedagog", "skolskoterska", "skolpsykolog",
         "studie-och-yrkesvagledare", "elevhalsoteam", "elev", "vardnadshavare", "enhetschef-socialtjanst",
         "socialsekreterare", "faltassistent", "foraldraradgivare", "samverkande-socialsekreterare",
         "socialarbetare-i-skolan", "named-person", "polis", "region"]
EXAMPLES = ["vanersborg", "angered", "girfec", "bjuv", "kronoberg", "alingsas-lerum", "karlskrona", "mark", "falun",
            "uppsala", "stockholm-esf", "ppss", "gavleborg"]
FORMS = ["uppdragsforfragan", "samtyckesblankett", "handlingsplan", "uppfoljningsmall", "paminnelseplan",
         "informationsmote", "anmalningsmote"]
WORKFLOWS = ["skolsocialt-team", "orosanmalan", "sip", "franvarotrappan"]
ABBREVIATIONS = ["SST", "EHT", "VH", "SIP", "BBIC", "BUS", "SSPF", "ULF", "BUP", "TSI", "GIRFEC", "PPSS", "ESF"]
TERMS = ["friyta", "orosanmälan", "egenansökan", "bistånd", "service"]


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


@pytest.mark.parametrize("kind,ids", [("toolbox", TOOLBOX), ("roles", ROLES), ("examples", EXAMPLES),
                                      ("forms", FORMS), ("workflows", WORKFLOWS)])
def test_content_map_is_covered(content, kind, ids):
    assert sorted(getattr(content, kind)) == sorted(ids)


def test_at_least_ten_sekretess_questions(content):
    assert len(content.sekretess) >= 10
    assert all(item.title.sv.endswith("?") and item.title.en.endswith("?") for item in content.sekretess.values())


def test_glossary_has_every_abbreviation_and_term(content):
    terms = {t.term: t for t in content.glossary.terms}
    for abbr in ABBREVIATIONS:
        assert abbr in terms and terms[abbr].abbreviation and terms[abbr].expansion, abbr
    for term in TERMS:
        assert term in {t.lower() for t in terms}, term


def test_every_text_exists_in_both_languages_and_is_translated(content):
    """The model refuses a missing language; here we also catch an untranslated copy."""
    copies = []
    for (kind, item_id), item in content.all_items():
        for _, text in texts(item):
            if len(text.sv) > 60 and text.sv == text.en:
                copies.append(f"{kind}/{item_id}: {text.sv[:50]}")
    assert not copies


def test_lix_measures_hard_text_as_hard():
    easy = "Du träffar en vuxen. Ni pratar om skolan. Det är frivilligt."
    hard = ("Socialtjänstens myndighetsutövning förutsätter behovsprövning enligt socialtjänstlagen, "
            "varför dokumentationsskyldigheten aktualiseras vid beslutsfattande angående biståndsinsatser.")
    assert lix(easy) < 30 < 60 < lix(hard)


def test_every_item_names_its_sources_owner_and_review_date(content):
    for (kind, item_id), item in content.all_items():
        assert item.sources and item.owner and item.reviewed, f"{kind}/{item_id}"
        assert not re.search(r"\b(?:[A-ZÅÄÖ][a-zåäö]+ ){1}[A-ZÅÄÖ][a-zåäö]+son\b", item.owner.sv), "owner is a function"


def test_every_cited_provision_is_in_the_legal_table(content):
    for pid in content.lagrum_uses:
        assert pid in content.lagrum.provisions
    cited_old_law = [p for p in content.lagrum.provisions.values()
                     if content.lagrum.laws[p.law].sfs == "2001:453"]
    assert not cited_old_law, "cite the law in force; the old number goes in `old`"
    assert content.lagrum.laws["sol"].sfs == "2025:400"
