"""IDOR cases for the inbox's owner routes (used by test_t2_census)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from support import post_version

from app.core.extensions import db


def inbox_cases(app: Any, a: Any, state: Any) -> list[tuple[Any, ...]]:
    """(endpoint, method, url, state, owner_changes, data) for every inbox owner route."""
    from app.inbox import crisis
    from app.inbox.models import InboxItem, SandboxEvent
    from app.sandbox import clock, services
    from app.sandbox.models import SandboxPost

    with app.test_request_context():
        user = db.session.get(type(a), a.id)
        account = services.start_account(user, "riyadh-cafe", seed=3)
        version = post_version()
        idea = services.save_idea(
            user, account, "idea", "", {"instagram": version, "x": version | {"aspect": "16:9"}}
        )
        first, second = sorted(idea.posts, key=lambda p: p.platform)
        for post in (first, second):
            for action in ("submit", "approve"):
                services.set_status(user, account, post, action)
            services.schedule(user, account, post, account.clock + timedelta(days=5))
        crisis.pause_post(user, account.id, second.id)
        clock.advance(user, account, 24)
        acc, approved, paused = account.id, first.id, second.id
        shown = account.clock.isoformat()
    base = f"/sandbox/{acc}/inbox"
    rows = select(func.count(InboxItem.id)).where(InboxItem.account_id == acc)
    events = select(func.count(SandboxEvent.id)).where(SandboxEvent.account_id == acc)
    status = select(SandboxPost.status).where(SandboxPost.id.in_((approved, paused)))
    send = {"action": "reply", "text": "hello", "role": "", "clock": shown, "do": "send"}
    return [
        ("inbox.index", "GET", base, state(rows), False, None),
        ("inbox.item", "GET", f"{base}/b-m01", state(rows), False, None),
        ("inbox.item", "POST", f"{base}/b-m01", state(rows), True, send),
        (
            "inbox.alert",
            "POST",
            f"{base}/alert",
            state(events),
            True,
            {"role": "spokesperson", "note": "n"},
        ),
        ("inbox.pause", "POST", f"/sandbox/{acc}/posts/{approved}/pause", state(status), True, {}),
        ("inbox.resume", "POST", f"/sandbox/{acc}/posts/{paused}/resume", state(status), True, {}),
    ]
