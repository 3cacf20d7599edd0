"""Registration of lesson progress with the user-data registry."""

from __future__ import annotations

from app.core.registry import declare_not_learner_text, delete_rows, export_rows, register_user_data
from app.courses.models import LessonProgress

register_user_data(
    "lesson_progress",
    export_rows(LessonProgress, ("lesson_id", "completed_at")),
    delete_rows(LessonProgress),
    order=10,
)
declare_not_learner_text("lesson_progress.lesson_id", "a content id")
