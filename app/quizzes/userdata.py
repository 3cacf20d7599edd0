"""Registration of quiz attempts and answers with the user-data registry."""

from __future__ import annotations

from typing import Any

from app.core.registry import (
    XssField,
    register_table,
    register_xss_field,
)
from app.quizzes.models import Answer, QuizAttempt

register_table(
    Answer,
    export=("attempt_id", "item_id", "response", "score", "answered_at"),
    order=5,
    not_learner_text={"item_id": "a content id"},
)
register_table(
    QuizAttempt,
    export=("id", "kind", "ref", "item_ids", "status", "score", "started_at", "submitted_at"),
    order=10,
    not_learner_text={
        "token": "random submission token, never displayed",
        "kind": "set by the system",
        "ref": "a content id",
        "status": "set by the system",
    },
)


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
