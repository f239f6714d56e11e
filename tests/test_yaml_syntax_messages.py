"""A YAML syntax error is told in plain Swedish and plain English, at the line where
the problem starts, with what to do about it."""
from __future__ import annotations

import re

import pytest

from handbok.problems import ContentError
from handbok.validate import load_content

KURATOR = "roles/kurator.yml"
# Words of the YAML parser's own English that must not reach a coordinator's Swedish.
PARSER_WORDS = re.compile(r"while scanning|while parsing|found unexpected|did not find|mapping values|expected key|"
                          r"quoted scalar|end of stream|block mapping", re.IGNORECASE)


def problem(project, text: str):
    (project / KURATOR).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_content(project)
    found = [p for p in err.value.problems if p.file == KURATOR]
    assert len(found) == 1, [str(p) for p in err.value.problems]
    sv, en = found[0].texts()
    assert not PARSER_WORDS.search(sv), sv
    return found[0], sv, en


def test_an_unclosed_quote_is_reported_where_the_quote_opens(project):
    lines = ["owner: Samordnare", "title:", '  sv: "Kurator i skolan', "  en: School counsellor",
             "summary:", "  sv: Text", "  en: Text", ""]
    p, sv, en = problem(project, "\n".join(lines))
    assert p.line == 3  # not line 8, after the end of the file
    assert sv.startswith('citattecknet " på den här raden öppnar en text som aldrig stängs')
    assert en.startswith('the quotation mark " on this line opens a text that is never closed')


def test_a_single_quote_too(project):
    p, sv, en = problem(project, "owner: Samordnare\ntitle:\n  sv: 'Kurator\n  en: Counsellor\n")
    assert p.line == 3 and "citattecknet '" in sv and "quotation mark '" in en


def test_a_dedented_en_is_an_indentation_problem_on_its_line(project):
    p, sv, en = problem(project, "owner: Samordnare\ntitle:\n  sv: Kurator\n en: Counsellor\n")
    assert p.line == 4
    assert "indragen" in sv and "mellanslag" in sv and "'en: Counsellor'" in sv
    assert "indented" in en and "spaces" in en


def test_a_colon_inside_a_text_says_to_quote_it(project):
    p, sv, en = problem(project, "owner: Samordnare\ntitle:\n  sv: Obs: kurator\n  en: Counsellor\n")
    assert p.line == 3 and "kolon" in sv and "citattecken" in sv and "colon" in en and "quotes" in en


def test_text_after_a_closing_quote(project):
    p, sv, en = problem(project, 'owner: "Samordnare" för teamet\n')
    assert p.line == 1 and "efter citattecknet" in sv and "after the quote" in en


def test_an_unclosed_bracket_is_reported_where_it_opens(project):
    p, sv, en = problem(project, "owner: Samordnare\nroles: [a, b\nother: 1\n")
    assert p.line == 2 and "hakparentes" in sv and "brackets" in en


def test_a_control_character_is_named_on_its_line(project):
    p, sv, en = problem(project, "owner: Samordnare\ntitle: Kura\x07tor\n")
    assert p.line == 2 and "U+0007" in sv and "control character" in en


def test_a_second_document(project):
    p, sv, en = problem(project, "owner: Samordnare\n---\nowner: Någon\n")
    assert p.line == 2 and "---" in sv and "one document" in en
