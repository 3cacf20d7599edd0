"""Grading is pure: scores stay in [0, 1], display order never matters, normalising never raises."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.content.library import load_library
from app.content.normalize import normalize, parse_number
from app.content.questions import REGISTRY, grade

LIB, _ = load_library(Path(__file__).parent / "valid")
ITEMS = list(LIB.items.values())
ids = st.sampled_from(["a", "b", "c", "d", "z", "p1", "p2", ""])
responses = st.one_of(
    st.none(),
    st.text(max_size=30),
    ids,
    st.lists(ids, max_size=6),
    st.dictionaries(ids, ids, max_size=4),
    st.integers(),
    st.floats(allow_nan=True),
)


def test_every_type_is_registered_and_in_the_fixture():
    """All seven question types exist, and the valid fixture uses each of them."""
    assert set(REGISTRY) == {
        "single",
        "multiple",
        "truefalse",
        "short",
        "numeric",
        "ordering",
        "matching",
    }
    assert {i.type for i in ITEMS} == set(REGISTRY)


@given(item=st.sampled_from(ITEMS), response=responses)
def test_scores_stay_between_0_and_1(item, response):
    """Any response to any item scores within [0, 1]."""
    assert 0.0 <= grade(item, response) <= 1.0


@given(item=st.sampled_from(ITEMS), response=responses, seed=st.integers())
def test_display_order_never_changes_a_grade(item, response, seed):
    """Shuffling the options or pairs of an item leaves every grade unchanged."""
    spec = dict(item.spec)
    for key in ("options", "pairs"):
        if key in spec:
            shuffled = list(spec[key])
            random.Random(seed).shuffle(shuffled)
            spec[key] = shuffled
    assert grade(replace(item, spec=spec), response) == grade(item, response)


@given(st.text())
def test_normalisation_never_raises(text):
    """normalize and parse_number accept any text."""
    assert isinstance(normalize(text), str)
    parse_number(text)


def test_known_grades():
    """Examples per type: full, partial and zero credit."""
    by_id = LIB.items
    assert grade(by_id["bas-q1"], "a") == 1 and grade(by_id["bas-q1"], "b") == 0
    assert grade(by_id["bas-q2"], ["a", "b"]) == 1
    assert grade(by_id["bas-q2"], ["a"]) == 0.5
    assert grade(by_id["bas-q2"], ["a", "c"]) == 0
    assert grade(by_id["bas-q3"], "true") == 1 and grade(by_id["bas-q3"], "false") == 0
    assert grade(by_id["bas-q4"], "٤٫٢") == 1 and grade(by_id["bas-q4"], "4.35") == 0
    assert grade(by_id["bas-q5"], ["a", "b", "c"]) == 1
    assert grade(by_id["bas-q5"], ["b", "c", "a"]) == 0.5
    assert grade(by_id["bas-q6"], {"p1": "p1", "p2": "p1"}) == 0.5
    assert grade(by_id["bas-q7"], "  الْوُصُول ") == 1 and grade(by_id["bas-q7"], "REACH") == 1


def test_arabic_normalisation_examples():
    """Digits, tatweel, diacritics and letter forms fold together."""
    assert normalize("إعـــلانات") == normalize("اعلانات")
    assert normalize("مدرسة") == normalize("مدرسه")
    assert normalize("مستشفى") == normalize("مستشفي")
    assert normalize("٢٠٢٦") == "2026"
    assert normalize("  Hello   World ") == "hello world"


def test_numbers_typed_with_arabic_digits_and_percent_signs_parse():
    """«٤٫٥٪», «4.5%» and «4,5» all read as 4.5 (learners type the % sign anyway)."""
    assert parse_number("٤٫٥٪") == 4.5
    assert parse_number("4.5%") == 4.5
    assert parse_number("4,5") == 4.5
    assert parse_number("٪") is None
