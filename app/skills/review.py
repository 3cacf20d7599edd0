"""Spaced review: missed questions become FSRS cards; answering one reschedules it."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from fsrs import Card, Rating, Scheduler
from sqlalchemy import select

from app.accounts.models import User
from app.content.model import Library
from app.content.questions import grade
from app.core.db import DbSession, locked, utcnow, write_unit
from app.core.extensions import db
from app.skills.models import ReviewCard
from app.skills.services import Evidence, record_evidence

SCHEDULER = Scheduler(enable_fuzzing=False)


def rating_for(score: float) -> Rating:
    """Map a grade to an FSRS rating."""
    if score >= 1:
        return Rating.Good
    return Rating.Hard if score >= 0.5 else Rating.Again


def schedule_missed(session: DbSession, user: User, item_ids: list[str]) -> None:
    """Create a card for each missed item that has none yet (due now)."""
    if not item_ids:
        return
    existing = set(
        session.scalars(
            select(ReviewCard.item_id).where(
                ReviewCard.user_id == user.id, ReviewCard.item_id.in_(item_ids)
            )
        )
    )
    now = utcnow()
    for item_id in dict.fromkeys(item_ids):
        if item_id not in existing:
            card = Card(due=now)
            session.add(ReviewCard(user_id=user.id, item_id=item_id, card=card.to_dict(), due=now))


def due_cards(user: User, now: datetime | None = None, limit: int = 5) -> list[ReviewCard]:
    """Cards due now, oldest first."""
    return list(
        db.session.scalars(
            select(ReviewCard)
            .where(ReviewCard.user_id == user.id, ReviewCard.due <= (now or utcnow()))
            .order_by(ReviewCard.due)
            .limit(limit)
        )
    )


@cache
def _first_due_query() -> Any:
    """The oldest due card with the number of due cards, as one statement built once."""
    from sqlalchemy import bindparam, func

    return (
        select(ReviewCard, func.count().over())
        .where(ReviewCard.user_id == bindparam("user_id"), ReviewCard.due <= bindparam("now"))
        .order_by(ReviewCard.due)
        .limit(1)
    )


def first_due(user: User) -> tuple[ReviewCard | None, int]:
    """The oldest card due now and how many are due (one query, for the home page)."""
    row = db.session.execute(_first_due_query(), {"user_id": user.id, "now": utcnow()}).first()
    return (row[0], int(row[1])) if row else (None, 0)


def count_due(user: User) -> int:
    """How many cards are due now."""
    from sqlalchemy import func

    return int(
        db.session.scalar(
            select(func.count(ReviewCard.id)).where(
                ReviewCard.user_id == user.id, ReviewCard.due <= utcnow()
            )
        )
        or 0
    )


def answer_card(
    user: User, lib: Library, card_id: int, response: Any
) -> tuple[float, ReviewCard] | None:
    """Grade a review answer, reschedule the card with FSRS and log the evidence."""
    with write_unit(db.session) as s:
        row = locked(s, ReviewCard, card_id)  # two answers to one card: the second waits
        if row is None or row.user_id != user.id or row.item_id not in lib.items:
            return None
        item = lib.items[row.item_id]
        score = grade(item, response)
        card, _ = SCHEDULER.review_card(Card.from_dict(row.card), rating_for(score), utcnow())
        row.card = card.to_dict()
        row.due = card.due
        row.reviews += 1
        record_evidence(
            s,
            user,
            lib,
            [
                Evidence(skill, "review", str(row.id), item.id, score, item.level)
                for skill in item.skills
            ],
        )
    return score, row


def get_card(user: User, card_id: int) -> ReviewCard | None:
    """The user's card (None for anyone else's)."""
    card = db.session.get(ReviewCard, card_id)
    return card if card is not None and card.user_id == user.id else None
