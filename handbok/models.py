"""The shape of every kind of content, declared once.

These models drive validation (`validate.py`), the JSON Schemas that give
coordinators completion in VS Code (`python -m handbok schemas`), and the field
list in the editing guide. Field descriptions are written for coordinators.
"""
from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

LANGS = ("sv", "en")
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Any tag-like text: <b>, </p>, <script, <!-- , <https://...> autolinks.
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?|&lt;\s*script", re.IGNORECASE)


def _no_html(value: str) -> str:
    match = _HTML.search(value)
    if match:
        raise PydanticCustomError("html", "HTML is not allowed", {"value": match.group(0)[:40]})
    if not value.strip():
        raise PydanticCustomError("empty_text", "empty text")
    return value.strip()


PlainStr = Annotated[str, AfterValidator(_no_html)]


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


Slug = Annotated[str, Field(pattern=SLUG)]
RoleRef = Annotated[str, Field(pattern=SLUG), RefTo("roles")]
ToolboxRef = Annotated[str, Field(pattern=SLUG), RefTo("toolbox")]
FormRef = Annotated[str, Field(pattern=SLUG), RefTo("forms")]
SekretessRef = Annotated[str, Field(pattern=SLUG), RefTo("sekretess")]
ExampleRef = Annotated[str, Field(pattern=SLUG), RefTo("examples")]
WorkflowRef = Annotated[str, Field(pattern=SLUG), RefTo("workflows")]
ReportRef = Annotated[str, Field(pattern=SLUG), RefTo("reports")]
LagrumRef = Annotated[str, Field(pattern=SLUG), RefTo("lagrum")]
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
    sources: list[ReportRef] = Field(min_length=1, description="Rapporter innehållet bygger på (id i reports.yml)")
    owner: PlainStr = Field(description="Vem som ansvarar för innehållet (funktion, inte personnamn)")
    reviewed: dt.date = Field(description="Senast granskad, ÅÅÅÅ-MM-DD")
    review_months: int = Field(12, ge=1, le=60, description="Hur ofta sidan ska granskas, i månader")
    aliases: list[Slug] = Field(default_factory=list, description="Gamla id:n som ska fortsätta fungera som länkar")
    lagrum: list[LagrumRef] = Field(default_factory=list, description="Lagrum sidan hänvisar till (id i lagrum.yml)")
    changes: list[Change] = Field(
        default_factory=list,
        description="Ändringshistorik, nyast först / Change history, newest first",
    )


# --- reports and legal table ---------------------------------------------------


class Report(Strict):
    title: PlainStr = Field(description="Rapportens titel, som den publicerades")
    publisher: PlainStr
    year: int
    seed: PlainStr = Field(description="Filprefix i shared/seeds, t.ex. 001")
    about: Text = Field(description="Vad rapporten är, en mening")


class Law(Strict):
    name: Text = Field(description="Lagens namn")
    short: PlainStr = Field(description="Förkortning, t.ex. SoL")
    sfs: PlainStr = Field(pattern=r"^\d{4}:\d+$", description="SFS-nummer, t.ex. 2025:400")


class Provision(Strict):
    """One paragraph of a law that the handbook cites."""

    law: Annotated[str, RefTo("laws")] = Field(description="Lagens id i lagrum.yml")
    chapter: Optional[int] = Field(None, description="Kapitel (utelämnas för lagar utan kapitel)")
    section: PlainStr = Field(description="Paragraf, t.ex. '1', '19 a', '5–6'")
    topic: Text = Field(description="Vad paragrafen handlar om")
    old: Optional[PlainStr] = Field(None, description="Tidigare hänvisning som personalen känner igen, t.ex. 'SoL (2001:453) 14 kap. 1 §'")
    in_force_from: Optional[dt.date] = Field(None, description="Datum då nuvarande lydelse började gälla, om nytt")
    note: Optional[Text] = None
    checked: dt.date = Field(description="Datum då hänvisningen senast kontrollerades mot gällande lag")


class Lagrum(Strict):
    laws: dict[Slug, Law]
    provisions: dict[Slug, Provision]


class Decision(Strict):
    """A court or JO decision, as cited by a report."""

    name: PlainStr = Field(description="T.ex. 'JO 2019-12-19, dnr 7898-2017'")
    date: dt.date
    text: Text
    cited_in: ReportRef


# --- toolbox ---------------------------------------------------------------------

Audience = Literal["elev", "vardnadshavare"]
Footing = Literal["service", "bistand", "service-eller-bistand"]
Category = Literal["samtal", "skoldagen", "familj", "samordning", "fritid-och-grupp"]


class Example(Strict):
    place: Text = Field(description="Stadsdel, skola eller kommun")
    text: Markdown
    example: Optional[ExampleRef] = Field(None, description="Kommunexempel som beskriver platsen, om det finns")
    source: ReportRef


class FamilySection(Strict):
    """Plain language for a parent or a student (LIX 40 or below in Swedish)."""

    what_happens: Text = Field(description="Vad händer? Korta meningar.")
    who_you_meet: Text = Field(description="Vem träffar ni?")
    voluntary: Text = Field(description="Att det är frivilligt och vad det betyder")
    records: Text = Field(description="Vad skrivs ner och vem ser det?")
    stop: Text = Field(description="Hur man säger nej eller avbryter")


class Alternative(Strict):
    when: Text = Field(description="När en annan väg är rätt")
    route: Text = Field(description="Vilken väg: orosanmälan, egenansökan, BUP …")
    link: Optional[Annotated[str, RefTo("any")]] = Field(
        None, description="Sida att länka till: 'arbetsgang/orosanmalan', 'verktygslada/sip', 'sekretess/...'"
    )


class Insats(Item):
    """An insats in the verktygslåda (toolbox/<id>.yml)."""

    category: Category
    family_line: Text = Field(description="En kort rad till familjer, för den visuella verktygslådan")
    audience: list[Audience] = Field(min_length=1, description="Vem insatsen är för")
    levels: list[Literal[1, 2, 3]] = Field(min_length=1, description="Nivå i frånvaropyramiden")
    footing: Footing = Field(description="Rättslig grund: service (utan behovsprövning), bistand eller service-eller-bistand")
    footing_note: Markdown = Field(description="Rättslig grund förklarad, med förbehållet från Stockholmsrapporten där det gäller")
    lagrum: list[LagrumRef] = Field(min_length=1)
    what: Markdown = Field(description="Vad insatsen är och vad den är till för")
    how: Markdown = Field(description="Hur den genomförs")
    duration: Text = Field(description="Hur länge och hur ofta")
    use_when: list[Text] = Field(min_length=1)
    alternatives: list[Alternative] = Field(default_factory=list, description="När en annan väg är rätt")
    roles: list[RoleRef] = Field(min_length=1, description="Roller som erbjuder insatsen")
    steps: list[StepRef] = Field(default_factory=list, description="Steg i arbetsgången där insatsen hör hemma")
    forms: list[FormRef] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)
    family: FamilySection


# --- workflows -------------------------------------------------------------------

Unit = Literal["dagar", "veckor", "manader"]


class TimeRule(Strict):
    kind: Literal["intervall", "varaktighet", "frist"] = Field(
        description="intervall: återkommer (t.ex. uppföljning var 4–6 vecka); varaktighet: hur länge; frist: senast inom"
    )
    min: Optional[int] = Field(None, ge=0)
    max: int = Field(ge=0)
    unit: Unit
    what: Text = Field(description="Vad tidsregeln gäller")
    exception: Optional[Text] = Field(None, description="När regeln får frångås")
    lagrum: list[LagrumRef] = Field(default_factory=list)


class Branch(Strict):
    answer: Text
    goto: Optional[Annotated[str, RefTo("any")]] = Field(
        None, description="Steg i samma arbetsgång (steg-id) eller sida: 'arbetsgang/orosanmalan'"
    )
    outcome: Optional[Text] = Field(None, description="Vad som händer, om det inte finns en sida att gå till")


class DecisionPoint(Strict):
    question: Text
    branches: list[Branch] = Field(min_length=2)


class LocalVariant(Strict):
    place: PlainStr = Field(description="Skola eller stadsdel, t.ex. Rinkebyskolan")
    district: Optional[PlainStr] = None
    text: Markdown
    example: Optional[ExampleRef] = None
    source: ReportRef


class Step(Strict):
    id: Slug
    title: Text
    summary: Text
    body: Markdown
    responsible: list[RoleRef] = Field(min_length=1)
    participants: list[RoleRef] = Field(default_factory=list)
    inputs: list[FormRef] = Field(default_factory=list, description="Blanketter som behövs i steget")
    outputs: list[FormRef] = Field(default_factory=list, description="Blanketter som fylls i i steget")
    time_rules: list[TimeRule] = Field(default_factory=list)
    decisions: list[DecisionPoint] = Field(default_factory=list)
    toolbox: list[ToolboxRef] = Field(default_factory=list)
    sekretess: list[SekretessRef] = Field(default_factory=list)
    lagrum: list[LagrumRef] = Field(default_factory=list)
    local_variants: list[LocalVariant] = Field(default_factory=list)


class Workflow(Item):
    """An arbetsgång (workflows/<id>.yml): ordered steps."""

    intro: Markdown
    preceded_by: Optional[WorkflowRef] = Field(None, description="Arbetsgång som kommer före, t.ex. franvarotrappan")
    always: list[Text] = Field(default_factory=list, description="Regler som gäller i alla steg")
    steps: list[Step] = Field(min_length=1)


# --- roles -----------------------------------------------------------------------


class ContactFor(Strict):
    what: Text
    who: RoleRef


class Role(Item):
    """A role (roles/<id>.yml)."""

    side: Literal["skola", "socialtjanst", "region", "familj", "ovrigt"]
    also_known_as: list[Text] = Field(default_factory=list)
    mission: Text = Field(description="Rollens uppdrag i två meningar")
    does: list[Text] = Field(min_length=1, description="Vad rollen gör i samverkan")
    does_not: list[Text] = Field(min_length=1, description="Vad rollen inte gör – var uppdraget slutar")
    contact_for: list[ContactFor] = Field(default_factory=list, description="Vem man vänder sig till för vad")


# --- sekretess -------------------------------------------------------------------


class NextStep(Strict):
    text: Text
    link: Optional[Annotated[str, RefTo("any")]] = None


class Guidance(Item):
    """A question staff ask about sekretess (sekretess/<id>.yml). The title is the question."""

    answer: Text = Field(description="Svaret i en mening")
    explanation: Markdown
    example: Markdown
    next_steps: list[NextStep] = Field(min_length=1)
    lagrum: list[LagrumRef] = Field(min_length=1)
    decisions: list[Decision] = Field(default_factory=list)


class GuideQuestion(Strict):
    id: Slug
    question: Text
    help: Optional[Text] = None
    yes: Annotated[str, Field(pattern=SLUG)] = Field(description="Id för nästa fråga eller utfall vid ja")
    no: Annotated[str, Field(pattern=SLUG)] = Field(description="Id för nästa fråga eller utfall vid nej")


class GuideOutcome(Strict):
    id: Slug
    verdict: Literal["ja", "nej", "ja-med-villkor", "anmal"]
    title: Text
    text: Markdown
    guidance: list[SekretessRef] = Field(min_length=1)


class DecisionGuide(Item):
    """The 'Får jag dela uppgiften?' guide (guides/<id>.yml). Starts at the first question."""

    intro: Markdown
    questions: list[GuideQuestion] = Field(min_length=1)
    outcomes: list[GuideOutcome] = Field(min_length=1)


# --- examples --------------------------------------------------------------------


class Result(Strict):
    text: Text
    figure: Optional[PlainStr] = Field(None, description="Siffran, som rapporten anger den, t.ex. '101 elever'")


class Period(Strict):
    start: int = Field(ge=1990, le=2100)
    end: Optional[int] = Field(None, ge=1990, le=2100, description="Utelämnas om verksamheten pågår")
    note: Optional[Text] = None


class MunicipalityExample(Item):
    """A municipality example (examples/<id>.yml)."""

    place: Text
    region: Text
    country: Literal["se", "gb-sct"] = "se"
    period: Period
    model: Literal["centraliserad", "gemensam-ledning", "decentraliserad", "ej-angiven"]
    staffing: Markdown = Field(description="Vem arbetar var och vem leder dem")
    target_group: Text
    activities: Markdown
    roles: list[RoleRef] = Field(default_factory=list)
    toolbox: list[ToolboxRef] = Field(default_factory=list)
    results: list[Result] = Field(default_factory=list)
    worked: list[Text] = Field(default_factory=list)
    hard: list[Text] = Field(default_factory=list)
    lessons: list[Text] = Field(min_length=1)


# --- forms -----------------------------------------------------------------------


class FormField(Strict):
    label: Text
    kind: Literal["text", "lines", "checkbox", "choice", "date", "number", "percent", "signature"]
    help: Optional[Text] = None
    lines: int = Field(1, ge=1, le=20, description="Antal skrivrader för kind: lines")
    options: list[Text] = Field(default_factory=list, description="Alternativ för kind: choice")


class FormSection(Strict):
    title: Text
    help: Optional[Text] = None
    fields: list[FormField] = Field(min_length=1)


class Form(Item):
    """A printable form (forms/<id>.yml). Always blank: nothing is entered on the site."""

    purpose: Markdown = Field(description="När blanketten används och av vem")
    used_by: list[RoleRef] = Field(min_length=1)
    steps: list[StepRef] = Field(default_factory=list)
    secrecy: Markdown = Field(description="Vilken sekretess som gäller för den ifyllda blanketten")
    version: PlainStr = Field(description="Blankettens version, t.ex. 1.0")
    no_personal_data: bool = Field(False, description="Sant om blanketten ska vara avidentifierad (t.ex. uppdragsförfrågan)")
    family_edition: bool = Field(False, description="Skriv även ut en tvåspråkig familjeutgåva")
    sections: list[FormSection] = Field(min_length=1)


# --- glossary ----------------------------------------------------------------------


class AlsoCalled(Strict):
    """Words people also use for a term; search finds the term by them."""

    sv: list[PlainStr] = Field(default_factory=list, description="Andra ord på svenska, t.ex. lokala ord / Other words in Swedish, e.g. local words")
    en: list[PlainStr] = Field(default_factory=list, description="Andra ord på engelska / Other words in English")


class Term(Strict):
    term: PlainStr = Field(description="Ordet eller förkortningen som det skrivs på svenska")
    abbreviation: bool = Field(False, description="Sant för förkortningar; de förklaras där de förekommer")
    expansion: Optional[Text] = Field(None, description="Vad förkortningen står för")
    definition: Text
    en_term: Optional[PlainStr] = Field(None, description="Engelsk term om den skiljer sig")
    link: Optional[Annotated[str, RefTo("any")]] = None
    also: Optional[AlsoCalled] = Field(None, description="Vad man också kallar det; sökningen hittar termen och sidan den länkar till / What people also call it; search finds the term and its linked page by these words")


class Glossary(Strict):
    """glossary.yml: every term and abbreviation."""

    owner: PlainStr
    reviewed: dt.date
    terms: list[Term] = Field(min_length=1)


# Folder (or file) → model. One entry here makes a new kind.
KINDS: dict[str, type[BaseModel]] = {
    "toolbox": Insats,
    "workflows": Workflow,
    "roles": Role,
    "sekretess": Guidance,
    "guides": DecisionGuide,
    "examples": MunicipalityExample,
    "forms": Form,
}


class Reports(Strict):
    """reports.yml: the source reports every item names."""

    reports: dict[Slug, Report]


SINGLE_FILES: dict[str, type[BaseModel]] = {"glossary": Glossary, "lagrum": Lagrum, "reports": Reports}
