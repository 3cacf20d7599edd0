"""Folding with offsets and the policy pattern language (no Flask)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.ads.domain.policy_text import PatternError, compile_patterns, fold
from app.content.normalize import PUNCT_EDGES, SPACES, normalize


def finds(pattern: str, text: str) -> list[str]:
    """The original-text excerpts a single pattern matches."""
    regex = compile_patterns([pattern])
    assert regex is not None
    folded = fold(text)
    return [text[slice(*folded.original_span(*m.span()))] for m in regex.finditer(folded.text)]


@pytest.mark.parametrize(
    "text",
    [
        "نتائج مضمونة",  # plain
        "نَتَائِجُ مَضْمُونَةٌ",  # full diacritics
        "نتـــائج مضمـــونة",  # tatweel
        "نتائج مضمونه",  # ta marbuta written as ha
        "نتائج\u200f مضمونة",  # a right-to-left mark inside the phrase
        "نتائج  \t مضمونة",  # several spaces
    ],
)
def test_arabic_spellings_fold_to_the_same_match(text):
    """Diacritics, tatweel, ta marbuta, bidi marks and extra spaces do not hide a phrase."""
    assert finds("نتائج مضمونة", text) == [text]


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("هل انت مريض", "هل أنت مريض؟", "هل أنت مريض"),  # hamza on alef
        ("هل انت مريض", "هل إنت مريض؟", "هل إنت مريض"),  # hamza below (Egyptian spelling)
        ("هل انت مريض", "هل آنت مريض؟", "هل آنت مريض"),  # madda
        ("انتي مطلقه", "إنتى مطلقة؟", "إنتى مطلقة"),  # alef maqsura for ya
        ("خس <n> كيلو", "خس ١٠ كيلو", "خس ١٠ كيلو"),  # Arabic-Indic digits
        ("خس <n> كيلو", "خس ۱۰ كيلو", "خس ۱۰ كيلو"),  # Persian digits
        ("اعلان", "وإعلان", "وإعلان"),  # a glued conjunction
        ("#اعلان", "#إعلان_مدفوع", "#إعلان"),  # underscore ends the hashtag word
        ("you're broke", "You’re broke", "You’re broke"),  # typographic apostrophe
        ("100%", "مضمون 100٪", "100٪"),  # the Arabic percent sign
    ],
)
def test_normalised_forms_match(pattern, text, found):
    """Hamza and alef forms, alef maqsura, digits, apostrophes: the match covers the original."""
    assert finds(pattern, text) == [found]


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("ad", "add to cart"),  # not inside a word
        ("ad", "lead"),
        ("مريض", "مريح"),
        ("قبل وبعد", "قبل.\nوبعد"),  # not across a sentence end or a line
        ("cure{|s} diabetes", "secure diabetes"),
        ("are you muslim", "Are you Muslim-friendly?"),  # a hyphenated compound is one word
    ],
)
def test_patterns_do_not_match_inside_words_or_across_sentences(pattern, text):
    """Word boundaries hold on both sides; a space never spans a full stop or a newline."""
    assert finds(pattern, text) == []


def test_optional_words_groups_numbers_and_wildcards():
    """[x] is optional, {a|b} picks one, <n> is a number and <w> one word."""
    assert finds("are you [still] broke", "Are you still broke?") == ["Are you still broke"]
    assert finds("are you [still] broke", "are you broke") == ["are you broke"]
    assert finds("lose <n> {kg|kilos} in <n> days", "Lose 1,000 kilos in 3 days") == [
        "Lose 1,000 kilos in 3 days"
    ]
    assert finds("suffering from <w>", "suffering from migraines") == ["suffering from migraines"]
    assert finds("before [and] after", "before/after") == ["before/after"]


@pytest.mark.parametrize(
    "bad", ["", " lead", "a  b", "{unclosed", "closed}", "[x", "[]", "{}", "[only]", "{a|{b}}"]
)
def test_malformed_patterns_are_refused(bad):
    """Broken syntax raises PatternError instead of compiling to something surprising."""
    with pytest.raises((PatternError, re.error)):
        compile_patterns([bad])


ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهوي")
    + list("أإآٱةىؤئ")
    + ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0640"]
    + list("٠١٢٣٤٥٦٧٨٩0123456789")
    + list("abcXYZ ÉéßİK")
    + [" ", "  ", "\t", "\n", "،", "؟", "!", ".", "«", "»", "e\u0301"]
)


@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_fold_agrees_with_normalize(text):
    """fold applies normalize's rules: squeeze its spaces and trim its edges and it is
    normalize's answer (it only keeps the spaces and edges that offsets need)."""
    squeezed = PUNCT_EDGES.sub("", SPACES.sub(" ", fold(text).text))
    assert squeezed == normalize(text)


@given(st.text(max_size=200))
def test_fold_offsets_are_ordered_and_in_range(text):
    """Every folded character maps to a non-empty, in-range, non-decreasing original range."""
    folded = fold(text)
    assert len(folded.text) == len(folded.starts) == len(folded.ends)
    previous = 0
    for start, end in zip(folded.starts, folded.ends, strict=True):
        assert previous <= start < end <= len(text)
        previous = start
