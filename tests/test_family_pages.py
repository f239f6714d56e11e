"""Family pages: what a parent opens from the school's link or QR code.

On a 390×844 phone the first family text shows without scrolling; the page prints
as a one-page A4 handout whose QR code opens the same page; it is light (measured
with compression, no search index); axe finds nothing; the family texts are
checked for abbreviations and LIX like every other mistake (file:line: field).
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import re
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from conftest import ROOT, Handler, run_cli
from handbok import load_content
from handbok.problems import ContentError

PHONE = {"width": 390, "height": 844}
CONTENT = load_content(ROOT)
MOMENTS = sorted(CONTENT.familj)
INSATSER = sorted(CONTENT.toolbox)
FAMILY_PAGES = MOMENTS + INSATSER
LANGS = ["", "en/"]
WEIGHT_LIMIT = 60_000  # bytes over the wire: HTML, CSS and JS of the first load


def first_text(page_id: str, lang: str) -> str:
    code = "en" if lang else "sv"
    if page_id in CONTENT.familj:
        part = CONTENT.familj[page_id].parts[0]  # its own text, or the first statement it includes
        return part.text(code) if part.text else CONTENT.statements.get(part.statements[0]).family(code)
    return CONTENT.toolbox[page_id].family.what_happens(code)


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport=PHONE, locale="sv-SE")
    p = context.new_page()
    foreign = []
    p.on("request", lambda req: None if req.url.startswith((server, "data:")) else foreign.append(req.url))
    yield p
    context.close()
    assert not foreign, f"requests left the site: {foreign}"


# --- on a phone and on paper ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page_id", FAMILY_PAGES)
def test_family_page_on_a_phone_and_as_a_handout(phone, server, lang, page_id):
    phone.goto(f"{server}/{lang}familj/{page_id}/")
    assert phone.locator("html").get_attribute("lang") == ("en" if lang else "sv")
    # The first family text, as written in the YAML, ends above the fold of a 390×844 phone.
    # (or the first statement it includes: a block of its own right under the heading)
    first = phone.locator("article :is(h2 + p, h2 + .hb-statement > p:first-child)").first
    assert first.inner_text().strip() == first_text(page_id, lang)
    box = first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], f"first text ends at {box['y'] + box['height']:.0f}px"
    assert "kap." not in phone.inner_text("article") and "chapter" not in phone.inner_text("article")

    # Printed: one A4 page, with the space for the contact person and a QR code to this page.
    phone.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(phone.pdf(format="A4", print_background=True)))
    assert len(reader.pages) == 1, f"{len(reader.pages)} pages"
    text = reader.pages[0].extract_text()
    assert ("Name:" in text and "Phone:" in text) if lang else ("Namn:" in text and "Telefon:" in text)
    assert_qr_opens(phone, f"/{lang}familj/{page_id}/")


def assert_qr_opens(page, ending: str) -> None:
    """Decode the printed QR code from its pixels, as a phone camera would."""
    import zxingcpp
    from PIL import Image

    png = page.locator(".hb-qr svg").screenshot()
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
    assert len(decoded) == 1 and decoded[0].endswith(ending), decoded
    assert decoded[0] == page.eval_on_selector(".hb-qr", "e => e.dataset.qrPayload")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("item_id", INSATSER)
def test_staff_page_handout_leads_to_the_family_page(page, server, lang, item_id):
    page.goto(f"{server}/{lang}verktygslada/{item_id}/")
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert len(reader.pages) == 1, f"{len(reader.pages)} pages"
    text = reader.pages[0].extract_text()
    assert f"{lang}familj/{item_id}/" in text  # the printed address under the QR code
    assert_qr_opens(page, f"/{lang}familj/{item_id}/")


@pytest.fixture
def page(browser, server):
    context = browser.new_context(locale="sv-SE")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang,link,box", [("", "Till dig som är förälder eller elev", "Skicka till familjen"),
                                           ("en/", "For you as a parent or student", "Send to the family")])
def test_staff_page_shows_the_family_link_and_send_box_in_its_first_screen(phone, server, lang, link, box):
    for item_id in INSATSER:
        phone.goto(f"{server}/{lang}verktygslada/{item_id}/")
        assert phone.url.endswith(f"/{lang}verktygslada/{item_id}/")  # the staff address is kept
        send = phone.locator(".hb-send")
        assert box in send.inner_text() and f"/{lang}familj/{item_id}/" in send.inner_text()
        bottom = send.bounding_box()
        assert bottom["y"] + bottom["height"] <= PHONE["height"], item_id
        anchor = phone.get_by_role("link", name=link, exact=True)
        assert anchor.bounding_box()["y"] < PHONE["height"]
    anchor.click()
    phone.wait_for_url(f"{server}/{lang}familj/{INSATSER[-1]}/")


@pytest.mark.parametrize("lang,card", [("", "Sidor för familjer"), ("en/", "Pages for families")])
def test_start_page_card_leads_to_the_family_start_page(phone, server, lang, card):
    phone.goto(f"{server}/{lang}")
    phone.get_by_role("link", name=re.compile(card)).click()
    phone.wait_for_url(f"{server}/{lang}familj/")
    hrefs = phone.eval_on_selector_all("article li a", "els => els.map(a => a.href)")
    assert sorted(h.rstrip("/").rsplit("/", 1)[1] for h in hrefs) == sorted(FAMILY_PAGES)


# --- weight ---------------------------------------------------------------------------------


class GzipHandler(Handler):
    """Compresses text as a production web server does (gzip), so sizes are what a phone downloads."""

    TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not ctype.startswith(self.TYPES):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def gzip_server(site):
    Handler.directory_path = site
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def first_load(browser, url: str) -> tuple[int, list[str], set[str]]:
    """Bytes transferred for HTML, CSS and JS on a fresh first visit, every address fetched,
    and the content encodings of the counted responses."""
    context = browser.new_context(viewport=PHONE)
    p = context.new_page()
    finished = []
    p.on("requestfinished", lambda req: finished.append(req))
    p.goto(url, wait_until="networkidle")
    total, encodings = 0, set()
    for req in finished:
        if req.resource_type in ("document", "stylesheet", "script"):
            sizes = req.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            encodings.add(req.response().headers.get("content-encoding", "none"))
    urls = [req.url for req in finished]
    context.close()
    return total, urls, encodings


def test_family_pages_are_light_and_fetch_no_search_index(browser, gzip_server):
    weights = {}
    for lang in LANGS:
        for page_id in FAMILY_PAGES + [""]:
            url = f"{gzip_server}/{lang}familj/{page_id + '/' if page_id else ''}"
            total, urls, encodings = first_load(browser, url)
            assert not [u for u in urls if "search" in u], urls  # no index, no search worker
            assert encodings == {"gzip"}  # measured as a phone gets it: compressed
            weights[url] = total
    heaviest = max(weights, key=weights.get)
    print(f"\nheaviest family page: {heaviest} {weights[heaviest]} bytes")
    assert weights[heaviest] <= WEIGHT_LIMIT, f"{heaviest}: {weights[heaviest]} bytes"


# --- accessibility and keyboard ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["familj/"] + [f"familj/{m}/" for m in MOMENTS] + ["familj/hembesok/", "familj/sip/"])
def test_axe_finds_nothing_on_family_pages(phone, server, lang, path):
    phone.goto(f"{server}/{lang}{path}")
    results = Axe().run(phone, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()


def test_print_button_and_language_link_by_keyboard(phone, server):
    phone.add_init_script("window.print = () => { window.hbPrinted = (window.hbPrinted || 0) + 1; };")
    phone.goto(f"{server}/familj/orosanmalan/")
    active = "document.activeElement.tagName + ' ' + document.activeElement.innerText.trim()"
    for _ in range(40):
        phone.keyboard.press("Tab")
        if phone.evaluate(active).startswith("BUTTON"):
            break
    assert phone.evaluate(active) == "BUTTON Skriv ut sidan"
    phone.keyboard.press("Enter")
    assert phone.evaluate("window.hbPrinted") == 1
    phone.keyboard.press("Tab")  # the link to the other language comes right after
    assert phone.evaluate(active) == "A English"
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.url == f"{server}/en/familj/orosanmalan/"
    assert phone.locator("html").get_attribute("lang") == "en"
    # In the header too: skip link, the family start page, then the other language.
    for _ in range(3):
        phone.keyboard.press("Tab")
    assert phone.evaluate(active) == "A Svenska"
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.url == f"{server}/familj/orosanmalan/"


# --- validation of family texts -------------------------------------------------------------------


def _problems(root) -> list:
    with pytest.raises(ContentError) as err:
        load_content(root)
    return err.value.problems


def test_unexplained_abbreviation_in_a_family_text_is_an_error_with_file_line_and_field(project):
    f = project / "toolbox" / "hembesok.yml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("Vi kan komma hem till er i stället", "Vi och EHT kan komma hem till er i stället"),
                 encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode != 0
    match = re.search(r"toolbox/hembesok\.yml:(\d+): family\.what_happens\.sv: förkortningen 'EHT' förklaras inte",
                      result.stdout + result.stderr)
    assert match, result.stdout + result.stderr
    lines = f.read_text(encoding="utf-8").splitlines()
    assert "EHT" in " ".join(lines[int(match.group(1)) - 1:int(match.group(1)) + 2])
    assert "(en) the abbreviation 'EHT' is not explained" in result.stdout + result.stderr


def test_an_abbreviation_written_out_in_the_same_text_is_fine(project):
    f = project / "toolbox" / "hembesok.yml"
    f.write_text(f.read_text(encoding="utf-8").replace(
        "Vi kan komma hem till er i stället", "Elevhälsoteamet (EHT) kan komma hem till er i stället"), encoding="utf-8")
    assert load_content(project).toolbox["hembesok"]


def test_abbreviation_in_an_english_family_page_text_is_an_error(project):
    f = project / "familj" / "handlingsplan.yml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("the plan is made at the first meeting", "the SIP is made at the first meeting"), encoding="utf-8")
    (problem,) = _problems(project)
    assert (problem.file, problem.field, problem.code) == ("familj/handlingsplan.yml", "parts.0.text.en",
                                                          "family-abbreviation")
    assert "SIP" in str(problem) and "coordinated individual plan (SIP)" in str(problem)


def test_hard_swedish_in_a_family_page_is_an_error(project):
    f = project / "familj" / "svar-text.yml"
    f.write_text("""title: {sv: Planen, en: The plan}
summary: {sv: Om planen., en: About the plan.}
lead: {sv: Om planen., en: About the plan.}
sources: [stockholm-esf-2022]
owner: {sv: Samordnare, en: Coordinator}
reviewed: 2026-12-01
parts:
  - heading: {sv: Vad är det?, en: What is it?}
    text:
      sv: Handlingsplanen dokumenterar överenskommelser beträffande insatsernas genomförande,
        ansvarsfördelningen mellan verksamheterna och uppföljningsintervallernas omfattning.
      en: The plan records what was agreed.
""", encoding="utf-8")
    (problem,) = _problems(project)
    assert (problem.file, problem.line, problem.field, problem.code) == ("familj/svar-text.yml", 7, "parts", "family-lix")
    sv, en = problem.texts()
    assert "LIX" in sv and "högst 40" in sv and "at most 40" in en


def test_a_family_page_may_not_take_an_insats_id(project):
    (project / "familj" / "hembesok.yml").write_text(
        (project / "familj" / "handlingsplan.yml").read_text(encoding="utf-8"), encoding="utf-8")
    problems = [p for p in _problems(project) if p.code == "duplicate-id"]
    assert [(p.file, p.args["value"]) for p in problems] == [("familj/hembesok.yml", "hembesok")]


def test_the_four_moments_families_ask_about_have_pages():
    assert {"orosanmalan", "samtycke", "handlingsplan", "skolsocialt-team"} <= set(MOMENTS)
    said = [p.text.sv for p in CONTENT.familj["orosanmalan"].parts if p.text] + [
        CONTENT.statements.get(sid).family.sv for p in CONTENT.familj["orosanmalan"].parts for sid in p.statements]
    assert "14" in " ".join(said)  # the 14 days


def test_new_addresses_are_published():
    published = set((ROOT / "published-urls.txt").read_text(encoding="utf-8").split())
    for page_id in FAMILY_PAGES:
        assert {f"/familj/{page_id}/", f"/en/familj/{page_id}/"} <= published


def test_contact_block_shows_a_local_editions_contacts_instead_of_the_blank_space():
    """The data hook for local editions: with contacts, the page and the handout list them."""
    import copy

    from handbok.models import Contact, Edition, Responsible, Text
    from handbok.render import Renderer

    blank = Renderer(CONTENT, "sv", "https://x.se/").pages()["familj/hembesok.md"]
    assert 'class="hb-write"' in blank and "Namn:" in blank
    local = copy.copy(CONTENT)
    local.edition = Edition(
        name=Text(sv="Rinkeby", en="Rinkeby"), site_url="https://x.se/",
        responsible=Responsible(function=Text(sv="Samordnaren", en="The coordinator"), contact="a@x.se"),
        contacts=[Contact(id="team", name=Text(sv="Skolsocionom i Rinkeby", en="School social worker"),
                          for_what=Text(sv="Frågor", en="Questions"), phone="08-123 45 67", family=True,
                          hours=Text(sv="Vardagar 8–16", en="Weekdays 8–16"))])
    pages = Renderer(local, "sv", "https://x.se/").pages()
    for path in ("familj/hembesok.md", "familj/orosanmalan.md", "verktygslada/hembesok.md"):
        assert "Skolsocionom i Rinkeby" in pages[path] and 'href="tel:081234567"' in pages[path], path
        assert 'class="hb-write"' not in pages[path] and "Vardagar 8–16" in pages[path]