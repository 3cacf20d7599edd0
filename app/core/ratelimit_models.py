"""The generic fixed-window counter table used when Redis is not configured."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime
from app.core.extensions import db


class RateCounter(db.Model):  # type: ignore[name-defined]
    """Hits of one (action, hashed key, window); rows expire with their window."""

    __tablename__ = "rate_counter"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
