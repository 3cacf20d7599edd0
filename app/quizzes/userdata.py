"""Registration of quiz attempts and answers with the user-data registry."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from app.quizzes.models import Answer, QuizAttempt
from app.registry import declare_not_learner_text, register_user_data


def export_attempts(session: Any, user: Any) -> list[dict[str, Any]]:
    """Attempts with their items, score and dates."""
    rows = session.scalars(select(QuizAttempt).where(QuizAttempt.user_id == user.id))
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "ref": r.ref,
            "items": r.item_ids,
            "status": r.status,
            "score": r.score,
            "started_at": r.started_at.isoformat(),
            "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
        }
        for r in rows
    ]


def export_answers(session: Any, user: Any) -> list[dict[str, Any]]:
    """Every answer with the response given and its score."""
    rows = session.scalars(select(Answer).where(Answer.user_id == user.id))
    return [
        {
            "attempt": r.attempt_id,
            "item": r.item_id,
            "response": r.response,
            "score": r.score,
            "answered_at": r.answered_at.isoformat(),
        }
        for r in rows
    ]


register_user_data(
    "answer",
    export_answers,
    lambda s, u: s.execute(delete(Answer).where(Answer.user_id == u.id)),
    order=5,
)
register_user_data(
    "quiz_attempt",
    export_attempts,
    lambda s, u: s.execute(delete(QuizAttempt).where(QuizAttempt.user_id == u.id)),
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
