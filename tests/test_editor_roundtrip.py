"""The browser editor's saving changes only what the coordinator changed.

Every content file (core, glossary, legal table, reports, the example edition) is
opened in the editor's form and submitted as the browser would submit it; with no
edit the text that would be saved is the file, byte for byte. One edit changes only
its own lines, and keeps comments, block text and the schema line.
"""
from __future__ import annotations

import difflib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from handbok import editor
from handbok.validate import load_content

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "editions" / "exempelkommun"


class FormReader(HTMLParser):
    """What a browser sends for the editor's form: text boxes, the chosen option, ticked boxes."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea = self._select = None
        self._text: list[str] = []
        self._chosen = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "textarea":
            self._textarea, self._text = a["name"], []
        elif tag == "input" and a.get("name", "").startswith(("f.", "l.")):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.fields.append((a["name"], a["value"]))
            else:
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select, self._chosen = a["name"], None
        elif tag == "option" and self._select and ("selected" in a or self._chosen is None):
            if "selected" in a or self._chosen is None:
                self._chosen = (a.get("value", ""), "selected" in a)

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select:
            self.fields.append((self._select, self._chosen[0] if self._chosen else ""))
            self._select = None


def submitted(page: str) -> dict[str, list[str]]:
    reader = FormReader()
    reader.feed(page)
    form: dict[str, list[str]] = {}
    for name, value in reader.fields:
        form.setdefault(name, []).append(value.replace("\n", "\r\n"))  # browsers send CRLF
    return form


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT, EDITION)


def saved_text(doc: editor.Doc, form: dict) -> str:
    tree = editor.load_tree(doc.path.read_text(encoding="utf-8"))
    new = editor.model_value(doc.model, editor._nest(form), tree)
    return editor.dump_tree(editor.apply(tree, new, editor.Shape("model", model=doc.model)))


def test_no_edit_changes_nothing_in_any_content_file(content, monkeypatch):
    monkeypatch.setenv("HANDBOK_EDITION", str(EDITION))
    ed = editor.Editor(ROOT, lambda: content, host=None)
    docs = editor.documents(ROOT, EDITION)
    assert len(docs) >= 90 and {d.kind for d in docs} >= {"toolbox", "glossary", "edition", "lagrum", "reports"}
    changed = []
    for doc in docs:
        status, _, page = ed.get("/__editor__/edit", {"doc": [doc.key]})
        assert status == 200
        original = doc.path.read_text(encoding="utf-8")
        text = saved_text(doc, submitted(page))
        if text != original:
            changed.append(doc.rel + "\n" + "".join(list(difflib.unified_diff(
                original.splitlines(True), text.splitlines(True)))[:10]))
    assert not changed, "\n".join(changed)


def test_one_edit_changes_only_its_lines(content, tmp_path):
    doc = next(d for d in editor.documents(ROOT, None) if d.key == "toolbox/hembesok.yml")
    ed = editor.Editor(ROOT, lambda: content, host=None)
    form = submitted(ed.get("/__editor__/edit", {"doc": [doc.key]})[2])
    original = doc.path.read_text(encoding="utf-8")
    form["f.duration.sv"] = ["Ett till tre besök."]
    form["f.what.en"] = [form["f.what.en"][0] + "\r\nA new closing line."]
    form["f.roles.new"] = ["mentor"]
    text = saved_text(doc, form)
    diff = [line for line in difflib.unified_diff(original.splitlines(), text.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    roles = next(line for line in original.splitlines() if line.startswith("roles: ["))
    assert sorted(diff) == sorted([
        "-  sv: " + original.split("duration:\n  sv: ")[1].splitlines()[0],
        "+  sv: Ett till tre besök.",
        "+    A new closing line.",
        "-" + roles,
        "+" + roles[:-1] + ", mentor]",
    ]), diff
    assert text.splitlines()[0] == original.splitlines()[0] == "# yaml-language-server: $schema=../schemas/toolbox.schema.json"


def test_a_file_that_is_not_yaml_gets_the_checks_words_not_a_form(project):
    path = project / "roles" / "mentor.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitle:\n", "\ntitle:\n\t", 1), encoding="utf-8")
    ed = editor.Editor(project, lambda: None, host=None)
    status, _, page = ed.get("/en/__editor__/edit", {"doc": ["roles/mentor.yml"]})
    assert status == 200 and "cannot be shown as a form" in page and "roles/mentor.yml:3: tab character" in page
    assert "<form" not in page


def _chosen(page: str, select_id: str) -> str:
    """The text of the chosen option of a pick list, as a browser shows it."""
    import re

    block = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.search(r"<option [^>]*selected>([^<]*)</option>", block).group(1)


def test_every_kind_of_reference_is_a_pick_list_showing_titles(content, monkeypatch):
    monkeypatch.setenv("HANDBOK_EDITION", str(EDITION))
    ed = editor.Editor(ROOT, lambda: content, host=None)
    page = ed.get("/__editor__/edit", {"doc": ["toolbox/hembesok.yml"]})[2]
    assert _chosen(page, "f-roles-0") == "Skolsocionom (skolsocionom)"
    assert _chosen(page, "f-lagrum-0").startswith("SoL 11 kap. 5–6 § – Insatser utan") and _chosen(page, "f-lagrum-0").endswith("(sol-11-5)")
    assert _chosen(page, "f-sources-0").endswith("(stockholm-esf-2022)") and len(_chosen(page, "f-sources-0")) > 40
    assert " – " in _chosen(page, "f-steps-0")  # workflow – step
    first_form = yaml.safe_load((ROOT / "toolbox" / "hembesok.yml").read_text(encoding="utf-8"))["forms"][0]
    assert _chosen(page, "f-forms-0").endswith(f"({first_form})")
    page = ed.get("/en/__editor__/edit", {"doc": ["@edition/edition.yml"]})[2]
    assert _chosen(page, "f-contacts-0-steps-0") == ("The school social team step by step – Information meeting "
                                                     "(skolsocialt-team/informationsmote)")  # in the page's language
    assert 'id="f-contacts-0-roles-new"' in page  # one more list adds a role


def test_an_edition_file_is_checked_and_saved_like_the_core(content, monkeypatch, tmp_path):
    import shutil

    edition = shutil.copytree(EDITION, tmp_path / "exempelkommun")
    monkeypatch.setenv("HANDBOK_EDITION", str(edition))
    ed = editor.Editor(ROOT, lambda: content, host=None)
    form = submitted(ed.get("/__editor__/edit", {"doc": ["@edition/edition.yml"]})[2])
    form["f.contacts.0.roles.new"] = ["nope"]  # not a role: the check says so, nothing is written
    before = (edition / "edition.yml").read_text(encoding="utf-8")
    page = ed.post("/__editor__/edit", {"doc": ["@edition/edition.yml"]}, {**form, "action": ["check"]})[2]
    assert "'nope' finns inte bland rollerna" in html.unescape(page)
    form["f.contacts.0.roles.new"] = ["kurator"]
    status, headers, _ = ed.post("/__editor__/edit", {"doc": ["@edition/edition.yml"]}, {**form, "action": ["save"]})
    assert status == 303
    after = (edition / "edition.yml").read_text(encoding="utf-8")
    assert after == before.replace("    roles: [skolsocionom]\n", "    roles: [skolsocionom, kurator]\n", 1)


def test_a_new_change_note_goes_first_and_a_removed_entry_takes_only_its_lines(content, project):
    ed = editor.Editor(project, lambda: content, host=None)
    key = {"doc": ["toolbox/hembesok.yml"]}
    path = project / "toolbox" / "hembesok.yml"
    before = path.read_text(encoding="utf-8")
    form = submitted(ed.get("/__editor__/edit", key)[2])
    page = ed.post("/__editor__/edit", key, {**form, "action": ["addfirst:changes"]})[2]
    assert 'value="addfirst:changes"' in page and 'id="f-changes-0-date"' in page
    form = submitted(page)
    newest = re.search(r"\nchanges:\n  - date: (\S+)", before).group(1)  # the entry that was first
    assert form["f.changes.0.date"] == [""] and form["f.changes.1.date"] == [newest]
    # dated as the newest entry, so the history stays newest first whatever the content's dates are
    form.update({"f.changes.0.date": [newest], "f.changes.0.note.sv": ["Kortare tidsangivelse."],
                 "f.changes.0.note.en": ["Shorter time given."]})
    assert ed.post("/__editor__/edit", key, {**form, "action": ["save"]})[0] == 303
    after = path.read_text(encoding="utf-8")
    added = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
             if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert added == [f"+  - date: {newest}", "+    note:", "+      sv: Kortare tidsangivelse.",
                     "+      en: Shorter time given."]
    # newest first, as the check wants: the new entry stands first under changes:
    assert after.split("\nchanges:\n", 1)[1].startswith(f"  - date: {newest}\n    note:\n      sv: Kortare tidsangivelse.")
    # Removing the first entry of use_when takes away only its lines.
    form = submitted(ed.get("/__editor__/edit", key)[2])
    ed_page = ed.post("/__editor__/edit", key, {**form, "action": ["remove:use_when.0"]})[2]
    assert ed.post("/__editor__/edit", key, {**submitted(ed_page), "action": ["save"]})[0] == 303
    removed = [line for line in difflib.unified_diff(after.splitlines(), path.read_text(encoding="utf-8").splitlines(),
                                                      lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert removed and all(line.startswith("-") for line in removed) and len(removed) <= 4, removed
