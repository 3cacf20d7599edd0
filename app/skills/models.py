"""Skill evidence (append-only), the per-skill state derived from it, and review cards."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime, user_fk, utcnow
from app.core.extensions import db


class SkillEvidence(db.Model):  # type: ignore[name-defined]
    """One piece of evidence for one skill; rows are only ever added (the log)."""

    __tablename__ = "skill_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = user_fk()
    skill: Mapped[str] = mapped_column(String(40))
    source_kind: Mapped[str] = mapped_column(String(20))  # quiz | exercise | review
    source_id: Mapped[str] = mapped_column(String(60))  # attempt id, exercise attempt id
    item_id: Mapped[str] = mapped_column(String(60))  # quiz item or exercise id
    score: Mapped[float] = mapped_column(Float)
    level_tag: Mapped[str | None] = mapped_column(String(1))  # K/A/J for quiz items
    role: Mapped[str | None] = mapped_column(String(10))  # primary/secondary for exercises
    hard_variant: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SkillState(db.Model):  # type: ignore[name-defined]
    """The derived state of one skill for one learner; rebuildable from the evidence log."""

    __tablename__ = "skill_state"
    __table_args__ = (UniqueConstraint("user_id", "skill"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = user_fk()
    skill: Mapped[str] = mapped_column(String(40))
    level: Mapped[int] = mapped_column(Integer, default=0)
    p_know: Mapped[float] = mapped_column(Float)
    # The latest answer per item (item -> [score, tag, ordinal]) and exercise results,
    # kept so the level rule runs without reading the whole log.
    items: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    exercises: Mapped[list[Any]] = mapped_column(JSON, default=list)
    evidence_count: Mapped[int] = mapped_column(Integer, default=0)
    last_evidence_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ReviewCard(db.Model):  # type: ignore[name-defined]
    """A missed question scheduled for spaced review with FSRS."""

    __tablename__ = "review_card"
    # (user_id, due): a learner's due cards in due order without walking every learner's
    # cards through the due index (the home page and review queue ask for exactly that).
    __table_args__ = (
        UniqueConstraint("user_id", "item_id"),
        Index("ix_review_card_user_id_due", "user_id", "due"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = user_fk()
    item_id: Mapped[str] = mapped_column(String(60))
    card: Mapped[dict[str, Any]] = mapped_column(JSON)
    due: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
