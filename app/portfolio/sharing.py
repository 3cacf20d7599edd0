"""Secret share links, abuse reports and unpublishing."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import User
from app.core.db import locked, utcnow, write_unit
from app.core.extensions import db
from app.portfolio.errors import NotYours, PortfolioNotFound
from app.portfolio.models import Portfolio, PortfolioReport, ShareLink


def create_link(user: User, portfolio: Portfolio, label: str, days: int | None) -> str:
    """A new secret link; the token is returned once and only its digest is kept."""
    import secrets
    from datetime import timedelta

    token = secrets.token_urlsafe(24)
    with write_unit(db.session) as s:
        s.add(
            ShareLink(
                portfolio_id=portfolio.id,
                user_id=user.id,
                digest=link_digest(token),
                label=label,
                expires_at=utcnow() + timedelta(days=days) if days else None,
            )
        )
    return token


def link_digest(token: str) -> str:
    """How a share token is stored."""
    import hashlib

    return hashlib.sha256(f"share:{token}".encode()).hexdigest()


def link_is_live(portfolio: Portfolio, token: str) -> bool:
    """Whether a token opens this portfolio now (not expired, not revoked)."""
    if not token or len(token) > 100:
        return False
    link = db.session.scalar(select(ShareLink).where(ShareLink.digest == link_digest(token)))
    now = utcnow()
    return (
        link is not None
        and link.portfolio_id == portfolio.id
        and link.revoked_at is None
        and (link.expires_at is None or link.expires_at > now)
    )


def links_of(user: User) -> list[ShareLink]:
    """The user's share links, newest first."""
    query = select(ShareLink).where(ShareLink.user_id == user.id)
    return list(db.session.scalars(query.order_by(ShareLink.id.desc())))


def revoke_link(user: User, link_id: int) -> None:
    """Stop a link working at once (only the owner's own links: NotYours otherwise)."""
    link = db.session.get(ShareLink, link_id)
    if link is None or link.user_id != user.id:
        raise NotYours(link_id)
    with write_unit(db.session) as s:
        row = locked(s, ShareLink, link_id)  # re-read inside: it may be gone by now
        if row is not None and row.user_id == user.id:
            row.revoked_at = row.revoked_at or utcnow()


def recent_reports(limit: int = 200) -> list[tuple[PortfolioReport, Portfolio]]:
    """Reports about portfolios, newest first, each with its portfolio (for the admins)."""
    rows = db.session.execute(
        select(PortfolioReport, Portfolio)
        .join(Portfolio, Portfolio.id == PortfolioReport.portfolio_id)
        .order_by(PortfolioReport.id.desc())
        .limit(limit)
    ).tuples()
    return list(rows)


def report(portfolio: Portfolio, reason: str) -> None:
    """Store a visitor's abuse report for the admins."""
    with write_unit(db.session) as s:
        s.add(PortfolioReport(portfolio_id=portfolio.id, reason=reason))


def unpublish(portfolio_id: int, actor: User | None = None) -> None:
    """Take a portfolio off line at once (admins, after a report); PortfolioNotFound if none.

    The action goes into the admin audit log with `actor` (None: the command line).
    """
    from app.admin.audit import record

    portfolio = db.session.get(Portfolio, portfolio_id)
    if portfolio is None:
        raise PortfolioNotFound(portfolio_id)
    with write_unit(db.session) as s:
        row = locked(s, Portfolio, portfolio_id)
        if row is not None:  # deleted meanwhile: nothing left to take off line
            row.status = "draft"
            row.updated_at = utcnow()
            record(s, actor, "unpublish-portfolio", row.user_id, {"portfolio": row.id})
