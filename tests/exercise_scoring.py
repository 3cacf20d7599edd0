"""What the exercises' scoring tests share: a scorer on the repository's own data, a variant
with its task and example submission, one criterion of a result (pure: no Flask)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from app.content.errors import Problems
from app.content.library import load_library
from app.content.model import Exercise
from app.exercises.domain.engine import Context, CriterionScore, Result, Variant
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[1]
BRANDS = ("riyadh-cafe", "cairo-abaya", "ledger-b2b", "food-bank")
S = TypeVar("S")


def real_scorer(
    exercise_id: str, load: Callable[..., Any], make: Callable[[Exercise, Context], S]
) -> S:
    """The scorer `make` builds on the catalogue entry, the sandbox's scenarios and calendars,
    and the exercise's data file as `load` reads it (any problem in the file fails the test)."""
    library, _ = load_library(ROOT)
    sandbox = load_sandbox()
    problems = Problems()
    file = f"app/exercises/data/{exercise_id}.yaml"
    data = load(ROOT / file, sandbox.scenarios, problems, file)
    assert data is not None, [str(p) for p in problems.items]
    context = Context(sandbox.scenarios, sandbox.calendars, {}, {exercise_id: data})
    return make(library.exercises[exercise_id], context)


def with_example(
    scorer: Any, brand: str, condition: str, hard: bool, seed: int
) -> tuple[Variant, dict[str, Any], dict[str, Any]]:
    """A variant of the scorer's exercise, its task and the scorer's example submission."""
    variant = Variant(scorer.exercise.id, brand, condition, hard, seed)
    task = scorer.task(variant)
    return variant, task, scorer.example(variant, task)


def criterion(result: Result, name: str) -> CriterionScore:
    """One criterion of a result."""
    return next(c for c in result.criteria if c.id == name)
