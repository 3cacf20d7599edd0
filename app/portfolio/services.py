"""Portfolio services: create, edit, change the slug, publish, add simulated case studies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from app.accounts.models import User
from app.core.db import locked, utcnow, write_unit
from app.core.extensions import db
from app.portfolio.domain import case_study_figures, make_slug, slug_digest, slug_problem
from app.portfolio.errors import PortfolioError, PortfolioGone, PortfolioNotFound
from app.portfolio.models import (
    CaseStudy,
    ContactMessage,
    Portfolio,
    PortfolioSlug,
    PortfolioTombstone,
)
from app.sandbox import services as sandbox
from app.sandbox.models import SandboxAccount
from app.sandbox.read import published

# What the sandbox's write → plan → read loop gives evidence of (curriculum.md §5).
SANDBOX_SKILLS = ["cross-platform-content", "content-planning", "social-analytics"]


def portfolio_of(user: User) -> Portfolio | None:
    """The user's portfolio, if they started one."""
    return db.session.scalar(select(Portfolio).where(Portfolio.user_id == user.id))


def slug_taken(slug: str, portfolio_id: int | None) -> bool:
    """Whether another portfolio uses or used the slug."""
    current = db.session.scalar(select(Portfolio.id).where(Portfolio.slug == slug))
    former = db.session.scalar(select(PortfolioSlug.portfolio_id).where(PortfolioSlug.slug == slug))
    if db.session.get(PortfolioTombstone, slug_digest(slug)) is not None:
        return True  # a deleted learner's address is never handed to someone else
    return any(owner is not None and owner != portfolio_id for owner in (current, former))


def free_slug(name: str, user: User) -> str:
    """A free slug from the learner's name, or "learner-<id>" when the name gives none."""
    base = make_slug(name)
    if slug_problem(base):
        base = f"learner-{user.id}"
    slug, n = base, 2
    while slug_taken(slug, None):
        slug, n = f"{base}-{n}", n + 1
    return slug


def draft_for(user: User) -> Portfolio:
    """The user's portfolio, or an unsaved one with a suggested address (GET writes nothing)."""
    return portfolio_of(user) or Portfolio(
        slug=free_slug(user.display_name, user),
        lang=user.locale or "ar",
        status="draft",
        headline="",
        bio="",
        indexable=False,
    )


def ensure_portfolio(user: User) -> Portfolio:
    """The user's portfolio, created as a draft the first time."""
    found = portfolio_of(user)
    if found is not None:
        return found
    with write_unit(db.session) as s:
        found = Portfolio(
            user_id=user.id, slug=free_slug(user.display_name, user), lang=user.locale or "ar"
        )
        s.add(found)
    return found


def save_profile(user: User, portfolio: Portfolio, fields: Mapping[str, Any]) -> None:
    """Save the builder's fields; a new slug keeps the old one as a redirect."""
    new_slug = str(fields["slug"])
    with write_unit(db.session) as s:
        # Checked inside the unit, on the locked row: two tabs cannot both take one address.
        portfolio = locked(s, Portfolio, portfolio.id)
        if portfolio is None or portfolio.user_id != user.id:
            raise PortfolioNotFound(user.id)
        if new_slug != portfolio.slug and slug_taken(new_slug, portfolio.id):
            raise PortfolioError("slug-taken")
        if new_slug != portfolio.slug:
            old = s.get(PortfolioSlug, portfolio.slug)
            if old is None:
                s.add(
                    PortfolioSlug(slug=portfolio.slug, portfolio_id=portfolio.id, user_id=user.id)
                )
            reused = s.get(PortfolioSlug, new_slug)
            if reused is not None:  # coming back to a former slug of one's own
                s.delete(reused)
            portfolio.slug = new_slug
        for key in ("headline", "bio", "lang", "status", "indexable", "theme"):
            setattr(portfolio, key, fields[key])
        for key in ("notify_email", "platforms"):
            if key in fields:
                setattr(portfolio, key, fields[key])
        portfolio.updated_at = utcnow()


def add_sandbox_case_study(user: User, portfolio: Portfolio, account: SandboxAccount) -> CaseStudy:
    """A case study whose numbers come from the sandbox's log (labelled simulated, locked)."""
    rows = [
        {"platform": p.platform, "reach": p.final.reach, "engagements": p.final.engagements}
        for p in published(account)
    ]
    if not rows:
        raise PortfolioError("no-results")
    scenario = sandbox.scenario_of(account)
    lang = portfolio.lang
    info = {
        "start_followers": scenario.get("followers") or {},
        "followers": account.followers,
        "started": account.started.date().isoformat(),
        "clock": account.clock.date().isoformat(),
    }
    name = (scenario.get("name") or {}).get(lang, "")
    account_id = account.id
    with write_unit(db.session) as s:
        # Checked on the locked portfolio: a double click adds the account once.
        portfolio = locked(s, Portfolio, portfolio.id)
        if portfolio is None or portfolio.user_id != user.id:
            raise PortfolioNotFound(user.id)
        if any((c.figures or {}).get("account") == account_id for c in portfolio.case_studies):
            raise PortfolioError("exists")
        study = CaseStudy(
            portfolio_id=portfolio.id,
            user_id=user.id,
            position=len(portfolio.case_studies),
            title=name,
            context=(scenario.get("brief") or {}).get(lang, ""),
            simulated=True,
            figures=case_study_figures(info, rows)
            | {"scenario": scenario.id, "account": account_id},
            skills=SANDBOX_SKILLS,
        )
        s.add(study)
        portfolio.updated_at = utcnow()  # a new version: cached public pages are redrawn
    return study


def public_portfolio(slug: str) -> tuple[Portfolio | None, str | None]:
    """(portfolio, None) for a current slug, (None, new slug) for a former one.

    Raises PortfolioGone for a deleted portfolio's address, PortfolioNotFound for any other.
    """
    found = db.session.scalar(select(Portfolio).where(Portfolio.slug == slug))
    if found is not None:
        return found, None
    former = db.session.get(PortfolioSlug, slug)
    if former is None:
        if db.session.get(PortfolioTombstone, slug_digest(slug)) is not None:
            raise PortfolioGone(slug)
        raise PortfolioNotFound(slug)
    moved = db.session.get(Portfolio, former.portfolio_id)
    if moved is None:
        raise PortfolioNotFound(slug)
    return None, moved.slug


def form_token(portfolio: Portfolio) -> str:
    """A signed token holding the time the contact form was served (for the minimum fill time)."""
    return form_token_for(portfolio.id)


# Portfolios whose last contact token is kept per app (a small dict, cleared when full).
TOKENS_KEPT = 1024


def form_token_for(portfolio_id: int) -> str:
    """The contact form's signed time token for a portfolio id.

    The token holds whole seconds, so within one second signing gives the same text again:
    a visit in the same second as the last one for this portfolio reuses it (signing was
    about a tenth of an anonymous visit's time).
    """
    import time

    signer, tokens = _signer_and_tokens()
    second = int(time.time())
    found = tokens.get(portfolio_id)
    if found is not None and found[0] == second:
        return found[1]
    token = str(signer.dumps(portfolio_id))
    if len(tokens) >= TOKENS_KEPT:
        tokens.clear()
    tokens[portfolio_id] = (second, token)
    return token


def form_age(portfolio: Portfolio, token: str) -> float | None:
    """Seconds since the form was served, or None for a forged token or another portfolio's."""
    import time

    from itsdangerous import BadSignature

    try:
        value, stamp = _serializer().loads(token, max_age=86400, return_timestamp=True)
    except (BadSignature, TypeError, ValueError):
        return None
    if value != portfolio.id:
        return None
    return time.time() - stamp.timestamp()


def _serializer() -> Any:
    """The contact form's signer (HMAC-SHA256 with the app's secret), made once per app."""
    return _signer_and_tokens()[0]


def _signer_and_tokens() -> tuple[Any, dict[int, tuple[int, str]]]:
    """The app's contact signer and its last token per portfolio (both new with the secret)."""
    import hashlib

    from flask import current_app
    from itsdangerous import URLSafeTimedSerializer

    made = current_app.extensions.get("contact_signer")
    if made is None or made[0] != current_app.secret_key:
        signer = URLSafeTimedSerializer(
            str(current_app.secret_key),
            salt="contact-form",
            signer_kwargs={"digest_method": hashlib.sha256},
        )
        made = current_app.extensions["contact_signer"] = (current_app.secret_key, signer, {})
    return made[1], made[2]


def send_message(portfolio: Portfolio, name: str, email: str, body: str) -> ContactMessage:
    """Store a visitor's message for the portfolio's owner (their address stays private)."""
    with write_unit(db.session) as s:
        message = ContactMessage(
            portfolio_id=portfolio.id,
            user_id=portfolio.user_id,
            sender_name=name,
            sender_email=email,
            body=body,
        )
        s.add(message)
    owner = db.session.get(User, portfolio.user_id)
    if portfolio.notify_email and owner is not None and owner.email_verified_at is not None:
        notify_owner(owner, message)
    return message


def notify_owner(owner: User, message: ContactMessage) -> None:
    """Email the owner that a message arrived; it stays in the in-app inbox whatever happens."""
    import logging

    from app.portfolio.mail import send_message_notice

    try:
        send_message_notice(owner, message)
    except (OSError, ValueError):
        # A mail server being down must not lose the visitor's message (it is stored).
        logging.getLogger("tawasul.portfolio").warning("message notification not sent")


def messages_of(user: User) -> list[ContactMessage]:
    """The user's contact messages, newest first."""
    query = select(ContactMessage).where(ContactMessage.user_id == user.id)
    return list(db.session.scalars(query.order_by(ContactMessage.id.desc()).limit(200)))
