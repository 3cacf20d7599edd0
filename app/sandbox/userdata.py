"""Sandbox tables in the user-data registry (export, deletion) and the XSS harness."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.core.registry import (
    XssField,
    register_table,
    register_xss_field,
)
from app.sandbox.models import SandboxAccount, SandboxIdea, SandboxPost
from app.sandbox.services import FIELDS

POST_FIELDS = (
    "id",
    "idea_id",
    "account_id",
    "platform",
    *FIELDS,
    "scheduled_at",
    "status",
    "review_comment",
    "published_at",
    "outcome",
)
register_table(
    SandboxPost,
    export=POST_FIELDS,
    order=20,
    not_learner_text={
        "platform": "one of six platform codes",
        "format": "a format code checked against a list",
        "aspect": "an aspect ratio checked against a list",
        "goal": "a goal code checked against a list",
        "pillar": "a pillar id checked against the scenario",
        "trend": "a trend id checked against the scenario",
        "status": "set by the system",
        "rng_key": "set by the system from the idea's number and the platform",
    },
)
register_table(
    SandboxIdea, export=("id", "account_id", "title", "campaign", "created_at"), order=21
)
register_table(
    SandboxAccount,
    export=(
        "id",
        "scenario_id",
        "seed",
        "clock",
        "started",
        "followers",
        "created_at",
    ),
    order=22,
    not_learner_text={"scenario_id": "a scenario id from the app's files"},
)


def harness_post(session: Any, user: Any) -> SandboxPost:
    """The user's harness post (published, so it shows on every sandbox page), made once."""
    post = session.scalar(select(SandboxPost).where(SandboxPost.user_id == user.id))
    if post is not None:
        return post
    from app.sandbox.data import sandbox_data

    scenario = sandbox_data().scenarios["riyadh-cafe"]
    from datetime import datetime

    start = datetime.fromisoformat(scenario.start)
    account = SandboxAccount(
        user_id=user.id,
        scenario_id=scenario.id,
        seed=1,
        clock=start + timedelta(days=1),
        started=start,
        followers={"instagram": 100},
    )
    session.add(account)
    session.flush()
    idea = SandboxIdea(account_id=account.id, user_id=user.id, title="idea", campaign="c")
    session.add(idea)
    session.flush()
    post = SandboxPost(
        idea_id=idea.id,
        account_id=account.id,
        user_id=user.id,
        platform="instagram",
        format="feed",
        text="t",
        goal="engagement",
        status="published",
        scheduled_at=start + timedelta(hours=2),
        published_at=start + timedelta(hours=2),
        outcome={
            "reach": 10,
            "impressions": 12,
            "counts": {"likes": 1},
            "followers": 100,
            "factors": [],
        },
    )
    session.add(post)
    session.flush()
    return post


def setter(attribute: str) -> Any:
    """Set one text attribute of the harness post or its idea."""

    def set_value(session: Any, user: Any, value: str) -> None:
        """Store the payload in the field."""
        post = harness_post(session, user)
        target = post.idea if attribute in ("title", "campaign") else post
        setattr(target, attribute, value)

    return set_value


def pages_for(attribute: str) -> Any:
    """The sandbox pages that show one field of the harness post (each page shows it)."""

    def pages(user: Any) -> list[str]:
        """Where the field's text is displayed."""
        from app.core.extensions import db

        post = db.session.scalar(select(SandboxPost).where(SandboxPost.user_id == user.id))
        if post is None:
            return []
        base = f"/sandbox/{post.account_id}"
        page = f"{base}/posts/{post.id}"
        if attribute == "title":  # the idea's name labels the post everywhere
            return [base, page, f"{base}/calendar", f"{base}/analytics", f"{base}/report"]
        return [page]

    return pages


for name, limit in {
    "title": 200,
    "campaign": 60,
    "text": 1000,
    "hashtags": 500,
    "link": 500,
    "media_description": 500,
    "alt_text": 500,
    "cta": 200,
    "hook": 100,
    "review_comment": 500,
}.items():
    table = "sandbox_idea" if name in ("title", "campaign") else "sandbox_post"
    register_xss_field(XssField(f"{table}.{name}", setter(name), pages_for(name), max_length=limit))
