"""Demo data for `flask demo`: one scored exercise (sbx-02 on a fixed seed)."""

from __future__ import annotations

from sqlalchemy import func, select

from app.accounts.models import User
from app.content.model import Library
from app.core.extensions import db
from app.exercises import services
from app.exercises.data import exercise_data
from app.exercises.models import ExerciseAttempt

DEMO_EXERCISE = "sbx-02"
DEMO_SEED = 20270204  # fixed: the demo looks the same on every machine


def seed_exercise(user: User, lib: Library) -> bool:
    """Submit the exercise's example answer once for the learner (no-op when they have one)."""
    scorer = exercise_data().scorers.get(DEMO_EXERCISE)
    exercise = lib.exercises.get(DEMO_EXERCISE)
    taken = db.session.scalar(
        select(func.count(ExerciseAttempt.id)).where(ExerciseAttempt.user_id == user.id)
    )
    if scorer is None or exercise is None or taken:
        return False
    condition = exercise.conditions[0].id
    attempt = services.start_attempt(user, lib, DEMO_EXERCISE, condition, seed=DEMO_SEED)
    example = scorer.example(services.variant_of(attempt), attempt.task)
    services.submit_attempt(user, lib, attempt.id, attempt.token, example)
    return True
