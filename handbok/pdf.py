"""PDFs made with WeasyPrint from dedicated print templates (not the theme page).

- every form, per language: /blanketter/<id>/<id>.pdf
- two-language family edition (Swedish and English side by side): <id>-familj.pdf
- the whole handbook per language, with a table of contents: /handbok.pdf, /en/handbook.pdf
"""
from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .content import SECTIONS, Content
from .models import LANGS
from .render import TEMPLATES, Renderer

HANDBOOK_NAME = {"sv": "handbok", "en": "handbook"}
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_HREF = re.compile(r'href="([^"#]*)(#[^"]*)?"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_IDREF = re.compile(r'(?<=\s)(id|for|aria-labelledby|aria-describedby|aria-controls)="([^"]+)"')


def _namespace_ids(body: str, prefix: str) -> str:
    """Every page has its own "vad-hander" etc.: in the one-document handbook each
    page's ids (and what refers to them) get the page's anchor in front, so they stay unique."""
    return _IDREF.sub(lambda m: f'{m.group(1)}="' + " ".join(f"{prefix}--{v}" for v in m.group(2).split()) + '"', body)


def _css() -> str:
    return (TEMPLATES / "print" / "print.css").read_text(encoding="utf-8")


def _write(html_text: str, target: Path) -> None:
    from weasyprint import HTML  # heavy import, only when PDFs are made

    target.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html_text, base_url=str(target.parent)).write_pdf(target)


def form_html(r: Renderer, form_id: str) -> str:
    form = r.c.forms[form_id]
    return r.env.get_template("print/form.html.j2").render(form=form, t=r.t, u=r.u, lang=r.lang, css=_css())


def family_form_html(content: Content, form_id: str) -> str:
    sv, en = Renderer(content, "sv", ""), Renderer(content, "en", "")
    return sv.env.get_template("print/family_form.html.j2").render(
        form=content.forms[form_id], sv=sv.t, en=en.t, u_sv=sv.u, u_en=en.u, u=sv.u, t=sv.t, css=_css()
    )


def handbook_order(content: Content) -> list[str]:
    """Page URLs (relative to the language root) in reading order."""
    urls = ["", "arbetsgang/"] + [f"arbetsgang/{i}/" for i in content.workflows]
    urls += ["verktygslada/"] + [f"verktygslada/{i}/" for i in sorted(content.toolbox)]
    urls += ["roller/"] + [f"roller/{i}/" for i in sorted(content.roles)]
    urls += ["sekretess/"] + [f"sekretess/{i}/" for i in sorted(content.sekretess)] + ["sekretess/lagrum/"]
    urls += ["exempel/"] + [f"exempel/{i}/" for i in sorted(content.examples)]
    urls += ["blanketter/"] + [f"blanketter/{i}/" for i in content.forms]
    urls += ["ordlista/", "bakgrund/", "bakgrund/franvaropyramiden/", "bakgrund/uppfoljning/", "om/"]
    return urls


def _anchor(url: str) -> str:
    return "part-" + (url.strip("/").replace("/", "-") or "start")


def handbook_html(r: Renderer, lang_root: Path) -> str:
    order = [u for u in handbook_order(r.c) if (lang_root / u / "index.html").exists()]
    known = set(order)
    parts = []
    for url in order:
        page = (lang_root / url / "index.html").read_text(encoding="utf-8")
        match = _ARTICLE.search(page)
        if not match:
            continue
        body = _namespace_ids(_HEADERLINK.sub("", match.group(1)), _anchor(url))

        def relink(m, url=url):
            href, frag = m.group(1), m.group(2) or ""
            if not href and frag:  # a place on the same page
                return f'href="#{_anchor(url)}--{frag[1:]}"'
            if not href or href.startswith(("http:", "https:", "mailto:")):
                return m.group(0)
            target = posixpath.normpath(posixpath.join(url or ".", href)).lstrip("./")
            target = "" if target == "." else target.rstrip("/") + "/"
            if target not in known:
                return 'href=""'
            return f'href="#{_anchor(target)}--{frag[1:]}"' if frag else f'href="#{_anchor(target)}"'

        body = _HREF.sub(relink, body)
        title = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
        parts.append({"anchor": _anchor(url), "html": body,
                      "title": html.unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip() if title else url})
    edition = f"{r.u('version')} {dt.date.today().isoformat()}"
    return r.env.get_template("print/handbook.html.j2").render(
        parts=parts, u=r.u, lang=r.lang, css=_css(), edition=edition, site_url=r.site_url)


def _language_pdfs(content: Content, lang: str, lang_root: str, site_url: str) -> list[str]:
    r = Renderer(content, lang, site_url)
    root = Path(lang_root)
    written = []
    for form_id, form in content.forms.items():
        target = root / SECTIONS["forms"] / form_id / f"{form_id}.pdf"
        _write(form_html(r, form_id), target)
        written.append(str(target))
        if form.family_edition:
            family = root / SECTIONS["forms"] / form_id / f"{form_id}-familj.pdf"
            _write(family_form_html(content, form_id), family)
            written.append(str(family))
    doc = handbook_html(r, root)
    name = HANDBOOK_NAME[lang]
    (root / f"{name}.html").write_text(doc, encoding="utf-8")
    _write(doc, root / f"{name}.pdf")
    written.append(str(root / f"{name}.pdf"))
    return written


def write_pdfs(content: Content, site_dir: Path, site_url: str = "") -> list[str]:
    roots = {"sv": site_dir, "en": site_dir / "en"}
    with ProcessPoolExecutor(max_workers=len(LANGS)) as pool:
        jobs = [pool.submit(_language_pdfs, content, lang, str(roots[lang]),
                            site_url if lang == "sv" else site_url.rstrip("/") + "/en/") for lang in LANGS]
        return [path for job in jobs for path in job.result()]
