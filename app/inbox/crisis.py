"""Crisis tools on the simulated clock: alert a named contact, pause and resume posts.

Each is recorded as a SandboxEvent with the simulated time, so a drill can tell whether the
contact was alerted before any public statement and the post paused before its slot.
"""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import User
from app.core.db import write_unit
from app.core.extensions import db
from app.inbox.errors import InboxError
from app.inbox.models import SandboxEvent
from app.inbox.services import roles_of
from app.sandbox.models import SandboxAccount, SandboxPost
from app.sandbox.services import own_account, own_post

NOTE_LIMIT = 500


def alert(user: User, account_id: int, role: str, note: str) -> SandboxEvent:
    """Alert a named contact now, on the simulated clock (a crisis starts here)."""
    if len(note) > NOTE_LIMIT:
        raise InboxError("too-long")
    with write_unit(db.session) as s:
        account = own_account(s, user, account_id)
        if role not in {r.get("id") for r in roles_of(account)}:
            raise InboxError("role")
        event = SandboxEvent(
            account_id=account.id,
            user_id=account.user_id,
            kind="alert",
            target=role,
            note=note.strip(),
            at=account.clock,
        )
        s.add(event)
    return event


def events_of(user: User, account: SandboxAccount) -> list[SandboxEvent]:
    """The account's alerts and pauses, newest first."""
    query = select(SandboxEvent).where(
        SandboxEvent.account_id == account.id, SandboxEvent.user_id == user.id
    )
    return list(db.session.scalars(query.order_by(SandboxEvent.id.desc())))


def pause_post(user: User, account_id: int, post_id: int) -> SandboxPost:
    """Hold an approved post: the clock will not publish it until it is resumed."""
    return _switch(user, account_id, post_id, "approved", "paused", "pause")


def resume_post(user: User, account_id: int, post_id: int) -> SandboxPost:
    """Release a paused post: it goes out at its slot, or at the next advance if that passed."""
    return _switch(user, account_id, post_id, "paused", "approved", "resume")


def _switch(
    user: User, account_id: int, post_id: int, old: str, new: str, kind: str
) -> SandboxPost:
    """Move a post from one status to another and record the event on the clock."""
    with write_unit(db.session) as s:
        post = own_post(s, user, account_id, post_id)
        if post.status != old:
            raise InboxError(f"not-{old}")
        post.status = new
        account = own_account(s, user, account_id)
        s.add(
            SandboxEvent(
                account_id=account.id,
                user_id=account.user_id,
                kind=kind,
                target=str(post.id),
                at=account.clock,
            )
        )
    return post
