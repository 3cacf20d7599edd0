"""Every form exercise: its example answer, typed into its form and parsed back, scores the
same, in every condition (the form loses nothing the scorer reads)."""

from __future__ import annotations

from pathlib import Path

import pytest
from exercise_forms import desk_forms, form_for

import app.exercises.kinds  # noqa: F401  (registers the kinds)
from app.content.library import load_library
from app.exercises.catalog import KINDS
from app.exercises.data import load_exercises
from app.exercises.domain.engine import pick_variant
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
LIB, _ = load_library(ROOT)
LOADED = load_exercises(LIB, load_sandbox())
CASES = [
    (exercise_id, condition.id)
    for exercise_id in LOADED.scorers
    if KINDS[exercise_id].step is None
    for condition in LIB.exercises[exercise_id].conditions
]


@pytest.mark.parametrize(("exercise_id", "condition"), CASES)
def test_the_example_through_the_form_scores_the_same(exercise_id, condition):
    """Example → form fields → parser → the same result, with no field error."""
    scorer = LOADED.scorers[exercise_id]
    for seed in (1, 2, 3):
        variant = pick_variant(LIB.exercises[exercise_id], condition, seed)
        task = scorer.task(variant)
        example = scorer.example(variant, task)
        fields = form_for(exercise_id, example, task)
        parsed, errors = KINDS[exercise_id].parse({**fields, "action": "submit"}, task)
        assert errors == {}
        direct, typed = scorer.score(variant, task, example), scorer.score(variant, task, parsed)
        assert typed.as_json() == direct.as_json()
        assert direct.total >= 90


DESKS = [
    (exercise_id, condition.id)
    for exercise_id in LOADED.scorers
    if KINDS[exercise_id].step is not None
    for condition in LIB.exercises[exercise_id].conditions
]


@pytest.mark.parametrize(("exercise_id", "condition"), DESKS)
def test_the_example_desk_replayed_step_by_step_scores_the_same(exercise_id, condition):
    """Example desk → its step forms → the step rule, one by one → the same draft and result."""
    scorer = LOADED.scorers[exercise_id]
    step = KINDS[exercise_id].step
    assert step is not None
    for seed in (1, 2, 3):
        variant = pick_variant(LIB.exercises[exercise_id], condition, seed)
        task = scorer.task(variant)
        example = scorer.example(variant, task)
        draft: dict = {}
        for form in desk_forms(example):
            draft, error = step(task, draft, form)
            assert error is None, (form, error)
        assert draft == example
        assert (
            scorer.score(variant, task, draft).as_json()
            == scorer.score(variant, task, example).as_json()
        )
        assert scorer.score(variant, task, example).total >= 80
