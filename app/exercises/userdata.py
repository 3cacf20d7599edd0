"""Exercise attempts in the user-data registry (export, deletion) and the XSS harness."""

from __future__ import annotations

from app.core.registry import register_table
from app.exercises.models import ExerciseAttempt

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
