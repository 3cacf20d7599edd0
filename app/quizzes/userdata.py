"""Registration of quiz attempts and answers with the user-data registry."""

from __future__ import annotations

from typing import Any

from app.core.registry import (
    XssField,
    declare_not_learner_text,
    delete_rows,
    export_rows,
    register_user_data,
    register_xss_field,
)
from app.quizzes.models import Answer, QuizAttempt

register_user_data(
    "answer",
    export_rows(Answer, ("attempt_id", "item_id", "response", "score", "answered_at")),
    delete_rows(Answer),
    order=5,
)
register_user_data(
    "quiz_attempt",
    export_rows(
        QuizAttempt,
        ("id", "kind", "ref", "item_ids", "status", "score", "started_at", "submitted_at"),
    ),
    delete_rows(QuizAttempt),
    order=10,
)
for column, why in {
    "quiz_attempt.token": "random submission token, never displayed",
    "quiz_attempt.kind": "set by the system",
    "quiz_attempt.ref": "a content id",
    "quiz_attempt.status": "set by the system",
    "answer.item_id": "a content id",
}.items():
    declare_not_learner_text(column, why)


def set_typed_answer(session: Any, user: Any, value: str) -> None:
    """Store `value` as the learner's typed answer to a short-answer item (XSS harness)."""
    from app.content_runtime import library

    lib = library()
    item = next(i for i in lib.items.values() if i.type == "short")
    attempt = QuizAttempt(
        user_id=user.id,
        token=f"xss-{user.id}",
        kind="lesson",
        ref=item.lesson,
        item_ids=[item.id],
        status="submitted",
        score=0.0,
    )
    session.add(attempt)
    session.flush()
    session.add(
        Answer(
            attempt_id=attempt.id,
            user_id=user.id,
            item_id=item.id,
            position=0,
            response=value,
            score=0.0,
        )
    )


def typed_answer_pages(user: Any) -> list[str]:
    """The result page that shows the typed answer."""
    from sqlalchemy import select

    from app.core.extensions import db

    attempt_id = db.session.scalar(select(QuizAttempt.id).where(QuizAttempt.user_id == user.id))
    return [f"/quiz/attempts/{attempt_id}"]


register_xss_field(
    XssField("answer.response", set_typed_answer, typed_answer_pages, max_length=500)
)
