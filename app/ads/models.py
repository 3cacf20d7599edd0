"""Sandbox ad campaigns and their ads (typed SQLAlchemy 2.0 models; never commit).

One ad set per campaign: its audience and placements are columns of the campaign row (a
learner practises one audience at a time; a second audience is a second campaign). Money is
stored in hundredths of the scenario's currency. Results are not stored: they are computed
from this configuration, the account's seed and its simulated clock (app/ads/results.py).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import UTCDateTime, user_fk, utcnow
from app.core.extensions import db

STATUSES = ("draft", "active", "paused", "ended")


class AdCampaign(db.Model):  # type: ignore[name-defined]
    """A campaign of a sandbox account, with its single ad set's audience and placements."""

    __tablename__ = "ad_campaign"
    # The list reads an account's campaigns newest first: one index serves filter and order.
    __table_args__ = (Index("ix_ad_campaign_account_id_id", "account_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sandbox_account.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()
    # Account-local key for random draws ("c3": the third campaign), like a post's rng_key.
    rng_key: Mapped[str] = mapped_column(String(20))
    family: Mapped[str] = mapped_column(String(10))  # meta | tiktok
    objective: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(120))
    budget_kind: Mapped[str] = mapped_column(String(10))  # daily | lifetime
    budget_cents: Mapped[int] = mapped_column(Integer)
    start_day: Mapped[date] = mapped_column(Date)  # simulated dates, both included
    end_day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft|active|paused
    # Simulated dates the campaign stopped and (None while paused) started again.
    pauses: Mapped[list[list[str | None]]] = mapped_column(JSON, default=list)
    is_test: Mapped[bool] = mapped_column(Boolean, default=False)  # two variants declared
    # What the policy checker needs beyond the words: the declared category (restricted
    # categories have market rules) and whether it is paid partnership content.
    category: Mapped[str] = mapped_column(String(20), default="")
    partnership: Mapped[bool] = mapped_column(Boolean, default=False)
    # The ad set.
    city: Mapped[str] = mapped_column(String(30))
    radius_km: Mapped[int] = mapped_column(Integer)
    age_min: Mapped[int] = mapped_column(Integer)
    age_max: Mapped[int] = mapped_column(Integer)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    interests: Mapped[list[str]] = mapped_column(JSON, default=list)
    placements: Mapped[list[str]] = mapped_column(JSON, default=list)
    launched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    ads: Mapped[list[AdCreative]] = relationship(
        back_populates="campaign",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="AdCreative.variant",
    )


class AdCreative(db.Model):  # type: ignore[name-defined]
    """One ad of a campaign: variant A, or B when the campaign is declared as a test."""

    __tablename__ = "ad_creative"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("ad_campaign.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()
    variant: Mapped[str] = mapped_column(String(1))  # A | B
    primary_text: Mapped[str] = mapped_column(Text, default="")
    headline: Mapped[str] = mapped_column(String(255), default="")
    cta: Mapped[str] = mapped_column(String(20), default="")
    media_description: Mapped[str] = mapped_column(String(500), default="")
    aspect: Mapped[str] = mapped_column(String(8), default="1:1")

    campaign: Mapped[AdCampaign] = relationship(back_populates="ads")
