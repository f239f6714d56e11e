"""The PDFs are tagged for screen readers, forms can be filled in, people can
find the PDFs, and a build renders only the PDFs whose inputs changed."""
from __future__ import annotations

import html
import io
import re
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from conftest import ROOT, run_cli
from handbok import load_content
from handbok.build import _canonical_root
from handbok.pdf import write_pdfs
from handbok.pdf_links import form_path, handbook_path, size_text
from handbok.render import ui_strings

CONTENT = load_content(ROOT)
LANGS = ("sv", "en")


def u(key, lang):
    return ui_strings()[key](lang)


def struct_elements(reader):
    """Every structure element below the StructTreeRoot (each once)."""
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    stack, seen, out = [root], set(), []
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if kid is None or isinstance(kid, int) or not hasattr(kid, "get_object"):
                continue
            if getattr(kid, "idnum", None) in seen:
                continue
            seen.add(getattr(kid, "idnum", None))
            obj = kid.get_object()
            if isinstance(obj, dict) and "/S" in obj:
                out.append(obj)
                stack.append(obj)
    return out


def all_pdfs():
    """(path from the site root, language, kind, form id) for every PDF of the site."""
    for lang in LANGS:
        for form_id, form in CONTENT.forms.items():
            yield form_path(form_id, lang, "pdf"), lang, "form", form_id
            yield form_path(form_id, lang, "fillable"), lang, "fillable", form_id
            if form.family_edition:
                yield form_path(form_id, lang, "family"), lang, "family", form_id
        yield handbook_path(lang), lang, "handbook", None


def title_of(kind, lang, form_id):
    if kind == "handbook":
        return u("site_name", lang)
    form = CONTENT.forms[form_id]
    if kind == "family":
        other = "en" if lang == "sv" else "sv"
        return f"{form.title(lang)} / {form.title(other)}"
    return form.title(lang)


@pytest.mark.parametrize("kind", ["form", "fillable", "family", "handbook"])
def test_pdfs_are_tagged_for_screen_readers(site, kind):
    files = [f for f in all_pdfs() if f[2] == kind]
    assert files
    for path, lang, _, form_id in files:
        reader = PdfReader(str(site / path))
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, path
        assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True, path  # noqa: E712
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True, path  # noqa: E712
        assert str(root["/Lang"]) == lang, path
        # XMP metadata: PDF/UA-1 and the document's own title, which the title bar shows.
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert "pdfuaid:part" in xmp and re.search(r'pdfuaid:part(="|>)1', xmp), path
        assert reader.xmp_metadata.dc_title["x-default"] == title_of(kind, lang, form_id), path
        assert reader.metadata.title == title_of(kind, lang, form_id)

        elements = struct_elements(reader)
        tags = Counter(str(e["/S"]) for e in elements)
        assert tags["/H1"] >= 1 and tags["/H2"] >= 1, (path, tags)
        # Every page's text is marked content inside the tree, linked through the ParentTree.
        assert all(page.get("/StructParents") is not None for page in reader.pages), path
        # Header cells say which cells they head (PDF/UA checkers ask for /Scope).
        assert all("/Scope" in e["/A"] for e in elements if str(e["/S"]) == "/TH"), path
        if len(reader.pages) > 1:
            assert reader.outline, f"{path}: no bookmarks"
        if kind == "handbook":
            doc = (site / path).with_suffix(".html").read_text(encoding="utf-8")
            assert tags["/L"] >= doc.count("<ul") and tags["/LI"] >= doc.count("<li"), (path, tags)
            assert tags["/H1"] == doc.count("<h1"), path
            assert tags["/Table"] and tags["/TH"], path
            # One bookmark per chapter at the top level.
            assert len(reader.outline) >= doc.count('class="page-part"'), path
        if kind == "family":
            langs = [str(e["/Lang"]) for e in elements if "/Lang" in e]
            cells = [e for e in elements if str(e["/S"]) == "/TD"]
            assert cells and all("/Lang" in c for c in cells), path
            assert str(cells[0]["/Lang"]) == lang, f"{path}: the first column is not {lang}"
            assert Counter(langs)["sv"] == Counter(langs)["en"], path


@pytest.mark.parametrize("lang", LANGS)
def test_family_edition_leads_with_the_sites_language(site, lang):
    for form_id, form in CONTENT.forms.items():
        if not form.family_edition:
            continue
        reader = PdfReader(str(site / form_path(form_id, lang, "family")))
        text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
        other = "en" if lang == "sv" else "sv"
        assert text.index(form.title(lang)) < text.index(form.title(other)), form_id
    sv = (site / form_path("samtyckesblankett", "sv", "family")).read_bytes()
    en = (site / form_path("samtyckesblankett", "en", "family")).read_bytes()
    assert sv != en


def expected_fields(form, lang):
    """(accessible name, PDF field type, multi-line) per field, in the order of the paper form."""
    out = []
    for section in form.sections:
        for f in section.fields:
            label = f.label(lang) + (" (%)" if f.kind == "percent" else "")
            if f.kind == "checkbox":
                out.append((label, "/Btn", False))
            elif f.kind == "choice":
                out += [(f"{label}: {o(lang)}", "/Btn", False) for o in f.options]
            elif f.kind == "signature":
                out += [(f"{label}: {u('name_clarification', lang)}", "/Tx", False),
                        (f"{label}: {u('date', lang)}", "/Tx", False)]
            else:
                out.append((label, "/Tx", f.kind == "lines" and f.lines > 1))
    return out


def words(text):
    # NFKC: the fully embedded font of a fillable form reads a ligature back as "ﬀ".
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


@pytest.mark.parametrize("lang", LANGS)
def test_every_form_can_be_filled_in_and_read_back(site, tmp_path, lang):
    for form_id, form in CONTENT.forms.items():
        path = site / form_path(form_id, lang, "fillable")
        reader = PdfReader(str(path))
        fields = [f.get_object() for f in reader.trailer["/Root"]["/AcroForm"]["/Fields"]]
        got = [(str(f["/TU"]), str(f["/FT"]), bool(int(f.get("/Ff", 0)) & 4096)) for f in fields]
        assert got == expected_fields(form, lang), form_id
        assert all(int(f["/F"]) & 4 for f in fields), f"{form_id}: a field does not print"
        # Blank, it prints as the paper form: same pages, same printed text (its boxes
        # are drawn boxes instead of ☐ characters).
        blank = PdfReader(str(site / form_path(form_id, lang, "pdf")))
        assert len(reader.pages) == len(blank.pages), form_id
        assert [words(p.extract_text()) for p in reader.pages] == [
            words(p.extract_text().replace("☐", "")) for p in blank.pages], form_id

        writer = PdfWriter(clone_from=reader)
        values = {}
        for i, f in enumerate(fields):
            values[str(f["/T"])] = "/on" if str(f["/FT"]) == "/Btn" else f"Svar {i} åäö"
        for page in writer.pages:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
        filled = tmp_path / f"{form_id}-{lang}.pdf"
        with open(filled, "wb") as out:
            writer.write(out)
        back = PdfReader(str(filled)).get_fields()
        for name, value in values.items():
            assert str(back[name].get("/V")) == value, (form_id, name)


def test_form_pages_link_every_pdf_with_its_size(site):
    for lang in LANGS:
        for form_id, form in CONTENT.forms.items():
            page = site / form_path(form_id, lang, "pdf")
            text = (page.parent / "index.html").read_text(encoding="utf-8")
            kinds = ["pdf", "fillable"] + (["family"] if form.family_edition else [])
            for kind in kinds:
                target = site / form_path(form_id, lang, kind)
                pages = len(PdfReader(str(target)).pages)
                m = re.search(rf'<a [^>]*href="{re.escape(target.name)}"[^>]*>(.*?)</a>', text, re.S)
                assert m, (form_id, lang, kind)
                shown = html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
                assert size_text(target.stat().st_size, lang) in shown, (form_id, kind, shown)
                assert re.search(rf"\b{pages} (sida|sidor|page|pages)\b", shown), shown
            assert u("form_fillable_note", lang) in html.unescape(text)
            assert u("pdf_preview", lang) not in text


@pytest.mark.parametrize("lang,pages", [("sv", ["index.html", "om/index.html"]),
                                        ("en", ["en/index.html", "en/om/index.html"])])
def test_start_and_about_pages_link_the_printed_handbook(site, lang, pages):
    pdf = site / handbook_path(lang)
    n_pages = len(PdfReader(str(pdf)).pages)
    assert n_pages > 100
    for page in pages:
        text = (site / page).read_text(encoding="utf-8")
        m = re.search(r'<a href="([^"]+\.pdf)" download>(.*?)</a>', text, re.S)
        assert m, page
        assert ((site / page).parent / m.group(1)).resolve() == pdf.resolve()
        shown = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
        assert u("handbook_pdf", lang) in shown
        assert f"{n_pages} " in shown and size_text(pdf.stat().st_size, lang) in shown, shown
        assert re.search(r"\d{4}-\d\d-\d\d", shown), shown


@pytest.mark.parametrize("path", ["handbok.html", "en/handbook.html"])
def test_print_html_has_unique_ids_and_every_link_lands(site, path):
    doc = (site / path).read_text(encoding="utf-8")
    ids = Counter(re.findall(r'\sid="([^"]+)"', doc))
    assert ids and not [i for i, n in ids.items() if n > 1]
    fragments = re.findall(r'href="#([^"]*)"', doc)
    assert fragments and all(f in ids for f in fragments), [f for f in fragments if f not in ids][:5]
    # Links to a section of another chapter keep their section.
    assert any("--" in f for f in fragments)
    for ref in re.findall(r'aria-labelledby="([^"]+)"', doc):
        assert all(i in ids for i in ref.split())


def test_a_second_build_reuses_every_pdf(site, tmp_path):
    """`make build` again with nothing printed changed: no PDF is rendered."""
    out = tmp_path / "again"
    result = run_cli(ROOT, "build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pdf_s = float(re.search(r"pdf_s ([\d.]+)", result.stdout).group(1))
    n = len(list(all_pdfs()))
    assert f"0 made, {n} unchanged from the cache" in result.stdout
    assert pdf_s < 2, result.stdout
    for path, *_ in all_pdfs():
        assert (out / path).read_bytes() == (site / path).read_bytes(), path


def test_only_the_changed_form_is_rendered_again(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    cache = tmp_path / "cache"
    shutil.copytree(ROOT / ".cache" / "pdf", cache)
    content = load_content(ROOT)
    form_id = next(f for f, form in content.forms.items() if not form.family_edition)
    old = content.forms[form_id]
    form = old.model_copy(update={"title": old.title.model_copy(update={"sv": old.title.sv + " (ny)"})})
    content.forms[form_id] = form
    result = write_pdfs(content, copy, _canonical_root(copy), cache_dir=cache)  # as `make build` does
    assert sorted(result.rendered) == sorted([form_path(form_id, "sv", "pdf"), form_path(form_id, "sv", "fillable")])
    assert len(result.reused) == len(list(all_pdfs())) - 2
    text = PdfReader(str(copy / form_path(form_id, "sv", "pdf"))).pages[0].extract_text()
    assert form.title.sv in words(text)


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_a_family_finds_and_downloads_the_pdfs(browser, server, lang):
    """From the start page to the printed handbook, and from a form page to its
    fillable PDF, as a reader on a phone would: by the visible link text."""
    prefix = "" if lang == "sv" else "en/"
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/{prefix}")
        link = page.get_by_role("link", name=re.compile(re.escape(u("handbook_pdf", lang))))
        assert link.is_visible()
        assert re.search(r"\d+ (sidor|pages), [\d,.]+ (kB|MB), \d{4}-\d\d-\d\d", link.inner_text())
        with page.expect_download() as download:
            link.click()
        assert len(PdfReader(download.value.path()).pages) > 100

        page.goto(f"{server}/{prefix}blanketter/samtyckesblankett/")
        link = page.get_by_role("link", name=re.compile(re.escape(u("form_fillable", lang))))
        assert re.search(r"\d (sida|sidor|page|pages), \d+ kB", link.inner_text())
        assert page.get_by_text(u("form_fillable_note", lang)).is_visible()
        with page.expect_download() as download:
            link.click()
        fields = PdfReader(download.value.path()).get_fields()
        assert len(fields) == len(expected_fields(CONTENT.forms["samtyckesblankett"], lang))
    finally:
        context.close()
