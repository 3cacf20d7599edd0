"""Reads behind the public portfolio page: its version (the hot path) and verified skills."""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, select

from app.content_runtime import library
from app.core.extensions import db
from app.core.rawread import first_row
from app.portfolio.models import Portfolio
from app.skills.models import SkillState


def verified_skills(user_id: int, lang: str) -> list[tuple[str, int]]:
    """(skill name, level) the gap report has verified for the learner, strongest first."""
    lib = library()
    rows = db.session.execute(
        select(SkillState.skill, SkillState.level).where(
            SkillState.user_id == user_id, SkillState.level > 0
        )
    ).all()
    named = [
        (lib.skills[skill].name.get(lang, skill), int(level))
        for skill, level in rows
        if skill in lib.skills
    ]
    return sorted(named, key=lambda row: (-row[1], row[0]))


class ShownCredential(NamedTuple):
    """One credential as the portfolio lists it, with a link to its verification page."""

    public_id: str
    name: str
    issuer: str
    issued: Any
    status: str  # valid | expired (hidden, revoked and failing ones are not listed)


def shown_credentials(user_id: int, lang: str) -> list[ShownCredential]:
    """The credentials the learner shows, newest first; one copy per achievement and date.

    A credential issued in both languages is listed once, in the portfolio's language.
    """
    from app.credentials import services, verify

    rows = services.shown_credentials(user_id)
    picked: dict[tuple[str, str, Any], Any] = {}
    for row in rows:
        key = (row.kind, row.subject_id, row.valid_from)
        if key not in picked or row.language == lang:
            picked[key] = row
    shown = []
    for row in rows:
        if picked.get((row.kind, row.subject_id, row.valid_from)) is not row:
            continue
        document = row.document or {}
        issuer = document.get("issuer") if isinstance(document.get("issuer"), dict) else {}
        status = verify.status_of(row)[0]
        if status not in (verify.VALID, verify.EXPIRED):
            continue  # revoked since, or no longer verifying: never shown as verified
        shown.append(
            ShownCredential(
                row.public_id,
                str(document.get("name", "")),
                str((issuer or {}).get("name", "")),
                row.valid_from,
                status,
            )
        )
    return shown


@cache
def _version_query() -> Any:
    """The statement behind version_of, built once (building it costs more than running it)."""
    stamp = (
        select(func.max(SkillState.last_evidence_at))
        .where(SkillState.user_id == Portfolio.user_id)
        .scalar_subquery()
    )
    return select(
        Portfolio.id, Portfolio.user_id, Portfolio.status, Portfolio.updated_at, stamp
    ).where(Portfolio.slug == bindparam("slug"))


class Version(NamedTuple):
    """What decides whether a cached page is current."""

    id: int
    user_id: int
    status: str
    updated_at: Any
    stamp: Any


def version_of(slug: str) -> Version | None:
    """The version of the portfolio at a current slug (one query), or None.

    The stamp is when the owner's skill levels last changed: the page shows them. This is
    the only query of an anonymous visit, so it runs on a pooled DB-API connection
    (app.core.rawread).
    """
    row = first_row(_version_query(), {"slug": slug})
    return Version(*row) if row else None


def portfolio_by_id(portfolio_id: int) -> Portfolio | None:
    """The portfolio with this id, or None."""
    return db.session.get(Portfolio, portfolio_id)


class PortfolioState(NamedTuple):
    """The portfolio's state for the learner's home: status, address and views this week."""

    status: str  # "none" when the learner has not started one
    slug: str
    views_week: int


@cache
def _state_query() -> Any:
    """The statement behind state_of, built once."""
    from app.portfolio.models import PortfolioStat

    views = (
        select(func.coalesce(func.sum(PortfolioStat.count), 0))
        .where(
            PortfolioStat.portfolio_id == Portfolio.id,
            PortfolioStat.metric == "view",
            PortfolioStat.day >= bindparam("since"),
        )
        .scalar_subquery()
    )
    return select(Portfolio.status, Portfolio.slug, views).where(
        Portfolio.user_id == bindparam("user_id")
    )


def state_of(user_id: int) -> PortfolioState:
    """The learner's portfolio state: draft, published or unlisted, and views in 7 days."""
    from datetime import timedelta

    from app.core.db import utcnow

    since = utcnow().date() - timedelta(days=6)
    row = db.session.execute(_state_query(), {"user_id": user_id, "since": since}).first()
    if row is None:
        return PortfolioState("none", "", 0)
    return PortfolioState(row[0], row[1], int(row[2] or 0))
