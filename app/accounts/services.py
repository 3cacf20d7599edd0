"""Account services: each call is one unit of work that takes the user as an argument."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, func, select

from app.accounts import mail, tokens
from app.accounts.domain import normalise_email
from app.accounts.models import User, UserSession
from app.core.db import locked, utcnow, write_unit
from app.core.extensions import db
from app.core.security import hash_password, needs_rehash, verify_password

log = logging.getLogger("tawasul.accounts")

# A hash to compare against when the email is unknown, so timing does not reveal it.
_DUMMY_HASH: dict[str, str] = {}


def find_user_by_email(email: str) -> User | None:
    """Return the user with this email, or None."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


@dataclass(frozen=True)
class Registration:
    """Outcome of a registration request (the same page is shown either way)."""

    created: bool


def register_user(email: str, display_name: str, password: str, locale: str) -> Registration:
    """Create an unverified account and mail a verification link.

    When the email is taken, the owner gets a notice instead, and the caller shows the
    same "check your inbox" page, so registration does not reveal which emails exist.
    """
    email = normalise_email(email)
    # Hash on both paths, so a taken email costs the same time as a new one.
    password_hash = hash_password(password)
    existing = find_user_by_email(email)
    if existing is not None:
        mail.send_already_registered(existing)
        return Registration(created=False)
    with write_unit(db.session) as s:
        user = User(
            email=email,
            display_name=display_name,
            password_hash=password_hash,
            locale=locale,
        )
        s.add(user)
        s.flush()
        token = tokens.issue_token(s, user, "verify", current_app.config["VERIFY_TOKEN_LIFETIME"])
    mail.send_verification(user, token)
    log.info("account registered user=%d", user.id)
    return Registration(created=True)


def resend_verification(email: str) -> None:
    """Mail a fresh verification link when the account exists and is unverified."""
    user = find_user_by_email(email)
    if user is None or user.is_verified:
        return
    with write_unit(db.session) as s:
        row = locked(s, User, user.id)
        if row is None or row.is_verified:
            return  # verified meanwhile: no new link
        token = tokens.issue_token(s, user, "verify", current_app.config["VERIFY_TOKEN_LIFETIME"])
    mail.send_verification(user, token)


def token_user(token: str, purpose: str) -> User | None:
    """Return the owner of a live token (no side effects), or None."""
    row = tokens.peek_token(db.session, token, purpose)
    return db.session.get(User, row.user_id) if row else None


def verify_email(token: str) -> User | None:
    """Consume a verification token and mark the email verified."""
    with write_unit(db.session) as s:
        row = tokens.consume_token(s, token, "verify")
        if row is None:
            return None
        user = s.get(User, row.user_id)
        if user.email_verified_at is None:
            user.email_verified_at = utcnow()
    log.info("email verified user=%d", user.id)
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the user when the password matches; rehash when the policy changed."""
    user = find_user_by_email(email)
    if user is None:
        # Spend the same hashing time as a real check.
        method = current_app.config["PASSWORD_HASH_METHOD"]
        if method not in _DUMMY_HASH:
            _DUMMY_HASH[method] = hash_password(secrets.token_urlsafe(16))
        verify_password(_DUMMY_HASH[method], password)
        log.info("login failed: unknown account")
        return None
    if not verify_password(user.password_hash, password):
        log.info("login failed: wrong password user=%d", user.id)
        return None
    if needs_rehash(user.password_hash):
        with write_unit(db.session) as s:
            s.get(User, user.id).password_hash = hash_password(password)
    return user


def start_session(user: User, remember: bool, user_agent: str) -> str:
    """Create a new server-side session row and return its random id."""
    session_id = secrets.token_urlsafe(32)
    with write_unit(db.session) as s:
        s.add(
            UserSession(
                id=session_id, user_id=user.id, remember=remember, user_agent=user_agent[:200]
            )
        )
    log.info("login succeeded user=%d remember=%s", user.id, remember)
    return session_id


def end_session(session_id: str) -> None:
    """Delete one session row (logout)."""
    with write_unit(db.session) as s:
        s.execute(delete(UserSession).where(UserSession.id == session_id))


def end_sessions(user: User, keep: str | None = None) -> int:
    """Delete every session of the user except `keep`; return how many ended."""
    with write_unit(db.session) as s:
        stmt = delete(UserSession).where(UserSession.user_id == user.id)
        if keep:
            stmt = stmt.where(UserSession.id != keep)
        count = s.execute(stmt).rowcount
    log.info("sessions ended user=%d count=%d", user.id, count)
    return int(count)


def list_sessions(user: User) -> list[UserSession]:
    """Return the user's sessions, most recent first."""
    return list(
        db.session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user.id)
            .order_by(UserSession.last_seen_at.desc())
        )
    )


def revoke_session(user: User, session_id: str) -> bool:
    """End one of the user's own sessions; False when it is not theirs."""
    with write_unit(db.session) as s:
        result = s.execute(
            delete(UserSession).where(UserSession.id == session_id, UserSession.user_id == user.id)
        )
    return bool(result.rowcount)


def count_users() -> int:
    """Return the number of accounts."""
    return int(db.session.scalar(select(func.count(User.id))) or 0)
