"""How readers find the PDFs: file names, and the page count / size / date on the pages.

The PDFs are made after the pages (the whole handbook is printed from the built
pages), so a page cannot know a PDF's size when it is rendered. Pages therefore
carry a marker, `<span class="hb-pdf-info" data-hb-pdf="PATH">…</span>`, whose text
says honestly that the file is made by `make build`. After the PDFs are written,
`fill_in()` replaces each marker's text with the real numbers. A preview that made
no PDFs keeps the honest text.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from .content import SECTIONS

HANDBOOK = {"sv": "handbok", "en": "handbook"}
FAMILY = {"sv": "familj", "en": "family"}
FILLABLE = {"sv": "ifyllbar", "en": "fillable"}
LANG_PREFIX = {"sv": "", "en": "en/"}

_MARK = re.compile(r'(<span class="hb-pdf-info" data-hb-pdf="([^"]+)">)(.*?)(</span>)', re.S)
_WORDS = {
    "sv": {"page": "sida", "pages": "sidor", "decimal": ","},
    "en": {"page": "page", "pages": "pages", "decimal": "."},
}


def form_files(form_id: str, lang: str) -> dict[str, str]:
    """File names of one form's PDFs, beside its page (/blanketter/<id>/)."""
    return {"pdf": f"{form_id}.pdf", "fillable": f"{form_id}-{FILLABLE[lang]}.pdf",
            "family": f"{form_id}-{FAMILY[lang]}.pdf"}


def form_path(form_id: str, lang: str, kind: str) -> str:
    """Path of a form PDF from the site root, e.g. en/blanketter/x/x-fillable.pdf."""
    return f"{LANG_PREFIX[lang]}{SECTIONS['forms']}/{form_id}/{form_files(form_id, lang)[kind]}"


def handbook_path(lang: str) -> str:
    return f"{LANG_PREFIX[lang]}{HANDBOOK[lang]}.pdf"


def size_text(n_bytes: int, lang: str) -> str:
    if n_bytes < 1_000_000:
        return f"{max(1, round(n_bytes / 1000))} kB"
    return f"{n_bytes / 1_000_000:.1f}".replace(".", _WORDS[lang]["decimal"]) + " MB"


def info_text(info: dict, lang: str, with_date: bool = False) -> str:
    """'2 sidor, 45 kB' – and the date the file was made, where asked."""
    words = _WORDS[lang]
    pages = f"{info['pages']} {words['page'] if info['pages'] == 1 else words['pages']}"
    parts = [pages, size_text(info["bytes"], lang)]
    if with_date:
        parts.append(info["date"])
    return ", ".join(parts)


def without_info(page_html: str) -> str:
    """The page with its markers emptied: what a page says about PDFs is not printed
    in the handbook, and the handbook stays the same whether or not pages were filled in."""
    return _MARK.sub(lambda m: m.group(1) + m.group(4), page_html)


def fill_in(site_dir: Path, made: dict[str, dict]) -> int:
    """Write each PDF's numbers into the pages that link it. `made` maps a PDF's path
    from the site root to {pages, bytes, date}. Returns the number of markers filled."""
    site_dir = Path(site_dir)
    pages = [site_dir / "index.html", site_dir / "om" / "index.html"]
    pages += [p for p in (site_dir / "en").glob("index.html")] + [site_dir / "en" / "om" / "index.html"]
    pages += sorted(site_dir.glob(f"{SECTIONS['forms']}/*/index.html"))
    pages += sorted(site_dir.glob(f"en/{SECTIONS['forms']}/*/index.html"))
    filled = 0
    for page in pages:
        if not page.exists():
            continue
        lang = "en" if page.relative_to(site_dir).parts[0] == "en" else "sv"
        text = page.read_text(encoding="utf-8")

        def replace(m):
            nonlocal filled
            info = made.get(m.group(2))
            if info is None:
                return m.group(0)
            filled += 1
            with_date = m.group(2) == handbook_path(lang)
            return m.group(1) + html.escape(f"({info_text(info, lang, with_date)})") + m.group(4)

        new = _MARK.sub(replace, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return filled
