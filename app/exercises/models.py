"""Exercise attempts (typed SQLAlchemy 2.0 model; never commits)."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime, user_fk, utcnow
from app.core.extensions import db


class ExerciseAttempt(db.Model):  # type: ignore[name-defined]
    """One attempt at an exercise on one variant: the task it showed, what the learner typed,
    and once submitted the stored result (criteria, hard fails, total)."""

    __tablename__ = "exercise_attempt"
    __table_args__ = (UniqueConstraint("token"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = user_fk()
    exercise_id: Mapped[str] = mapped_column(String(20), index=True)
    brand: Mapped[str] = mapped_column(String(60))
    condition: Mapped[str] = mapped_column(String(60))
    hard: Mapped[bool] = mapped_column(Boolean, default=False)
    seed: Mapped[int] = mapped_column(Integer)
    # Submitting twice with the same token stores one result (like quiz submissions).
    token: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | submitted
    # The task as built at start (so the same attempt always shows the same data), what the
    # learner typed so far (kept on every save and on a validation error), and the result.
    task: Mapped[dict[str, Any]] = mapped_column(JSON)
    draft: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    score: Mapped[float | None] = mapped_column(Float)  # the total that counts (0 on a hard fail)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


def new_attempt(
    user_id: int, variant: Any, task: dict[str, Any], status: str = "open", draft: Any = None
) -> ExerciseAttempt:
    """An attempt row on a variant (engine Variant) with its task; the caller adds it."""
    return ExerciseAttempt(
        user_id=user_id,
        exercise_id=variant.exercise,
        brand=variant.brand,
        condition=variant.condition,
        hard=variant.hard,
        seed=variant.seed,
        token=secrets.token_urlsafe(24),
        status=status,
        task=task,
        draft=draft if draft is not None else {},
    )
