"""The start page leads everywhere, the desktop navigation is always there, and the
smaller way-finding fixes stay fixed (forms in the order of the work, the guide's links,
'Föregås av', printed family pages saying who handed them out)."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from handbok import load_content
from handbok.render import Renderer

SECTIONS = ["verktygslada/", "arbetsgang/", "roller/", "sekretess/", "blanketter/", "exempel/", "bakgrund/", "nytt/"]


def read(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return re.search(r"<article[^>]*>(.*)</article>", html, re.S).group(1)


@pytest.mark.parametrize("prefix, worried", [("", "Jag är orolig för ett barn"), ("en/", "I am worried about a child")])
def test_the_start_page_leads_to_every_section_and_first_to_what_to_do_today(site, prefix, worried):
    body = article(read(site, prefix))
    hrefs = re.findall(r'href="([^"#]+)"', body)
    for section in SECTIONS:
        assert section in hrefs, section
    first_h2 = re.search(r"<h2[^>]*>(.*?)<", body).group(1)
    assert first_h2 == worried
    urgent = re.search(r'<section[^>]*class="hb-urgent".*?</section>', body, re.S).group(0)
    assert 'href="arbetsgang/orosanmalan/anmalan/"' in urgent  # how to report, today
    assert 'href="sekretess/anmalningsskyldighet/"' in urgent  # the duty to report


@pytest.mark.parametrize("url", ["", "verktygslada/hembesok/", "en/arbetsgang/orosanmalan/anmalan/"])
def test_the_main_navigation_is_visible_on_a_desktop(browser, server, url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server}/{url}")
    nav = page.locator("nav.md-nav--primary")
    for name in (("Verktygslådan", "Arbetsgång", "Sekretess", "Blanketter") if not url.startswith("en/")
                 else ("The toolbox", "Workflows", "Secrecy", "Forms")):
        assert nav.get_by_role("link", name=name, exact=True).first.is_visible(), name
    page.close()


def test_forms_are_listed_in_the_order_of_the_work(site):
    content = load_content(ROOT)
    body = article(read(site, "blanketter/"))
    listed = re.findall(r'<li><a href="([a-z-]+)/"', body)
    assert listed == content.forms_in_work_order()
    # The team's request comes before consent, consent before the action plan.
    assert listed.index("uppdragsforfragan") < listed.index("samtyckesblankett") < listed.index("handlingsplan")
    assert "<ol>" in body


def test_the_guide_links_what_it_names_and_states_its_sources_once(site):
    consent = article(read(site, "sekretess/far-jag-dela/samtycke/"))
    assert 'href="../../../blanketter/samtyckesblankett/"' in consent
    assert "Källor:" not in consent and "hb-meta-short" in consent
    report = article(read(site, "sekretess/far-jag-dela/anmal/"))
    assert 'href="../../../arbetsgang/orosanmalan/anmalan/"' in report
    assert "Källor:" in article(read(site, "sekretess/far-jag-dela/"))


def test_a_workflow_says_what_comes_before_it(site):
    assert "Föregås av" in read(site, "arbetsgang/skolsocialt-team/")
    assert "Före detta" not in read(site, "arbetsgang/skolsocialt-team/")


def test_a_printed_family_page_says_who_handed_it_out():
    core = Renderer(load_content(ROOT), "sv", "https://handbok.kommun.se/").pages()["familj/hembesok.md"]
    assert "Skola eller kommun:" in core and 'class="hb-write-line"' in core  # a line to write it on
    edition = load_content(ROOT, ROOT / "editions" / "exempelkommun")
    r = Renderer(edition, "sv", "https://handbok.kommun.se/")
    page = r.pages()["familj/hembesok.md"]
    assert f"Utdelat av: <strong>{r.edition_name()}</strong>" in page


def test_whom_to_ask_is_on_screen_and_the_lines_are_on_paper(browser, server):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server}/familj/hembesok/")
    ask, lines = page.locator(".hb-contact .hb-ask"), page.locator(".hb-contact .hb-write-line").first
    assert ask.is_visible() and not lines.is_visible()
    page.emulate_media(media="print")
    assert not ask.is_visible() and lines.is_visible()
    page.close()


@pytest.mark.parametrize("prefix, label", [("", "Stockholms stad"), ("en/", "City of Stockholm")])
def test_stockholms_absence_thresholds_stand_on_their_step_labelled_as_stockholms(site, prefix, label):
    body = article(read(site, f"{prefix}arbetsgang/franvarotrappan/rektors-utredning/"))
    text = re.sub(r"<[^>]+>", "", body).replace("&#39;", "'")
    for sentence in re.findall(r"[^.]*\b40 (?:procents|per cent)[^.]*", text):
        assert label in sentence, sentence
    assert label in text


# --- the film about school social teams: named on several pages, explained once ---------------

FILM_URL = "https://play.mediaflowpro.com/ovp/14/33AM0DTACG"
NAMES_THE_FILM = {"sv": re.compile(r"(?<![\w-])film(en|er)?(?![\w-])", re.I),
                  "en": re.compile(r"(?<![\w-])films?(?![\w-])", re.I)}


def own_text(html: str) -> str:
    """A page's article without its sources/last-change box, as text."""
    body = re.sub(r'<div class="hb-meta".*?</div>', "", article(html), flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_page_naming_the_film_links_to_its_one_explanation(site, lang):
    root = site if lang == "sv" else site / "en"
    glossary = root / "ordlista" / "index.html"
    naming, missing = [], []
    for page in sorted(root.rglob("index.html")):
        if lang == "sv" and page.is_relative_to(site / "en"):
            continue
        html = page.read_text(encoding="utf-8")
        if "<article" not in html or page == glossary or not NAMES_THE_FILM[lang].search(own_text(html)):
            continue
        naming.append(page)
        if not re.search(r'href="[./]*ordlista/#filmen-om-skolsociala-team"', html) and FILM_URL not in html:
            missing.append(page.relative_to(site).as_posix())
    assert len(naming) >= 6, naming  # the workflow step, role, form, example, secrecy and family pages, and more
    assert not missing, missing
    # The explanation: one place per language, the report's address as a plain link, never embedded.
    text = glossary.read_text(encoding="utf-8")
    entry = re.search(r'<h2 id="filmen-om-skolsociala-team".*?(?=<h2 )', text, re.S).group(0)
    assert f'<a href="{FILM_URL}">' in entry and "intran" in entry
    assert not re.search(r"<(iframe|video|embed|object)\b", entry)
    others = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html") if FILM_URL in p.read_text(encoding="utf-8"))
    assert others == ["en/ordlista/index.html", "ordlista/index.html"]
