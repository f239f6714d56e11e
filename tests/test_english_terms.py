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


# --- words that render another Swedish word: "parent" is not "guardian" --------------------


def swedish_exact(word: str) -> re.Pattern:
    """A Swedish word with its endings, but not a longer compound (föräldrar, not föräldrarollen)."""
    return re.compile(r"(?<![\w-])" + re.escape(word) + SWEDISH_ENDINGS + r"(?![\w-])", re.IGNORECASE)


def without_law_names(text: str, content) -> str:
    """'Children and Parents Code' names a law; it is not a rendering of anyone."""
    for law in content.lagrum.laws.values():
        text = text.replace(law.name.en, "")
    return text


def wrong_words_here(sv: str, en: str, term, content) -> list[str]:
    """The glossary's `en_not_here` words the English uses where the Swedish says the term and no word they render."""
    if not swedish_word(term.term).search(sv):
        return []
    en = without_law_names(en, content)
    return [n.en for n in term.en_not_here
            if phrase(n.en).search(en) and not any(swedish_exact(w).search(sv) for w in n.unless_sv)]


def test_the_glossary_says_a_guardian_is_not_any_parent(content):
    guardian = next(t for t in content.glossary.terms if t.term == "vårdnadshavare")
    assert guardian.en_term == "guardian"
    assert [n.en for n in guardian.en_not_here] == ["parent"]


def test_where_the_swedish_says_vardnadshavare_the_english_does_not_say_parent(content):
    terms = [t for t in content.glossary.terms if t.en_not_here]
    found = []
    for where, text in english_texts(content):
        for term in terms:
            for word in wrong_words_here(text.sv, text.en, term, content):
                found.append(f"{where}: sv '{term.term}', en '{word}' (glossary: {term.en_term})")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("sv, en, wrong", [
    ("Vårdnadshavarna samtycker till stödet.", "The parents consent to the support.", ["parent"]),
    ("Utan vårdnadshavarnas samtycke.", "Without the parent's consent.", ["parent"]),
    ("Vårdnadshavarna kan få stöd i föräldrarollen.", "The parents can get support in their parenting role.", ["parent"]),
    # Where the Swedish says förälder the English may say parent, and 'parenting' is not 'parent'.
    ("Föräldrarna kommer till mötet.", "The parents come to the meeting.", []),
    ("Vårdnadshavarna, oftast föräldrarna, skriver under.", "The guardians, usually the parents, sign.", []),
    ("Vårdnadshavaren erbjuds en föräldragrupp.", "The guardian is offered a parent group.", []),
    ("Vårdnadshavarna får stöd i föräldrarollen.", "The guardians get support in their parenting role.", []),
    # A law's name is not a rendering.
    ("Vårdnadshavarna beslutar (föräldrabalken 6 kap. 11 §).", "The guardians decide (Children and Parents Code chapter 6 section 11).", []),
])
def test_the_parent_check_catches_drift_without_false_hits(content, sv, en, wrong):
    guardian = next(t for t in content.glossary.terms if t.term == "vårdnadshavare")
    assert wrong_words_here(sv, en, guardian, content) == wrong


# --- kartläggning: a student's is an assessment, a report's of municipalities a survey --------


def test_the_glossary_says_a_kartlaggning_is_an_assessment_and_keeps_mapping_for_search(content):
    terms = {t.term: t for t in content.glossary.terms}
    assert terms["kartläggning"].en_term == "assessment"
    assert "mapping" in [n.en for n in terms["kartläggning"].en_not_here]
    assert terms["förenklad kartläggning"].en_term == "simplified assessment"
    assert terms["fördjupad kartläggning"].en_term == "in-depth assessment"
    # Searching the old word still finds the terms and the pages they link to.
    assert "mapping" in terms["kartläggning"].also.en
    assert "in-depth mapping" in terms["fördjupad kartläggning"].also.en
    assert "simplified mapping" in terms["förenklad kartläggning"].also.en


@pytest.mark.parametrize("sv, en, wrong", [
    ("Mentorn gör en förenklad kartläggning.", "The mentor does a simplified mapping.", ["mapping"]),
    ("Kartläggningarna gjorde att stödet kunde riktas.", "The mappings meant support could be aimed.", ["mapping"]),
    ("Mentorn gör en förenklad kartläggning.", "The mentor does a simplified assessment.", []),
    ("I kartläggningen av åtta kommuner var hembesök ovanliga.", "In the survey of eight municipalities home visits were rare.", []),
    # Min karta is a map the child draws: there 'mapping' renders karta, not kartläggning.
    ("Eleven ritar en karta; kartläggningen av nätverket tar en timme.", "The student draws a map; mapping the network takes an hour.", []),
])
def test_the_mapping_check_catches_drift_without_false_hits(content, sv, en, wrong):
    term = next(t for t in content.glossary.terms if t.term == "kartläggning")
    assert wrong_words_here(sv, en, term, content) == wrong


def test_hand_written_english_pages_use_none_of_the_words_the_glossary_rules_out_here(content):
    """A page in docs/en against its Swedish page in docs/sv: 'mapping' where the Swedish says kartläggning."""
    terms = [t for t in content.glossary.terms if t.en_not_here]
    found = []
    for page in ENGLISH_PAGES:
        sv_page = ROOT / "docs" / "sv" / page.relative_to(ROOT / "docs" / "en")
        if not sv_page.exists():
            continue
        sv, en = sv_page.read_text(encoding="utf-8"), page.read_text(encoding="utf-8")
        for term in terms:
            for word in wrong_words_here(sv, en, term, content):
                found.append(f"{page.relative_to(ROOT)}: sv '{term.term}', en '{word}' (glossary: {term.en_term})")
    assert not found, "\n".join(found)
