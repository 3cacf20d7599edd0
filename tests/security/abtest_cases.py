"""IDOR cases for the A/B test owner routes (used by test_t2_census)."""

from __future__ import annotations

from sqlalchemy import func, select
from support import post_version

from app.core.extensions import db


def abtest_cases(app, a, state):
    """(endpoint, method, url, state, owner_changes, data) for every A/B test owner route."""
    from app.sandbox import abtests, clock, services
    from app.sandbox.models import AbTest

    with app.test_request_context():
        user = db.session.get(type(a), a.id)
        account = services.start_account(user, "riyadh-cafe")
        ids = []
        for text in ("سطر أول\nقهوة", "سطر آخر\nقهوة"):
            idea = services.save_idea(
                user, account, "ab", "", {"instagram": post_version(text=text)}
            )
            ids.append(idea.posts[0].id)
        declared = abtests.Declaration(ids[0], ids[1], "first-line", "engaged", 7, 500)
        ran = abtests.declare_test(user, account.id, declared)
        abtests.lock_test(user, account.id, ran.id)
        clock.advance(user, account, 24 * 7)  # the declared days pass: the results open
        waiting = abtests.declare_test(user, account.id, declared)
        acc, ran_id, waiting_id = account.id, ran.id, waiting.id
    base = f"/sandbox/{acc}/abtests"
    count = select(func.count(AbTest.id)).where(AbTest.account_id == acc)
    locked = select(AbTest.declared_at).where(AbTest.id == waiting_id)
    called = select(AbTest.called_at).where(AbTest.id == ran_id)
    declare = {
        "post_a": str(ids[0]),
        "post_b": str(ids[1]),
        "attribute": "first-line",
        "metric": "engaged",
        "duration_days": "7",
        "sample": "500",
        "direction": "",
    }
    call = {"call": "inconclusive", "next_step": "نعيد الاختبار"}
    return [
        ("sandbox.abtests_page", "GET", base, state(count), False, None),
        ("sandbox.declare", "POST", base, state(count), True, declare),
        ("sandbox.abtest", "GET", f"{base}/{ran_id}", state(count), False, None),
        ("sandbox.lock_abtest", "POST", f"{base}/{waiting_id}/lock", state(locked), True, None),
        ("sandbox.abtest_results", "GET", f"{base}/{ran_id}/results", state(count), False, None),
        ("sandbox.abtest_call", "POST", f"{base}/{ran_id}/call", state(called), True, call),
    ]
