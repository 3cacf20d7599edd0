"""Registrations of the account tables with the user-data and XSS registries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from app.accounts.models import AccountToken, User, UserSession
from app.core.registry import (
    XssField,
    register_table,
    register_xss_field,
)


def _iso(value: Any) -> Any:
    """Serialise datetimes for JSON."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def export_user(session: Any, user: User) -> list[dict[str, Any]]:
    """Export the profile (never the password hash)."""
    row = session.get(User, user.id)
    return [
        {
            "email": row.email,
            "display_name": row.display_name,
            "locale": row.locale,
            "role": row.role,
            "email_verified_at": _iso(row.email_verified_at),
            "created_at": _iso(row.created_at),
            "password_changed_at": _iso(row.password_changed_at),
        }
    ]


def export_sessions(session: Any, user: User) -> list[dict[str, Any]]:
    """Export signed-in devices (ids are secrets and are left out)."""
    rows = session.scalars(select(UserSession).where(UserSession.user_id == user.id))
    return [
        {
            "created_at": _iso(r.created_at),
            "last_seen_at": _iso(r.last_seen_at),
            "remember": r.remember,
            "user_agent": r.user_agent,
        }
        for r in rows
    ]


def export_tokens(session: Any, user: User) -> list[dict[str, Any]]:
    """Export emailed-token history (hashes are left out)."""
    rows = session.scalars(select(AccountToken).where(AccountToken.user_id == user.id))
    return [
        {
            "purpose": r.purpose,
            "new_email": r.new_email,
            "created_at": _iso(r.created_at),
            "expires_at": _iso(r.expires_at),
            "used_at": _iso(r.used_at),
        }
        for r in rows
    ]


def set_display_name(session: Any, user: User, value: str) -> None:
    """Store a display name directly (the XSS harness bypasses form validation)."""
    session.get(User, user.id).display_name = value


def set_user_agent(session: Any, user: User, value: str) -> None:
    """Store a browser-sent user agent on every session of the user."""
    for row in session.scalars(select(UserSession).where(UserSession.user_id == user.id)):
        row.user_agent = value


def set_email(session: Any, user: User, value: str) -> None:
    """Store an email directly (the XSS harness bypasses form validation)."""
    session.get(User, user.id).email = value


register_table(
    AccountToken,
    export=export_tokens,
    order=10,
    not_learner_text={
        "token_hash": "hash, never displayed",
        "purpose": "set by the system",
        "new_email": "not displayed on any page",
    },
)
register_table(
    UserSession,
    export=export_sessions,
    order=10,
    not_learner_text={"id": "random id, never displayed"},
)
# The user's own row is keyed by id, not user_id, so it has its own delete (last, at 99).
register_table(
    User,
    export=export_user,
    delete=lambda s, u: s.execute(delete(User).where(User.id == u.id)),
    order=99,
    not_learner_text={
        "password_hash": "hash, never displayed",
        "locale": "one of the supported codes",
        "role": "set by the system",
        "target_role": "one of the role ids from courses/roles.yaml",
    },
)

register_xss_field(
    XssField(
        "user.display_name",
        set_display_name,
        lambda u: [
            "/",
            "/account/",
            "/account/settings",
            "/admin/",
            f"/admin/users/{u.id}",
            f"/admin/users/{u.id}/disable",
        ],
        viewers=("owner", "admin"),
    )
)
register_xss_field(
    XssField(
        "user_session.user_agent",
        set_user_agent,
        lambda u: ["/account/sessions", f"/admin/users/{u.id}"],
        max_length=200,
        viewers=("owner", "admin"),
    )
)
register_xss_field(
    XssField(
        "user.email",
        set_email,
        lambda u: [
            "/account/",
            "/account/email",
            "/admin/",
            f"/admin/users/{u.id}",
            f"/admin/users/{u.id}/disable",
        ],
        max_length=254,
        viewers=("owner", "admin"),
    )
)
