"""Server-side sessions: Flask-Login's user id is the UserSession id, checked every request."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from sqlalchemy import bindparam, select, update

from app.accounts.models import User, UserSession
from app.core.db import utcnow, write_unit
from app.core.extensions import db

# Built once: this statement runs on every signed-in request.
LOAD_SESSION = (
    select(User, UserSession.created_at, UserSession.last_seen_at, UserSession.remember)
    .join(User, User.id == UserSession.user_id)
    .where(UserSession.id == bindparam("sid"))
)
# last_seen is refreshed at most this often, so reads rarely write.
TOUCH_INTERVAL = timedelta(minutes=5)


def session_expired(created: datetime, last_seen: datetime, remember: bool, now: datetime) -> bool:
    """True when the session passed its idle timeout or its absolute lifetime."""
    cfg = current_app.config
    if remember:
        return now - created > cfg["REMEMBER_ABSOLUTE_LIFETIME"]
    return (
        now - created > cfg["SESSION_ABSOLUTE_LIFETIME"]
        or now - last_seen > cfg["SESSION_IDLE_TIMEOUT"]
    )


def load_user(session_id: str) -> User | None:
    """Return the user of a live session row, or None so the cookie is refused."""
    if not session_id or len(session_id) > 64:
        return None
    # One query for the session row and its user (this runs on every signed-in request).
    found = db.session.execute(LOAD_SESSION, {"sid": session_id}).first()
    if found is None:
        return None
    user, created, last_seen, remember = found
    now = utcnow()
    if session_expired(created, last_seen, remember, now) or not user.is_active:
        with write_unit(db.session) as s:
            s.execute(UserSession.__table__.delete().where(UserSession.id == session_id))
        return None
    if now - last_seen > TOUCH_INTERVAL:
        with write_unit(db.session) as s:
            s.execute(
                update(UserSession).where(UserSession.id == session_id).values(last_seen_at=now)
            )
    user.current_session_id = session_id
    return user


def init_sessions(app: Flask, manager: LoginManager) -> None:
    """Wire Flask-Login to the session table."""
    manager.user_loader(load_user)
    manager.login_view = "accounts.login"
    manager.login_message = _l("Sign in to open this page.")
    manager.login_message_category = "info"
    manager.needs_refresh_message = _l("Confirm your password to continue.")
    manager.session_protection = None  # the server-side session row is the protection
