"""Render the checked content into Markdown pages: {path: text}, one language at a time.

Paths follow the URL contract (`verktygslada/<id>.md` → `/verktygslada/<id>/`) and
are the same in both languages. Markup lives in templates/; this module only
decides which template gets which data.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
import posixpath
from functools import cached_property, lru_cache
from pathlib import Path

import jinja2
import segno
from pydantic import RootModel

from . import build_cache, changes, family, health, models, pdf_links
from .content import SECTIONS, Content
from .legalrefs import uncertain_refs
from .loader import load_yaml

TEMPLATES = Path(__file__).parent / "templates"
# Pages link to each other tens of thousands of times at 1,000 items; the same pairs recur.
_relpath = lru_cache(maxsize=None)(posixpath.relpath)


class UI(RootModel[dict[str, models.Text]]):
    pass


@lru_cache(maxsize=1)
def ui_strings() -> dict[str, models.Text]:
    """ui.yml, read once per process (every Renderer and every PDF shares it)."""
    src, problems = load_yaml(TEMPLATES.parent / "ui.yml", TEMPLATES.parent)
    if problems:
        raise ValueError("\n".join(map(str, problems)))
    return UI.model_validate(src.data).root


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One per process: templates compile once (Jinja still reloads an edited template)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html"], default_for_string=False, default=False),
    )
    # Front matter values go through JSON, which is valid YAML and quotes colons safely.
    env.filters["q"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    env.globals.update(pdf_files=pdf_links.form_files, pdf_path=pdf_links.form_path,
                       handbook_pdf=pdf_links.handbook_path)
    return env


# What makes a QR code: a kept one is reused only if these match (see qr_svg).
_QR_MAKER = f"segno {segno.__version__} m mask0 scale3 border2"


@lru_cache(maxsize=None)
def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code for print; the payload is kept beside it for checking.

    A fixed mask pattern is valid QR and skips segno's search for the best of
    eight masks, which at 1,000 insatser took most of the build time. Without
    boost_error segno encodes once instead of trying higher error levels too; for
    our addresses the code is the same (they stay at level M), at half the time.
    """
    svg = segno.make(url, error="m", micro=False, mask=0, boost_error=False).svg_inline(scale=3, border=2, title=label)
    return f'<figure class="hb-qr" data-qr-payload="{url}">{svg}</figure>'


_WORD_CHAR = re.compile(r"[\w-]")


# Pages that do not get the "Read more" line for a named term: the glossary explains the terms itself,
# a redirect has no text of its own.
_NO_NAMED_TERMS = {"glossary.md.j2", "redirect.md.j2"}
# Parts with no link in them (nothing depends on the page they are on): rendered once per renderer.
_SAME_ON_EVERY_PAGE = {"provisions"}


class Renderer:
    def __init__(self, content: Content, lang: str, site_url: str, today: dt.date | None = None):
        self.c = content
        self.lang = lang
        # Absolute address of this language's root, for QR codes and print.
        self.site_url = site_url.rstrip("/") + "/"
        self.today = today or dt.date.today()
        self.env = _environment()
        self.ui = ui_strings()
        self._only: set[str] | None = None  # pages(only=…): the pages a preview save renders again
        self._statement_pages: dict | None = None  # statement id → (kind, id) of the first page showing it
        self.kept_qr: build_cache.Table | None = None  # QR codes made by an earlier build (tree.write_tree)
        self._same_everywhere: dict[tuple, str] = {}  # blocks that no page changes: each rendered once

    # --- helpers the templates call -------------------------------------------------

    def t(self, text) -> str:
        return text(self.lang) if text is not None else ""

    def u(self, key: str) -> str:
        return self.ui[key](self.lang)

    @staticmethod
    def path_of(kind: str, item_id: str) -> str:
        if kind == "guides":
            return f"{SECTIONS[kind]}/{item_id}/index.md"
        return f"{SECTIONS[kind]}/{item_id}.md"

    def title_of(self, kind: str, item_id: str) -> str:
        if kind == "statements":  # a statement said once has a title but no page of its own
            return self.t(self.c.statements.get(item_id).title)
        return self.t(getattr(self.c, kind)[item_id].title)

    def note_uncertain(self, note) -> str:
        """For a change note that cites a provision read as likely or unverified: the line that
        says so, as the page itself does (readers acted on the log's plain wording)."""
        if self.c.lagrum is None:
            return ""
        refs = uncertain_refs(self.t(note), self.c.lagrum)
        return self.u("note_uncertain").format(refs=", ".join(refs)) if refs else ""

    def change_path(self, kind: str, item_id: str) -> str:
        """The page a change entry links to: the item's page, or for a statement the first page that shows it."""
        if kind != "statements":
            return self.path_of(kind, item_id)
        if self._statement_pages is None:  # worked out once per renderer: each statement's first page
            from .content import _item_statement_refs

            self._statement_pages = {}
            for (k, iid), item in self.c.all_items():
                for sid in _item_statement_refs(item):
                    self._statement_pages.setdefault(sid, (k, iid))
        if item_id not in self._statement_pages:
            return "nytt/index.md"
        return self.path_of(*self._statement_pages[item_id])

    def link_target(self, ref: str) -> tuple[str, str, str]:
        """(md path, anchor, title) for an 'any' reference like 'arbetsgang/sip#kallelse'."""
        ref, _, anchor = ref.partition("#")
        kinds = {v: k for k, v in SECTIONS.items() if k != "guides"}
        if ref == "ordlista":
            return "ordlista.md", anchor, self.u("glossary")
        if ref == "nytt":
            return "nytt/index.md", anchor, self.u("whats_new")
        if ref == "sekretess/lagrum":
            return "sekretess/lagrum.md", anchor, self.u("lagrum")
        if "/" not in ref:
            return f"{ref}/index.md", anchor, self.u(kinds[ref])
        section, item_id = ref.split("/", 1)
        kind = kinds[section]
        if section == "sekretess" and item_id in self.c.guides:
            kind = "guides"
        title = self.title_of(kind, item_id)
        if anchor and kind == "workflows":  # a step has its own page (the overview keeps an anchor per step)
            step = next(s for s in self.c.workflows[item_id].steps if s.id == anchor)
            return self.step_path(item_id, anchor), "", f"{title}: {self.t(step.title)}"
        return self.path_of(kind, item_id), anchor, title

    @staticmethod
    def step_path(wf_id: str, step_id: str) -> str:
        """Each workflow step's own page: /arbetsgang/<workflow>/<step>/."""
        return f"{SECTIONS['workflows']}/{wf_id}/{step_id}.md"

    def unit(self, rule) -> str:
        """The unit of a time rule: "1 vecka" / "1 week", but "2 veckor" / "2 weeks"."""
        one = rule.min is None and rule.max == 1
        return self.u(f"unit_{rule.unit}" + ("_one" if one else ""))

    def step_ref(self, ref: str) -> str:
        wf_id, step_id = ref.split("/")
        return f"arbetsgang/{wf_id}#{step_id}"

    def where(self, provision) -> str:
        """'19 kap. 1 §' in Swedish, 'chapter 19, section 1' in English."""
        if not provision.chapter and not provision.section[:1].isdigit():
            # A provision known only by its bill (section not yet confirmed) is named as written,
            # in English with the English words: "Govt Bill 2024/25:160 (chapter 6 a)".
            if self.lang == "sv":
                return provision.section
            return re.sub(r"(\d+(?: [a-z])?) kap\.", r"chapter \1", provision.section.replace("prop.", "Govt Bill"))
        if self.lang == "sv":
            return f"{provision.chapter} kap. {provision.section} §" if provision.chapter else f"{provision.section} §"
        chapter = f"chapter {provision.chapter}, " if provision.chapter else ""
        return f"{chapter}section {provision.section.replace(' och ', ' and ')}"

    def cite(self, pid: str) -> str:
        p = self.c.lagrum.provisions[pid]
        law = self.c.lagrum.laws[p.law]
        return f"{self.t(law.name)} ({law.sfs}) {self.where(p)}"

    def uncertain(self, ids) -> bool:
        """True when any of these provisions is not a verified reading (the page must say so)."""
        return any(self.c.lagrum.provisions[pid].confidence != "verified" for pid in ids)

    def statement(self, statement_id: str, wording: str = "family") -> str:
        """A statement from statements.yml as an HTML block: the family or the staff wording."""
        # a statement reads the same on every page that includes it
        return self._once(("statement", statement_id, wording), lambda: self.env.get_template(
            "parts/statement.html.j2").render(st=self.c.statements.get(statement_id), wording=wording,
                                              t=self.t, u=self.u, cite=self.cite))

    def _once(self, key: tuple, make) -> str:
        """A block that no page changes, rendered once per renderer."""
        if key not in self._same_everywhere:
            self._same_everywhere[key] = make()
        return self._same_everywhere[key]

    def edition_name(self) -> str:
        return self.t(self.c.edition.name) if self.c.edition else ""

    def contact_link(self, scheme: str, value: str) -> str:
        """A phone or e-mail link in Markdown; a made-up example edition shows plain text nobody can dial."""
        if self.c.edition is None or self.c.edition.fictional:
            return value
        return f"[{value}]({scheme}:{self._contact_target(scheme, value)})"

    def contact_html(self, scheme: str, value: str) -> str:
        """The same, inside raw HTML (the family page's contact list)."""
        if self.c.edition is None or self.c.edition.fictional:
            return value
        return f'<a href="{scheme}:{self._contact_target(scheme, value)}">{value}</a>'

    @staticmethod
    def _contact_target(scheme: str, value: str) -> str:
        return value.replace(" ", "").replace("-", "") if scheme == "tel" else value

    def passage(self, passage) -> str:
        """The "Källa" / "Source" disclosure for a claim: an HTML block from its own template."""
        if passage is None:
            return ""
        rep = self.c.reports.reports[passage.report]
        quote = passage.quote
        # A quote cut at its start or end shows the cut, so nobody reads it as a whole sentence.
        cut_start = not (quote[0].isupper() or quote[0].isdigit())
        cut_end = quote[-1] not in '.!?”"):'
        return self.env.get_template("parts/passage.html.j2").render(
            u=self.u, lang=self.lang, rep=rep, passage=passage, cut_start=cut_start, cut_end=cut_end).strip()

    def review_due(self, item) -> dt.date:
        return health.review_due(item)

    def messages_table(self, here: str) -> str:
        """Every validation message, for the editing guide."""
        from .problems import catalogue

        return self.render("fragments/messages.md.j2", here, catalogue=catalogue())

    def fields_table(self, kind: str, here: str) -> str:
        """The fields of one kind of YAML file, from the model, for the editing guide."""
        model = {**models.KINDS, **models.SINGLE_FILES, **models.EDITION_PARTS, **models.STATEMENT_PARTS}[kind]
        fields = [(name, info.is_required(), self.description_in_lang(info.description))
                  for name, info in model.model_fields.items()]
        return self.render("fragments/fields.md.j2", here, fields=fields)

    def description_in_lang(self, description: str | None) -> str:
        """A model field's "Svensk text / English text", in this language only."""
        sv, _, en = (description or "").partition(" / ")
        return sv if self.lang == "sv" else en

    def qr(self, page_path: str) -> str:
        url, label = self.url_of(page_path), self.u("qr_label")
        if self.kept_qr is None:
            return qr_svg(url, label)
        name = build_cache.key(url, label, _QR_MAKER)
        svg = self.kept_qr.get(name)
        if svg is None:
            svg = qr_svg(url, label)
            self.kept_qr.put(name, svg)
        return svg

    def url_of(self, page_path: str) -> str:
        """Absolute address of a page in this language."""
        url = page_path[:-3]
        if url.endswith("index"):
            url = url[: -len("index")]
        else:
            url += "/"
        return self.site_url + url

    def printed_url(self, page_path: str) -> str:
        """The address as printed under a QR code: it may wrap only after a slash of its path,
        never inside a word, since a parent may have to type it."""
        url = self.url_of(page_path)
        host_end = url.find("/", url.find("//") + 2) + 1
        return html.escape(url[:host_end]) + "/<wbr>".join(html.escape(part) for part in url[host_end:].split("/"))

    # --- rendering -----------------------------------------------------------------

    def render(self, template: str, here: str, **data) -> str:
        if self._only is not None and here not in self._only:
            return ""  # a page this save does not touch: not rendered at all

        text = self.env.get_template(template).render(**self._helpers(here), **data)
        if template.endswith(".md.j2") and "/" not in template and template not in _NO_NAMED_TERMS:
            text = self._link_named_terms(text, here)
        return text

    @staticmethod
    def glossary_anchor(term: str) -> str:
        """A term's anchor on the glossary page (as glossary.md.j2 writes it)."""
        return term.lower().replace(" ", "-").replace("å", "a").replace("ä", "a").replace("ö", "o")

    def named_terms_pattern(self, term) -> re.Pattern:
        """The words that name a term in this language: the term (or its English rendering) and its also-words."""
        names = self.term_names(term)
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<![\w/.-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    def term_names(self, term) -> list[str]:
        return [self.term_name(term)] + (list(getattr(term.also, self.lang)) if term.also else [])

    def term_name(self, term) -> str:
        return term.en_term if self.lang == "en" and term.en_term else term.term

    def _link_named_terms(self, text: str, here: str) -> str:
        """A page that names a glossary term with an address outside the handbook (the film about school
        social teams) links to that term's one explanation, which says what the address is and where it
        opens: a "Read more" line before the page's sources. The address itself stands only in the glossary."""
        links = []
        body = text.split("\n---", 1)[-1] if text.startswith("---") else text
        body = body.split('<div class="hb-meta"', 1)[0]  # the page's own text, not its last change note
        folded = body.casefold()
        for term in self.c.glossary.terms if self.c.glossary else ():
            # the cheap test first: most pages name no such term at all
            if term.url and any(name.casefold() in folded for name in self.term_names(term)) \
                    and self.named_terms_pattern(term).search(body):
                rel = _relpath("ordlista.md", posixpath.dirname(here) or ".")
                name = self.term_name(term)
                links.append(f"[{name[:1].upper() + name[1:]}]({rel}#{self.glossary_anchor(term.term)})")
        if not links:
            return text
        line = self.part("links", here, label=self.u("read_more"), links=links)
        at = text.find('<div class="hb-meta"')
        return text + line if at < 0 else text[:at] + line + text[at:]

    def part(self, name: str, here: str, **data) -> str:
        """A page part (decision list, provision list, fact list, …) as one HTML block.

        Its structure is HTML from templates/parts/, with Markdown only inside the
        elements marked markdown="span"/"block" (md_in_html), and blank lines on both
        sides: no blank line or trimmed block in a template can merge it with its
        neighbours or split it."""
        def make() -> str:
            html = self.env.get_template(f"parts/{name}.html.j2").render(**self._helpers(here), **data).strip()
            return f"\n\n{html}\n\n" if html else "\n"
        return self._once((name, repr(data)), make) if name in _SAME_ON_EVERY_PAGE else make()

    def _helpers(self, here: str) -> dict:
        """What every template and part may call, with links relative to the page `here`."""
        def href(target: str, anchor: str = "") -> str:
            rel = _relpath(target, posixpath.dirname(here) or ".")
            return rel + (f"#{anchor}" if anchor else "")

        def page_url(md_path: str) -> str:
            return md_path[:-len("index.md")] if md_path.endswith("index.md") else md_path[:-3] + "/"

        def hurl(target: str, anchor: str = "") -> str:
            """Relative URL for raw HTML, where MkDocs does not rewrite .md links."""
            rel = _relpath(page_url(target) or ".", page_url(here) or ".")
            return ("" if rel == "." else rel + "/") + (f"#{anchor}" if anchor else "") or "./"

        def link(ref: str) -> str:
            target, anchor, title = self.link_target(ref)
            return f"[{title}]({href(target, anchor)})"

        def item_link(kind: str, item_id: str) -> str:
            return f"[{self.title_of(kind, item_id)}]({href(self.path_of(kind, item_id))})"

        def part(name: str, **data) -> str:
            return self.part(name, here, **data)

        return dict(c=self.c, lang=self.lang, t=self.t, u=self.u, href=href, hurl=hurl, link=link,
                    item_link=item_link, cite=self.cite, step_ref=self.step_ref, here=here, r=self, part=part)

    def pages(self, only: set[str] | None = None) -> dict[str, str]:
        """{md path: Markdown} of every generated page, or of the paths in `only` (the
        preview renders again just the pages a save touches; the rest are not rendered)."""
        self._only = only
        try:
            out = self._all_pages()
        finally:
            self._only = None
        return out if only is None else {path: out[path] for path in only if path in out}

    def _all_pages(self) -> dict[str, str]:
        out: dict[str, str] = {}
        simple = {
            "toolbox": "toolbox_item.md.j2",
            "workflows": "workflow.md.j2",
            "roles": "role.md.j2",
            "sekretess": "guidance.md.j2",
            "examples": "example.md.j2",
            "forms": "form.md.j2",
        }
        family_views = family.views(self.c, self.ui)
        for kind, template in simple.items():
            skipped = self.c.not_offered if kind == "toolbox" else {}
            for item_id, item in getattr(self.c, kind).items():
                path = self.path_of(kind, item_id)
                extra = {"views": family_views, "contacts": family.contacts_for(self.c, kind, item_id)} \
                    if kind == "toolbox" else {}
                if item_id in skipped:  # the address keeps answering, with what to do instead
                    out[path] = self.render("not_offered.md.j2", path, item=item, item_id=item_id,
                                            entry=skipped[item_id], family_page=False)
                else:
                    out[path] = self.render(template, path, item=item, item_id=item_id, kind=kind, **extra)
                if kind == "workflows":
                    for n, step in enumerate(item.steps):
                        step_path = self.step_path(item_id, step.id)
                        out[step_path] = self.render(
                            "workflow_step.md.j2", step_path, item=item, item_id=item_id, step=step, n=n + 1,
                            prev=item.steps[n - 1] if n else None,
                            next=item.steps[n + 1] if n + 1 < len(item.steps) else None)
                for alias in item.aliases:
                    alias_path = self.path_of(kind, alias)
                    out[alias_path] = self.render("redirect.md.j2", alias_path, target=path, item=item)
            section = SECTIONS[kind]
            out[f"{section}/index.md"] = self.render(f"{kind}_index.md.j2", f"{section}/index.md")
        for guide_id, guide in self.c.guides.items():
            base = f"sekretess/{guide_id}"
            out[f"{base}/index.md"] = self.render("guide.md.j2", f"{base}/index.md", guide=guide, guide_id=guide_id,
                                                  question=guide.questions[0])
            for q in guide.questions[1:]:
                out[f"{base}/{q.id}.md"] = self.render("guide.md.j2", f"{base}/{q.id}.md", guide=guide,
                                                       guide_id=guide_id, question=q)
            for o in guide.outcomes:
                out[f"{base}/{o.id}.md"] = self.render("guide_outcome.md.j2", f"{base}/{o.id}.md", guide=guide,
                                                       guide_id=guide_id, outcome=o)
        out["sekretess/lagrum.md"] = self.render("lagrum.md.j2", "sekretess/lagrum.md")
        out["redigera/rapport.md"] = self.render("report.md.j2", "redigera/rapport.md", health=health,
                                                 found=health.findings(self.c, self.today))
        out["ordlista.md"] = self.render("glossary.md.j2", "ordlista.md")
        out.update(family.pages(self))
        out["verktygslada/visuell-verktygslada.md"] = self.render(
            "visual_toolbox.md.j2", "verktygslada/visuell-verktygslada.md")
        out["nytt/index.md"] = self.render("nytt.md.j2", "nytt/index.md", entries=changes.recent(self.c))
        return out

    def feeds(self) -> dict[str, str]:
        """Generated files that are not pages: the Atom feed of /nytt/."""
        entries = changes.recent(self.c)
        updated = max((e.date for e in entries), default=self.today)
        return {"nytt/atom.xml": self.render("atom.xml.j2", "nytt/atom.xml", entries=entries, updated=updated)}

    # --- navigation and abbreviations ------------------------------------------------

    def nav(self, handwritten: list[str]) -> list:
        """Top-level navigation only; the overview pages carry the items."""
        nav = [{self.u("start"): "index.md"}]
        for key, section in (("workflows", "arbetsgang"), ("toolbox", "verktygslada"), ("roles", "roller"),
                             ("sekretess", "sekretess"), ("examples", "exempel"), ("forms", "blanketter")):
            nav.append({self.u(key): f"{section}/index.md"})
        nav.append({self.u("glossary"): "ordlista.md"})
        nav.append({self.u("whats_new"): "nytt/index.md"})
        for path, key in (("bakgrund/index.md", "background"), ("redigera/index.md", "edit"), ("om.md", "about")):
            if path in handwritten:
                nav.append({self.u(key): path})
        return nav

    def edition_strings(self) -> dict[str, str]:
        """What the theme shows for a local edition: its name in the title, a banner if made up."""
        if self.c.edition is None:
            return {}
        out = {"site_name": f"{self.u('edition_site_name')} {self.edition_name()}",
               "responsible": f"{self.t(self.c.edition.responsible.function)} ({self.c.edition.responsible.contact})"}
        if self.c.edition.fictional:
            out["banner"] = self.u("fictional_edition")
        return out

    def responsible(self) -> str:
        """Who to contact about the site, for the accessibility statement (Lag 2018:1937 13 §)."""
        if self.c.edition is None:
            return self.u("responsible_default")
        return self.edition_strings()["responsible"]

    def theme_strings(self) -> dict[str, str]:
        return {key: self.u(key) for key in ("not_found_title", "not_found_text", "start", "site_name", "permalink_title",
                                             "whats_new_feed")}

    @cached_property
    def _abbreviations(self) -> tuple[re.Pattern, dict[str, str]]:
        terms = {t.term: self.t(t.expansion) for t in self.c.glossary.terms if t.abbreviation and t.expansion}
        # No look-behind in the pattern: without it the regex engine skips ahead to the
        # terms' first letters, ten times faster on a long page; abbreviations_for checks
        # the character before instead.
        alternatives = "|".join(map(re.escape, sorted(terms, key=len, reverse=True)))
        return re.compile(rf"(?:{alternatives})(?![\w-])"), terms

    def abbreviations_for(self, markdown: str) -> str:
        """Markdown `abbr` definitions for the abbreviations this page uses, so each is
        explained on hover and focus. Only the used ones: fewer patterns for the
        abbr extension to run on every page."""
        pattern, terms = self._abbreviations
        if not terms:
            return ""
        used = sorted({m.group() for m in pattern.finditer(markdown)
                       if m.start() == 0 or not _WORD_CHAR.match(markdown, m.start() - 1)})
        if not used:
            return ""
        return "\n\n" + "\n".join(f"*[{term}]: {terms[term]}" for term in used) + "\n"
