"""The admin audit log: who did what to which account, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime, utcnow
from app.core.extensions import db

# Who acted: an admin signed in to the site, or an operator at the command line.
ACTOR_KINDS = ("admin", "cli")


class AdminAction(db.Model):  # type: ignore[name-defined]
    """One operator action; rows survive the accounts they name, without personal data.

    Both user columns are SET NULL rather than CASCADE: the record that an action happened
    outlives either account, but the deletion handler (app/admin/audit.py) also clears the
    details, so nothing about a deleted person is left in it.
    """

    __tablename__ = "admin_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_kind: Mapped[str] = mapped_column(String(8))
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(32))
    target_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    # Counts and ids only (sessions ended, a portfolio number, the CLI's OS user): never text
    # a learner wrote, never an email address.
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
