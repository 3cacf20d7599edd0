"""Operator actions and reads: find accounts, disable and enable them, end their sessions.

Every action takes the acting admin (None for the command line) and writes its audit row in
the same unit of work as the change.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import delete, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from app.accounts.models import User, UserSession
from app.admin.audit import record
from app.core.db import locked, write_unit
from app.core.extensions import db

log = logging.getLogger("tawasul.admin")

PAGE_SIZE = 50
# A search term longer than any email is not a search: it is cut, not refused.
MAX_QUERY = 100


def _like(term: str) -> str:
    """A LIKE pattern matching `term` anywhere, with the wildcards in it taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matching(query: str) -> list[ColumnElement[bool]]:
    """WHERE clauses for a search by email or display name (none for an empty query)."""
    term = query.strip()[:MAX_QUERY]
    if not term:
        return []
    pattern = _like(term.lower())
    return [
        or_(
            func.lower(User.email).like(pattern, escape="\\"),
            func.lower(User.display_name).like(pattern, escape="\\"),
        )
    ]


def users_page(page: int, size: int = PAGE_SIZE, query: str = "") -> list[tuple[User, int]]:
    """(account, number of active sessions) for one page of matching accounts, oldest first."""
    stmt = (
        select(User, func.count(UserSession.id))
        .outerjoin(UserSession, UserSession.user_id == User.id)
        .where(*_matching(query))
        .group_by(User.id)
        .order_by(User.id)
        .limit(size)
        .offset((max(page, 1) - 1) * size)
    )
    return list(db.session.execute(stmt).tuples())


def count_matching(query: str = "") -> int:
    """How many accounts a search matches (all of them for an empty query)."""
    return int(db.session.scalar(select(func.count(User.id)).where(*_matching(query))) or 0)


def user_by_id(user_id: int) -> User | None:
    """The account with this id, or None."""
    return db.session.get(User, user_id)


def user_by_email(email: str) -> User | None:
    """The account with this email (normalised as sign-in does), or None."""
    from app.accounts.services import find_user_by_email

    return find_user_by_email(email)


def session_key(session_id: str) -> str:
    """A session's name in admin pages and URLs: a digest, never the secret id itself."""
    return hashlib.sha256(session_id.encode()).hexdigest()[:24]


def sessions_of(user: User) -> list[tuple[str, UserSession]]:
    """(key, session) for each of the user's sessions, most recent first."""
    from app.accounts.services import list_sessions

    return [(session_key(row.id), row) for row in list_sessions(user)]


def set_disabled(actor: User | None, user: User, disabled: bool) -> int:
    """Disable (ending every session) or enable an account; returns the sessions ended."""
    ended = 0
    with write_unit(db.session) as s:
        row = locked(s, User, user.id)
        if row is None:
            return 0
        row.disabled = disabled
        if disabled:
            ended = int(
                s.execute(delete(UserSession).where(UserSession.user_id == row.id)).rowcount
            )
        details = {"sessions": ended} if disabled else {}
        record(s, actor, "disable" if disabled else "enable", row.id, details)
    log.info(
        "account %s user=%d sessions_ended=%d",
        "disabled" if disabled else "enabled",
        user.id,
        ended,
    )
    return ended


def end_user_sessions(actor: User | None, user: User) -> int:
    """End every session of one user (ASVS 7.4.5); returns how many ended."""
    with write_unit(db.session) as s:
        count = int(s.execute(delete(UserSession).where(UserSession.user_id == user.id)).rowcount)
        record(s, actor, "end-sessions", user.id, {"sessions": count})
    log.info("admin ended sessions user=%d count=%d", user.id, count)
    return count


def end_user_session(actor: User | None, user: User, key: str) -> bool:
    """End the one session of `user` whose key is `key`; False when there is none."""
    match = next((row.id for k, row in sessions_of(user) if k == key), None)
    if match is None:
        return False
    with write_unit(db.session) as s:
        count = int(
            s.execute(
                delete(UserSession).where(UserSession.id == match, UserSession.user_id == user.id)
            ).rowcount
        )
        if count:
            record(s, actor, "end-session", user.id, {"sessions": count})
    return bool(count)
