"""Single-use emailed tokens: random, stored as SHA-256, consumed by a conditional update."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update

from app.accounts.models import AccountToken, User
from app.core.db import DbSession, utcnow


def digest(token: str) -> str:
    """Return the stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(
    session: DbSession, user: User, purpose: str, lifetime: timedelta, new_email: str | None = None
) -> str:
    """Create a token for `purpose`, invalidating older unused ones of the same purpose."""
    now = utcnow()
    session.execute(
        update(AccountToken)
        .where(
            AccountToken.user_id == user.id,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        AccountToken(
            token_hash=digest(token),
            user_id=user.id,
            purpose=purpose,
            new_email=new_email,
            expires_at=now + lifetime,
        )
    )
    return token


def peek_token(session: DbSession, token: str, purpose: str) -> AccountToken | None:
    """Return the live token row without consuming it, or None."""
    if not token or len(token) > 100:
        return None
    row = session.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == digest(token), AccountToken.purpose == purpose
        )
    )
    if row is None or row.used_at is not None or row.expires_at < utcnow():
        return None
    return row


def consume_token(session: DbSession, token: str, purpose: str) -> AccountToken | None:
    """Mark a live token used exactly once; None when unknown, used or expired."""
    row = peek_token(session, token, purpose)
    if row is None:
        return None
    result = session.execute(
        update(AccountToken)
        .where(AccountToken.id == row.id, AccountToken.used_at.is_(None))
        .values(used_at=utcnow())
    )
    return row if result.rowcount == 1 else None
