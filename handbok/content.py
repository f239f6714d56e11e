"""The checked content and the indexes derived from it (never typed twice)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import models
from .memo import per_item

# kind → URL section; the URL contract of the handbook.
SECTIONS = {
    "toolbox": "verktygslada",
    "workflows": "arbetsgang",
    "roles": "roller",
    "sekretess": "sekretess",
    "guides": "sekretess",
    "examples": "exempel",
    "forms": "blanketter",
    "familj": "familj",  # family pages: one per insats (same id) and one per familj/<id>.yml
}
EXTRA_PAGES = ("ordlista", "sekretess/lagrum", "om", "redigera", "nytt")
# Page names inside a section that the handbook itself uses; no item may take them.
RESERVED = {"verktygslada": {"visuell-verktygslada"}, "sekretess": {"lagrum"}}


@dataclass
class StepUse:
    workflow: str
    step: models.Step
    responsible: bool = False


@dataclass
class Content:
    root: Path
    toolbox: dict = field(default_factory=dict)
    workflows: dict = field(default_factory=dict)
    roles: dict = field(default_factory=dict)
    sekretess: dict = field(default_factory=dict)
    guides: dict = field(default_factory=dict)
    examples: dict = field(default_factory=dict)
    forms: dict = field(default_factory=dict)
    familj: dict = field(default_factory=dict)
    glossary: models.Glossary | None = None
    lagrum: models.Lagrum | None = None
    reports: models.Reports | None = None
    statements: models.Statements | None = None
    sources: dict = field(default_factory=dict)
    unreadable: set = field(default_factory=set)
    # (kind, id) of every file that did not load or did not pass its model; checks
    # that follow from it (published addresses, references into it) stay quiet.
    failed: set = field(default_factory=set)
    # A local edition laid over the core (see edition.py); None for the core handbook.
    edition: models.Edition | None = None
    edition_dir: Path | None = None
    local: set = field(default_factory=set)  # (kind, id) of the edition's own items

    # --- what a local edition changes -------------------------------------------------

    def logo_path(self) -> Path | None:
        if self.edition is None or not self.edition.logo or self.edition_dir is None:
            return None
        return self.edition_dir / self.edition.logo

    @property
    def not_offered(self) -> dict[str, models.NotOffered]:
        return {n.toolbox: n for n in self.edition.not_offered} if self.edition else {}

    def offered_toolbox(self) -> dict:
        """The insatser this handbook offers: the lists and the visual toolbox show only these."""
        skip = self.not_offered
        return {k: v for k, v in self.toolbox.items() if k not in skip}

    def routines_for(self, kind: str, ref: str) -> list[models.Routine]:
        """Local routines for a step ('workflow/step') or an insats id."""
        if self.edition is None:
            return []
        attr = "step" if kind == "steps" else "toolbox"
        return [r for r in self.edition.routines if getattr(r, attr) == ref]

    def contacts_for(self, kind: str, ref: str = "") -> list[models.Contact]:
        """Contact points for a role, step, insats or family page ('family')."""
        if self.edition is None:
            return []
        if kind == "family":  # an insats's family page and handout, or a moment's family page
            return [c for c in self.edition.contacts if c.family or ref in c.toolbox or ref in c.familj]
        return [c for c in self.edition.contacts if ref in getattr(c, kind)]

    def all_items(self):
        for kind in models.KINDS:
            for item_id, item in getattr(self, kind).items():
                yield (kind, item_id), item

    def ids(self) -> dict[str, set[str]]:
        """Known ids per kind. Files that failed to load still count, so one
        broken file does not make every reference to it an error too."""
        known: dict[str, set[str]] = defaultdict(set)
        for kind, item_id in list(self.sources) + list(self.unreadable):
            known[kind].add(item_id)
        known["reports"] = set(self.reports.reports) if self.reports else set()
        known["lagrum"] = set(self.lagrum.provisions) if self.lagrum else set()
        known["laws"] = set(self.lagrum.laws) if self.lagrum else set()
        known["statements"] = {s.id for s in self.statements.statements} if self.statements else set()
        for wf_id in known["workflows"]:
            wf = self.workflows.get(wf_id)
            if wf is None:
                continue
            for step in wf.steps:
                known["steps"].add(f"{wf_id}/{step.id}")
                known["any"].add(f"arbetsgang/{wf_id}#{step.id}")
        for kind, section in SECTIONS.items():
            known["any"].add(section)
            known["any"].update(f"{section}/{i}" for i in known[kind])
        known["any"].update(EXTRA_PAGES)
        return known

    def workflows_in_order(self) -> list[str]:
        """Workflow ids in the order of the work: each right after the one it is preceded by."""
        order: list[str] = []

        def add(wf_id: str) -> None:
            order.append(wf_id)
            for other, wf in self.workflows.items():
                if wf.preceded_by == wf_id and other not in order:
                    add(other)

        for wf_id, wf in self.workflows.items():
            if wf_id not in order and wf.preceded_by not in self.workflows:
                add(wf_id)
        return order + [w for w in self.workflows if w not in order]  # a cycle still lists every one

    def forms_in_work_order(self) -> list[str]:
        """Form ids in the order the work needs them: by the first step that uses each
        (workflows in the order of the work); forms no step uses come last."""
        order: list[str] = []
        for wf_id in self.workflows_in_order():
            for step in self.workflows[wf_id].steps:
                order.extend(f for f in step.inputs + step.outputs if f not in order)
        return order + [f for f in self.forms if f not in order]

    def urls(self, with_aliases: bool = False) -> set[str]:
        """Every item's published address in both languages."""
        out = set()
        for (kind, item_id), item in self.all_items():
            names = [item_id] + (list(item.aliases) if with_aliases else [])
            for name in names:
                for prefix in ("/", "/en/"):
                    out.add(f"{prefix}{SECTIONS[kind]}/{name}/")
                    if kind == "toolbox":  # every insats also has a family page
                        out.add(f"{prefix}{SECTIONS['familj']}/{name}/")
                    if kind == "workflows" and name == item_id:  # every step has its own page
                        out.update(f"{prefix}{SECTIONS[kind]}/{name}/{step.id}/" for step in item.steps)
        return out

    def index(self) -> None:
        """Build the reverse indexes the pages show."""
        self.role_steps: dict[str, list[StepUse]] = defaultdict(list)
        self.role_toolbox: dict[str, list[str]] = defaultdict(list)
        self.role_examples: dict[str, list[str]] = defaultdict(list)
        self.role_forms: dict[str, list[str]] = defaultdict(list)
        self.toolbox_steps: dict[str, list[str]] = defaultdict(list)
        self.step_toolbox: dict[str, list[str]] = defaultdict(list)
        self.form_steps: dict[str, list[str]] = defaultdict(list)
        self.form_toolbox: dict[str, list[str]] = defaultdict(list)
        self.sekretess_steps: dict[str, list[str]] = defaultdict(list)
        self.toolbox_examples: dict[str, list[str]] = defaultdict(list)
        self.lagrum_uses: dict[str, list[tuple[str, str]]] = defaultdict(list)

        skip = self.not_offered

        def add(index, key, value):
            if value not in index[key]:
                index[key].append(value)

        for wf_id, wf in self.workflows.items():
            for step in wf.steps:
                ref = f"{wf_id}/{step.id}"
                for role in step.responsible:
                    self.role_steps[role].append(StepUse(wf_id, step, True))
                for role in step.participants:
                    if role not in step.responsible:
                        self.role_steps[role].append(StepUse(wf_id, step, False))
                for t in step.toolbox:
                    if t in skip:  # not offered in this edition: its page says so, lists leave it out
                        continue
                    add(self.toolbox_steps, t, ref)
                    add(self.step_toolbox, ref, t)
                for f in step.inputs + step.outputs:
                    add(self.form_steps, f, ref)
                for s in step.sekretess:
                    add(self.sekretess_steps, s, ref)
        for t_id, t in self.toolbox.items():
            if t_id in skip:
                continue
            for role in t.roles:
                add(self.role_toolbox, role, t_id)
            for ref in t.steps:
                add(self.toolbox_steps, t_id, ref)
                add(self.step_toolbox, ref, t_id)
            for f in t.forms:
                add(self.form_toolbox, f, t_id)
        for f_id, f in self.forms.items():
            for ref in f.steps:
                add(self.form_steps, f_id, ref)
            for role in f.used_by:
                add(self.role_forms, role, f_id)
        for e_id, e in self.examples.items():
            for role in e.roles:
                add(self.role_examples, role, e_id)
            for t in e.toolbox:
                if t not in skip:
                    add(self.toolbox_examples, t, e_id)
        statements = {st.id: st for st in self.statements.statements} if self.statements else {}
        for (kind, item_id), item in self.all_items():
            for loc_value in _item_lagrum_refs(item):
                add(self.lagrum_uses, loc_value, (kind, item_id))
            for sid in _item_statement_refs(item):  # a page that includes a statement relies on its provisions
                for pid in statements[sid].lagrum if sid in statements else ():
                    add(self.lagrum_uses, pid, (kind, item_id))


@per_item
def _item_lagrum_refs(item) -> tuple[str, ...]:
    return tuple(_lagrum_refs(item))


@per_item
def _item_statement_refs(item) -> tuple[str, ...]:
    return tuple(_statement_refs(item))


def _lagrum_refs(obj):
    if isinstance(obj, models.BaseModel):
        for name, _, _, nested in models.walk_plan(type(obj)):
            if name == "lagrum":
                yield from getattr(obj, name)
            elif nested:
                yield from _lagrum_refs(getattr(obj, name))
    elif isinstance(obj, list):
        for v in obj:
            yield from _lagrum_refs(v)


def _statement_refs(obj):
    """Every statement id a model names (fields marked RefTo('statements'))."""
    if isinstance(obj, models.BaseModel):
        for name, kind, _, nested in models.walk_plan(type(obj)):
            if kind == "statements":
                value = getattr(obj, name)
                yield from (value if isinstance(value, list) else [value] if value else [])
            elif nested:
                yield from _statement_refs(getattr(obj, name))
    elif isinstance(obj, list):
        for v in obj:
            yield from _statement_refs(v)
