"""Writing and reading the admin audit log; its entry in the user-data registry.

Services call `record` inside their own write unit, so an action and its log row commit
together or not at all.
"""

from __future__ import annotations

import getpass
from typing import Any

from sqlalchemy import func, select, update

from app.accounts.models import User
from app.admin.models import AdminAction
from app.core.extensions import db
from app.core.registry import register_table

AUDIT_PAGE_SIZE = 50
ACTIONS = (
    "disable",
    "enable",
    "end-sessions",
    "end-session",
    "unpublish-portfolio",
    "create-admin",
    "revoke-credential",
)


def cli_note() -> dict[str, Any]:
    """Details naming the operating-system account that ran a command (when it can be read)."""
    try:
        return {"os_user": getpass.getuser()[:64]}
    except (KeyError, OSError):  # no name for this uid, inside some containers
        return {}


def record(
    session: Any,
    actor: User | None,
    action: str,
    target_id: int | None,
    details: dict[str, Any] | None = None,
) -> None:
    """Add one audit row in the caller's unit; actor None means the command line."""
    if action not in ACTIONS:
        raise ValueError(f"unknown admin action {action!r}")
    extra = dict(details or {})
    if actor is None:
        extra |= cli_note()
    session.add(
        AdminAction(
            actor_kind="cli" if actor is None else "admin",
            actor_id=None if actor is None else actor.id,
            action=action,
            target_user_id=target_id,
            details=extra,
        )
    )


def audit_page(page: int, size: int = AUDIT_PAGE_SIZE) -> list[tuple[AdminAction, Any, Any]]:
    """(row, actor email or None, target email or None) for one page, newest first."""
    actor = User.__table__.alias("actor")
    target = User.__table__.alias("target")
    stmt = (
        select(AdminAction, actor.c.email, target.c.email)
        .outerjoin(actor, actor.c.id == AdminAction.actor_id)
        .outerjoin(target, target.c.id == AdminAction.target_user_id)
        .order_by(AdminAction.id.desc())
        .limit(size)
        .offset((max(page, 1) - 1) * size)
    )
    return list(db.session.execute(stmt).tuples())


def count_actions() -> int:
    """How many audit rows there are."""
    return int(db.session.scalar(select(func.count(AdminAction.id))) or 0)


def export_actions(session: Any, user: User) -> list[dict[str, Any]]:
    """Actions taken on the user's account (who acted is named by kind, not by person)."""
    rows = session.scalars(
        select(AdminAction).where(AdminAction.target_user_id == user.id).order_by(AdminAction.id)
    )
    return [
        {
            "created_at": r.created_at.isoformat(),
            "action": r.action,
            "actor_kind": r.actor_kind,
        }
        for r in rows
    ]


def forget_user(session: Any, user: User) -> None:
    """Keep each row as a record that an action happened, with nothing left about the user."""
    session.execute(
        update(AdminAction)
        .where(AdminAction.target_user_id == user.id)
        .values(target_user_id=None, details={})
    )
    session.execute(
        update(AdminAction).where(AdminAction.actor_id == user.id).values(actor_id=None, details={})
    )


# Export: the learner sees what operators did to their account. Deletion does not remove the
# rows (operators stay accountable for what they did) but unlinks both ends and clears the
# details, so a row about a deleted account holds no personal data. Retention: 24 months
# (app/core/retention), after which rows are deleted outright.
register_table(
    AdminAction,
    export=export_actions,
    delete=forget_user,
    order=10,
    not_learner_text={
        "actor_kind": "set by the system",
        "action": "one of the action names in app/admin/audit.py",
    },
)
