"""What changed is visible to readers – "Senast ändrad" on the page, the
/nytt/ page and an Atom feed per language – and a coordinator's mistake in a change
history is caught with file, line and field."""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, run_cli

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://skola.example.org/handbok/"
TODAY = dt.date.today()


def set_changes(path: Path, entries: list[dict], keep_existing: bool = True) -> None:
    """Give an item a change history. Existing entries (this round's corrections)
    are kept between ours, so the test works on any content."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    existing = data.get("changes", []) if keep_existing else []
    newest = [e for e in entries if e["date"] >= max((x["date"] for x in existing), default=dt.date.min)]
    older = [e for e in entries if e not in newest]
    data["changes"] = newest + existing + older
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def note(sv: str, en: str) -> dict:
    return {"sv": sv, "en": en}


def main_text(html: str) -> str:
    """The page's article, as text with single spaces."""
    article = re.search(r"<article[^>]*>(.*)</article>", html, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)).replace(" :", ":")


def _sol_refs() -> tuple[tuple[str, str], tuple[str, str]]:
    """(sv, en) citations of one Social Services Act section the handbook reads as likely or
    unverified and one it has checked, among those the SIP page lists, as lagrum.yml has them."""
    provisions = yaml.safe_load((ROOT / "lagrum.yml").read_text(encoding="utf-8"))["provisions"]
    listed = yaml.safe_load((ROOT / "toolbox" / "sip.yml").read_text(encoding="utf-8"))["lagrum"]
    def cite(confident: bool) -> tuple[str, str]:
        p = next(p for p in map(provisions.get, listed) if p["law"] == "sol" and str(p["section"]).isdigit()
                 and (p["confidence"] == "verified") == confident)
        return f"{p['chapter']} kap. {p['section']} §", f"chapter {p['chapter']} section {p['section']}"
    return cite(False), cite(True)


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the handbook where two items carry a change history, built with a
    site_url of its own."""
    root = copy_project(tmp_path_factory.mktemp("history") / "project")
    set_changes(root / "toolbox" / "hembesok.yml", [
        {"date": TODAY, "note": note("Nytt stycke om tolk vid hembesök.", "New paragraph on interpreters at home visits.")},
        # the same day as another object: PyYAML would write one object twice as an anchor, which the check refuses
        {"date": dt.date.fromordinal(TODAY.toordinal()),
         "note": note("Tolken stod först som ett krav.", "The interpreter was first given as a requirement.")},
        {"date": dt.date(2020, 3, 2), "note": note("Första versionen av hembesök.", "First version of home visits.")},
    ])
    uncertain, checked = _sol_refs()
    set_changes(root / "toolbox" / "sip.yml", [
        {"date": TODAY, "note": note(f"Samtycket följer nu socialtjänstlagen {uncertain[0]} och {checked[0]}.",
                                     f"Consent now follows the Social Services Act {uncertain[1]} and {checked[1]}.")},
    ])
    set_changes(root / "workflows" / "orosanmalan.yml", [
        {"date": TODAY, "note": note("Fristen förtydligad.", "The deadline made clearer.")},
    ])
    out = root.parent / "site"
    env = {**os.environ, "SITE_URL": SITE_URL}
    result = subprocess.run([sys.executable, "-m", "handbok", "--root", str(root), "build", "--no-pdf", "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return root, out


@pytest.mark.parametrize("prefix, label, newest, older", [
    ("", "Senast ändrad", "Nytt stycke om tolk vid hembesök.", "Första versionen av hembesök."),
    ("en/", "Last changed", "New paragraph on interpreters at home visits.", "First version of home visits."),
])
def test_item_page_shows_the_latest_change(changed_site, prefix, label, newest, older):
    _, out = changed_site
    text = main_text((out / prefix / "verktygslada/hembesok/index.html").read_text(encoding="utf-8"))
    assert f"{label} {TODAY.isoformat()}: {newest}" in text
    assert older not in text  # only the latest note is on the page; /nytt/ has the rest


@pytest.mark.parametrize("prefix, line", [
    ("", "Läsningen av socialtjänstlagen {} är osäker – se lagrummen på sidan och fråga er jurist."),
    ("en/", "The reading of Social Services Act {} is uncertain – see the provisions on the page and ask your legal adviser."),
])
def test_a_change_note_citing_an_uncertain_reading_says_so_on_the_page_in_nytt_and_in_the_feed(changed_site, prefix, line):
    _, out = changed_site
    uncertain, checked = _sol_refs()
    lang = 1 if prefix else 0
    expected = line.format(uncertain[lang]).replace("the Social Services Act ", "")
    page = main_text((out / prefix / "verktygslada/sip/index.html").read_text(encoding="utf-8"))
    assert expected in page
    assert checked[lang] not in expected  # only the reading that is not checked is named
    sip = [text for _, href, text in _entries((out / prefix / "nytt/index.html").read_text(encoding="utf-8"))
           if "sip" in href and uncertain[lang] in text]
    assert sip and expected in sip[0]
    summaries = [e.find(f"{ATOM}summary").text for e in ET.parse(out / prefix / "nytt/atom.xml").getroot().iter(f"{ATOM}entry")]
    assert any(uncertain[lang] in s and expected in s for s in summaries)
    hembesok = main_text((out / prefix / "verktygslada/hembesok/index.html").read_text(encoding="utf-8"))
    assert "osäker – se lagrummen" not in hembesok and "uncertain – see the provisions" not in hembesok


@pytest.mark.parametrize("prefix, summary, latest, earlier", [
    ("", "Tidigare samma dag", "Nytt stycke om tolk vid hembesök.", "Tolken stod först som ett krav."),
    ("en/", "Earlier the same day", "New paragraph on interpreters at home visits.", "The interpreter was first given as a requirement."),
])
def test_a_page_changed_twice_in_a_day_shows_its_latest_change_with_the_earlier_folded_under_it(changed_site, prefix, summary, latest, earlier):
    _, out = changed_site
    html = (out / prefix / "nytt" / "index.html").read_text(encoding="utf-8")
    line = re.search(r'<li><a href="[^"]*verktygslada/hembesok/">[^<]*</a>: ' + re.escape(latest) + r'(.*?)</details>\s*</li>',
                     html, re.S)
    assert line, "one line for the page, its latest change first, with the earlier change folded under it"
    between, folded = line.group(1).split("<details", 1)
    assert earlier not in between  # the reader meets what the page says now first
    # the earlier change is the first one folded (the item's own history that day, if any, follows it)
    assert re.search(rf"<summary>{summary}[^<]*\(\d+\)</summary>\s*<ul>\s*<li>{re.escape(earlier)}</li>", folded)
    assert html.count(earlier) == 1


def test_a_page_without_changes_has_no_changed_line(changed_site):
    root, out = changed_site
    data = yaml.safe_load((root / "roles" / "polis.yml").read_text(encoding="utf-8"))
    html = (out / "roller/polis/index.html").read_text(encoding="utf-8")
    assert ("Senast ändrad" in html) == bool(data.get("changes"))


def _entries(html: str) -> list[tuple[str, str, str]]:
    """(date, link, text) for each line of the /nytt/ list, where each day is a heading."""
    article = re.search(r"<article[^>]*>(.*)</article>", html, re.S).group(1)
    out = []
    # Each day is an h2 with its date; under it, one list of changes per section.
    for date, day in re.findall(r'<h2[^>]*><time datetime="([\d-]+)">.*?</h2>(.*?)(?=<h2|$)', article, re.S):
        for href, rest in re.findall(r'<li><a href="([^"]+)">(.*?)</li>', day, re.S):
            out.append((date, href, re.sub(r"<[^>]+>", "", rest).strip()))
    return out


@pytest.mark.parametrize("prefix, note_text, title", [
    ("", "Fristen förtydligad.", "Orosanmälan"),
    ("en/", "The deadline made clearer.", "Report of concern"),
])
def test_nytt_lists_changes_newest_first_with_links(changed_site, prefix, note_text, title):
    _, out = changed_site
    page = out / prefix / "nytt" / "index.html"
    entries = _entries(page.read_text(encoding="utf-8"))
    dates = [d for d, _, _ in entries]
    assert len(dates) >= 3 and dates == sorted(dates, reverse=True), "newest first"
    assert any(note_text in text and title in text for _, _, text in entries)
    for _, href, _ in entries:  # every line links to a page that exists
        target = (page.parent / href).resolve()
        assert (target / "index.html").exists(), href


def test_nytt_is_in_the_navigation_of_both_languages(changed_site):
    _, out = changed_site
    nav_link = r'<a href="nytt/" class="md-nav__link">(?:\s|<[^>]+>)*{}'
    assert re.search(nav_link.format("Nytt i handboken"), (out / "index.html").read_text(encoding="utf-8"))
    assert re.search(nav_link.format("What(&#39;|')s new"), (out / "en/index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix, lang, first_note", [
    ("", "sv", "Fristen förtydligad."), ("en/", "en", "The deadline made clearer.")])
def test_atom_feed_is_valid_newest_first_with_absolute_links(changed_site, prefix, lang, first_note):
    _, out = changed_site
    feed = ET.parse(out / prefix / "nytt" / "atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for required in ("id", "title", "updated", "author"):  # RFC 4287, 4.1.1
        assert feed.find(f"{ATOM}{required}") is not None, required
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == f"{SITE_URL}{prefix}nytt/atom.xml"
    entries = feed.findall(f"{ATOM}entry")
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.find(f"{ATOM}updated").text == updated[0]
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids), "entry ids are unique"
    summaries = [e.find(f"{ATOM}summary").text for e in entries]
    assert first_note in summaries
    for e in entries:
        href = e.find(f"{ATOM}link").get("href")
        assert href.startswith(SITE_URL + prefix), href
        assert (out / href[len(SITE_URL):] / "index.html").exists(), href
        assert e.find(f"{ATOM}title").text


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_feed_is_linked_from_nytt_and_announced_in_the_head(changed_site, prefix):
    _, out = changed_site
    nytt = (out / prefix / "nytt/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="atom.xml" type="application/atom\+xml">', nytt)
    page = (out / prefix / "verktygslada/hembesok/index.html").read_text(encoding="utf-8")
    head = page.split("</head>")[0]
    link = re.search(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"', head).group(1)
    assert (out / prefix / "verktygslada/hembesok" / link).resolve() == (out / prefix / "nytt/atom.xml").resolve()


# --- a coordinator's mistakes ------------------------------------------------------

def _line_of(path: Path, needle: str, nth: int = 1) -> int:
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line]
    return hits[nth - 1]


def test_a_change_in_the_future_is_an_error(project):
    f = project / "toolbox" / "hembesok.yml"
    future = TODAY + dt.timedelta(days=30)
    set_changes(f, [{"date": future, "note": note("Kommer snart.", "Coming soon.")}])
    result = run_cli(project, "check")
    assert result.returncode != 0
    line = _line_of(f, f"date: {future.isoformat()}")
    assert f"toolbox/hembesok.yml:{line}: changes.0.date: ändringen är daterad {future}, efter i dag" in result.stderr
    assert f"the change is dated {future}, after today" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_history_that_is_not_newest_first_is_an_error(project):
    f = project / "roles" / "kurator.yml"
    set_changes(f, [{"date": dt.date(2020, 1, 1), "note": note("Äldst.", "Oldest.")},
                    {"date": dt.date(2021, 6, 1), "note": note("Nyare.", "Newer.")}], keep_existing=False)
    result = run_cli(project, "check")
    assert result.returncode != 0
    line = _line_of(f, "date: 2021-06-01")
    assert f"roles/kurator.yml:{line}: changes.1.date: ändringen 2021-06-01 är nyare än den ovanför (2020-01-01)" in result.stderr
    assert "the change history must be newest first" in result.stderr


def test_a_correct_history_passes(project):
    set_changes(project / "roles" / "kurator.yml", [{"date": TODAY, "note": note("Rättad.", "Corrected.")}])
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr


# --- in a real browser, on a phone ------------------------------------------------------

@pytest.fixture(scope="module")
def changed_server(changed_site):
    import functools
    import http.server
    import threading

    from conftest import Handler

    _, out = changed_site

    class Here(Handler):
        directory_path = out

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 8101), functools.partial(Here, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:8101"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("prefix, label, note_text", [("", "Senast ändrad", "Nytt stycke om tolk"),
                                                     ("en/", "Last changed", "New paragraph on interpreters")])
def test_a_reader_follows_a_change_from_nytt_to_the_page(browser, changed_server, prefix, label, note_text):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{changed_server}/{prefix}nytt/")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
        assert results.violations_count == 0, results.generate_report()
        entry = page.locator(".hb-changes li", has_text=note_text).locator("a")
        entry.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/verktygslada/hembesok/")
        changed = page.locator(".hb-changed")
        assert changed.is_visible()
        assert changed.inner_text().startswith(f"{label} {TODAY.isoformat()}:")
    finally:
        context.close()


# --- statements said once (statements.yml) have a history too ---------------------------

def test_statements_changes_are_on_nytt_and_in_the_feed(site):
    from handbok import load_content
    from handbok.changes import recent

    content = load_content(ROOT)
    entries = [e for e in recent(content, limit=10_000) if e.kind == "statements"]
    assert {e.item_id for e in entries} == {s.id for s in content.statements.statements}
    # the statement changed most recently: a busy day of corrections can fill the page with that day alone
    st = max(content.statements.statements, key=lambda s: s.changes[0].date)
    for prefix, lang in (("", "sv"), ("en/", "en")):
        nytt = (site / prefix / "nytt" / "index.html").read_text(encoding="utf-8")
        feed = (site / prefix / "nytt" / "atom.xml").read_text(encoding="utf-8")
        note_text = getattr(st.changes[0].note, lang).replace("'", "&#39;")
        assert note_text in nytt and getattr(st.title, lang) in nytt
        # The feed keeps whole days from its newest entries, so it is the newest change that must be there.
        assert f"statement-{st.id}-change-{len(st.changes)}" in feed


def test_a_statement_history_not_newest_first_is_an_error(project):
    f = project / "statements.yml"
    text = f.read_text(encoding="utf-8")
    found = re.search(r"    changes:\n      - date: (\d{4}-\d{2}-\d{2})\n", text)
    assert found
    first, date = found.group(0), found.group(1)
    text = text.replace(first, first + f"        note: {{sv: Äldre., en: Older.}}\n      - date: {date}\n", 1)
    text = text.replace(f"      - date: {date}\n        note: {{sv: Äldre.", "      - date: 2020-01-01\n        note: {sv: Äldre.", 1)
    # the new first entry is dated 2020, the next one 2026: not newest first
    f.write_text(text, encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode != 0
    assert re.search(r"statements\.yml:\d+: statements\.0\.changes\.1\.date: ", result.stderr), result.stderr
