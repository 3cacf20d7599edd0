"""Benchmark seeding for exercises: a scored attempt per exercise, and scoring CPU time."""

from __future__ import annotations

import statistics
import time
from typing import Any

RUNS = 30  # scorings per exercise for the CPU figure


def make_attempts(app: Any, email: str, runs: int = RUNS) -> tuple[int, dict[str, float]]:
    """Submit each scored exercise's example answer for the learner; returns the first
    attempt's id (its result page is benchmarked) and the CPU ms one scoring takes, per
    exercise (median of `runs`, in process; none timed when 0)."""
    from sqlalchemy import select

    from app.accounts.models import User
    from app.content_runtime import library
    from app.core.extensions import db
    from app.exercises import services
    from app.exercises.data import exercise_data
    from app.exercises.domain.text import forget_words

    user = db.session.scalar(select(User).where(User.email == email))
    lib = library()
    first, cpu = 0, {}
    for exercise_id, scorer in exercise_data().scorers.items():
        hard = lib.exercises[exercise_id].hard_conditions[0]
        attempt = services.start_attempt(user, lib, exercise_id, hard, seed=11)
        variant = services.variant_of(attempt)
        example = scorer.example(variant, attempt.task)
        timings = []
        for _ in range(runs):
            forget_words()  # each timed scoring reads its texts afresh, as a new submission does
            start = time.process_time()
            scorer.score(variant, attempt.task, example)
            timings.append((time.process_time() - start) * 1000)
        if timings:
            cpu[exercise_id] = statistics.median(timings)
        services.submit_attempt(user, lib, attempt.id, attempt.token, example)
        first = first or attempt.id
    return first, cpu
