"""Terms used one way: the English content uses the one rendering the glossary fixes for a
Swedish term (`en_term`) and none of the renderings the glossary rules out (`en_avoid`).

Everything here is driven by glossary.yml: add a term or an avoided rendering there and
these tests check it, with no word list in the code."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from handbok import load_content
from handbok.health import texts

# English background pages written by hand (the editing guide is about field names, not terms).
ENGLISH_PAGES = sorted((ROOT / "docs" / "en").glob("*.md")) + sorted((ROOT / "docs" / "en" / "bakgrund").glob("*.md"))


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


def phrase(words: str) -> re.Pattern:
    """A phrase as whole words, any case, with an optional plural or possessive ending."""
    return re.compile(r"(?<![\w-])" + re.escape(words) + r"(?:s|es|'s|s')?(?![\w-])", re.IGNORECASE)


# Swedish noun endings, so inflected forms count (fältassistenter, speciallärarna) but a
# longer word built on the term does not (specialpedagogisk kompetens).
SWEDISH_ENDINGS = r"(?:e|en|ens|er|erna|ernas|ers|es|ar|arna|arnas|s|n|na|nas|ns)?"


def swedish_word(term: str) -> re.Pattern:
    stem = term[:-1] if term.endswith("e") else term
    return re.compile(r"(?<![\w-])" + re.escape(stem) + SWEDISH_ENDINGS + r"(?![\w-])", re.IGNORECASE)


def english_texts(content):
    """(where, Text) for every reader-visible text in the content."""
    for (kind, item_id), item in content.all_items():
        where = content.sources[(kind, item_id)].rel
        for path, text in texts(item):
            yield f"{where}: {'.'.join(map(str, path))}", text
    for i, term in enumerate(content.glossary.terms):
        for path, text in texts(term):
            yield f"glossary.yml: terms.{i} ({term.term}).{'.'.join(map(str, path))}", text


def checked_terms(content):
    return [t for t in content.glossary.terms if t.en_term]


def test_the_glossary_fixes_the_terms_staff_found_translated_several_ways(content):
    terms = {t.term: t for t in content.glossary.terms}
    for name in ("speciallärare", "specialpedagog", "fältassistent", "samverkande socialsekreterare"):
        assert name in terms and terms[name].en_term, name
        assert terms[name].en_avoid, f"{name}: the glossary names no rendering to avoid"


def test_an_avoided_rendering_is_never_a_fixed_one(content):
    fixed = {t.en_term.lower(): t.term for t in checked_terms(content)}
    for term in content.glossary.terms:
        for avoid in term.en_avoid:
            assert avoid.lower() not in fixed, f"{term.term}: '{avoid}' is the fixed rendering of {fixed.get(avoid.lower())}"


def test_english_content_uses_none_of_the_avoided_renderings(content):
    avoided = [(t.term, a, phrase(a)) for t in content.glossary.terms for a in t.en_avoid]
    assert avoided, "the glossary declares no avoided renderings"
    found = []
    for where, text in english_texts(content):
        for term, avoid, pattern in avoided:
            if pattern.search(text.en):
                found.append(f"{where}: '{avoid}' (glossary: {term} → {next(t.en_term for t in content.glossary.terms if t.term == term)})")
    for page in ENGLISH_PAGES:
        body = page.read_text(encoding="utf-8")
        for term, avoid, pattern in avoided:
            if pattern.search(body):
                found.append(f"{page.relative_to(ROOT)}: '{avoid}' ({term})")
    assert not found, "\n".join(found)


def test_where_the_swedish_text_names_a_term_the_english_uses_its_fixed_rendering(content):
    """Only for terms with avoided renderings: those are the ones the glossary says drift."""
    terms = [(t, swedish_word(t.term), phrase(t.en_term)) for t in checked_terms(content) if t.en_avoid]
    missing = []
    for where, text in english_texts(content):
        if where.startswith("glossary.yml"):
            continue
        for term, sv_pattern, en_pattern in terms:
            if sv_pattern.search(text.sv) and not en_pattern.search(text.en):
                missing.append(f"{where}: sv names '{term.term}', en lacks '{term.en_term}'")
    assert not missing, "\n".join(missing)


def test_the_check_catches_a_drifting_translation(content):
    """The checks above would fail on a text that uses an avoided rendering."""
    for term in (t for t in content.glossary.terms if t.en_avoid):
        assert phrase(term.en_avoid[0]).search(f"We asked the {term.en_avoid[0]}s to join.")
        assert phrase(term.en_term).search(f"The {term.en_term} joined.")
        assert swedish_word(term.term).search(f"Vi bad {term.term} att vara med.")
