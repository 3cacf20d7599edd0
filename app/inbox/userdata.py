"""Inbox rows and sandbox events in the user-data registry (export, deletion) and XSS harness."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.core.registry import XssField, register_table, register_xss_field
from app.inbox.models import InboxItem, SandboxEvent

register_table(
    InboxItem,
    export=(
        "id",
        "account_id",
        "key",
        "message",
        "origin",
        "post_id",
        "parent_key",
        "arrives_at",
        "draft_action",
        "draft_role",
        "draft",
        "action",
        "role",
        "text",
        "handled_at",
        "score",
        "detail",
        "created_at",
    ),
    order=19,
    not_learner_text={
        "key": "set by the system from the message id",
        "message": "a message id from the scenario's bank",
        "origin": "set by the system",
        "parent_key": "set by the system",
        "draft_action": "an action id checked when sent",
        "draft_role": "a role id checked when sent",
        "action": "an action id checked against the list",
        "role": "a role id checked against the scenario",
    },
)
register_table(
    SandboxEvent,
    export=("id", "account_id", "kind", "target", "note", "at", "created_at"),
    order=19,
    not_learner_text={
        "kind": "set by the system",
        "target": "a role id checked against the scenario, or a post id",
    },
)


def _account(session: Any, user: Any) -> Any:
    """The user's harness account (the sandbox harness post's account, a day after start)."""
    from app.sandbox.userdata import harness_post

    return harness_post(session, user).account_id


def set_text(session: Any, user: Any, value: str) -> None:
    """A handled reply whose text is the payload, and an open draft holding it too."""
    account_id = _account(session, user)
    from app.sandbox.models import SandboxAccount

    account = session.get(SandboxAccount, account_id)
    for key, handled in (("b-m01", True), ("b-m02", False)):
        row = session.scalar(
            select(InboxItem).where(InboxItem.account_id == account_id, InboxItem.key == key)
        )
        if row is None:
            row = InboxItem(
                account_id=account_id,
                user_id=user.id,
                key=key,
                message=key[2:],
                origin="bank",
                arrives_at=account.started,
            )
            session.add(row)
        if handled:
            row.action, row.text, row.score, row.handled_at = "reply", value, 40, account.clock
            row.detail = {"points": 40, "criteria": [], "hard_fails": [], "caps": []}
        else:
            row.draft_action, row.draft = "reply", value


def set_note(session: Any, user: Any, value: str) -> None:
    """An alert whose note is the payload."""
    from app.sandbox.models import SandboxAccount

    account = session.get(SandboxAccount, _account(session, user))
    session.add(
        SandboxEvent(
            account_id=account.id,
            user_id=user.id,
            kind="alert",
            target="spokesperson",
            note=value,
            at=account.clock,
        )
    )


def item_page(key: str) -> Any:
    """The page of one harness item (b-m01 shows the sent reply, b-m02 the draft)."""

    def pages(user: Any) -> list[str]:
        """Where the field's text is displayed."""
        from app.core.extensions import db

        account_id = db.session.scalar(
            select(InboxItem.account_id).where(InboxItem.user_id == user.id).limit(1)
        )
        return [f"/sandbox/{account_id}/inbox/{key}"] if account_id else []

    return pages


def event_pages(user: Any) -> list[str]:
    """The inbox lists the alerts with their notes."""
    from app.core.extensions import db

    account_id = db.session.scalar(
        select(SandboxEvent.account_id).where(SandboxEvent.user_id == user.id).limit(1)
    )
    return [f"/sandbox/{account_id}/inbox"] if account_id else []


register_xss_field(XssField("inbox_item.text", set_text, item_page("b-m01"), max_length=2000))
register_xss_field(XssField("inbox_item.draft", set_text, item_page("b-m02"), max_length=2000))
register_xss_field(XssField("sandbox_event.note", set_note, event_pages, max_length=500))
