"""Sandbox accounts, ideas and per-platform posts (typed SQLAlchemy 2.0 models; never commit)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text
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


class AbTest(db.Model):  # type: ignore[name-defined]
    """An A/B test of two posts: the declaration (locked before results), counts and the call.

    The drafts are copied at declaration, so editing a post later cannot change what was
    tested; `declared_at` is set once, when the learner locks the declaration and the
    simulator runs the split.
    """

    __tablename__ = "ab_test"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sandbox_account.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()
    post_a_id: Mapped[int | None] = mapped_column(
        ForeignKey("sandbox_post.id", ondelete="SET NULL")
    )
    post_b_id: Mapped[int | None] = mapped_column(
        ForeignKey("sandbox_post.id", ondelete="SET NULL")
    )
    # Each draft's comparable attributes (abtest.attributes_of), copied at declaration.
    draft_a: Mapped[dict[str, str]] = mapped_column(JSON)
    draft_b: Mapped[dict[str, str]] = mapped_column(JSON)
    # The underlying rates the model gave each draft at declaration (for delivery).
    rate_a: Mapped[float] = mapped_column(Float)
    rate_b: Mapped[float] = mapped_column(Float)
    attribute: Mapped[str] = mapped_column(String(20))
    metric: Mapped[str] = mapped_column(String(12))
    duration_days: Mapped[int] = mapped_column(Integer)
    sample: Mapped[int] = mapped_column(Integer)
    direction: Mapped[str] = mapped_column(String(1), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    declared_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started: Mapped[datetime | None] = mapped_column(DateTime())  # simulated local time
    reach_a: Mapped[int | None] = mapped_column(Integer)
    count_a: Mapped[int | None] = mapped_column(Integer)
    reach_b: Mapped[int | None] = mapped_column(Integer)
    count_b: Mapped[int | None] = mapped_column(Integer)
    call: Mapped[str] = mapped_column(String(12), default="")
    next_step: Mapped[str] = mapped_column(Text, default="")
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def locked(self) -> bool:
        """Whether the declaration is locked (and the results exist)."""
        return self.declared_at is not None and self.count_a is not None
