"""Inbox services: save a draft, act on a message and score it (what has arrived is in
app.inbox.arrived, re-exported here).

Services take the user as their first argument and only touch that user's rows. The bank's
messages are read from the scenario; a row is written when the learner acts on one.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from app.accounts.models import User
from app.core.db import write_unit
from app.core.extensions import db
from app.inbox.arrived import (
    Item,
    State,
    Summary,
    item_of,
    items_of,
    listed_item,
    states_of,
    summary,
    with_row,
)
from app.inbox.domain.items import (
    FOLLOW_UP_HOURS,
    FOLLOW_UP_POINTS,
    ReplyInputs,
    context_for,
    hours_between,
    message_for,
)
from app.inbox.domain.lexicons import reply_data
from app.inbox.domain.promises import concepts
from app.inbox.domain.rubric import Context, Reply, ReplyScore
from app.inbox.domain.score import score_reply
from app.inbox.errors import InboxError
from app.inbox.models import InboxItem
from app.sandbox.errors import StaleClock
from app.sandbox.models import SandboxAccount
from app.sandbox.services import own_account, scenario_of

TEXT_LIMIT = 2000
TEXT_ACTIONS = ("reply", "private", "escalate", "forward")
__all__ = [
    "Item",
    "State",
    "Summary",
    "item_of",
    "items_of",
    "listed_item",
    "states_of",
    "summary",
    "with_row",
]  # and what is below


@functools.cache
def _context(scenario_id: str) -> Context:
    """The rubric's context for a scenario (compiled once per process)."""
    from app.sandbox.data import sandbox_data

    data = reply_data()
    inputs = ReplyInputs(data.lists, data.credit, data.bands, concepts())
    return context_for(sandbox_data().scenarios[scenario_id].data, inputs)


def reply_context(account: SandboxAccount) -> Context:
    """The rubric's context for the account's scenario."""
    return _context(account.scenario_id)


def roles_of(account: SandboxAccount) -> list[Mapping[str, Any]]:
    """The scenario's escalation roles."""
    return list(scenario_of(account).get("roles") or [])


def _rows(account: SandboxAccount) -> dict[str, InboxItem]:
    """The account's inbox rows by key."""
    query = select(InboxItem).where(InboxItem.account_id == account.id)
    return {r.key: r for r in db.session.scalars(query)}


def _row_for(s: Any, account: SandboxAccount, item: Item) -> InboxItem:
    """The item's row, written now if the learner acts on a bank message for the first time."""
    row = s.scalars(
        select(InboxItem).where(InboxItem.account_id == account.id, InboxItem.key == item.key)
    ).one_or_none()
    if row is None:
        row = InboxItem(
            account_id=account.id,
            user_id=account.user_id,
            key=item.key,
            message=str(item.message.get("id")),
            origin="bank",
            arrives_at=item.arrives_at,
        )
        s.add(row)
    return row


def _check(account: SandboxAccount, action: str, role: str, text: str) -> None:
    """Refuse an action the form cannot mean: unknown action or role, empty or long text."""
    if action not in reply_data().actions:
        raise InboxError("action")
    # A role beside any action escalates too; the escalate action needs one.
    if (role or action == "escalate") and role not in {r.get("id") for r in roles_of(account)}:
        raise InboxError("role")
    if len(text) > TEXT_LIMIT:
        raise InboxError("too-long")
    if action in ("reply", "private", "forward") and not text.strip():
        raise InboxError("empty")


def save_draft(user: User, account_id: int, key: str, action: str, role: str, text: str) -> None:
    """Keep a draft reply (action, role, text) to approve later; nothing is sent."""
    if len(text) > TEXT_LIMIT:
        raise InboxError("too-long")
    with write_unit(db.session) as s:
        account = own_account(s, user, account_id)
        row = _row_for(s, account, item_of(user, account, key))
        if row.handled_at is not None:
            raise InboxError("handled")
        row.draft_action, row.draft_role, row.draft = action[:12], role[:40], text


def _earlier_public(rows: Mapping[str, InboxItem], row: InboxItem) -> int:
    """Public replies the learner already made in this thread (this item and its parents)."""
    seen, total, current = set(), row_public(row), rows.get(row.parent_key)
    while current is not None and current.key not in seen:
        seen.add(current.key)
        total += row_public(current)
        current = rows.get(current.parent_key)
    return total


def row_public(row: InboxItem) -> int:
    """How many public replies a row holds (kept in its detail)."""
    return int((row.detail or {}).get("public_replies", 0))


def act(
    user: User,
    account_id: int,
    key: str,
    action: str,
    role: str,
    text: str,
    *,
    shown_clock: datetime | None = None,
) -> ReplyScore:
    """Approve and send: do the action at the account's clock and score it by the rubric."""
    text = text.strip() if action in TEXT_ACTIONS else ""
    with write_unit(db.session) as s:
        account = own_account(s, user, account_id)
        if shown_clock is not None and shown_clock != account.clock:
            raise StaleClock(shown_clock, account.clock)
        _check(account, action, role, text)
        item = item_of(user, account, key)
        row = _row_for(s, account, item)
        if row.handled_at is not None:
            raise InboxError("handled")
        rows = _rows(account)
        rows[row.key] = row
        channel = "dm" if item.origin == "followup" else None
        result = score_reply(
            message_for(scenario_of(account).data, item.message, channel),
            Reply(
                action,
                text,
                role,
                hours_between(item.arrives_at, account.clock),
                _earlier_public(rows, row),
            ),
            _context(account.scenario_id),
        )
        public = bool(text) and item.message.get("channel") in ("comment", "mention")
        detail = result.as_json() | {"public_replies": row_public(row) + int(public)}
        row.action, row.role, row.text = action, role, text
        row.score, row.detail = result.points, detail
        row.draft_action, row.draft_role, row.draft = "", "", ""
        if result.answered or action not in TEXT_ACTIONS:
            row.handled_at = account.clock
        if result.points >= FOLLOW_UP_POINTS and item.message.get("follow_up"):
            _add_follow_up(s, account, row, rows)
    return result


def _add_follow_up(
    s: Any, account: SandboxAccount, row: InboxItem, rows: dict[str, InboxItem]
) -> None:
    """The customer writes back an hour later (once per item)."""
    key = f"f-{row.key}"
    if key in rows or len(key) > 80:
        return
    s.add(
        InboxItem(
            account_id=account.id,
            user_id=account.user_id,
            key=key,
            message=row.message,
            origin="followup",
            parent_key=row.key,
            arrives_at=account.clock + timedelta(hours=FOLLOW_UP_HOURS),
        )
    )
