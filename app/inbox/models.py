"""Inbox rows and sandbox events (typed SQLAlchemy 2.0 models; never commit).

A scenario's bank messages are not stored until the learner acts on one: the inbox reads
them from the scenario with their seeded arrival time. Rows hold what the learner did, and
the items that exist only in one account: complaints a post caused and customers' follow-ups.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime, user_fk, utcnow
from app.core.extensions import db

ORIGINS = ("bank", "post", "followup")
EVENTS = ("alert", "pause", "resume")


class InboxItem(db.Model):  # type: ignore[name-defined]
    """One inbox message in one account: where it came from, when, and what the learner did."""

    __tablename__ = "inbox_item"
    __table_args__ = (UniqueConstraint("account_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sandbox_account.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()
    # "b-m07" (bank), "p12-m07" (caused by post 12), "f-b-m07" (follow-up of b-m07).
    key: Mapped[str] = mapped_column(String(80))
    message: Mapped[str] = mapped_column(String(20))  # the scenario bank's message id
    origin: Mapped[str] = mapped_column(String(10), default="bank")
    post_id: Mapped[int | None] = mapped_column(Integer)
    parent_key: Mapped[str] = mapped_column(String(80), default="")
    arrives_at: Mapped[datetime] = mapped_column(DateTime())  # simulated time
    draft_action: Mapped[str] = mapped_column(String(12), default="")
    draft_role: Mapped[str] = mapped_column(String(40), default="")
    draft: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(String(12), default="")
    role: Mapped[str] = mapped_column(String(40), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    handled_at: Mapped[datetime | None] = mapped_column(DateTime())  # simulated time
    score: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SandboxEvent(db.Model):  # type: ignore[name-defined]
    """Something the learner did on the simulated clock: alerted a contact, paused a post."""

    __tablename__ = "sandbox_event"
    # (account_id, id): an account's events newest first, read off one index instead of
    # walking the primary key through every account's events.
    __table_args__ = (Index("ix_sandbox_event_account_id_id", "account_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sandbox_account.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()
    kind: Mapped[str] = mapped_column(String(10))
    target: Mapped[str] = mapped_column(String(40))  # a role id, or a post id
    note: Mapped[str] = mapped_column(String(500), default="")
    at: Mapped[datetime] = mapped_column(DateTime())  # simulated time
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
