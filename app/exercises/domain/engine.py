"""The exercise engine (curriculum.md §5): variants, criterion scores, hard fails, evidence.

Pure: no Flask, no database. A scorer is a small class registered under an exercise id
(app/exercises/scorers.py); it builds the task a variant shows (`task`), the gold key or model
answer (`key`), and scores a submission (`score`). Everything a scorer returns is plain data
that can be stored as JSON and shown again: criterion points with the reasons behind them
(a reason is a message code and its values; the page words it in the learner's language),
hard fails, the total out of 100 and the evidence rows to write.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from app.content.model import Exercise


@dataclass(frozen=True)
class Variant:
    """What an attempt runs on: a brand chosen by the seed × the chosen condition."""

    exercise: str
    brand: str
    condition: str
    hard: bool
    seed: int

    def rng(self, purpose: str) -> random.Random:
        """A generator for one purpose, keyed by seed and variant (same seed, same draws)."""
        # A str seed is hashed with SHA-512 by `random`: stable across runs and machines.
        return random.Random(f"{self.exercise}|{self.brand}|{self.condition}|{self.seed}|{purpose}")  # noqa: S311  # nosec B311


def pick_variant(exercise: Exercise, condition: str, seed: int) -> Variant:
    """The variant for a seed: the brand is drawn from the exercise's brands by the seed."""
    chosen = exercise.condition(condition)
    if chosen is None:
        raise ValueError(f"{exercise.id} has no condition {condition!r}")
    if not exercise.brands:
        raise ValueError(f"{exercise.id} lists no brands")
    draw = random.Random(f"{exercise.id}|brand|{seed}")  # noqa: S311  # nosec B311
    brand = exercise.brands[draw.randrange(len(exercise.brands))]
    return Variant(exercise.id, brand, chosen.id, chosen.hard, seed)


@dataclass(frozen=True)
class Reason:
    """Why a criterion earned what it did: a message code and the values the message shows."""

    code: str
    values: Mapping[str, Any] = field(default_factory=dict)
    ok: bool = True

    def as_json(self) -> dict[str, Any]:
        """Plain data for storage."""
        return {"code": self.code, "values": dict(self.values), "ok": self.ok}


@dataclass(frozen=True)
class CriterionScore:
    """Points earned on one criterion out of its maximum, with every reason."""

    id: str
    points: float
    max: int
    reasons: tuple[Reason, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """Plain data for storage."""
        return {
            "id": self.id,
            "points": round(self.points, 2),
            "max": self.max,
            "reasons": [r.as_json() for r in self.reasons],
        }


@dataclass(frozen=True)
class EvidenceRow:
    """One skill evidence row an attempt writes (§2.1: score 0–100, role, hard flag)."""

    skill: str
    role: str
    score: float
    hard: bool


@dataclass(frozen=True)
class Result:
    """A scored attempt: criteria, hard fails, points earned, the total that counts, evidence."""

    exercise: str
    variant: Variant
    criteria: tuple[CriterionScore, ...]
    hard_fails: tuple[Reason, ...]
    points: float
    total: int
    evidence: tuple[EvidenceRow, ...]

    def as_json(self) -> dict[str, Any]:
        """Plain data for storage (curriculum.md §6 "Exercise result", reasons as codes)."""
        return {
            "exercise": self.exercise,
            "brand": self.variant.brand,
            "variant": self.variant.condition,
            "hard_variant": self.variant.hard,
            "seed": self.variant.seed,
            "points": round(self.points, 2),
            "score": self.total,
            "hard_fail": bool(self.hard_fails),
            "hard_fails": [r.as_json() for r in self.hard_fails],
            "criteria": [c.as_json() for c in self.criteria],
            "skills": [{"id": e.skill, "role": e.role} for e in self.evidence],
        }


def clamp(value: float, top: float) -> float:
    """A value kept within 0 and `top`."""
    return max(0.0, min(float(top), float(value)))


def share(points: int, hits: float, out_of: float) -> float:
    """`points` scaled by hits ÷ out_of (0 when there is nothing to count)."""
    return clamp(points * hits / out_of, points) if out_of else 0.0


def finish(
    exercise: Exercise,
    variant: Variant,
    criteria: Iterable[CriterionScore],
    hard_fails: Iterable[Reason] = (),
) -> Result:
    """Total the criteria; a hard fail makes the total (and the evidence score) 0 (§5.4)."""
    scored = tuple(criteria)
    fails = tuple(hard_fails)
    points = sum(clamp(c.points, c.max) for c in scored)
    total = 0 if fails else round(points)
    evidence = tuple(
        EvidenceRow(skill, role, float(total), variant.hard) for skill, role in exercise.skills()
    )
    return Result(exercise.id, variant, scored, fails, points, total, evidence)


class Scorer:
    """Base class of a scorer: one per exercise, pure, built with the data it needs.

    Subclasses set `exercise_id` and `criteria` ((id, max points) in catalogue order, which a
    test compares with courses/exercises.yaml) and implement the three methods.
    """

    exercise_id: ClassVar[str] = ""
    criteria: ClassVar[tuple[tuple[str, int], ...]] = ()

    def __init__(self, exercise: Exercise, context: Any) -> None:
        """Keep the catalogue entry and the exercise's data (scenarios, rules, its own YAML)."""
        self.exercise = exercise
        self.context = context

    def task(self, variant: Variant) -> dict[str, Any]:
        """What the learner works from, as plain data (stored on the attempt at start)."""
        raise NotImplementedError

    def key(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The gold key or model answer for the result page, with its rationale."""
        raise NotImplementedError

    def score(
        self, variant: Variant, task: Mapping[str, Any], submission: Mapping[str, Any]
    ) -> Result:
        """Score a submission (plain data, as the form parser gives it)."""
        raise NotImplementedError

    def example(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """A strong submission built from the key (for the demo, the bench and the tests)."""
        raise NotImplementedError


@dataclass(frozen=True)
class Context:
    """What scorers read besides the submission: sandbox scenarios and calendars by id, the
    platform facts (courses/facts.yaml values by id) and each exercise's own validated data."""

    scenarios: Mapping[str, Any]
    calendars: Mapping[str, Any]
    facts: Mapping[str, Any]
    data: Mapping[str, Any]  # exercise id -> its data (app/exercises/data/<id>.yaml, parsed)
