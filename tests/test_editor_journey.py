"""A coordinator edits the handbook in the browser, in the preview (`make serve`).

The whole journey in Chromium with key presses: open the editor from a page of the
preview, change a sentence in Swedish and English, pick a role from the list, make a
mistake and see the handbook's own message beside the field before anything is saved,
fix it, save, and see the page change in both languages. The `git diff` afterwards
holds only the changed lines. The editor is axe clean in both languages, also while
it shows a problem, and asks no other host.
"""
from __future__ import annotations

import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import copy_project, running_preview

PORT = 8427
AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _git(root, *args) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("editor") / "project")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    log = root.parent / "serve.log"
    with running_preview(root, PORT, log) as url:
        yield {"url": url, "root": root}


@pytest.fixture
def page(preview_page):
    return preview_page


def _retype(page, label_id: str, text: str) -> None:
    page.focus(f"#{label_id}")
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _axe_clean(page) -> None:
    violations = Axe().run(page, options=AXE).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_coordinator_changes_a_page_in_both_languages_from_the_browser(page, preview):
    url, root = preview["url"], preview["root"]
    # What the save must replace, whatever the page says today: the duration's two lines and the roles.
    original = (root / "toolbox" / "hembesok.yml").read_text(encoding="utf-8").splitlines()
    duration = original.index("duration:")
    roles = next(line for line in original if line.startswith("roles: ["))
    page.goto(f"{url}/verktygslada/hembesok/")
    page.get_by_role("link", name="Redigera den här sidan").click()
    assert page.locator("h1").inner_text() == "toolbox/hembesok.yml"
    _axe_clean(page)
    # The help text is the model's description, and Swedish and English stand side by side.
    assert "Hur länge och hur ofta" in page.locator("#f-duration").inner_text()
    sv, en = page.locator("#f-duration-sv").bounding_box(), page.locator("#f-duration-en").bounding_box()
    assert sv["x"] < en["x"] and abs(sv["y"] - en["y"]) < 2
    assert page.get_attribute("#f-duration-en", "lang") == "en"

    _retype(page, "f-duration-sv", "Ett till tre besök, oftast i början.")
    _retype(page, "f-duration-en", "One to three visits, <b>usually at the start.")  # the mistake
    pick = page.locator("#f-roles-new")
    assert "Mentor (mentor)" in pick.inner_text()  # the pick list shows titles
    pick.select_option("mentor")
    page.focus("button[value=check] >> nth=0")
    page.keyboard.press("Enter")

    # The handbook's own message, beside the field, before anything is saved.
    error = page.locator("#f-duration-en-err")
    assert "HTML" in error.inner_text() and "<b>" in error.inner_text()
    assert page.get_attribute("#f-duration-en", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "summary"
    assert _git(root, "diff") == ""  # nothing saved yet
    _axe_clean(page)

    _retype(page, "f-duration-en", "One to three visits, usually at the start.")
    chosen = len(roles[len("roles: ["):-1].split(", "))  # the new pick comes after the roles the page had
    assert page.locator("#f-roles").get_by_role("combobox").nth(chosen).input_value() == "mentor"  # still chosen
    page.focus("button[value=save] >> nth=0")
    page.keyboard.press("Enter")
    notice = page.locator("#notice")
    assert "Sparat" in notice.inner_text()

    diff = _git(root, "diff", "-U0").splitlines()
    changed = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert sorted(changed) == sorted([
        f"-{original[duration + 1]}",
        f"-{original[duration + 2]}",
        "+  sv: Ett till tre besök, oftast i början.",
        "+  en: One to three visits, usually at the start.",
        f"-{roles}",
        f"+{roles[:-1]}, mentor]",
    ]), changed

    # The page changes in both languages (the preview rebuilds by itself).
    notice.get_by_role("link", name="på svenska").click()
    page.wait_for_function("document.body && document.body.innerText.includes('Ett till tre besök, oftast i början.')",
                           timeout=120_000)
    page.goto(f"{url}/en/verktygslada/hembesok/")
    page.wait_for_function("document.body && document.body.innerText.includes('One to three visits, usually at the start.')",
                           timeout=60_000)


def test_the_editor_speaks_english_and_lists_every_kind(page, preview):
    url = preview["url"]
    page.goto(f"{url}/en/__editor__/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Edit the handbook"
    for key in ("glossary.yml", "lagrum.yml", "roles/mentor.yml", "workflows/skolsocialt-team.yml"):
        assert page.locator(f"a[href$='doc={key}']").count() == 1, key
    _axe_clean(page)
    page.goto(f"{url}/en/__editor__/edit?doc=workflows/skolsocialt-team.yml")
    assert page.locator("label[for=f-steps-0-title-en]").inner_text() == "English"
    # Keyboard only: Tab goes through the links, the buttons and then the fields in reading order.
    focused = []
    for _ in range(6):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
    assert focused == ["All files", "På svenska", "Check", "Save", "f-title-sv", "f-title-en"], focused
    step = page.locator("#f-steps-0-responsible-0")
    assert step.locator("option[selected]").inner_text().endswith(")")  # a role shown by its title
    _axe_clean(page)


def test_a_todo_left_in_a_text_is_a_warning_on_the_preview_page_and_in_the_editor(page, preview):
    url, path = preview["url"], preview["root"] / "roles" / "mentor.yml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("\n  en: Mentor (form teacher)\n", "\n  en: TODO title in English\n", 1),
                    encoding="utf-8")
    try:
        page.goto(f"{url}/en/roller/mentor/")
        page.wait_for_function("document.body && document.body.innerText.includes('TODO title in English')", timeout=120_000)
        banner = page.locator("[data-hb-preview=problems]")
        assert "roles/mentor.yml:4: title.en: the placeholder TODO is still here" in banner.inner_text()
        assert "make build" in banner.inner_text()
        page.goto(f"{url}/__editor__/edit?doc=roles/mentor.yml")
        page.focus("button[value=check] >> nth=0")
        page.keyboard.press("Enter")
        assert "platshållaren TODO står kvar" in page.locator("#f-title-en-err").inner_text()
        assert "make publish stoppar på den" in page.locator("#summary").inner_text()
        _axe_clean(page)
    finally:
        path.write_text(original, encoding="utf-8")
