"""Benchmark seeding for the inbox: answered messages in the big account, and scoring CPU."""

from __future__ import annotations

import statistics
import time
from typing import Any

ANSWERED = 20  # messages answered with their model reply (the rest stay open or missed)
ACTIONS = {"reply-then-dm": "private", "dm": "private", "ignore": "none"}


def answer_inbox(app: Any, email: str, account_id: int) -> tuple[str, float]:
    """Answer the first ANSWERED messages; return a handled message's key (its page shows the
    feedback) and the CPU ms the rubric takes to score one reply (median over every model
    answer of the scenario, 5 rounds, in process)."""
    from sqlalchemy import select

    from app.accounts.models import User
    from app.core.extensions import db
    from app.exercises.domain.text import forget_words
    from app.inbox import services
    from app.inbox.domain.items import message_for
    from app.inbox.domain.rubric import Reply
    from app.inbox.domain.score import score_reply
    from app.sandbox.models import SandboxAccount

    user = db.session.scalar(select(User).where(User.email == email))
    account = db.session.get(SandboxAccount, account_id)
    items = services.items_of(user, account)
    first = ""
    for item in items[:ANSWERED]:
        m = item.message
        action = ACTIONS.get(str(m.get("expected")), str(m.get("expected")))
        text = "" if action in ("none", "hide") else (m.get("model_reply") or {}).get(m["lang"], "")
        services.act(user, account_id, item.key, action, str(m.get("escalate_to") or ""), text)
        first = first or item.key
    scenario = services.scenario_of(account).data
    ctx = services.reply_context(account)
    cases = []
    for m in scenario["inbox"]:
        action = ACTIONS.get(m["expected"], m["expected"])
        text = "" if action in ("none", "hide") else m["model_reply"][m["lang"]]
        cases.append((message_for(scenario, m), Reply(action, text, m.get("escalate_to", ""), 1)))
    timings = []
    for _ in range(5):
        for message, reply in cases:
            forget_words()  # timed as a reply the scorer meets for the first time
            start = time.process_time()
            score_reply(message, reply, ctx)
            timings.append((time.process_time() - start) * 1000)
    return first, statistics.median(timings)
