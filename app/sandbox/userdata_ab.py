"""A/B tests in the user-data registry (export, deletion) and the XSS harness."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.core.db import utcnow
from app.core.registry import XssField, register_table, register_xss_field
from app.sandbox.domain.abtest import attributes_of
from app.sandbox.models import AbTest, SandboxAccount
from app.sandbox.userdata import harness_post

register_table(
    AbTest,
    export=(
        "id",
        "account_id",
        "post_a_id",
        "post_b_id",
        "draft_a",
        "draft_b",
        "attribute",
        "metric",
        "duration_days",
        "sample",
        "direction",
        "created_at",
        "declared_at",
        "started",
        "reach_a",
        "count_a",
        "reach_b",
        "count_b",
        "call",
        "next_step",
        "called_at",
    ),
    order=19,  # before the posts it points at
    not_learner_text={
        "attribute": "an attribute code checked against a list",
        "metric": "a metric code checked against a list",
        "direction": "'', 'a' or 'b', checked against a list",
        "call": "a call code checked against a list",
    },
)


def harness_test(session: Any, user: Any) -> AbTest:
    """The user's harness test (locked and called, so every A/B page shows it), made once."""
    test = session.scalar(select(AbTest).where(AbTest.user_id == user.id))
    if test is not None:
        return test
    post = harness_post(session, user)
    draft = attributes_of({"text": "a", "format": "feed", "platform": "instagram"})
    test = AbTest(
        account_id=post.account_id,
        user_id=user.id,
        draft_a=draft,
        draft_b={**draft, "first-line": "b"},
        rate_a=0.02,
        rate_b=0.03,
        attribute="first-line",
        metric="engaged",
        duration_days=7,
        sample=1000,
        direction="",
        declared_at=utcnow(),
        # Its seven days are over on the account's clock, so the results page opens.
        started=session.get(SandboxAccount, post.account_id).clock - timedelta(days=7),
        reach_a=1000,
        count_a=20,
        reach_b=1000,
        count_b=30,
        call="b",
        next_step="n",
        called_at=utcnow(),
    )
    session.add(test)
    session.flush()
    return test


def set_next_step(session: Any, user: Any, value: str) -> None:
    """Store the payload as the test's next step."""
    harness_test(session, user).next_step = value


def set_draft_text(session: Any, user: Any, value: str) -> None:
    """Store the payload as draft A's first line (the snapshot the test page shows)."""
    test = harness_test(session, user)
    test.draft_a = {**test.draft_a, "first-line": value}


def pages_for(suffix: str) -> Any:
    """The harness test's page that shows a field (the test page or its results)."""

    def pages(user: Any) -> list[str]:
        """Where the field's text is displayed."""
        from app.core.extensions import db

        test = db.session.scalar(select(AbTest).where(AbTest.user_id == user.id))
        if test is None:
            return []
        return [f"/sandbox/{test.account_id}/abtests/{test.id}{suffix}"]

    return pages


register_xss_field(
    XssField("ab_test.next_step", set_next_step, pages_for("/results"), max_length=1000)
)
register_xss_field(XssField("ab_test.draft_a", set_draft_text, pages_for(""), max_length=1000))
