"""Registration of lesson progress with the user-data registry."""

from __future__ import annotations

from app.core.registry import register_table
from app.courses.models import LessonProgress

register_table(
    LessonProgress,
    export=("lesson_id", "completed_at"),
    order=10,
    not_learner_text={"lesson_id": "a content id"},
)
