"""The coordinators' preview (`make serve` = `python -m handbok serve`) in a real browser:
both languages live, a mistake shows as a banner on every page while the last good
build stays up, and the preview tells the truth about PDFs and QR codes."""
from __future__ import annotations

import re
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project, running_preview

PORT = 8131  # this port range is 8130–8139


def _get(url: str, timeout: float = 5) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("preview") / "project")
    log = root / "serve.log"
    with running_preview(root, PORT, log) as url:
        yield {"url": url, "root": root, "log": log}


@pytest.fixture
def page(preview_page):
    return preview_page


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edits_in_swedish_and_english_show_in_the_open_pages(page, preview):
    url, f = preview["url"], preview["root"] / "toolbox" / "hembesok.yml"
    page.goto(f"{url}/verktygslada/hembesok/")
    _edit(f, "\ntitle:\n  sv: Hembesök", "\ntitle:\n  sv: Hembesök i förhandsvisningen")
    # The open page reloads by itself once the rebuild is done.
    page.wait_for_function("(document.querySelector('h1') || {innerText: ''}).innerText.includes('i förhandsvisningen')",
                           timeout=90_000)  # (no h1 for a moment while the page reloads)
    page.goto(f"{url}/en/verktygslada/hembesok/")
    assert page.locator("html").get_attribute("lang") == "en"
    _edit(f, "\n  en: Home visits", "\n  en: Home visits in the preview")
    page.wait_for_function("(document.querySelector('h1') || {innerText: ''}).innerText.includes('in the preview')",
                           timeout=90_000)
    page.goto(f"{url}/verktygslada/hembesok/")
    assert "i förhandsvisningen" in page.inner_text("h1")  # the Swedish edit is still there


def test_an_open_list_reloads_with_a_saved_title_after_the_item_page(page, preview):
    url, f = preview["url"], preview["root"] / "toolbox" / "hembesok.yml"
    page.goto(f"{url}/verktygslada/")
    _edit(f, "\ntitle:\n  sv: Hembesök", "\ntitle:\n  sv: Hembesök listad")
    # The item's own page is rebuilt first; the list follows and reloads where it is open.
    page.wait_for_function("(document.querySelector('article') || {innerText: ''}).innerText.includes('Hembesök listad')",
                           timeout=90_000)
    page.goto(f"{url}/verktygslada/hembesok/")
    assert "Hembesök listad" in page.inner_text("h1")


def test_a_mistake_shows_on_every_page_at_once_in_its_language_until_fixed(page, preview):
    url, f = preview["url"], preview["root"] / "toolbox" / "hembesok.yml"
    good = f.read_text(encoding="utf-8")
    page.goto(f"{url}/roller/kurator/")
    before = page.inner_text("h1")
    broken = re.sub(r"\nreviewed: [^\n]+", "\nreviewed: 22/11/2026", good)
    broken = re.sub(r"(\nfamily_line:\n  sv: [^\n]+)\n  en: [^\n]+", r"\1", broken)
    f.write_text(broken, encoding="utf-8")
    banner = page.locator(".hb-preview-banner")
    banner.wait_for(timeout=30_000)  # the open page reloads and shows it
    text = banner.inner_text()
    assert re.search(r"toolbox/hembesok\.yml:\d+: reviewed: '22/11/2026' är inte ett datum", text), text
    assert re.search(r"toolbox/hembesok\.yml:\d+: family_line\.en: texten på engelska saknas", text), text
    assert "published-urls" not in text  # the cause, not its consequences
    for path, lang in [("", "sv"), ("verktygslada/hembesok/", "sv"), ("en/", "en"), ("en/arbetsgang/", "en"),
                       ("en/verktygslada/hembesok/", "en"), ("blanketter/", "sv")]:
        response = page.goto(f"{url}/{path}", timeout=5_000)  # every page answers at once
        assert response.status == 200
        assert page.locator("article h1").count() == 1  # the last good page, with its content
        shown = page.inner_text(".hb-preview-banner")
        if lang == "en":
            assert "is not a date" in shown and "family_line.en: the English text is missing" in shown
            assert "är inte ett datum" not in shown
        else:
            assert "är inte ett datum" in shown and "is not a date" not in shown
    page.goto(f"{url}/roller/kurator/")
    assert page.inner_text("h1") == before
    f.write_text(good, encoding="utf-8")
    banner.wait_for(state="detached", timeout=60_000)
    page.goto(f"{url}/en/roller/kurator/", timeout=5_000)
    assert page.locator(".hb-preview-banner").count() == 0
    terminal = preview["log"].read_text(encoding="utf-8")
    assert "toolbox/hembesok.yml:" in terminal and "reviewed: '22/11/2026'" in terminal
    assert "Traceback" not in terminal and "INFO" not in terminal


def test_language_switch_works_in_the_preview(page, preview):
    url = preview["url"]
    page.goto(f"{url}/roller/kurator/")
    page.hover(".md-header__option .md-select")
    page.click("a.md-select__link[hreflang='en']")
    page.wait_for_url(f"{url}/en/roller/kurator/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("article h1").count() == 1
    page.hover(".md-header__option .md-select")
    page.click("a.md-select__link[hreflang='sv']")
    page.wait_for_url(f"{url}/roller/kurator/")
    assert page.locator("html").get_attribute("lang") == "sv"


def test_pdf_links_work_and_qr_codes_say_where_they_point(page, preview):
    url = preview["url"]
    page.goto(f"{url}/blanketter/samtyckesblankett/")
    href = page.locator("a[href$='.pdf']").first.get_attribute("href")
    response = page.request.get(page.url + href if not href.startswith("/") else url + href, timeout=120_000)
    assert response.status == 200 and response.body()[:4] == b"%PDF"  # made on request
    page.goto(f"{url}/verktygslada/hembesok/")
    page.emulate_media(media="print")
    payload = page.eval_on_selector(".hb-qr", "e => e.dataset.qrPayload")
    assert "127.0.0.1" not in payload and payload.startswith("https://")
    note = page.locator(".hb-preview-note")
    assert note.is_visible()  # on the printed page too
    site_root = re.match(r"https://[^/]+/", payload).group(0)  # the QR code opens the family page there
    assert "SITE_URL" in note.inner_text() and site_root in note.inner_text()


def test_pages_keep_answering_while_a_new_item_rebuilds_the_whole_site(page, preview):
    url, root = preview["url"], preview["root"]
    text = (root / "toolbox" / "hembesok.yml").read_text(encoding="utf-8")
    (root / "toolbox" / "hembesok-kopia.yml").write_text(
        text.replace("\ntitle:\n  sv: ", "\ntitle:\n  sv: Kopia av ", 1), encoding="utf-8")
    statuses = []
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:  # a new id means a full rebuild; the old build stays served meanwhile
        for path in ("", "en/", "verktygslada/", "en/roller/kurator/"):
            statuses.append(page.request.get(f"{url}/{path}", timeout=5_000).status)
        if page.request.get(f"{url}/verktygslada/hembesok-kopia/", timeout=5_000).status == 200:
            break
        time.sleep(0.3)
    else:
        pytest.fail("the new item's page never appeared")
    assert statuses and set(statuses) == {200}, statuses
    page.goto(f"{url}/en/verktygslada/hembesok-kopia/")
    assert page.locator("article h1").count() == 1


def test_a_billion_laughs_saved_during_the_preview_is_refused_at_once(page, preview):
    from test_yaml_limits import BILLION_LAUGHS

    url, root, log = preview["url"], preview["root"], preview["log"]
    before = len(log.read_text(encoding="utf-8"))
    (root / "toolbox" / "skratt.yml").write_text(BILLION_LAUGHS, encoding="utf-8")
    try:
        deadline = time.monotonic() + 60
        while "skratt.yml:1" not in log.read_text(encoding="utf-8")[before:] and time.monotonic() < deadline:
            time.sleep(0.2)
        terminal = log.read_text(encoding="utf-8")[before:]
        assert "toolbox/skratt.yml:1: (filen/file): ankaret &a är inte tillåtet" in terminal, terminal
        page.goto(f"{url}/en/")  # the preview still answers, with the English sentence
        assert "the anchor &a is not allowed" in page.inner_text(".hb-preview-banner")
        serve = next(p for p in Path("/proc").iterdir() if p.name.isdigit() and _is_serve(p, root))
        peak_kb = int(re.search(r"VmHWM:\s+(\d+)", (serve / "status").read_text()).group(1))
        assert peak_kb < 1024 * 1024  # the preview never came near a GiB
    finally:
        (root / "toolbox" / "skratt.yml").unlink()
    page.locator(".hb-preview-banner").wait_for(state="detached", timeout=120_000)


def _is_serve(proc: Path, root: Path) -> bool:
    try:
        cmd = (proc / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"serve" in cmd and str(root).encode() in cmd
