"""Exercise attempts in the user-data registry (export, deletion) and the XSS harness."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.core.registry import XssField, register_table, register_xss_field
from app.exercises.catalog import KINDS
from app.exercises.models import ExerciseAttempt, new_attempt

ATTEMPT_FIELDS = (
    "id",
    "exercise_id",
    "brand",
    "condition",
    "hard",
    "seed",
    "status",
    "task",
    "draft",
    "result",
    "score",
    "started_at",
    "submitted_at",
)
register_table(
    ExerciseAttempt,
    export=ATTEMPT_FIELDS,
    order=15,
    not_learner_text={
        "exercise_id": "an exercise id from the catalogue",
        "brand": "a scenario id chosen by the seed",
        "condition": "a condition id checked against the catalogue",
        "token": "a random submission token",
        "status": "set by the system",
    },
)


def filled(value: Any, keys: tuple[str, ...], text: str, inside: bool = False) -> Any:
    """A copy of a draft with every string under one of `keys` (at any depth) set to `text`."""
    if isinstance(value, dict):
        return {k: filled(v, keys, text, inside or k in keys) for k, v in value.items()}
    if isinstance(value, list):
        return [filled(v, keys, text, inside) for v in value]
    return text if inside and isinstance(value, str) else value


def draft_setter(exercise_id: str) -> Any:
    """Store an open and a submitted attempt whose free text is `value` (the example's shape)."""

    def set_value(session: Any, user: Any, value: str) -> None:
        """Build both attempts from the scorer's example answer, free text replaced."""
        from app.content_runtime import library
        from app.exercises.data import exercise_data
        from app.exercises.domain.engine import pick_variant

        exercise = library().exercises[exercise_id]
        scorer = exercise_data().scorers[exercise_id]
        # The open attempt in the first condition, the submitted one in the hard condition.
        chosen = (("open", exercise.conditions[0].id), ("submitted", exercise.hard_conditions[0]))
        for status, condition in chosen:
            variant = pick_variant(exercise, condition, 1)
            task = scorer.task(variant)
            draft = filled(scorer.example(variant, task), KINDS[exercise_id].text_keys, value)
            attempt = new_attempt(user.id, variant, task, status, draft)
            if status == "submitted":
                result = scorer.score(variant, task, draft)
                attempt.result, attempt.score = result.as_json(), float(result.total)
            session.add(attempt)

    return set_value


def draft_pages(exercise_id: str) -> Any:
    """The work page of the open attempt and the result page of the submitted one."""

    def pages(user: Any) -> list[str]:
        """Where the attempts' free text is displayed."""
        from app.core.extensions import db

        rows = db.session.execute(
            select(ExerciseAttempt.id, ExerciseAttempt.status).where(
                ExerciseAttempt.user_id == user.id, ExerciseAttempt.exercise_id == exercise_id
            )
        )
        extra = KINDS[exercise_id].pages
        return [
            page
            for n, status in rows
            for page in (
                f"/exercises/attempts/{n}" + ("/result" if status == "submitted" else ""),
                *(f"/exercises/attempts/{n}{suffix}" for suffix in extra),
            )
        ]

    return pages


# The first exercise is the column's browser check; the others' pages are checked statically.
for position, exercise_id in enumerate(KINDS):
    name = "exercise_attempt.draft" + (f"@{exercise_id}" if position else "")
    register_xss_field(
        XssField(
            name,
            draft_setter(exercise_id),
            draft_pages(exercise_id),
            max_length=500,
            browser=not position,
        )
    )
