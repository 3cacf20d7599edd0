"""Quiz services: start an attempt, submit it once, retake what was missed."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from sqlalchemy import select, update

from app.accounts.models import User
from app.content.model import Library
from app.content.questions import grade
from app.core.db import utcnow, write_unit
from app.core.extensions import db
from app.quizzes.models import Answer, QuizAttempt
from app.skills.review import schedule_missed
from app.skills.services import Evidence, record_evidence

log = logging.getLogger("tawasul.quizzes")


def start_attempt(user: User, kind: str, ref: str, item_ids: list[str]) -> QuizAttempt:
    """Create an open attempt with its items and a unique submission token."""
    with write_unit(db.session) as s:
        attempt = QuizAttempt(
            user_id=user.id,
            token=secrets.token_urlsafe(24),
            kind=kind,
            ref=ref,
            item_ids=list(item_ids),
            status="open",
        )
        s.add(attempt)
    return attempt


def find_attempt(user: User, token: str) -> QuizAttempt | None:
    """The user's attempt with this token (None for anyone else's)."""
    return db.session.scalar(
        select(QuizAttempt).where(QuizAttempt.token == token, QuizAttempt.user_id == user.id)
    )


def get_attempt(user: User, attempt_id: int) -> QuizAttempt | None:
    """The user's attempt by id (None for anyone else's)."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    return attempt if attempt is not None and attempt.user_id == user.id else None


def submit_attempt(
    user: User, lib: Library, token: str, responses: dict[str, Any]
) -> QuizAttempt | None:
    """Grade and store an attempt exactly once; replays return the already-scored attempt.

    The status moves open → submitted with a conditional UPDATE inside the same write
    unit as the answers and evidence, so two concurrent submissions score once.
    """
    with write_unit(db.session) as s:
        attempt = s.scalar(
            select(QuizAttempt).where(QuizAttempt.token == token, QuizAttempt.user_id == user.id)
        )
        if attempt is None:
            return None
        claimed = s.execute(
            update(QuizAttempt)
            .where(QuizAttempt.id == attempt.id, QuizAttempt.status == "open")
            .values(status="submitted", submitted_at=utcnow())
        ).rowcount
        if claimed != 1:
            return attempt
        evidence, missed, total = [], [], 0.0
        for position, item_id in enumerate(attempt.item_ids):
            item = lib.items.get(item_id)
            if item is None:
                continue
            response = responses.get(item_id)
            score = grade(item, response)
            total += score
            s.add(
                Answer(
                    attempt_id=attempt.id,
                    user_id=user.id,
                    item_id=item_id,
                    position=position,
                    response=response,
                    score=score,
                )
            )
            evidence += [
                Evidence(skill, "quiz", str(attempt.id), item_id, score, item.level)
                for skill in item.skills
            ]
            if score < 1:
                missed.append(item_id)
        s.execute(
            update(QuizAttempt)
            .where(QuizAttempt.id == attempt.id)
            .values(score=total / len(attempt.item_ids) if attempt.item_ids else 0.0)
        )
        record_evidence(s, user, lib, evidence)
        schedule_missed(s, user, missed)
    log.info("quiz submitted attempt=%d kind=%s", attempt.id, attempt.kind)
    db.session.refresh(attempt)
    return attempt


def missed_items(attempt: QuizAttempt) -> list[str]:
    """Items of a submitted attempt that did not get full credit."""
    return [a.item_id for a in attempt.answers if a.score < 1]


def history(user: User, limit: int = 50) -> list[Any]:
    """The user's submitted attempts, newest first, as rows of (id, submitted_at, score)."""
    # Only the columns the history shows: whole attempts would decode every item list.
    query = (
        select(QuizAttempt.id, QuizAttempt.submitted_at, QuizAttempt.score)
        .where(QuizAttempt.user_id == user.id, QuizAttempt.status == "submitted")
        .order_by(QuizAttempt.submitted_at.desc())
        .limit(limit)
    )
    return list(db.session.execute(query))


def latest_scores(user: User) -> dict[str, float]:
    """The latest score per item the user answered (for skill checks)."""
    rows = db.session.execute(
        select(Answer.item_id, Answer.score).where(Answer.user_id == user.id).order_by(Answer.id)
    )
    return dict(rows.tuples().all())
