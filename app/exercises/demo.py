"""Demo data for `flask demo`: scored exercises (sbx-02 and the sbx-06 inbox shift, fixed seeds)."""

from __future__ import annotations

from sqlalchemy import func, select

from app.accounts.models import User
from app.content.model import Library
from app.core.extensions import db
from app.exercises import services
from app.exercises.data import exercise_data
from app.exercises.models import ExerciseAttempt

DEMO_EXERCISES = ("sbx-02", "sbx-06")
DEMO_SEED = 20270204  # fixed: the demo looks the same on every machine


def seed_exercise(user: User, lib: Library) -> bool:
    """Submit each demo exercise's example answer once (no-op when the learner has attempts)."""
    taken = db.session.scalar(
        select(func.count(ExerciseAttempt.id)).where(ExerciseAttempt.user_id == user.id)
    )
    if taken:
        return False
    done = False
    for exercise_id in DEMO_EXERCISES:
        scorer = exercise_data().scorers.get(exercise_id)
        exercise = lib.exercises.get(exercise_id)
        if scorer is None or exercise is None:
            continue
        condition = exercise.conditions[0].id
        attempt = services.start_attempt(user, lib, exercise_id, condition, seed=DEMO_SEED)
        example = scorer.example(services.variant_of(attempt), attempt.task)
        services.submit_attempt(user, lib, attempt.id, attempt.token, example)
        done = True
    return done
