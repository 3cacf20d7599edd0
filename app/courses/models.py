"""Lesson progress: one row per learner and lesson (content is referenced by id only)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime, user_fk, utcnow
from app.core.extensions import db


class LessonProgress(db.Model):  # type: ignore[name-defined]
    """A lesson the learner marked complete (reading a page writes nothing)."""

    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("user_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = user_fk()
    lesson_id: Mapped[str] = mapped_column(String(40))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
