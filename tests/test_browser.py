"""The handbook in a real browser (Debian's Chromium via Playwright): axe on every
page type in both languages, search, language switch, keyboard, print, and no
request to any host but the site's own."""
from __future__ import annotations

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from conftest import ROOT
from handbok import load_content
from handbok.edition import edition_from_env


@pytest.fixture
def page(browser, server):
    context = browser.new_context(locale="sv-SE")
    p = context.new_page()
    foreign = []
    p.on("request", lambda req: None if req.url.startswith((server, "data:", "blob:")) else foreign.append(req.url))
    yield p
    cookies = context.cookies()
    context.close()
    assert not foreign, f"requests left 127.0.0.1: {foreign}"
    assert not cookies, f"the site set cookies: {cookies}"


PAGE_TYPES = [
    "", "arbetsgang/", "arbetsgang/skolsocialt-team/", "verktygslada/", "verktygslada/veckoplanering/",
    "verktygslada/visuell-verktygslada/", "roller/", "roller/skolsocionom/", "sekretess/",
    "sekretess/eht-utan-samtycke/", "sekretess/lagrum/", "exempel/", "exempel/vanersborg/", "blanketter/",
    "blanketter/samtyckesblankett/", "ordlista/", "om/", "finns-inte/", "arbetsgang/orosanmalan/",
    "sekretess/far-jag-dela/", "sekretess/far-jag-dela/anmal/", "redigera/", "redigera/rapport/",
    "bakgrund/franvaropyramiden/", "bakgrund/uppfoljning/", "tillganglighet/", "arbetsgang/orosanmalan/anmalan/", "nytt/",
]


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_axe_finds_no_violations(page, server, lang, path):
    page.goto(f"{server}/{lang}{path}")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_axe_with_search_open(page, server, lang):
    page.goto(f"{server}/{lang}")
    page.keyboard.press("s")  # Material's shortcut opens the search dialog
    page.wait_for_selector(".md-search__input:focus")
    page.keyboard.type("EHT", delay=40)
    page.wait_for_selector(".md-search-result__item")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()


def search(page, words: str) -> list[tuple[str, str]]:
    page.keyboard.press("s")  # Material's keyboard shortcut for search, as a user would
    page.wait_for_selector(".md-search__input:focus")
    page.keyboard.type(words, delay=40)  # Material listens to key presses; fill() is ignored
    page.wait_for_selector(".md-search-result__item")
    return page.eval_on_selector_all(".md-search-result__item a",
                                     "els => els.map(a => [a.href, a.innerText])")


def test_swedish_search_finds_the_meaning_of_an_abbreviation(page, server):
    page.goto(f"{server}/")
    results = search(page, "EHT")
    assert any("/ordlista/" in href for href, _ in results)
    assert any("Elevhälsoteam" in text for _, text in results)
    assert not any("/en/" in href for href, _ in results)


def test_swedish_search_uses_swedish(page, server):
    page.goto(f"{server}/")
    results = search(page, "hembesök")
    assert any("/verktygslada/hembesok/" in href and "/en/" not in href for href, _ in results)


def test_english_search_returns_english_pages(page, server):
    page.goto(f"{server}/en/")
    results = search(page, "home visit")
    assert results
    assert all("/en/" in href for href, _ in results)
    assert any("/en/verktygslada/hembesok/" in href for href, _ in results)


def test_language_switch_lands_on_the_same_page(page, server):
    page.goto(f"{server}/roller/kurator/")
    page.hover(".md-header__option .md-select")
    page.click("a.md-select__link[hreflang='en']")
    page.wait_for_url(f"{server}/en/roller/kurator/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.hover(".md-header__option .md-select")
    page.click("a.md-select__link[hreflang='sv']")
    page.wait_for_url(f"{server}/roller/kurator/")
    assert page.locator("html").get_attribute("lang") == "sv"


def test_404_is_in_the_language_of_the_address(page, server):
    response = page.goto(f"{server}/en/no-such-page/")
    assert response.status == 404
    assert "Page not found" in page.inner_text("article")
    response = page.goto(f"{server}/ingen-sida/")
    assert "Sidan finns inte" in page.inner_text("article")


def test_keyboard_reaches_content_and_filters(page, server):
    page.goto(f"{server}/verktygslada/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className + ' ' + document.activeElement.innerText")
    assert "md-skip" in focused  # "Hoppa till innehåll" comes first
    page.focus("#f-audience-all")
    page.keyboard.press("ArrowRight")  # radio group: arrow keys move the choice
    assert page.is_checked("#f-audience-elev")
    visible = page.eval_on_selector_all(".hb-card", "els => els.filter(e => e.offsetParent).map(e => e.dataset.audience)")
    assert visible and all("elev" in a.split() for a in visible)
    hidden = page.eval_on_selector_all(".hb-card", "els => els.filter(e => !e.offsetParent).length")
    assert hidden > 0
    assert page.inner_text("[data-hb-count]") == str(len(visible))


def test_filters_work_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(f"{server}/verktygslada/")
    total = p.eval_on_selector_all(".hb-card", "els => els.length")
    p.check("#f-level-3")
    shown = p.eval_on_selector_all(".hb-card", "els => els.filter(e => e.offsetParent).length")
    context.close()
    assert 0 < shown < total


def test_abbreviations_are_explained_on_focus(page, server):
    page.goto(f"{server}/arbetsgang/skolsocialt-team/")
    abbr = page.locator("article abbr[title]").first
    assert abbr.get_attribute("title")
    abbr.focus()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"


def pdf_text(page) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def test_toolbox_page_prints_as_a_family_handout(page, server):
    page.goto(f"{server}/verktygslada/hembesok/")
    page.emulate_media(media="print")
    text, n_pages = pdf_text(page)
    assert "Vad innebär det för dig?" in text
    assert "Så går det till" not in text  # staff part is not in the handout
    assert "Sök" not in text.split("\n")[:3]  # no header or search
    assert "familj/hembesok/" in text  # the printed address under the QR code: the family page
    assert n_pages <= 2


def test_every_workflow_flow_prints_on_one_page(page, server):
    # The flow is what staff pin up; a longer decision text must not push it onto a second sheet.
    for wf in sorted(p.stem for p in (ROOT / "workflows").glob("*.yml")):
        for lang in ("", "en/"):
            page.goto(f"{server}/{lang}arbetsgang/{wf}/")
            page.emulate_media(media="print")
            text, n_pages = pdf_text(page)
            assert n_pages == 1, f"{lang}{wf}: {n_pages} pages"


@pytest.mark.parametrize("lang", ["", "en/"])
def test_printed_qr_code_decodes_to_the_family_page(page, server, lang):
    """Decode the QR code as a phone would: from the printed page's pixels."""
    import zxingcpp
    from PIL import Image

    page.goto(f"{server}/{lang}verktygslada/hembesok/")
    page.emulate_media(media="print")
    png = page.locator(".hb-qr svg").screenshot()
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [r.text for r in results] == [page.eval_on_selector(".hb-qr", "e => e.dataset.qrPayload")]
    assert results[0].text.endswith(f"/{lang}familj/hembesok/")


def test_comparison_table_sorts_with_javascript(page, server):
    page.goto(f"{server}/exempel/")
    first_column = "els => els.map(r => r.cells[0].innerText.trim())"
    before = page.eval_on_selector_all(".hb-sortable tbody tr", first_column)
    page.click(".hb-sortable th:nth-child(5) button")  # period
    assert page.get_attribute(".hb-sortable th:nth-child(5)", "aria-sort") == "ascending"
    periods = page.eval_on_selector_all(".hb-sortable tbody tr", "els => els.map(r => r.cells[4].innerText.trim())")
    years = [int(re.search(r"\b(?:19|20)\d\d\b", p).group()) for p in periods]
    assert years == sorted(years), periods  # by the first year, also where the start year is unknown
    page.click(".hb-sortable th:nth-child(1) button")
    after = page.eval_on_selector_all(".hb-sortable tbody tr", first_column)
    assert sorted(after) == sorted(before) and len(after) == len(before)


def test_comparison_table_is_complete_without_javascript(browser_context_nojs, server):
    p = browser_context_nojs.new_page()
    p.goto(f"{server}/exempel/")
    examples = load_content(ROOT, edition_from_env()).examples  # the core's, plus a local edition's own
    assert p.locator(".hb-sortable tbody tr").count() == len(examples) >= 13
    assert p.locator(".hb-sortable th button").count() == 0  # plain headers, nothing broken


def test_form_page_prints_the_blank_form_only(page, server):
    page.goto(f"{server}/blanketter/uppdragsforfragan/")
    page.emulate_media(media="print")
    text, n_pages = pdf_text(page)
    assert "Skriv inte namn eller personnummer" in text
    assert "Sekretess för den ifyllda blanketten" not in text  # the staff explanation stays on screen
    assert n_pages <= 3


def test_decision_guide_by_keyboard(page, server):
    page.goto(f"{server}/sekretess/far-jag-dela/")
    page.focus(".hb-guide-answers a >> nth=0")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/sekretess/far-jag-dela/" in page.url and page.url != f"{server}/sekretess/far-jag-dela/"
    assert page.locator(".hb-outcome, .hb-guide").count() >= 1
