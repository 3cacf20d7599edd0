"""What the admin pages read: accounts a page at a time, and one account by id."""

from __future__ import annotations

from sqlalchemy import func, select

from app.accounts.models import User, UserSession
from app.core.extensions import db

PAGE_SIZE = 50


def users_page(page: int, size: int = PAGE_SIZE) -> list[tuple[User, int]]:
    """(account, number of active sessions) for one page of accounts, oldest first."""
    stmt = (
        select(User, func.count(UserSession.id))
        .outerjoin(UserSession, UserSession.user_id == User.id)
        .group_by(User.id)
        .order_by(User.id)
        .limit(size)
        .offset((max(page, 1) - 1) * size)
    )
    return list(db.session.execute(stmt).tuples())


def user_by_id(user_id: int) -> User | None:
    """The account with this id, or None."""
    return db.session.get(User, user_id)
