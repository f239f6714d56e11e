"""The shape of every kind of content, declared once.

These models drive validation (`validate.py`), the JSON Schemas that give
coordinators completion in VS Code (`python -m handbok schemas`), and the field
list in the editing guide. Field descriptions are written for coordinators.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

LANGS = ("sv", "en")
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Any tag-like text: <b>, </p>, <script, <!-- , <https://...> autolinks.
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?|&lt;\s*script", re.IGNORECASE)


# Markdown that could fetch from another host or run script without any HTML: an image,
# attributes in braces (attr_list: { onclick=… }, { style="background:url(…)" }), and a
# link whose address is not https, mailto, tel or a page of the site (javascript:, //host, http:).
_IMAGE = re.compile(r"!\[")
_ATTRS = re.compile(r"\{\s*:?\s*(?:[.#][\w-]+|[\w-]+\s*=)[^}]*\}")
_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.MULTILINE)
_SAFE_TARGET = re.compile(r"^(?:https://[^/\s]|mailto:|tel:|#|\.|/(?!/)|[\w%-])", re.IGNORECASE)


def _unsafe_markup(value: str) -> str | None:
    if match := _IMAGE.search(value) or _ATTRS.search(value):
        return match.group(0)[:40]
    for match in _TARGET.finditer(value):
        target = match.group(1) if match.group(1) is not None else match.group(2)
        if target and (not _SAFE_TARGET.match(target) or re.match(r"^[\w+.-]+:", target) and
                       not re.match(r"^(?:https|mailto|tel):", target, re.IGNORECASE)):
            return target[:40]
    return None


def _no_html(value: str) -> str:
    match = _HTML.search(value)
    if match:
        raise PydanticCustomError("html", "HTML is not allowed", {"value": match.group(0)[:40]})
    if ("[" in value or "{" in value) and (unsafe := _unsafe_markup(value)):
        raise PydanticCustomError("unsafe_markup", "not allowed in a text", {"value": unsafe})
    if not value.strip():
        raise PydanticCustomError("empty_text", "empty text")
    return value.strip()


PlainStr = Annotated[str, AfterValidator(_no_html)]


class SameInBothLanguages:
    """Marks a plain-text field that readers see unchanged on both sites: a proper
    name (a report's published title, a place, a case number) or a code (an SFS
    number, a version) – or that readers never see (say so in the description).
    Every other reader-visible text is a Text {sv, en};
    tests/test_bilingual.py holds the models to that."""

    def __repr__(self) -> str:
        return "SameInBothLanguages()"


Verbatim = Annotated[str, AfterValidator(_no_html), SameInBothLanguages()]


class RefTo:
    """Marks a field whose value is the id of another item (checked after loading)."""

    def __init__(self, kind: str):
        self.kind = kind

    def __repr__(self) -> str:  # shows in schema docs
        return f"RefTo({self.kind})"


def ref_kind(annotation, metadata=()) -> str | None:
    """The RefTo kind marked on a field's type (also inside list[...] or Optional[...])."""
    for meta in list(metadata) + list(getattr(annotation, "__metadata__", ())):
        if isinstance(meta, RefTo):
            return meta.kind
    for arg in typing.get_args(annotation):
        kind = ref_kind(arg)
        if kind:
            return kind
    return None


def _holds(annotation, wanted) -> bool:
    """Whether a value of this type can be, or contain, a model for which wanted(model) is true."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return wanted(annotation)
    return any(_holds(arg, wanted) for arg in typing.get_args(annotation))


@functools.cache
def walk_plan(model: type[BaseModel]) -> tuple[tuple[str, str | None, bool, bool], ...]:
    """For each field of a model class: (name, RefTo kind or None, may hold a Text, may hold
    a model with more fields than a Text), worked out once. The walks over an item (its
    references, its provisions, its texts) step only into fields that can hold what they
    look for, not into the thousands of plain texts."""
    return tuple((name, ref_kind(info.annotation, info.metadata),
                  _holds(info.annotation, lambda m: issubclass(m, Text)),
                  _holds(info.annotation, lambda m: m is not Text))
                 for name, info in model.model_fields.items())


Slug = Annotated[str, Field(pattern=SLUG)]
# Addresses an edition publishes, each checked as what it is (validate.py words the errors).
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_HTTPS = (r"https://[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+(:[0-9]{1,5})?"
          r"(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?")
EMAIL = f"^{_EMAIL}$"
HTTPS_URL = f"^{_HTTPS}$"
EMAIL_OR_URL = f"^({_EMAIL}|{_HTTPS})$"
# A Swedish number, national (070-174 06 10, 08-123 456 78) or international (+46 70 174 06 10),
# or a short service number (112, 1177, 114 14).
PHONE = r"^((\+46 ?|0)[1-9]([ -]?[0-9]){5,9}|1[0-9]{2}( ?[0-9]{2}){0,2})$"
Email = Annotated[str, Field(pattern=EMAIL, max_length=254), SameInBothLanguages()]
HttpsUrl = Annotated[str, Field(pattern=HTTPS_URL, max_length=2000), SameInBothLanguages()]
Phone = Annotated[str, Field(pattern=PHONE), SameInBothLanguages()]
RoleRef = Annotated[str, Field(pattern=SLUG), RefTo("roles")]
ToolboxRef = Annotated[str, Field(pattern=SLUG), RefTo("toolbox")]
FormRef = Annotated[str, Field(pattern=SLUG), RefTo("forms")]
SekretessRef = Annotated[str, Field(pattern=SLUG), RefTo("sekretess")]
ExampleRef = Annotated[str, Field(pattern=SLUG), RefTo("examples")]
WorkflowRef = Annotated[str, Field(pattern=SLUG), RefTo("workflows")]
ReportRef = Annotated[str, Field(pattern=SLUG), RefTo("reports")]
LagrumRef = Annotated[str, Field(pattern=SLUG), RefTo("lagrum")]
StatementRef = Annotated[str, Field(pattern=SLUG), RefTo("statements")]
StepRef = Annotated[
    str,
    Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$", description="arbetsgång/steg, t.ex. skolsocialt-team/uppstartsmote"),
    RefTo("steps"),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text every reader sees: Swedish and English, plain text (no Markdown, no HTML)."""

    sv: PlainStr = Field(description="Svensk text / Swedish text")
    en: PlainStr = Field(description="Engelsk text / English text")

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)


class Markdown(Text):
    """Like Text, but Markdown is allowed (lists, **bold**, [links](../x/)). HTML is not."""


class Change(Strict):
    """One entry in an item's change history, shown to readers ("Senast ändrad" and /nytt/)."""

    date: dt.date = Field(description="Dagen ändringen gjordes, ÅÅÅÅ-MM-DD / The day of the change, YYYY-MM-DD")
    note: Text = Field(description="Vad som ändrades, en kort mening / What changed, one short sentence")


class Item(Strict):
    """Fields every item has: where it comes from and who keeps it up to date."""

    title: Text = Field(description="Rubrik / Title")
    summary: Text = Field(description="En mening om vad sidan handlar om / One sentence on what the page is about")
    sources: list[ReportRef] = Field(min_length=1, description="Rapporter innehållet bygger på (id i reports.yml) / Reports the content is based on (ids in reports.yml)")
    owner: Text = Field(description="Vem som ansvarar för innehållet (en funktion, inte ett personnamn) / Who is responsible for the content (a function, not a person's name)")
    reviewed: dt.date = Field(description="Senast granskad, ÅÅÅÅ-MM-DD / Last reviewed, YYYY-MM-DD")
    review_months: int = Field(12, ge=1, le=60, description="Hur ofta sidan ska granskas, i månader / How often the page is reviewed, in months")
    aliases: list[Slug] = Field(default_factory=list, description="Gamla id:n som ska fortsätta fungera som länkar / Old ids that must keep working as links")
    lagrum: list[LagrumRef] = Field(default_factory=list, description="Lagrum sidan hänvisar till (id i lagrum.yml) / Legal provisions the page cites (ids in lagrum.yml)")
    changes: list[Change] = Field(
        default_factory=list,
        description="Ändringshistorik, nyast först / Change history, newest first",
    )


# --- reports and legal table ---------------------------------------------------


class Report(Strict):
    title: Verbatim = Field(description="Rapportens titel, som den publicerades (samma på båda språken) / The report's title as published (the same in both languages)")
    publisher: Verbatim = Field(description="Utgivare, som i rapporten (ett namn, samma på båda språken) / Publisher, as in the report (a name, the same in both languages)")
    year: int = Field(description="Utgivningsår / Year of publication")
    seed: Verbatim = Field(description="Filprefix i shared/seeds, t.ex. 001 (visas inte för läsare) / File prefix in shared/seeds, e.g. 001 (not shown to readers)")
    about: Text = Field(description="Vad rapporten är, en mening / What the report is, one sentence")


class Law(Strict):
    name: Text = Field(description="Lagens namn / The name of the law")
    short: Verbatim = Field(description="Förkortning, t.ex. SoL (samma på båda språken) / Abbreviation, e.g. SoL (the same in both languages)")
    sfs: Verbatim = Field(pattern=r"^\d{4}:\d+$", description="SFS-nummer, t.ex. 2025:400 / SFS number, e.g. 2025:400")


Confidence = Literal["verified", "likely", "unverified"]


class Provision(Strict):
    """One paragraph of a law that the handbook cites."""

    law: Annotated[str, RefTo("laws")] = Field(description="Lagens id i lagrum.yml / The law's id in lagrum.yml")
    chapter: Optional[int] = Field(None, description="Kapitel (utelämnas för lagar utan kapitel) / Chapter (left out for laws without chapters)")
    section: Verbatim = Field(description="Paragraf, t.ex. '1', '19 a', '5–6' / Section, e.g. '1', '19 a', '5–6'")
    topic: Text = Field(description="Vad paragrafen handlar om / What the section is about")
    old: Optional[Verbatim] = Field(None, description="Tidigare hänvisning som personalen känner igen, t.ex. 'SoL (2001:453) 14 kap. 1 §' (citeras som den står i äldre dokument, samma på båda språken) / Earlier citation staff recognise, e.g. 'SoL (2001:453) 14 kap. 1 §' (quoted as older documents write it, the same in both languages)")
    in_force_from: Optional[dt.date] = Field(None, description="Datum då nuvarande lydelse började gälla, om nytt / Date the current wording came into force, if recent")
    note: Optional[Text] = Field(None, description="Förbehåll eller förklaring till hänvisningen / A caveat or explanation of the citation")
    checked: dt.date = Field(description="Datum då hänvisningen senast kontrollerades mot gällande lag / Date the citation was last checked against the law in force")
    # Staff act on these pages: a reading that is not verified must say so on every page that uses it.
    confidence: Confidence = Field(
        description="Hur säker tolkningen är: verified (kontrollerad mot lagtexten), likely (trolig), unverified "
        "(inte kontrollerad); sidor som bygger på annat än verified visar 'Tolkningen är osäker – fråga er jurist' / "
        "How sure the reading is: verified (checked against the statute text), likely, unverified (not checked); "
        "pages relying on anything but verified show 'This reading is uncertain – ask your legal adviser'"
    )
    checked_against: Text = Field(
        description="Vad hänvisningen kontrollerades mot (lagtext, tabell, rapport), eller att den inte är kontrollerad / "
        "What the reference was checked against (statute text, table, report), or that it was not checked"
    )


class Lagrum(Strict):
    laws: dict[Slug, Law] = Field(description="Lagarna, per id / The laws, by id")
    provisions: dict[Slug, Provision] = Field(description="Paragraferna handboken hänvisar till, per id / The sections the handbook cites, by id")


class Decision(Strict):
    """A court or JO decision, as cited by a report."""

    name: Verbatim = Field(description="Beslutets beteckning, t.ex. 'JO 2019-12-19, dnr 7898-2017' (samma på båda språken) / The decision's reference, e.g. 'JO 2019-12-19, dnr 7898-2017' (the same in both languages)")
    date: dt.date = Field(description="Beslutsdatum / Date of the decision")
    text: Text = Field(description="Vad beslutet säger, som rapporten återger det / What the decision says, as the report gives it")
    cited_in: ReportRef = Field(description="Rapporten som citerar beslutet (id i reports.yml) / The report that cites the decision (id in reports.yml)")


class Passage(Strict):
    """Where in a report a claim about a place stands: the report and a short verbatim quote.
    Readers open it beside the claim ("Källa" / "Source"); tests/test_report_passages.py
    finds every quote in its report's text."""

    report: ReportRef = Field(description="Rapporten (id i reports.yml) / The report (id in reports.yml)")
    quote: Verbatim = Field(
        description="Ett kort ordagrant citat ur rapporten, på svenska som i rapporten; får kortas i början och "
        "slutet men inte klippas ihop (samma på båda språken) / A short verbatim quote from the report, in Swedish "
        "as in the report; may be cut at the start and end but not spliced (the same in both languages)"
    )


_PASSAGE_DESCRIPTION = (
    "Stället i rapporten som påståendet bygger på: report och ett ordagrant citat / "
    "The passage of the report the claim rests on: report and a verbatim quote"
)


class Claim(Text):
    """A text saying what a place did, found or learnt, with the passage it rests on."""

    passage: Optional[Passage] = Field(None, description=_PASSAGE_DESCRIPTION)


class MarkdownClaim(Markdown):
    """Like Claim, but Markdown is allowed (**bold**, links): one point of a list on an example page
    (staffing, activities), each with the passage of the report it rests on."""

    passage: Optional[Passage] = Field(None, description=_PASSAGE_DESCRIPTION)


# --- toolbox ---------------------------------------------------------------------

Audience = Literal["elev", "vardnadshavare"]
Footing = Literal["service", "bistand", "service-eller-bistand"]
Category = Literal["samtal", "skoldagen", "familj", "samordning", "fritid-och-grupp"]


class Example(Strict):
    place: Text = Field(description="Stadsdel, skola eller kommun / District, school or municipality")
    text: Markdown = Field(description="Hur platsen arbetar med insatsen / How the place works with the intervention")
    example: Optional[ExampleRef] = Field(None, description="Kommunexempel som beskriver platsen, om det finns / Municipality example that describes the place, if any")
    source: ReportRef = Field(description="Rapporten exemplet kommer från / The report the example comes from")
    passage: Optional[Passage] = Field(None, description=_PASSAGE_DESCRIPTION)


class FamilySection(Strict):
    """Plain language for a parent or a student (LIX 40 or below in Swedish)."""

    what_happens: Text = Field(description="Vad händer? Korta meningar. / What happens? Short sentences.")
    who_you_meet: Text = Field(description="Vem träffar ni? / Who will you meet?")
    voluntary: Text = Field(description="Att det är frivilligt och vad det betyder för just den här insatsen; vem som säger ja "
                            "står i voluntary_statements / That it is voluntary and what that means for this intervention; "
                            "who says yes is in voluntary_statements")
    # Records, secrecy, reporting and consent are said once, in statements.yml: a family text of its own on them is refused.
    voluntary_statements: list[StatementRef] = Field(
        default_factory=list, description="Vem säger ja till stödet? Id:n i statements.yml, t.ex. vem-sager-ja, visas efter "
        "texten om frivillighet / Who says yes to the support? Ids in statements.yml, e.g. vem-sager-ja, shown after the text "
        "on it being voluntary")
    records: list[StatementRef] = Field(
        min_length=1, description="Vad skrivs ner och vem ser det? Id:n i statements.yml, visas med familjeformuleringen / "
        "What is written down and who sees it? Ids in statements.yml, shown in their family wording")
    stop: Text = Field(description="Hur man säger nej eller avbryter, till vem; vad ett nej ändrar står i stop_statements / "
                       "How to say no or stop, and to whom; what a no changes is in stop_statements")
    # What a no changes is the same for every insats, so every family page says it unless the file says otherwise.
    stop_statements: list[StatementRef] = Field(
        default_factory=lambda: ["nej-eller-sluta"], min_length=1,
        description="Vad ändrar ett nej? Id:n i statements.yml, visas efter texten om att säga nej (nej-eller-sluta om inget anges) / "
        "What does a no change? Ids in statements.yml, shown after the text on saying no (nej-eller-sluta if none is given)")


class Alternative(Strict):
    when: Text = Field(description="När en annan väg är rätt / When another route is right")
    route: Text = Field(description="Vilken väg: orosanmälan, egenansökan, BUP … / Which route: report of concern, own application, CAMHS …")
    link: Optional[Annotated[str, RefTo("any")]] = Field(
        None, description="Sida att länka till: 'arbetsgang/orosanmalan', 'verktygslada/sip', 'sekretess/...' / Page to link to: 'arbetsgang/orosanmalan', 'verktygslada/sip', 'sekretess/...'"
    )


class Insats(Item):
    """An insats in the verktygslåda (toolbox/<id>.yml)."""

    category: Category = Field(description="Grupp i verktygslådan / Group in the toolbox")
    family_line: Text = Field(description="En kort rad till familjer, för den visuella verktygslådan / One short line for families, for the visual toolbox")
    audience: list[Audience] = Field(min_length=1, description="Vem insatsen är för / Who the intervention is for")
    levels: list[Literal[1, 2, 3]] = Field(min_length=1, description="Nivå i frånvaropyramiden / Level in the absence pyramid")
    footing: Footing = Field(description="Rättslig grund: service (utan behovsprövning), bistand eller service-eller-bistand / Legal footing: service (no needs assessment), bistand (assessed assistance) or service-eller-bistand")
    footing_statements: list[StatementRef] = Field(
        default_factory=list, description="Påståenden ur statements.yml som visas under rättslig grund, t.ex. "
        "service-samtycke-och-ansokan (samtycke och rätten att ansöka) / Statements from statements.yml shown under the "
        "legal footing, e.g. service-samtycke-och-ansokan (consent and the right to apply)")
    footing_note: Markdown = Field(description="Rättslig grund förklarad, med förbehållet från Stockholmsrapporten där det gäller / The legal footing explained, with the Stockholm report's caveat where it applies")
    lagrum: list[LagrumRef] = Field(min_length=1, description="Lagrum insatsen bygger på (id i lagrum.yml) / Legal provisions the intervention rests on (ids in lagrum.yml)")
    what: Markdown = Field(description="Vad insatsen är och vad den är till för / What the intervention is and what it is for")
    how: Markdown = Field(description="Hur den genomförs / How it is carried out")
    duration: Text = Field(description="Hur länge och hur ofta / How long and how often")
    use_when: list[Text] = Field(min_length=1, description="Situationer där insatsen passar / Situations where the intervention fits")
    alternatives: list[Alternative] = Field(default_factory=list, description="När en annan väg är rätt / When another route is right")
    roles: list[RoleRef] = Field(min_length=1, description="Roller som erbjuder insatsen / Roles that offer the intervention")
    steps: list[StepRef] = Field(default_factory=list, description="Steg i arbetsgången där insatsen hör hemma / Workflow steps where the intervention belongs")
    forms: list[FormRef] = Field(default_factory=list, description="Blanketter som används i insatsen (id i forms/) / Forms used in the intervention (ids in forms/)")
    examples: list[Example] = Field(default_factory=list, description="Hur stadsdelar och kommuner arbetar med insatsen / How districts and municipalities work with the intervention")
    family: FamilySection = Field(description="Texten för familjer, på lätt språk / The text for families, in plain language")


# --- workflows -------------------------------------------------------------------

Unit = Literal["dagar", "veckor", "manader"]


class TimeRule(Strict):
    kind: Literal["intervall", "varaktighet", "frist"] = Field(
        description="intervall: återkommer (t.ex. uppföljning var 4–6 vecka); varaktighet: hur länge; frist: senast inom / intervall: recurs (e.g. follow-up every 4–6 weeks); varaktighet: how long; frist: at the latest within"
    )
    min: Optional[int] = Field(None, ge=0, description="Lägsta antal, om regeln anger ett spann / Lowest number, if the rule gives a range")
    max: int = Field(ge=0, description="Högsta antal (eller det enda) / Highest number (or the only one)")
    unit: Unit = Field(description="Enhet: dagar, veckor eller manader / Unit: dagar (days), veckor (weeks) or manader (months)")
    what: Text = Field(description="Vad tidsregeln gäller / What the time rule applies to")
    exception: Optional[Text] = Field(None, description="När regeln får frångås / When the rule may be departed from")
    lagrum: list[LagrumRef] = Field(default_factory=list, description="Lagrum som anger tiden (id i lagrum.yml) / Provisions that set the time (ids in lagrum.yml)")


class Branch(Strict):
    answer: Text = Field(description="Svaret som leder hit / The answer that leads here")
    goto: Optional[Annotated[str, RefTo("any")]] = Field(
        None, description="Steg i samma arbetsgång (steg-id) eller sida: 'arbetsgang/orosanmalan' / A step in the same workflow (step id) or a page: 'arbetsgang/orosanmalan'"
    )
    outcome: Optional[Text] = Field(None, description="Vad som händer, om det inte finns en sida att gå till / What happens, if there is no page to go to")


class DecisionPoint(Strict):
    question: Text = Field(description="Frågan som ska avgöras / The question to decide")
    branches: list[Branch] = Field(min_length=2, description="Svaren och vart de leder / The answers and where they lead")


class LocalVariant(Strict):
    place: Verbatim = Field(description="Skola eller stadsdel, t.ex. Rinkebyskolan (ett ortnamn, samma på båda språken) / School or district, e.g. Rinkebyskolan (a place name, the same in both languages)")
    district: Optional[Verbatim] = Field(None, description="Stadsdelen, t.ex. Farsta (ett ortnamn, samma på båda språken) / The district, e.g. Farsta (a place name, the same in both languages)")
    text: Markdown = Field(description="Hur platsen gör steget / How the place does the step")
    example: Optional[ExampleRef] = Field(None, description="Kommunexempel som beskriver platsen, om det finns / Municipality example that describes the place, if any")
    source: ReportRef = Field(description="Rapporten varianten kommer från / The report the variant comes from")
    passage: Optional[Passage] = Field(None, description=_PASSAGE_DESCRIPTION)


class Step(Strict):
    id: Slug = Field(description="Stegets id, ankare i adressen / The step's id, the anchor in the address")
    title: Text = Field(description="Rubrik / Title")
    summary: Text = Field(description="Stegets syfte i en mening / The step's purpose in one sentence")
    body: Markdown = Field(description="Vad som görs i steget / What is done in the step")
    statements: list[StatementRef] = Field(
        default_factory=list, description="Påståenden ur statements.yml som visas efter stegets text, i personalens "
        "formulering (t.ex. anmalningsplikten-galler-alltid) / Statements from statements.yml shown after the step's text, "
        "in the staff wording (e.g. anmalningsplikten-galler-alltid)")
    responsible: list[RoleRef] = Field(min_length=1, description="Roller som ansvarar för steget / Roles responsible for the step")
    participants: list[RoleRef] = Field(default_factory=list, description="Roller som deltar / Roles taking part")
    inputs: list[FormRef] = Field(default_factory=list, description="Blanketter som behövs i steget / Forms needed in the step")
    outputs: list[FormRef] = Field(default_factory=list, description="Blanketter som fylls i i steget / Forms filled in during the step")
    time_rules: list[TimeRule] = Field(default_factory=list, description="Tider och frister i steget / Times and deadlines in the step")
    decisions: list[DecisionPoint] = Field(default_factory=list, description="Vägval i steget / Decisions in the step")
    toolbox: list[ToolboxRef] = Field(default_factory=list, description="Insatser som hör till steget / Interventions that belong to the step")
    sekretess: list[SekretessRef] = Field(default_factory=list, description="Sekretessfrågor i steget / Secrecy questions in the step")
    lagrum: list[LagrumRef] = Field(default_factory=list, description="Lagrum steget bygger på / Provisions the step rests on")
    local_variants: list[LocalVariant] = Field(default_factory=list, description="Hur enskilda skolor och stadsdelar gör steget / How single schools and districts do the step")


class Workflow(Item):
    """An arbetsgång (workflows/<id>.yml): ordered steps."""

    intro: Markdown = Field(description="Inledning: när arbetsgången används / Introduction: when the workflow is used")
    preceded_by: Optional[WorkflowRef] = Field(None, description="Arbetsgång som kommer före, t.ex. franvarotrappan / Workflow that comes before, e.g. franvarotrappan")
    always: list[Text] = Field(default_factory=list, description="Regler som gäller i alla steg / Rules that apply in every step")
    steps: list[Step] = Field(min_length=1, description="Stegen i ordning / The steps, in order")


# --- roles -----------------------------------------------------------------------


class ContactFor(Strict):
    what: Text = Field(description="Frågan eller ärendet / The question or matter")
    who: RoleRef = Field(description="Rollen att vända sig till / The role to turn to")


class Role(Item):
    """A role (roles/<id>.yml)."""

    side: Literal["skola", "socialtjanst", "region", "familj", "ovrigt"] = Field(
        description="Var rollen hör hemma / Where the role belongs")
    also_known_as: list[Text] = Field(default_factory=list, description="Andra namn på rollen / Other names for the role")
    mission: Text = Field(description="Rollens uppdrag i två meningar / The role's mission in two sentences")
    does: list[Text] = Field(min_length=1, description="Vad rollen gör i samverkan / What the role does in the collaboration")
    does_not: list[Text] = Field(min_length=1, description="Vad rollen inte gör – var uppdraget slutar / What the role does not do – where the mission ends")
    contact_for: list[ContactFor] = Field(default_factory=list, description="Vem man vänder sig till för vad / Whom to turn to for what")
    # Every role shows the duty to report (anmalningsplikten-galler-alltid): said once, in statements.yml.
    statements: list[StatementRef] = Field(
        default_factory=list, description="Påståenden ur statements.yml som visas efter det rollen inte gör, i personalens "
        "formulering; varje roll visar anmalningsplikten-galler-alltid / Statements from statements.yml shown after "
        "what the role does not do, in the staff wording; every role shows anmalningsplikten-galler-alltid")


# --- sekretess -------------------------------------------------------------------


class NextStep(Strict):
    text: Text = Field(description="Vad personalen gör härnäst / What staff do next")
    link: Optional[Annotated[str, RefTo("any")]] = Field(None, description="Sida att länka till / Page to link to")


class Guidance(Item):
    """A question staff ask about sekretess (sekretess/<id>.yml). The title is the question."""

    answer: Text = Field(description="Svaret i en mening / The answer in one sentence")
    explanation: Markdown = Field(description="Varför svaret gäller, med lagrum / Why the answer holds, with provisions")
    example: Markdown = Field(description="Ett exempel från vardagen / An everyday example")
    next_steps: list[NextStep] = Field(min_length=1, description="Vad man gör sedan / What to do next")
    lagrum: list[LagrumRef] = Field(min_length=1, description="Lagrum svaret bygger på / Provisions the answer rests on")
    decisions: list[Decision] = Field(default_factory=list, description="JO- och domstolsbeslut som rapporterna citerar / Ombudsman and court decisions the reports cite")


class GuideQuestion(Strict):
    id: Slug = Field(description="Frågans id, del av adressen / The question's id, part of the address")
    question: Text = Field(description="Frågan, att svara ja eller nej på / The question, to answer yes or no")
    help: Optional[Text] = Field(None, description="Förklaring till frågan / Explanation of the question")
    yes: Annotated[str, Field(pattern=SLUG)] = Field(description="Id för nästa fråga eller utfall vid ja / Id of the next question or outcome on yes")
    no: Annotated[str, Field(pattern=SLUG)] = Field(description="Id för nästa fråga eller utfall vid nej / Id of the next question or outcome on no")
    links: list[Annotated[str, RefTo("any")]] = Field(
        default_factory=list,
        description="Sidor som texten nämner, som länkar: 'blanketter/samtyckesblankett' / Pages the text mentions, as links",
    )
    lagrum: list[LagrumRef] = Field(
        default_factory=list,
        description="Lagrum frågans hjälptext bygger på (id i lagrum.yml) / Provisions the question's help text relies on",
    )


class GuideOutcome(Strict):
    id: Slug = Field(description="Utfallets id, del av adressen / The outcome's id, part of the address")
    verdict: Literal["ja", "ska", "nej", "ja-med-villkor", "kanske", "anmal", "rektor"] = Field(description="Svaret: ja, ska (en skyldighet), nej, ja-med-villkor, kanske (efter en prövning), anmal eller rektor / The verdict: ja (yes), ska (a duty), nej (no), ja-med-villkor (yes on conditions), kanske (possibly, after an assessment), anmal (report) or rektor (tell the head teacher)")
    title: Text = Field(description="Rubrik / Title")
    text: Markdown = Field(description="Vad utfallet betyder och vad man gör / What the outcome means and what to do")
    guidance: list[SekretessRef] = Field(min_length=1, description="Sekretessidor att läsa vidare på / Secrecy pages to read on")
    links: list[Annotated[str, RefTo("any")]] = Field(
        default_factory=list,
        description="Sidor som texten nämner, som länkar: 'blanketter/samtyckesblankett' / Pages the text mentions, as links",
    )
    lagrum: list[LagrumRef] = Field(
        default_factory=list,
        description="Lagrum utfallet bygger på (id i lagrum.yml) / Provisions the outcome relies on (ids in lagrum.yml)",
    )


class DecisionGuide(Item):
    """The 'Får jag dela uppgiften?' guide (guides/<id>.yml). Starts at the first question."""

    intro: Markdown = Field(description="Inledning till guiden / Introduction to the guide")
    questions: list[GuideQuestion] = Field(min_length=1, description="Frågorna; den första är start / The questions; the first is the start")
    outcomes: list[GuideOutcome] = Field(min_length=1, description="Utfallen / The outcomes")


# --- examples --------------------------------------------------------------------


class Result(Strict):
    text: Text = Field(description="Resultatet, som rapporten anger det / The result, as the report gives it")
    figure: Optional[Text] = Field(
        None, description="Siffran, som rapporten anger den, t.ex. '101 elever' / The figure as the report gives it, e.g. '101 students'"
    )
    passage: Optional[Passage] = Field(None, description=_PASSAGE_DESCRIPTION)


class Period(Strict):
    start: int = Field(ge=1990, le=2100, description="Startår / Year it started")
    # A report that names only the year work was selected or written about must not read as its start.
    start_known: bool = Field(
        True, description="false när källan inte anger startåret; start är då det tidigaste år källan visar att arbetet "
        "fanns, och sidan visar 'i gång senast <år>' / false when the source does not give the start year; start is then "
        "the earliest year the source shows the work existed, and the page shows 'under way by <year>'")
    end: Optional[int] = Field(None, ge=1990, le=2100, description="Utelämnas om verksamheten pågår / Left out if the work is ongoing")
    last_known: Optional[int] = Field(
        None,
        ge=1990,
        le=2100,
        description="Senaste år som källan beskriver, när det inte är känt om arbetet pågår / "
        "The last year the source describes, when it is not known whether the work goes on",
    )
    note: Optional[Text] = Field(None, description="Kommentar till perioden / A note on the period")


class MunicipalityExample(Item):
    """A municipality example (examples/<id>.yml). Every text saying what the place did, found or
    achieved is a claim with the passage of the report it rests on (summary, target_group, each
    point of staffing and activities, results, worked, hard, lessons)."""

    summary: Claim = Field(description="En mening om vad platsen gjorde, med stället i rapporten (passage) / "
                                       "One sentence on what the place did, with the passage of the report")
    place: Text = Field(description="Kommun eller stadsdel / Municipality or district")
    region: Text = Field(description="Län eller region / County or region")
    country: Literal["se", "gb-sct"] = Field("se", description="Land: se (Sverige) eller gb-sct (Skottland) / Country: se (Sweden) or gb-sct (Scotland)")
    period: Period = Field(description="När verksamheten pågick / When the work ran")
    model: Literal["centraliserad", "gemensam-ledning", "decentraliserad", "ej-angiven"] = Field(
        description="Organisationsmodell / Organisational model")
    model_note: Optional[Text] = Field(
        None, description="Varför exemplet har den organisationsmodellen: handbokens bedömning, inget påstående om "
        "platsen / Why the example has that organisational model: the handbook's judgement, not a claim about the place")
    staffing: list[MarkdownClaim] = Field(
        min_length=1, description="Vem arbetar var och vem leder dem: en punkt per påstående, var och en med stället "
        "i rapporten (passage) / Who works where and who leads them: one point per claim, each with the passage of the report")
    target_group: Claim = Field(description="Vilka elever arbetet riktar sig till, med stället i rapporten (passage) / "
                                            "Which students the work is for, with the passage of the report")
    activities: list[MarkdownClaim] = Field(
        min_length=1, description="Vad som görs: en punkt per påstående, var och en med stället i rapporten (passage) / "
        "What is done: one point per claim, each with the passage of the report")
    roles: list[RoleRef] = Field(default_factory=list, description="Roller i exemplet / Roles in the example")
    toolbox: list[ToolboxRef] = Field(default_factory=list, description="Insatser i exemplet / Interventions in the example")
    results: list[Result] = Field(default_factory=list, description="Resultat som rapporten anger / Results the report gives")
    worked: list[Claim] = Field(default_factory=list, description="Vad som fungerade / What worked")
    hard: list[Claim] = Field(default_factory=list, description="Vad som var svårt / What was hard")
    lessons: list[Claim] = Field(min_length=1, description="Lärdomar för andra / Lessons for others")


# --- forms -----------------------------------------------------------------------


class FormField(Strict):
    label: Text = Field(description="Fältets rubrik / The field's label")
    kind: Literal["text", "lines", "checkbox", "choice", "date", "number", "percent", "signature"] = Field(
        description="Sorts fält / Kind of field")
    help: Optional[Text] = Field(None, description="Hjälptext under fältet / Help text under the field")
    lines: int = Field(1, ge=1, le=20, description="Antal skrivrader för kind: lines / Number of writing lines for kind: lines")
    options: list[Text] = Field(default_factory=list, description="Alternativ för kind: choice / Options for kind: choice")


class FormSection(Strict):
    title: Text = Field(description="Rubrik / Title")
    help: Optional[Text] = Field(None, description="Hjälptext till avsnittet / Help text for the section")
    statements: list[StatementRef] = Field(
        default_factory=list, description="Påståenden ur statements.yml som skrivs ut i avsnittet, på familjens språk / "
                                          "Statements from statements.yml printed in the section, in the family wording")
    fields: list[FormField] = Field(min_length=1, description="Fälten i avsnittet / The fields in the section")


class Form(Item):
    """A printable form (forms/<id>.yml). Always blank: nothing is entered on the site."""

    purpose: Markdown = Field(description="När blanketten används och av vem / When the form is used and by whom")
    used_by: list[RoleRef] = Field(min_length=1, description="Roller som använder blanketten / Roles that use the form")
    steps: list[StepRef] = Field(default_factory=list, description="Steg där blanketten används / Steps where the form is used")
    secrecy: Markdown = Field(description="Vilken sekretess som gäller för den ifyllda blanketten / What secrecy applies to the filled-in form")
    version: Verbatim = Field(description="Blankettens version, t.ex. 1.0 / The form's version, e.g. 1.0")
    no_personal_data: bool = Field(False, description="Sant om blanketten ska vara avidentifierad (t.ex. uppdragsförfrågan) / True if the form must be anonymised (e.g. a request for support)")
    family_edition: bool = Field(False, description="Skriv även ut en tvåspråkig familjeutgåva / Also print a bilingual family edition")
    sections: list[FormSection] = Field(min_length=1, description="Blankettens avsnitt / The form's sections")


# --- glossary ----------------------------------------------------------------------


class AlsoCalled(Strict):
    """Words people also use for a term; search finds the term by them."""

    sv: list[Verbatim] = Field(default_factory=list, description="Andra ord på svenska, t.ex. lokala ord (bara för sökningen) / Other words in Swedish, e.g. local words (for search only)")
    en: list[Verbatim] = Field(default_factory=list, description="Andra ord på engelska (bara för sökningen) / Other words in English (for search only)")


class NotHere(Strict):
    """An English word that renders another Swedish word, so it is wrong for this term (a guardian is not any parent)."""

    en: Verbatim = Field(description="Det engelska ordet, t.ex. parent / The English word, e.g. parent")
    unless_sv: list[Verbatim] = Field(
        min_length=1,
        description="Svenska ord som det engelska ordet översätter (med böjningar), t.ex. förälder, föräldrar / "
        "Swedish words the English word does translate (with their endings), e.g. förälder, föräldrar",
    )


class Term(Strict):
    term: Verbatim = Field(description="Ordet eller förkortningen som det skrivs på svenska (ordlistan förklarar det svenska ordet, också på engelska) / The word or abbreviation as written in Swedish (the glossary explains the Swedish word, in English too)")
    abbreviation: bool = Field(False, description="Sant för förkortningar; de förklaras där de förekommer / True for abbreviations; they are explained where they occur")
    expansion: Optional[Text] = Field(None, description="Vad förkortningen står för / What the abbreviation stands for")
    definition: Text = Field(description="Förklaringen / The definition")
    en_term: Optional[Verbatim] = Field(
        None,
        description="Den enda engelska återgivningen som handboken använder (visas bara på engelska) / The one English rendering the handbook uses (shown only in English)",
    )
    en_avoid: list[Verbatim] = Field(
        default_factory=list,
        description="Engelska återgivningar som inte ska användas för termen / English renderings not to use for the term",
    )
    en_not_here: list["NotHere"] = Field(
        default_factory=list,
        description="Engelska ord som är fel där den svenska texten säger termen, utom när den också säger ett ord som det "
        "engelska ordet faktiskt översätter (t.ex. 'parent' för vårdnadshavare, utom där svenskan säger förälder) / "
        "English words that are wrong where the Swedish text says the term, unless it also says a word the English word "
        "does translate (e.g. 'parent' for vårdnadshavare, except where the Swedish says förälder)",
    )
    link: Optional[Annotated[str, RefTo("any")]] = Field(None, description="Sida att läsa mer på / Page to read more on")
    url: Optional[HttpsUrl] = Field(
        None, description="Adress utanför handboken som förklaringen talar om, t.ex. var en rapport säger att en film finns; "
        "visas som en vanlig länk (aldrig inbäddad), och varje sida som nämner termen länkar hit / An address outside the "
        "handbook the definition speaks of, e.g. where a report says a film is; shown as a plain link (never embedded), "
        "and every page naming the term links here")
    also: Optional[AlsoCalled] = Field(None, description="Vad man också kallar det; sökningen hittar termen och sidan den länkar till / What people also call it; search finds the term and its linked page by these words")


class Glossary(Strict):
    """glossary.yml: every term and abbreviation."""

    owner: Text = Field(description="Vem som ansvarar för ordlistan (en funktion) / Who is responsible for the glossary (a function)")
    reviewed: dt.date = Field(description="Senast granskad, ÅÅÅÅ-MM-DD / Last reviewed, YYYY-MM-DD")
    terms: list[Term] = Field(min_length=1, description="Orden och förkortningarna / The words and abbreviations")


# --- family pages (issue 12) --------------------------------------------------------


class FamilyPart(Strict):
    """One part of a family page: a heading a parent would ask, and a plain answer."""

    heading: Text = Field(description="Rubrik, gärna en fråga en förälder ställer / Heading, ideally a question a parent asks")
    text: Optional[Text] = Field(None, description="Svaret med korta meningar och vanliga ord, inga förkortningar; "
                                 "inget om journaler, sekretess, anmälan eller samtycke (det står i statements) / "
                                 "The answer in short sentences and everyday words, no abbreviations; nothing on records, "
                                 "secrecy, reporting or consent (statements say that)")
    statements: list[StatementRef] = Field(
        default_factory=list, description="Påståenden ur statements.yml som delen visar, efter texten / "
                                          "Statements from statements.yml the part shows, after the text")
    lagrum: list[LagrumRef] = Field(default_factory=list, description="Lagrum som texten återger, om den säger vad "
                                    "lagen kräver (id i lagrum.yml) / Provisions the text restates, if it says what the law requires")
    certainty: Optional[Literal["verified", "likely"]] = Field(
        None, description="Hur säker läsningen av lagrummet är, enligt legal-references.md / "
                          "How sure the reading of the provision is, as in legal-references.md")


    @model_validator(mode="after")
    def _says_something(self):
        if self.text is None and not self.statements:
            raise PydanticCustomError("part_empty", "a part needs a text or statements")
        return self


class FamilyPage(Item):
    """A page for families about a moment in the work (familj/<id>.yml), e.g. an orosanmälan.
    / A page for families about a moment in the work, shown at /familj/<id>/."""

    lead: Text = Field(description="En kort rad som säger vad sidan handlar om / One short line saying what the page is about")
    parts: list[FamilyPart] = Field(min_length=1, description="Delarna, i den ordning en förälder undrar / "
                                                               "The parts, in the order a parent wonders")
    staff_page: Optional[Annotated[str, RefTo("any")]] = Field(
        None, description="Sidan för personal om samma sak, t.ex. 'arbetsgang/orosanmalan' / "
                          "The staff page on the same thing, e.g. 'arbetsgang/orosanmalan'")
    toolbox: list[ToolboxRef] = Field(default_factory=list, description="Insatser att nämna på sidan / Insatser to list on the page")


# Folder (or file) → model. One entry here makes a new kind.
KINDS: dict[str, type[BaseModel]] = {
    "toolbox": Insats,
    "workflows": Workflow,
    "roles": Role,
    "sekretess": Guidance,
    "guides": DecisionGuide,
    "examples": MunicipalityExample,
    "forms": Form,
    "familj": FamilyPage,
}


# --- statements said once (issue 23) ------------------------------------------------


class Statement(Strict):
    """Something families and staff meet again and again (what a consent covers, the duty to
    report …), written once: pages include it by id, so one correction reaches every page."""

    id: Slug = Field(description="Påståendets id, som sidorna anger / The statement's id, which pages name")
    title: Text = Field(description="Kort rubrik för personal, t.ex. 'Anmälningsplikten gäller alltid' / Short heading for staff")
    staff: Text = Field(description="Formuleringen för personal, med lagrum i texten där det behövs / The wording for staff")
    family: Text = Field(description="Formuleringen för familjer: korta meningar, vanliga ord, för en förälder med kort "
                                     "skolgång eller svenska som andraspråk / The wording for families: short sentences, everyday "
                                     "words, for a parent with little schooling or Swedish as a second language")
    lagrum: list[LagrumRef] = Field(default_factory=list, description="Lagrum påståendet bygger på (id i lagrum.yml) / Provisions it rests on (ids in lagrum.yml)")
    confidence: Confidence = Field(
        description="Hur säker läsningen är; aldrig säkrare än det svagaste lagrummet (verified, likely, unverified); "
                    "annat än verified visar osäkerhetsraden / How sure the reading is; never surer than its weakest "
                    "provision; anything but verified shows the uncertainty line")
    sources: list[ReportRef] = Field(min_length=1, description="Rapporter påståendet bygger på (id i reports.yml) / Reports it rests on (ids in reports.yml)")
    changes: list[Change] = Field(
        default_factory=list,
        description="Ändringshistorik, nyast först; visas på Nytt och i flödet / Change history, newest first; shown on What's new and in the feed",
    )


class Statements(Strict):
    """statements.yml: the statements said once, in one list."""

    owner: Text = Field(description="Vem som ansvarar för påståendena (en funktion) / Who is responsible for the statements (a function)")
    reviewed: dt.date = Field(description="Senast granskad, ÅÅÅÅ-MM-DD / Last reviewed, YYYY-MM-DD")
    statements: list[Statement] = Field(min_length=1, description="Påståendena / The statements")

    def get(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements if s.id == statement_id), None)


class Reports(Strict):
    """reports.yml: the source reports every item names."""

    reports: dict[Slug, Report] = Field(description="Rapporterna, per id / The reports, by id")


# One entry of statements.yml, for the field table in the editing guide.
STATEMENT_PARTS: dict[str, type[BaseModel]] = {"statements.statements": Statement}

SINGLE_FILES: dict[str, type[BaseModel]] = {"glossary": Glossary, "lagrum": Lagrum, "reports": Reports,
                                             "statements": Statements}


# --- local editions ----------------------------------------------------------------

class Contact(Strict):
    """A contact point of the municipality: a function, never a named person
    (a public site cannot keep personal data current)."""

    id: Slug = Field(description="Kort id för kontaktvägen / Short id of the contact point")
    name: Text = Field(description="Funktionens namn, t.ex. 'Skolsocialt team, Norra skolan' / Name of the function")
    for_what: Text = Field(description="Vad man kontaktar den för, en mening / What to contact it for, one sentence")
    phone: Optional[Phone] = Field(None, description="Telefonnummer till funktionen / The function's phone number")
    email: Optional[Email] = Field(None, description="E-post till funktionen (ingen personlig adress) / The function's e-mail (no personal address)")
    address: Optional[Text] = Field(None, description="Besöksadress / Visiting address")
    hours: Optional[Text] = Field(None, description="Öppettider eller telefontider / Opening or phone hours")
    roles: list[RoleRef] = Field(default_factory=list, description="Roller som kontaktvägen gäller / Roles this contact is for")
    steps: list[StepRef] = Field(default_factory=list, description="Steg i arbetsgången där kontaktvägen visas / Workflow steps that show it")
    toolbox: list[ToolboxRef] = Field(default_factory=list, description="Insatser vars sidor och utskrifter visar den / Insatser whose pages and handouts show it")
    familj: list[Annotated[str, Field(pattern=SLUG), RefTo("familj")]] = Field(
        default_factory=list, description="Familjesidor (familj/) som visar den / Family pages (familj/) that show it")
    family: bool = Field(False, description="Visa på alla familjesidor och utskrifter / Show on every family page and handout")


class Routine(Strict):
    """'Så gör vi i <kommun>': local text shown beside a core step or insats, never replacing it."""

    step: Optional[StepRef] = Field(None, description="Steget texten hör till (arbetsgång/steg) / The step it belongs to")
    toolbox: Optional[ToolboxRef] = Field(None, description="Insatsen texten hör till / The insats it belongs to")
    text: Markdown = Field(description="Hur ni gör lokalt / How you do it locally")


class NotOffered(Strict):
    """A core insats the municipality does not offer: it leaves the lists, its address still answers."""

    toolbox: ToolboxRef = Field(description="Insatsen som inte erbjuds / The insats that is not offered")
    note: Optional[Text] = Field(None, description="Varför, eller vad ni gör i stället / Why, or what you do instead")
    alternatives: list[ToolboxRef] = Field(default_factory=list, description="Insatser att visa i stället / Insatser to point to instead")


class Responsible(Strict):
    """Who answers for the handbook (Lag 2018:1937 13 § asks the accessibility statement to say)."""

    function: Text = Field(description="Funktion, t.ex. 'Samordnare för skolsociala team' / Function, not a person")
    contact: Annotated[str, Field(pattern=EMAIL_OR_URL, max_length=2000), SameInBothLanguages()] = Field(description="E-post eller webbadress (https://) dit man kan skriva / E-mail or web address to write to")


class LocalSource(Strict):
    """A local document an edition's own items build on (a routine, a decision), named like a report."""

    title: Verbatim = Field(description="Dokumentets titel / The document's title")
    publisher: Verbatim = Field(description="Vem som gav ut det / Who published it")
    year: int = Field(ge=1990, le=2100, description="Årtal / Year")
    about: Text = Field(description="Vad dokumentet är, en mening / What the document is, one sentence")


class Edition(Strict):
    """edition.yml: a municipality's local edition. Additions only: the core is never edited."""

    name: Text = Field(description="Kommunens eller stadsdelens namn / Name of the municipality or district")
    site_url: HttpsUrl = Field(
        description="Adressen handboken publiceras på / The address the handbook is published at")
    logo: Optional[Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+\.svg$")]] = Field(
        None, description="Logotyp, en SVG-fil i utgåvans mapp / Logo, an SVG file in the edition folder")
    responsible: Responsible = Field(description="Vem som svarar för handboken / Who answers for the handbook")
    fictional: bool = Field(False, description="Sant för en påhittad exempelutgåva: varje sida säger det / True for a made-up example edition: every page says so")
    contacts: list[Contact] = Field(default_factory=list, description="Kontaktvägar (funktioner) / Contact points (functions)")
    routines: list[Routine] = Field(default_factory=list, description="Så gör vi här, vid steg och insatser / Local routines beside steps and insatser")
    not_offered: list[NotOffered] = Field(default_factory=list, description="Kärninsatser som inte erbjuds här / Core insatser not offered here")
    sources: dict[Slug, LocalSource] = Field(
        default_factory=dict, description="Lokala dokument som utgåvans egna poster bygger på / Local documents the edition's own items build on")



# edition.yml of a local edition (see handbok/edition.py); not part of the core.
EDITION_FILE: dict[str, type[BaseModel]] = {"edition": Edition}
# Its parts, for the field tables in the editing guide.
EDITION_PARTS: dict[str, type[BaseModel]] = {
    "edition": Edition, "edition.contacts": Contact, "edition.routines": Routine,
    "edition.not_offered": NotOffered, "edition.responsible": Responsible, "edition.sources": LocalSource,
}
