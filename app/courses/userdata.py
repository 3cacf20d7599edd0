"""Registration of lesson progress with the user-data registry."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from app.courses.models import LessonProgress
from app.registry import declare_not_learner_text, register_user_data


def export_progress(session: Any, user: Any) -> list[dict[str, Any]]:
    """Completed lessons with their dates."""
    rows = session.scalars(select(LessonProgress).where(LessonProgress.user_id == user.id))
    return [{"lesson": r.lesson_id, "completed_at": r.completed_at.isoformat()} for r in rows]


register_user_data(
    "lesson_progress",
    export_progress,
    lambda s, u: s.execute(delete(LessonProgress).where(LessonProgress.user_id == u.id)),
    order=10,
)
declare_not_learner_text("lesson_progress.lesson_id", "a content id")
