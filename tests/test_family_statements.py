"""Statements said once (statements.yml): family pages, handouts and the printed forms
include them by id; a family text of its own on records, secrecy, reporting or consent
is refused; the consent form and the information meeting checklist carry them on paper."""
from __future__ import annotations

import html
import re

import pytest
from pypdf import PdfReader

from conftest import ROOT, run_cli
from handbok import load_content
from handbok.family_checks import _TOPICS
from handbok.pdf_links import form_path

CONTENT = load_content(ROOT)
STATEMENTS = {s.id: s for s in CONTENT.statements.statements}
LANGS = ("sv", "en")
_BLOCK = re.compile(r'<div class="hb-statement" data-statement="([a-z0-9-]+)" data-wording="(\w+)">(.*?)</div>', re.S)


def check_fails(project) -> str:
    result = run_cli(project, "check")
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    return result.stdout + result.stderr


def line_of(path, needle) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def squash(text: str) -> str:
    """Text without any whitespace: PDF and HTML line breaks fall anywhere."""
    return re.sub(r"\s+", "", html.unescape(text))


def test_a_family_text_of_its_own_on_secrecy_is_refused(project):
    path = project / "toolbox" / "veckoplanering.yml"
    text = path.read_text(encoding="utf-8")
    old = "delar ni upp i små steg, så att det går att klara."
    assert old in text
    path.write_text(text.replace(old, old + " Det du säger är hemligt för andra.", 1), encoding="utf-8")
    out = check_fails(project)
    assert re.search(r"toolbox/veckoplanering\.yml:\d+: family\.what_happens\.sv: .*sekretess.*'hemlig'.*"
                     r"statements\.yml.*family\.records", out), out
    assert "speaks of secrecy" in out


def test_a_family_page_part_on_consent_must_name_a_statement(project):
    (project / "familj").mkdir(exist_ok=True)
    text = (ROOT / "familj" / "skolsocialt-team.yml").read_text(encoding="utf-8").replace(
        "Vill ni ha stödet skriver ni under en blankett.", "Vill ni ha stödet skriver ni under en blankett om samtycke.", 1)
    (project / "familj" / "skolsocialt-team.yml").write_text(text, encoding="utf-8")
    out = check_fails(project)
    assert re.search(r"familj/skolsocialt-team\.yml:\d+: parts\.3\.text\.sv: .*'samtyck'.*parts\.3\.statements", out), out
    assert "the family text speaks of consent" in out


def test_who_says_yes_and_what_a_no_changes_are_not_said_in_a_family_text_of_its_own(project):
    # The words a coordinator would write: "you and your parents say yes", "no worse at school".
    path = project / "toolbox" / "veckoplanering.yml"
    text = path.read_text(encoding="utf-8")
    yes, stop = "Det är frivilligt. Ni kan alltid", "Säg det till skolsocionomen eller din mentor."
    assert yes in text and stop in text
    text = text.replace(yes, "Det är frivilligt, och du och dina föräldrar säger ja. Ni kan alltid", 1)
    path.write_text(text.replace(stop, stop + " Det blir inte sämre för dig i skolan.", 1), encoding="utf-8")
    out = check_fails(project)
    assert re.search(r"toolbox/veckoplanering\.yml:\d+: family\.voluntary\.sv: .*samtycke \('säger ja'\).*"
                     r"family\.voluntary_statements", out), out
    assert re.search(r"toolbox/veckoplanering\.yml:\d+: family\.stop\.sv: .*vad ett nej ändrar \('sämre'\).*"
                     r"family\.stop_statements", out), out


def test_every_insats_family_page_says_what_a_no_changes_under_its_stop_heading(site):
    heading = {"sv": "Om du vill säga nej eller sluta", "en": "If you want to say no or stop"}
    for lang in LANGS:
        for item_id in CONTENT.toolbox:
            body = article(site, lang, item_id)
            start = re.search(rf"<h2[^>]*>{heading[lang]}", body).end()  # the heading, not the page's contents list
            part = body[start:body.index('id="kontakt"')]
            assert [sid for sid, _, _ in _BLOCK.findall(part)] == ["nej-eller-sluta"], (lang, item_id)


def test_records_must_be_statement_ids_and_unknown_ids_are_named(project):
    path = project / "toolbox" / "sip.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("records: [vad-skrivs-ner,", "records: [vad-skrivs-nerr,", 1), encoding="utf-8")
    out = check_fails(project)
    line = line_of(path, "records: [vad-skrivs-nerr")
    assert f"toolbox/sip.yml:{line}: family.records.0: 'vad-skrivs-nerr' finns inte bland påståendena" in out, out
    assert "menade du 'vad-skrivs-ner'" in out and "is not one of the statements" in out


def _set_confidence(text: str, block_start: str, value: str) -> str:
    """The first `confidence:` after `block_start` set to `value`."""
    at = text.index(block_start)
    start = text.index("confidence: ", at) + len("confidence: ")
    return text[:start] + value + text[text.index("\n", start):]


def test_a_statement_is_never_surer_than_its_provisions(project):
    # A statement claimed as verified while a provision it rests on is only likely.
    st = next(st for st in CONTENT.statements.statements if st.lagrum)
    pid = st.lagrum[0]
    lagrum, statements = project / "lagrum.yml", project / "statements.yml"
    lagrum.write_text(_set_confidence(lagrum.read_text(encoding="utf-8"), f"\n  {pid}:\n", "likely"), encoding="utf-8")
    statements.write_text(_set_confidence(statements.read_text(encoding="utf-8"), f"  - id: {st.id}\n", "verified"),
                          encoding="utf-8")
    out = check_fails(project)
    assert re.search(rf"statements\.yml:\d+: statements\.\d+\.confidence: confidence 'verified' är säkrare än "
                     rf"lagrummet {re.escape(pid)} \(likely\)", out), out


def insats_statements(item_id) -> list[str]:
    """The statements an insats's family page shows, in reading order: who says yes, records, what a no changes."""
    family = CONTENT.toolbox[item_id].family
    return [*family.voluntary_statements, *family.records, *family.stop_statements]


def family_pages():
    for item_id in CONTENT.toolbox:
        yield "toolbox", item_id
    for item_id in CONTENT.familj:
        yield "familj", item_id


def article(site, lang, item_id) -> str:
    page = (site / ("en/" if lang == "en" else "") / "familj" / item_id / "index.html").read_text(encoding="utf-8")
    return page[page.index("<article"):page.index("</article>")]


@pytest.mark.parametrize("lang", LANGS)
def test_every_family_page_says_records_secrecy_reporting_and_consent_from_statements(site, lang):
    """On every family page, each word on these topics in the body sits inside a statement block,
    in its family wording, and the page shows exactly the statements its YAML names."""
    for kind, item_id in family_pages():
        body = article(site, lang, item_id)
        found = [(sid, wording) for sid, wording, _ in _BLOCK.findall(body)]
        if kind == "toolbox":
            expected = insats_statements(item_id)
        else:
            expected = [sid for part in CONTENT.familj[item_id].parts for sid in part.statements]
        assert [sid for sid, _ in found] == list(expected), (lang, item_id)
        assert {w for _, w in found} <= {"family"}, item_id
        for sid, _, inner in _BLOCK.findall(body):
            assert squash(STATEMENTS[sid].family(lang)) in squash(re.sub(r"<[^>]+>", "", inner)), (item_id, sid)
        # Outside the statements, only the title, lead, headings (and the page's table of
        # contents, which repeats them) and the links to other pages (which name those pages)
        # mention these topics.
        rest = _BLOCK.sub("", body)
        rest = re.sub(r"<nav class=\"hb-page-toc\".*?</nav>", "", rest, flags=re.S)
        rest = re.sub(r"<h[1-6][^>]*>.*?</h[1-6]>|<p class=\"hb-lead\">.*?</p>|<p class=\"[^\"]*hb-family-more[^\"]*\">.*?</p>",
                      "", rest, flags=re.S)
        rest = rest.replace("<wbr>", "")  # a break opportunity in the printed address, not a space
        prose = re.sub(r"\S+://\S+", "", html.unescape(re.sub(r"<[^>]+>", " ", rest)))  # not the QR address
        for pattern, topic_sv, _ in _TOPICS:
            assert not pattern.search(prose), (lang, item_id, topic_sv, pattern.search(prose).group(0))


def test_the_staff_page_handout_uses_the_same_statements(site):
    page = (site / "verktygslada" / "hembesok" / "index.html").read_text(encoding="utf-8")
    handout = page[page.index('id="for-family"'):]
    assert [sid for sid, _, _ in _BLOCK.findall(handout)] == insats_statements("hembesok")


def test_a_statement_that_is_not_verified_says_so_to_the_family(site):
    shown = [(item_id, sid) for kind, item_id in family_pages()
             for sid in (insats_statements(item_id) if kind == "toolbox"
                         else [sid for part in CONTENT.familj[item_id].parts for sid in part.statements])
             if STATEMENTS[sid].confidence != "verified"]
    assert shown, "no family page shows a statement that is not verified: this test has nothing to check"
    item_id, sid = shown[0]
    block = next(inner for found, _, inner in _BLOCK.findall(article(site, "sv", item_id)) if found == sid)
    assert "Så läser vi lagen, men det är inte helt säkert" in block  # inside the paragraph: the handout stays one page


# What the paper must carry, by section of the form (issue 23): shared what/with whom/how long,
# a no or a withdrawal keeps the school's own support, the duty to report whatever the answer,
# where the signed form is kept.
PAPER = {
    "samtyckesblankett": ["samtycke-vad-och-hur-lange", "nej-eller-sluta", "anmalningsplikten-galler-alltid",
                          "samtycke-blanketten-forvaras"],
    "informationsmote": ["samtycke-vad-och-hur-lange", "nej-eller-sluta", "anmalningsplikten-galler-alltid",
                         "samtycke-blanketten-forvaras"],
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form_id", sorted(PAPER))
def test_the_printed_form_carries_the_statements(site, lang, form_id):
    pdfs = [form_path(form_id, lang, "pdf")]
    if CONTENT.forms[form_id].family_edition:
        pdfs.append(form_path(form_id, lang, "family"))
    for pdf in pdfs:
        text = squash("".join(p.extract_text() for p in PdfReader(str(site / pdf)).pages))
        for sid in PAPER[form_id]:
            assert squash(STATEMENTS[sid].family(lang)) in text, (pdf, sid)
            if pdf.endswith(("-familj.pdf", "-family.pdf")):  # both columns of the family edition
                other = "en" if lang == "sv" else "sv"
                assert squash(STATEMENTS[sid].family(other)) in text, (pdf, sid, other)
    assert "baraomnisägerja" not in text
    page = (site / ("en/" if lang == "en" else "") / "blanketter" / form_id / "index.html").read_text(encoding="utf-8")
    on_page = {(sid, wording) for sid, wording, _ in _BLOCK.findall(page)}
    for sid in PAPER[form_id]:
        assert (sid, "family") in on_page and (sid, "staff") in on_page, (form_id, sid)


def test_a_role_page_without_the_duty_to_report_is_refused(project):
    # A coordinator who removes the statement from a role is stopped, told where it goes.
    path = project / "roles" / "studie-och-yrkesvagledare.yml"
    text = path.read_text(encoding="utf-8")
    assert "statements: [anmalningsplikten-galler-alltid]\n" in text
    path.write_text(text.replace("statements: [anmalningsplikten-galler-alltid]\n", "", 1), encoding="utf-8")
    out = check_fails(project)
    line = line_of(path, "side: skola")
    assert (f"roles/studie-och-yrkesvagledare.yml:{line}: statements: rollsidan ska visa vad som gäller vad familjen "
            "än svarar: lägg till 'anmalningsplikten-galler-alltid' i statements") in out, out
    assert "the role page must show what applies whatever the family answers" in out


def test_every_role_page_shows_the_duty_to_report_and_the_family_roles_what_is_written_down(site):
    for lang in LANGS:
        for role_id, role in CONTENT.roles.items():
            page = (site if lang == "sv" else site / "en") / "roller" / role_id / "index.html"
            blocks = [(sid, wording) for sid, wording, _ in _BLOCK.findall(page.read_text(encoding="utf-8"))]
            assert ("anmalningsplikten-galler-alltid", "staff") in blocks, (lang, role_id)
            if role.side == "familj":
                assert ("vad-skrivs-ner", "staff") in blocks, (lang, role_id)
