"""Every field is checked as what it is, and what an edition brings in is checked as
strictly as the core: no address that is not one, and nothing that could put script
or a request to another host into a page."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, copy_project, CONTENT
from handbok.problems import ContentError
from handbok.validate import load_content

EXAMPLE = ROOT / "editions" / "exempelkommun"


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("core"), CONTENT)


@pytest.fixture
def edition(tmp_path):
    folder = tmp_path / "min-kommun"
    shutil.copytree(EXAMPLE, folder)
    return folder


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, needle) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def only_problem(root, edition=None):
    with pytest.raises(ContentError) as err:
        load_content(root, edition)
    assert len(err.value.problems) == 1, err.value.report()
    problem = err.value.problems[0]
    return problem, *problem.texts()


def test_the_example_edition_is_valid(core, edition):
    assert load_content(core, edition).edition is not None


@pytest.mark.parametrize("bad", ["skolsocialt.team(at)exempelkommun", "skolsocialt.team@exempelkommun",
                                 "team @kommun.se", "mailto:team@kommun.se"])
def test_an_email_that_is_not_one_is_refused(core, edition, bad):
    f = edition / "edition.yml"
    edit(f, "email: skolsocialt.team@exempelkommun.example", f"email: {bad}")
    p, sv, en = only_problem(core, edition)
    assert (p.file.endswith("min-kommun/edition.yml"), p.line, p.field) == (True, line_of(f, bad), "contacts.0.email")
    assert f"'{bad}' är inte en e-postadress" in sv and f"'{bad}' is not an e-mail address" in en


@pytest.mark.parametrize("good", ["070-174 06 10", "08-123 456 78", "+46 70 174 06 10", "'0701740610'", "'112'", "114 14"])
def test_swedish_phone_numbers_are_accepted(core, edition, good):
    edit(edition / "edition.yml", "phone: 070-174 06 10", f"phone: {good}")
    assert load_content(core, edition).edition.contacts[0].phone == good.strip("'")


def test_a_phone_number_read_as_a_number_says_to_quote_it(core, edition):
    edit(edition / "edition.yml", "phone: 070-174 06 10", "phone: 0701740610")
    p, sv, en = only_problem(core, edition)
    assert p.field == "contacts.0.phone" and "citattecken" in sv and "put it in quotes" in en


@pytest.mark.parametrize("bad", ["070-ABC 06 10", "ring växeln", "+1 555 0100", "'070'", "070-174 06 10 eller 112"])
def test_a_phone_number_that_is_not_one_is_refused(core, edition, bad):
    f = edition / "edition.yml"
    edit(f, "phone: 070-174 06 10", f"phone: {bad}")
    p, sv, en = only_problem(core, edition)
    assert (p.line, p.field) == (line_of(f, bad), "contacts.0.phone")
    assert "inte ett svenskt telefonnummer" in sv and "not a Swedish phone number" in en


@pytest.mark.parametrize("bad", ["http://handbok.exempelkommun.example/", "javascript:alert(1)",
                                 "https://", "handbok.exempelkommun.example"])
def test_the_site_address_must_be_https(core, edition, bad):
    f = edition / "edition.yml"
    edit(f, "site_url: https://handbok.exempelkommun.example/", f"site_url: '{bad}'")
    p, sv, en = only_problem(core, edition)
    assert (p.line, p.field) == (line_of(f, "site_url:"), "site_url")
    assert "börjar med https://" in sv and "starting with https://" in en


def test_the_responsible_contact_is_an_email_or_an_https_address(core, edition):
    f = edition / "edition.yml"
    edit(f, "contact: handboken@exempelkommun.example", "contact: handboken(at)exempelkommun")
    p, sv, en = only_problem(core, edition)
    assert (p.line, p.field) == (line_of(f, "(at)"), "responsible.contact")
    assert "varken en e-postadress eller en webbadress" in sv and "neither an e-mail address" in en
    edit(f, "contact: handboken(at)exempelkommun", "contact: https://www.exempelkommun.example/kontakt")
    assert load_content(core, edition).edition.responsible.contact.startswith("https://")


@pytest.mark.parametrize("snippet", [
    "![logga](https://tracker.example/pixel.png)",                  # an image: a request to another host
    "[läs mer](javascript:alert(1))",                               # a script link
    "[läs mer](//tracker.example/x)",                               # another host, scheme-less
    "[läs mer](http://www.exempelkommun.example/)",                 # not https
    "[läs mer][1]\n\n[1]: javascript:alert(1)",                     # a reference link
    "Ring oss{: onclick=\"alert(1)\" }",                            # attr_list event handler
    "Ring oss{ style=\"background:url(https://tracker.example/)\" }",
])
def test_an_edition_text_cannot_bring_script_or_a_request(core, edition, snippet):
    f = edition / "edition.yml"
    block = "".join(f"        {line}\n" if line else "\n" for line in snippet.split("\n"))
    edit(f, "      sv: Informationsmötet hålls på skolan", f"      sv: |-\n{block}        Informationsmötet hålls på skolan")
    p, sv, en = only_problem(core, edition)
    assert p.code == "unsafe-markup" and p.field.startswith("routines.") and p.field.endswith(".text.sv")
    assert "inte tillåtet i en text" in sv and "could fetch from other sites or run script" in en


def test_the_same_rule_holds_in_the_core(tmp_path):
    project = copy_project(tmp_path / "p", CONTENT)
    f = project / "roles" / "kurator.yml"
    edit(f, "\n  sv: ", "\n  sv: Se ![x](https://tracker.example/p.png) ")
    with pytest.raises(ContentError) as err:
        load_content(project)
    assert any(p.code == "unsafe-markup" and p.file == "roles/kurator.yml" for p in err.value.problems)


def test_safe_links_stay_allowed(core, edition):
    f = edition / "edition.yml"
    edit(f, "      sv: Informationsmötet hålls på skolan",
         "      sv: Se [e-tjänsten](https://www.exempelkommun.example/e), [mejla](mailto:a@b.se), "
         "[stegen](../arbetsgang/) och [ring](tel:+46701740610). Informationsmötet hålls på skolan")
    assert load_content(core, edition)


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">\n{}\n</svg>\n'


@pytest.mark.parametrize(("inside", "what"), [
    ('<script>alert(1)</script>', "<script>"),
    ('<rect width="4" height="4" onload="alert(1)"/>', "onload="),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', "<foreignObject>"),
    ('<image href="https://tracker.example/p.png"/>', "<image>"),
    ('<a href="javascript:alert(1)"><rect width="4" height="4"/></a>', "<a>"),
    ('<rect width="4" height="4" style="fill:url(https://tracker.example/x)"/>', 'style="fill:url('),
    ('<style>@import url(https://tracker.example/x.css);</style>', "@import"),
    ('<use href="https://tracker.example/s.svg#a"/>', "<use>"),
])
def test_an_svg_logo_cannot_carry_script_or_fetch(core, edition, inside, what):
    (edition / "logo.svg").write_text(SVG.format(inside), encoding="utf-8")
    p, sv, en = only_problem(core, edition)
    assert (p.file.endswith("min-kommun/logo.svg"), p.line, p.code) == (True, 2, "logo-unsafe")
    assert what in sv and "köra skript eller hämta" in sv and "run script or fetch" in en


def test_an_svg_logo_with_entities_is_refused_before_they_expand(core, edition):
    lol = '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>\n' + SVG.format("&b;")
    (edition / "logo.svg").write_text(lol, encoding="utf-8")
    p, sv, en = only_problem(core, edition)
    assert p.code == "logo-unsafe" and p.line == 2 and "<!DOCTYPE>" in sv


def test_a_logo_that_is_not_svg(core, edition):
    (edition / "logo.svg").write_bytes(b"\x89PNG\r\n\x1a\n")
    p, sv, en = only_problem(core, edition)
    assert p.code == "logo-not-svg" and "SVG" in sv and "SVG" in en


def test_a_plain_svg_logo_with_internal_references_is_fine(core, edition):
    (edition / "logo.svg").write_text(SVG.format(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs>'
        '<title>Min kommun</title><rect width="48" height="48" fill="url(#g)"/>'), encoding="utf-8")
    assert load_content(core, edition)
