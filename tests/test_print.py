"""Print: QR codes lead back to the same page in the same language; PDFs are A4,
short, searchable and carry their fonts."""
from __future__ import annotations

import re

import pytest
import segno
from pypdf import PdfReader

from conftest import ROOT
from handbok import load_content
from handbok.render import qr_svg

A4 = (595, 842)  # points


def qr_payloads(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<figure class="hb-qr" data-qr-payload="([^"]+)">(.*?)</figure>', html, re.S)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_toolbox_qr_code_encodes_the_family_page(site, prefix):
    html = (site / prefix / "verktygslada" / "hembesok" / "index.html").read_text(encoding="utf-8")
    (payload, svg), = qr_payloads(html)
    assert payload.endswith(f"/{prefix}familj/hembesok/")  # the handout leads families to their page
    family = (site / prefix / "familj" / "hembesok" / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', family).group(1)
    assert payload == canonical
    # The drawn code is exactly segno's encoding of the payload: same modules, same path.
    expected = qr_svg(payload, "x")
    path = re.search(r' d="([^"]+)"', svg).group(1)
    assert path == re.search(r' d="([^"]+)"', expected).group(1)
    # error correction M as drawn (segno would otherwise raise the level when the address is short)
    matrix = segno.make(payload, error="m", micro=False, boost_error=False)
    assert matrix.designator.endswith("M")


def test_visual_toolbox_has_a_code_for_every_item(site):
    for prefix in ("", "en/"):
        html = (site / prefix / "verktygslada" / "visuell-verktygslada" / "index.html").read_text(encoding="utf-8")
        payloads = [p for p, _ in qr_payloads(html)]
        assert len(payloads) == len(list((ROOT / "toolbox").glob("*.yml")))
        assert all(f"/{prefix}familj/" in p for p in payloads)


def pdf(path):
    assert path.exists(), path
    return PdfReader(str(path))


def fonts_embedded(reader) -> bool:
    found = False
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                return False
            found = True
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_form_pdfs(site, lang):
    content = load_content(ROOT)
    root = site if lang == "sv" else site / "en"
    for form_id, form in content.forms.items():
        reader = pdf(root / "blanketter" / form_id / f"{form_id}.pdf")
        assert 1 <= len(reader.pages) <= 3, f"{form_id}: {len(reader.pages)} pages"
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4
        text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
        for section in form.sections:
            for field in section.fields:
                label = re.sub(r"\s+", " ", getattr(field.label, lang))
                assert label in text, f"{form_id}: {label!r} not in PDF"
        assert f"{form.version}" in text and str(form.reviewed) in text  # footer: version and date
        assert re.search(r"(Sida|Page) 1 (av|of) \d", text)
        assert fonts_embedded(reader), form_id


def test_family_editions_have_both_languages(site):
    content = load_content(ROOT)
    editions = [f for f, form in content.forms.items() if form.family_edition]
    assert {"samtyckesblankett", "handlingsplan"} <= set(editions)
    for form_id in editions:
        reader = pdf(site / "blanketter" / form_id / f"{form_id}-familj.pdf")
        text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
        form = content.forms[form_id]
        assert form.title.sv in text and form.title.en in text
        assert len(reader.pages) <= 3


@pytest.mark.parametrize("path,words", [("handbok.pdf", "Innehåll"), ("en/handbook.pdf", "Contents")])
def test_whole_handbook_pdf(site, path, words):
    reader = pdf(site / path)
    assert len(reader.pages) > 20
    text = reader.pages[1].extract_text()
    assert words in text
    all_text = " ".join(p.extract_text() for p in reader.pages[2:])
    assert ("Hembesök" if path.startswith("handbok") else "Home visit") in all_text
    assert fonts_embedded(reader)
