"""Sandbox accounts, ideas and per-platform posts (typed SQLAlchemy 2.0 models; never commit)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import UTCDateTime, user_fk, utcnow
from app.core.extensions import db

STATUSES = ("draft", "submitted", "returned", "approved", "paused", "published")


class SandboxAccount(db.Model):  # type: ignore[name-defined]
    """A learner's simulated brand account: a scenario, a seed and a turn-based clock."""

    __tablename__ = "sandbox_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = user_fk()
    scenario_id: Mapped[str] = mapped_column(String(60))
    seed: Mapped[int] = mapped_column(Integer)
    # Simulated local time of the brand's country (naive on purpose: it is not a real instant).
    clock: Mapped[datetime] = mapped_column(DateTime())
    started: Mapped[datetime] = mapped_column(DateTime())
    followers: Mapped[dict[str, int]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    ideas: Mapped[list[SandboxIdea]] = relationship(
        back_populates="account", cascade="all, delete-orphan", passive_deletes=True
    )


class SandboxIdea(db.Model):  # type: ignore[name-defined]
    """One idea adapted to several platforms; the campaign tag groups ideas for reports."""

    __tablename__ = "sandbox_idea"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sandbox_account.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()
    title: Mapped[str] = mapped_column(String(200))
    campaign: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    account: Mapped[SandboxAccount] = relationship(back_populates="ideas")
    posts: Mapped[list[SandboxPost]] = relationship(
        back_populates="idea", cascade="all, delete-orphan", passive_deletes=True
    )


class SandboxPost(db.Model):  # type: ignore[name-defined]
    """One platform version of an idea: what the learner wrote, when, and what happened."""

    __tablename__ = "sandbox_post"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idea_id: Mapped[int] = mapped_column(
        ForeignKey("sandbox_idea.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sandbox_account.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()
    platform: Mapped[str] = mapped_column(String(12))
    # The post's key for random draws: account-local ("i3-x" = third idea, X), so the same
    # actions give the same numbers on any database, whatever ids the rows get.
    rng_key: Mapped[str] = mapped_column(String(40), default="")
    format: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text, default="")
    hashtags: Mapped[str] = mapped_column(String(500), default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    media_count: Mapped[int] = mapped_column(Integer, default=0)
    aspect: Mapped[str] = mapped_column(String(8), default="")
    media_description: Mapped[str] = mapped_column(String(500), default="")
    alt_text: Mapped[str] = mapped_column(String(500), default="")
    goal: Mapped[str] = mapped_column(String(12))
    pillar: Mapped[str] = mapped_column(String(60), default="")
    cta: Mapped[str] = mapped_column(String(200), default="")
    # The words shown on screen in a TikTok video's first seconds (the on-screen hook).
    hook: Mapped[str] = mapped_column(String(100), default="", server_default="")
    trend: Mapped[str] = mapped_column(String(60), default="")
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime(), index=True)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    review_comment: Mapped[str] = mapped_column(String(500), default="")
    published_at: Mapped[datetime | None] = mapped_column(DateTime())
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Final counts copied from `outcome` at publishing, so analytics read plain columns
    # instead of decoding every post's JSON (the why panel still reads `outcome`).
    reach: Mapped[int] = mapped_column(Integer, default=0)
    impressions: Mapped[int] = mapped_column(Integer, default=0)
    likes: Mapped[int] = mapped_column(Integer, default=0)
    comments: Mapped[int] = mapped_column(Integer, default=0)
    shares: Mapped[int] = mapped_column(Integer, default=0)
    saves: Mapped[int] = mapped_column(Integer, default=0)
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    followers_at: Mapped[int] = mapped_column(Integer, default=0)

    idea: Mapped[SandboxIdea] = relationship(back_populates="posts")
