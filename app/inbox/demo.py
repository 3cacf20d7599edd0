"""Demo data for `flask demo`: a shift of answered messages in the café account, with feedback."""

from __future__ import annotations

from sqlalchemy import func, select

from app.accounts.models import User
from app.core.extensions import db
from app.inbox import services
from app.inbox.models import InboxItem
from app.sandbox.models import SandboxAccount

ACTIONS = {"reply-then-dm": "private", "dm": "private", "ignore": "none"}
SHIFT = 5


def seed_inbox(user: User) -> bool:
    """Answer the five latest unanswered messages with the model answer (no-op when done)."""
    account = db.session.scalar(
        select(SandboxAccount).where(SandboxAccount.user_id == user.id).order_by(SandboxAccount.id)
    )
    if account is None:
        return False
    answered = db.session.scalar(
        select(func.count(InboxItem.id)).where(InboxItem.account_id == account.id)
    )
    if answered:
        return False
    # The latest messages: some still inside their deadline, some answered late (the
    # feedback shows both).
    waiting = [i for i in services.items_of(user, account) if i.status(account.clock) != "done"]
    for item in sorted(waiting, key=lambda i: i.arrives_at, reverse=True)[:SHIFT]:
        m = item.message
        action = ACTIONS.get(str(m.get("expected")), str(m.get("expected")))
        if action == "escalate" and not m.get("escalate_to"):
            action = "private"
        text = (m.get("model_reply") or {}).get(str(m.get("lang")), "")
        keeps_text = action in services.TEXT_ACTIONS
        services.act(
            user,
            account.id,
            item.key,
            action,
            str(m.get("escalate_to") or ""),
            text if keeps_text else "",
        )
    return True
