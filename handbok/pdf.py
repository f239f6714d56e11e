"""PDFs made with WeasyPrint from dedicated print templates (not the theme page).

- every form, per language: /blanketter/<id>/<id>.pdf, and fillable: <id>-ifyllbar.pdf / <id>-fillable.pdf
- two-language family edition, led by the site's language: <id>-familj.pdf / <id>-family.pdf
- the whole handbook per language, with a table of contents: /handbok.pdf, /en/handbook.pdf

Every PDF is tagged (PDF/UA-1 as WeasyPrint makes it: structure tree, marked content,
document language, title shown, XMP metadata, bookmarks). A PDF is rendered only when
its inputs changed (pdf_cache.py); `write_pdfs` is a plain function a preview can call.
"""
from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import pdf_links
from .content import SECTIONS, Content
from .models import LANGS
from .pdf_cache import PdfCache, key_for
from .render import TEMPLATES, Renderer

HANDBOOK_NAME = pdf_links.HANDBOOK
OPTIONS = {"pdf_variant": "pdf/ua-1"}
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_HREF = re.compile(r'href="([^"#]*)(#[^"]*)?"')
_PDF_ONLY_CSS = re.compile(r"^[^\n{}]*\{ *bookmark-level:[^}\n]*\}\n?", re.M)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_ID = re.compile(r'(\s(?:id|for))="([^"]+)"')
_IDREFS = re.compile(r'(\saria-(?:labelledby|describedby|controls))="([^"]+)"')


def _css() -> str:
    return (TEMPLATES / "print" / "print.css").read_text(encoding="utf-8")


def _tag_passage_languages() -> None:
    """Give each structure element of a passage in another language its /Lang, and
    each table header cell its /Scope.

    WeasyPrint 70 sets the document language from <html lang> but drops the lang
    attributes inside, so a screen reader would read the English half of a family
    edition with a Swedish voice; and it leaves out the scope of header cells, which
    PDF/UA checkers ask for. Its tag builder is a recursive generator looked up by
    name, so wrapping it sees every box. Pinned WeasyPrint; the PDF tests check it.
    """
    import pydyf
    from weasyprint.pdf import tags

    if getattr(tags._build_box_tree, "handbok_lang", False):
        return
    original = tags._build_box_tree

    def build_with_lang(box, *args):
        element = getattr(box, "_box", box).element
        lang = None
        if element is not None and element.tag not in ("html", "body"):
            lang = element.get("lang")
        for struct in original(box, *args):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            if element is not None and element.tag == "th" and "A" in struct:
                struct["A"]["Scope"] = "/Row" if element.get("scope") == "row" else "/Column"
            yield struct

    build_with_lang.handbok_lang = True
    tags._build_box_tree = build_with_lang


def render_pdf(html_text: str, base_url: str, forms: bool) -> tuple[bytes, int]:
    """One tagged PDF and its page count."""
    from weasyprint import HTML  # heavy import, only when a PDF is rendered

    _tag_passage_languages()
    document = HTML(string=html_text, base_url=base_url).render(pdf_forms=forms, **OPTIONS)
    return document.write_pdf(pdf_forms=forms, **OPTIONS), len(document.pages)


def form_html(r: Renderer, form_id: str, fillable: bool = False) -> str:
    form = r.c.forms[form_id]
    return r.env.get_template("print/form.html.j2").render(
        form=form, form_id=form_id, t=r.t, u=r.u, lang=r.lang, css=_css(), fillable=fillable, statement=r.statement)


def family_form_html(content: Content, form_id: str, lead: str = "sv") -> str:
    """Both languages side by side, the lead language first and as the document's language."""
    langs = [lead] + [lang for lang in LANGS if lang != lead]
    r = {lang: Renderer(content, lang, "") for lang in langs}
    return r[lead].env.get_template("print/family_form.html.j2").render(
        form=content.forms[form_id], langs=langs, lead=lead, t={k: v.t for k, v in r.items()},
        u={k: v.u for k, v in r.items()}, statement={k: v.statement for k, v in r.items()}, css=_css())


def handbook_order(content: Content) -> list[str]:
    """Page URLs (relative to the language root) in reading order."""
    urls = ["", "arbetsgang/"]
    for wf_id in content.workflows_in_order():  # each workflow's overview, then its steps' own pages
        urls += [f"arbetsgang/{wf_id}/"] + [f"arbetsgang/{wf_id}/{s.id}/" for s in content.workflows[wf_id].steps]
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
    """All pages as one print document. Each page's ids get its chapter's prefix
    (`part-<page>--<id>`), and links are rewritten to match, so no id repeats and
    every link within the document lands where it should."""
    order = [u for u in handbook_order(r.c) if (lang_root / u / "index.html").exists()]
    bodies = {}
    for url in order:
        match = _ARTICLE.search((lang_root / url / "index.html").read_text(encoding="utf-8"))
        if match:
            bodies[url] = pdf_links.without_info(_HEADERLINK.sub("", match.group(1)))
    ids = {url: set(m.group(2) for m in _ID.finditer(body) if m.group(1).strip() == "id")
           for url, body in bodies.items()}
    parts = []
    for url, body in bodies.items():
        prefix = _anchor(url)

        def relink(m, url=url):
            href, frag = m.group(1), (m.group(2) or "")[1:]
            if href.startswith(("http:", "https:", "mailto:")):
                return m.group(0)
            if href:
                target = posixpath.normpath(posixpath.join(url or ".", href)).lstrip("./")
                target = "" if target == "." else target.rstrip("/") + "/"
            else:
                target = url
            if target not in bodies:
                return 'href=""'
            if frag and frag in ids[target]:
                return f'href="#{_anchor(target)}--{frag}"'
            return f'href="#{_anchor(target)}"'

        body = _HREF.sub(relink, body)
        body = _ID.sub(lambda m: f'{m.group(1)}="{prefix}--{m.group(2)}"', body)
        body = _IDREFS.sub(lambda m: m.group(1) + '="' + " ".join(f"{prefix}--{i}" for i in m.group(2).split()) + '"',
                           body)
        title = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
        parts.append({"anchor": prefix, "html": body,
                      "title": html.unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip() if title else url})
    edition = f"{r.u('version')} {dt.date.today().isoformat()}"
    return r.env.get_template("print/handbook.html.j2").render(
        parts=parts, u=r.u, lang=r.lang, css=_css(), edition=edition, site_url=r.site_url)


@dataclass
class Job:
    path: str          # from the site root, e.g. en/blanketter/x/x-fillable.pdf
    html: str
    forms: bool = False


@dataclass
class PdfResult:
    made: dict = field(default_factory=dict)      # path → {pages, bytes, date}
    rendered: list = field(default_factory=list)  # paths rendered in this build
    reused: list = field(default_factory=list)    # paths taken from the cache


def print_jobs(content: Content, site_dir: Path, site_url: str = "") -> list[Job]:
    """Every PDF of the site as print HTML. Writes the handbook's print HTML beside its PDF."""
    jobs = []
    for lang in LANGS:
        root = site_dir / pdf_links.LANG_PREFIX[lang]
        url = site_url if lang == "sv" else site_url.rstrip("/") + "/en/"
        r = Renderer(content, lang, url)
        for form_id, form in content.forms.items():
            jobs.append(Job(pdf_links.form_path(form_id, lang, "pdf"), form_html(r, form_id)))
            jobs.append(Job(pdf_links.form_path(form_id, lang, "fillable"), form_html(r, form_id, True), True))
            if form.family_edition:
                jobs.append(Job(pdf_links.form_path(form_id, lang, "family"), family_form_html(content, form_id, lang)))
        doc = handbook_html(r, root)
        # The print document on the site without the PDF-only bookmark rules, which are
        # not CSS a browser (or the HTML checker) knows; the PDF is made from `doc`.
        (root / f"{HANDBOOK_NAME[lang]}.html").write_text(_PDF_ONLY_CSS.sub("", doc), encoding="utf-8")
        jobs.append(Job(pdf_links.handbook_path(lang), doc))
    return jobs


def _render_job(job: Job, base_url: str) -> tuple[bytes, int]:
    return render_pdf(job.html, base_url, job.forms)


def write_pdfs(content: Content, site_dir: Path, site_url: str = "", cache_dir: Path | None = None) -> PdfResult:
    """Write every PDF into a built site; render only those whose inputs changed."""
    site_dir = Path(site_dir)
    cache = PdfCache(cache_dir or Path(content.root) / ".cache" / "pdf")
    result = PdfResult()
    todo = []
    for job in print_jobs(content, site_dir, site_url):
        key = key_for(job.html, {**OPTIONS, "pdf_forms": job.forms})
        hit = cache.get(key)
        if hit:
            _place(site_dir / job.path, *hit)
            result.made[job.path] = hit[1]
            result.reused.append(job.path)
        else:
            todo.append((job, key))
    if todo:
        todo.sort(key=lambda item: -len(item[0].html))  # the two handbooks first: the longest jobs
        with ProcessPoolExecutor(max_workers=min(len(LANGS), len(todo))) as pool:
            futures = [(job, key, pool.submit(_render_job, job, str((site_dir / job.path).parent)))
                       for job, key in todo]
            for job, key, future in futures:
                data, pages = future.result()
                info = {"pages": pages, "bytes": len(data), "date": dt.date.today().isoformat()}
                cache.put(key, data, info)
                _place(site_dir / job.path, data, info)
                result.made[job.path] = info
                result.rendered.append(job.path)
    cache.prune()
    return result


def _place(target: Path, data: bytes, info: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
