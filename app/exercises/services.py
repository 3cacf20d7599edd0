"""Exercise services: start an attempt on a variant, keep what was typed, submit it once.

Submitting scores the attempt with the exercise's pure scorer and, in the same unit of work,
stores the result and writes the skill evidence (curriculum.md §2.1): one row per skill the
exercise lists, with the 0–100 total (0 after a hard fail), the skill's role and the
hard-variant flag.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import func, select, update

from app.accounts.models import User
from app.content.model import Library
from app.core.db import locked, utcnow, write_unit
from app.core.extensions import db
from app.exercises.data import exercise_data
from app.exercises.domain.engine import Variant, pick_variant
from app.exercises.errors import AlreadySubmitted, AttemptNotFound, NotTakeable
from app.exercises.models import ExerciseAttempt, new_attempt
from app.skills.services import Evidence, record_evidence

SEED_RANGE = 2**31 - 1


def variant_of(attempt: ExerciseAttempt) -> Variant:
    """The variant an attempt runs on, as stored."""
    return Variant(
        attempt.exercise_id, attempt.brand, attempt.condition, attempt.hard, attempt.seed
    )


def start_attempt(
    user: User, lib: Library, exercise_id: str, condition: str, seed: int | None = None
) -> ExerciseAttempt:
    """Open an attempt on the seed's brand × the chosen condition, with its task built once."""
    scorer = exercise_data().scorers.get(exercise_id)
    exercise = lib.exercises.get(exercise_id)
    if scorer is None or exercise is None or exercise.condition(condition) is None:
        raise NotTakeable()
    chosen = secrets.randbelow(SEED_RANGE) if seed is None else int(seed)
    variant = pick_variant(exercise, condition, chosen)
    task = scorer.task(variant)
    with write_unit(db.session) as s:
        attempt = new_attempt(user.id, variant, task)
        s.add(attempt)
    return attempt


def attempt_for(user: User, attempt_id: int) -> ExerciseAttempt:
    """The user's attempt (AttemptNotFound for anyone else's)."""
    attempt = db.session.get(ExerciseAttempt, attempt_id)
    if attempt is None or attempt.user_id != user.id:
        raise AttemptNotFound()
    return attempt


def _open_attempt(s: Any, user: User, attempt_id: int) -> ExerciseAttempt:
    """The user's attempt locked inside a unit; refused when already submitted."""
    attempt = locked(s, ExerciseAttempt, attempt_id)
    if attempt is None or attempt.user_id != user.id:
        raise AttemptNotFound()
    if attempt.status != "open":
        raise AlreadySubmitted()
    return attempt


def save_draft(user: User, attempt_id: int, draft: dict[str, Any]) -> None:
    """Keep what the learner typed (an open attempt only)."""
    with write_unit(db.session) as s:
        _open_attempt(s, user, attempt_id).draft = draft


def submit_attempt(
    user: User, lib: Library, attempt_id: int, token: str, submission: dict[str, Any]
) -> ExerciseAttempt:
    """Score and store an attempt exactly once; a replay returns the attempt as scored.

    The status moves open → submitted with a conditional UPDATE inside the unit that stores
    the result and the evidence, so two concurrent submissions score once.
    """
    with write_unit(db.session) as s:
        attempt = locked(s, ExerciseAttempt, attempt_id)
        if attempt is None or attempt.user_id != user.id or attempt.token != token:
            raise AttemptNotFound()
        claimed = s.execute(
            update(ExerciseAttempt)
            .where(ExerciseAttempt.id == attempt.id, ExerciseAttempt.status == "open")
            .values(status="submitted", submitted_at=utcnow())
        ).rowcount
        if claimed != 1:
            return attempt
        scorer = exercise_data().scorers.get(attempt.exercise_id)
        if scorer is None:
            raise NotTakeable()
        result = scorer.score(variant_of(attempt), attempt.task, submission)
        s.refresh(attempt)
        attempt.draft = submission
        attempt.result = result.as_json()
        attempt.score = float(result.total)
        record_evidence(
            s,
            user,
            lib,
            [
                Evidence(
                    row.skill,
                    "exercise",
                    str(attempt.id),
                    attempt.exercise_id,
                    row.score,
                    None,
                    row.role,
                    row.hard,
                )
                for row in result.evidence
            ],
        )
    return attempt


def best_scores(user: User) -> dict[str, float]:
    """The learner's best counted score per exercise (submitted attempts)."""
    rows = db.session.execute(
        select(ExerciseAttempt.exercise_id, func.max(ExerciseAttempt.score))
        .where(ExerciseAttempt.user_id == user.id, ExerciseAttempt.status == "submitted")
        .group_by(ExerciseAttempt.exercise_id)
    )
    return {exercise: float(best) for exercise, best in rows if best is not None}


def attempts_of(user: User, exercise_id: str) -> list[Any]:
    """The learner's attempts at one exercise, newest first, as rows of (id, condition,
    status, score): a list of attempts needs no task or draft decoded."""
    query = (
        select(
            ExerciseAttempt.id,
            ExerciseAttempt.condition,
            ExerciseAttempt.status,
            ExerciseAttempt.score,
        )
        .where(ExerciseAttempt.user_id == user.id, ExerciseAttempt.exercise_id == exercise_id)
        .order_by(ExerciseAttempt.id.desc())
    )
    return list(db.session.execute(query))
