"""Portfolios, their sections, images and counters (typed SQLAlchemy 2.0 models; never commit)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import UTCDateTime, user_fk, utcnow
from app.core.extensions import db


class Portfolio(db.Model):  # type: ignore[name-defined]
    """One learner's public portfolio: slug, words about them, status and language."""

    __tablename__ = "portfolio"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = user_fk(unique=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    headline: Mapped[str] = mapped_column(String(160), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str] = mapped_column(String(2), default="ar")
    theme: Mapped[str] = mapped_column(String(20), default="classic", server_default="classic")
    status: Mapped[str] = mapped_column(String(12), default="draft")
    indexable: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Section order, hidden ones marked "!": see domain.sections().
    sections: Mapped[str] = mapped_column(String(200), default="", server_default="")
    platforms: Mapped[str] = mapped_column(String(100), default="", server_default="")
    photo_id: Mapped[int | None] = mapped_column(
        ForeignKey("portfolio_image.id", ondelete="SET NULL")
    )
    notify_email: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())

    case_studies: Mapped[list[CaseStudy]] = relationship(
        back_populates="portfolio",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="CaseStudy.position",
    )


class PortfolioSlug(db.Model):  # type: ignore[name-defined]
    """A slug the portfolio used before: its address keeps working by redirecting."""

    __tablename__ = "portfolio_slug"

    slug: Mapped[str] = mapped_column(String(60), primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()


class CaseStudy(db.Model):  # type: ignore[name-defined]
    """Context → goal → actions → results → lesson; simulated ones carry locked figures."""

    __tablename__ = "case_study"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(160))
    context: Mapped[str] = mapped_column(Text, default="")
    goal: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[str] = mapped_column(Text, default="")
    lesson: Mapped[str] = mapped_column(Text, default="")
    simulated: Mapped[bool] = mapped_column(Boolean, default=False)
    # Numbers from the simulator log (simulated case studies): never editable by the learner.
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    results: Mapped[str] = mapped_column(Text, default="", server_default="")
    period: Mapped[str] = mapped_column(String(80), default="", server_default="")
    platforms: Mapped[str] = mapped_column(String(100), default="", server_default="")
    tools: Mapped[str] = mapped_column(String(200), default="", server_default="")

    portfolio: Mapped[Portfolio] = relationship(back_populates="case_studies")


class ContactMessage(db.Model):  # type: ignore[name-defined]
    """A message a visitor sent through a portfolio; the learner's address is never shown."""

    __tablename__ = "contact_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()
    sender_name: Mapped[str] = mapped_column(String(100))
    sender_email: Mapped[str] = mapped_column(String(254))
    body: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read: Mapped[bool] = mapped_column(Boolean, default=False)


class PortfolioTombstone(db.Model):  # type: ignore[name-defined]
    """A deleted portfolio's address, kept only as a SHA-256 digest so it answers 410 Gone."""

    __tablename__ = "portfolio_tombstone"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ShareLink(db.Model):  # type: ignore[name-defined]
    """A secret link to an unlisted portfolio (kept as a SHA-256 digest; expires or is revoked)."""

    __tablename__ = "share_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PortfolioReport(db.Model):  # type: ignore[name-defined]
    """A visitor's report of abuse on a portfolio, for the admins."""

    __tablename__ = "portfolio_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(500))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PortfolioImage(db.Model):  # type: ignore[name-defined]
    """An uploaded picture, re-encoded without metadata and kept in the database."""

    __tablename__ = "portfolio_image"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = user_fk()
    data: Mapped[bytes] = mapped_column(LargeBinary)
    mime: Mapped[str] = mapped_column(String(20))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PortfolioItem(db.Model):  # type: ignore[name-defined]
    """One entry of a list section: a service, a content sample, a testimonial or a tool."""

    __tablename__ = "portfolio_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = user_fk()
    kind: Mapped[str] = mapped_column(String(12))
    position: Mapped[int] = mapped_column(Integer, default=0)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    # Service name, sample title, the quoted person's name, or the tool's name.
    title: Mapped[str] = mapped_column(String(160))
    # Service description, sample description or the testimonial's words (Markdown-free text).
    body: Mapped[str] = mapped_column(Text, default="")
    # The quoted person's role and company, a sample's platform, or what a tool is used for.
    detail: Mapped[str] = mapped_column(String(160), default="")
    url: Mapped[str] = mapped_column(String(300), default="")
    rate_kind: Mapped[str] = mapped_column(String(12), default="")
    amount: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="")
    image_id: Mapped[int | None] = mapped_column(
        ForeignKey("portfolio_image.id", ondelete="SET NULL")
    )
    alt: Mapped[str] = mapped_column(String(300), default="")
    consent: Mapped[bool] = mapped_column(Boolean, default=False)


class PortfolioStat(db.Model):  # type: ignore[name-defined]
    """A daily counter for the owner's analytics: views, referring sites, link clicks.

    No IP address, cookie or visitor id is kept: only how many, per day and key.
    """

    __tablename__ = "portfolio_stat"

    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("portfolio.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    metric: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    user_id: Mapped[int] = user_fk()
    count: Mapped[int] = mapped_column(Integer, default=0)
