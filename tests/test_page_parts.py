"""Page parts keep their structure: on every built page, in both languages, a decision
list holds only decisions, a provision list stands on its own, a fact list is a list of
facts, and so on. The parts are HTML blocks from handbok/templates/parts/, so neither a
blank line nor a missing one in a template can merge them with their neighbours."""
from __future__ import annotations

from collections import Counter

import markdown
import pytest
import tinyhtml5
import yaml

from conftest import ROOT
from handbok import load_content
from handbok.render import Renderer

H = "{http://www.w3.org/1999/xhtml}"


def classes(el) -> list[str]:
    return (el.get("class") or "").split()


def text(el) -> str:
    return "".join(el.itertext())


def tag(el) -> str:
    return el.tag.replace(H, "")


def built_pages(site):
    for path in sorted(site.rglob("index.html")):
        if "assets" in path.parts:
            continue
        yield path, tinyhtml5.parse(path.read_text(encoding="utf-8"))


def check_part(el, parents: list) -> list[str]:
    """What is wrong with one part, in words (empty when it is whole)."""
    cls, kids = classes(el), list(el)
    inside = [tag(p) for p in parents]
    wrong = []
    if "hb-decisions" in cls:
        if not kids or any("hb-decision" not in classes(k) for k in kids):
            wrong.append("a decision list holds something that is not a decision")
        for d in kids:
            parts = [(tag(k), classes(k)) for k in d]
            if parts != [("p", ["hb-decision-q"]), ("ul", ["hb-decision-branches"])]:
                wrong.append(f"a decision is not one question and one list of answers: {parts}")
                continue
            answers = list(d[1])
            if len(answers) < 2 or any(tag(li) != "li" or "→" not in text(li) for li in answers):
                wrong.append(f"a decision's answers are not answers: {text(d[1])[:80]!r}")
            for li in answers:  # the old fault: the next part ran into the last answer
                if li.find(f".//{H}ul") is not None or li.find(f".//{H}p") is not None or \
                        any(w in text(li) for w in ("Lagrum:", "Legal references:", "Sekretess:", "Secrecy:")):
                    wrong.append(f"something ran into a decision's answer: {text(li)[:80]!r}")
    if "hb-provisions" in cls:
        if {"li", "ul", "ol", "p", "dd"} & set(inside):
            wrong.append(f"a provision list stands inside a {inside}")
        lists = [k for k in kids if tag(k) == "ul"]
        if len(lists) != 1 or "hb-provision-list" not in classes(lists[0]):
            wrong.append("a provision list is not one list")
        else:
            # a provision: its section, or (not yet in force or not found) the bill it comes from
            odd = [li for li in lists[0] if tag(li) != "li" or not any(w in text(li) for w in ("§", "section", "prop.", "Govt Bill"))]
            if not len(lists[0]) or odd:
                wrong.append("a provision list holds something that is not a provision: "
                             f"{text(odd[0] if odd else lists[0])[:80]!r}")
    if "hb-facts" in cls:
        dls = [k for k in kids if tag(k) == "dl"]
        names = [tag(k) for k in dls[0]] if len(dls) == 1 else []
        if len(kids) != 1 or not names or names != ["dt", "dd"] * (len(names) // 2):
            wrong.append(f"a fact list is not label–value pairs: {names or [tag(k) for k in kids]}")
    if "hb-links" in cls and {"li", "ul", "ol", "dd"} & set(inside):
        wrong.append(f"a line of links ran into a list: {text(el)[:80]!r}")
    if "hb-step-card" in cls:
        heads = [k for k in kids if tag(k) == "h2"]
        if len(heads) != 1 or not heads[0].get("id") or el.find(f".//{H}p[@class='hb-step-open']/{H}a") is None:
            wrong.append("a step card lacks its heading with the step's anchor or its link to the step")
    if "hb-local-variant" in cls and (tag(el) != "details" or not kids or tag(kids[0]) != "summary"):
        wrong.append("a local example is not a folded section with a summary")
    return wrong


def walk(el, parents):
    yield el, parents
    for k in el:
        yield from walk(k, parents + [el])


KINDS = ("hb-decisions", "hb-provisions", "hb-facts", "hb-links", "hb-step-card", "hb-local-variant")


def test_every_part_on_every_page_keeps_its_structure(site):
    problems, seen = [], Counter()
    for path, root in built_pages(site):
        for el, parents in walk(root, []):
            kinds = [k for k in KINDS if k in classes(el)]
            for k in kinds:
                seen[k] += 1
            if kinds:
                problems += [f"{path.relative_to(site)}: {w}" for w in check_part(el, parents)]
    assert not problems, "\n".join(problems[:20])
    # Every kind of part occurs on the real site, so the checks above did check something.
    assert all(seen[k] > 5 for k in KINDS), seen


def test_step_pages_hold_their_steps_decisions_and_nothing_else(site):
    content = load_content(ROOT)
    for lang, prefix in (("sv", site), ("en", site / "en")):
        for wf_id, wf in content.workflows.items():
            for step in wf.steps:
                root = tinyhtml5.parse((prefix / "arbetsgang" / wf_id / step.id / "index.html").read_text("utf-8"))
                questions = [text(p) for p in root.iter(f"{H}p") if "hb-decision-q" in classes(p)]
                assert len(questions) == len(step.decisions), (wf_id, step.id)
                for q, d in zip(questions, step.decisions):
                    assert q.endswith(getattr(d.question, lang).strip())
                answers = [li for ul in root.iter(f"{H}ul") if "hb-decision-branches" in classes(ul) for li in ul]
                assert len(answers) == sum(len(d.branches) for d in step.decisions)


def test_the_step_overview_keeps_an_anchor_per_step(site):
    content = load_content(ROOT)
    for wf_id, wf in content.workflows.items():
        root = tinyhtml5.parse((site / "arbetsgang" / wf_id / "index.html").read_text("utf-8"))
        cards = [el for el in root.iter(f"{H}section") if "hb-step-card" in classes(el)]
        assert [c.find(f"{H}h2").get("id") for c in cards] == [s.id for s in wf.steps]
        for card, step in zip(cards, wf.steps):
            assert card.find(f".//{H}p[@class='hb-step-open']/{H}a").get("href") == f"{step.id}/"


EXTENSIONS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["markdown_extensions"]


@pytest.mark.parametrize("neighbour", ["- a bullet just before", "Text just before", "**Lagrum:**"])
def test_a_part_cannot_merge_with_its_neighbours(neighbour):
    """Markdown written right against a part, with no blank line, stays outside it."""
    content = load_content(ROOT)
    r = Renderer(content, "sv", "https://example.org/")
    wf = content.workflows["orosanmalan"]
    step = wf.steps[0]
    here = r.step_path("orosanmalan", step.id)
    parts = [r.part("decisions", here, decisions=step.decisions, wf_id="orosanmalan", wf=wf),
             r.part("provisions", here, ids=step.lagrum, heading=True),
             r.part("facts", here, rows=[("Ansvarar", "Mentor"), ("Tidsregler", "Inom 1 vecka")]),
             r.part("links", here, label="Sekretess", links=["[a](a.md)", "[b](b.md)"])]
    names = [n for n in (e if isinstance(e, str) else next(iter(e)) for e in EXTENSIONS)]
    for html in parts:
        page = f"{neighbour}\n{html.strip()}\n- a bullet just after\n**Sekretess:** after"
        root = tinyhtml5.parse(markdown.markdown(page, extensions=names))
        body = root.find(f"{H}body")
        part = next(el for el in body.iter() if set(classes(el)) & set(KINDS))
        assert part in list(body), f"the part ended up inside {neighbour!r}"
        assert "just after" not in text(part) and "Sekretess: after" not in text(part)
        assert check_part(part, [body]) == []
