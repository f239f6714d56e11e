"""Every staff page can be held on a phone (390×844): about 8 screens at most, or else a
table of contents at its top that a phone can use (tap it open, tap a section)."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from handbok import load_content

PHONE = {"width": 390, "height": 844}
MAX_SCREENS = 8


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="sv-SE")
    yield context.new_page()
    context.close()


def staff_pages(site) -> list[str]:
    """Every page but the family pages (their own test: test_family_pages.py) and redirects."""
    out = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        if "assets" in path.parts or "familj" in path.parts or 'http-equiv="refresh"' in path.read_text("utf-8")[:3000]:
            continue
        out.append("" if rel == "." else rel + "/")
    return out


def test_no_staff_page_is_longer_than_8_phone_screens_without_a_table_of_contents(phone, server, site):
    too_long, lengths = [], {}
    for url in staff_pages(site):
        phone.goto(f"{server}/{url}")
        screens = phone.evaluate("document.documentElement.scrollHeight") / PHONE["height"]
        lengths[url] = screens
        if screens <= MAX_SCREENS:
            continue
        toc = phone.locator("article nav.hb-page-toc")
        targets = toc.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        if not toc.is_visible() or len(targets) < 3 or \
                not all(phone.locator(f"[id='{t[1:]}']").count() == 1 for t in targets):
            too_long.append(f"{url}: {screens:.1f} screens")
    assert len(lengths) > 200  # both languages, every kind of page
    assert not too_long, too_long
    # Every step of every workflow is a page of its own, in both languages, and was measured.
    steps = [u for u in lengths if re.fullmatch(r"(en/)?arbetsgang/[^/]+/[^/]+/", u)]
    assert len(steps) == 2 * sum(len(wf.steps) for wf in load_content(ROOT).workflows.values())


def test_a_long_page_s_table_of_contents_takes_you_to_a_section(phone, server):
    phone.goto(f"{server}/sekretess/lagrum/")
    toc = phone.locator("article nav.hb-page-toc")
    toc.locator("summary").tap()
    last = toc.locator("a").last
    target = last.get_attribute("href")[1:]
    last.tap()
    heading = phone.locator(f"[id='{target}']")
    phone.wait_for_function("id => { const r = document.getElementById(id).getBoundingClientRect();"
                            " return r.top >= 0 && r.top < innerHeight; }", arg=target)
    assert heading.is_visible()
