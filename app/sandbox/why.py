"""The why panel's lesson for a published post, computed once per post and process.

A published post never changes, and neither do the posts that went out before it, so its
lesson (and its panel, why_panel.py) is a function of stored data: both are memoised here
by the post's identity and publish time, oldest out first. The first view costs a few
milliseconds of re-simulation; later views cost a dictionary lookup.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import and_, or_, select

from app.core.extensions import db
from app.core.memo import MISSING, Memo
from app.sandbox.data import sandbox_data
from app.sandbox.domain.counterfactual import Change, Situation, best_change
from app.sandbox.domain.platforms import FORMATS
from app.sandbox.domain.rules import check_draft
from app.sandbox.models import SandboxAccount, SandboxPost
from app.sandbox.services import FIELDS, draft_of, facts, scenario_of


def neighbours_of(post: SandboxPost, when: datetime) -> tuple[datetime, ...]:
    """Publish times of the platform's posts that went out before this one, from the day before."""
    since = datetime.combine(when.date(), datetime.min.time()) - timedelta(hours=24)
    query = select(SandboxPost.published_at).where(
        SandboxPost.account_id == post.account_id,
        SandboxPost.platform == post.platform,
        SandboxPost.status == "published",
        SandboxPost.id != post.id,
        SandboxPost.published_at >= since,
        or_(
            SandboxPost.published_at < when,
            and_(SandboxPost.published_at == when, SandboxPost.id < post.id),
        ),
    )
    return tuple(t for t in db.session.scalars(query) if t is not None)


def situation_of(account: SandboxAccount, post: SandboxPost) -> Situation:
    """Everything needed to re-simulate a published post with one change."""
    when = post.published_at or account.clock
    scenario = scenario_of(account)
    draft, known, on = draft_of(post), facts(), when.date().isoformat()
    checks = {
        fmt: check_draft(post.platform, fmt, draft, known, on) for fmt in FORMATS[post.platform]
    }
    allowed = {
        fmt: found
        for fmt, found in checks.items()
        if fmt == post.format or not any(v.severity == "error" for v in found)
    }
    return Situation(
        scenario=scenario,
        calendar=sandbox_data().calendars.get(scenario.country),
        seed=account.seed,
        key=post.rng_key or f"post-{post.id}",
        platform=post.platform,
        format=post.format,
        text=post.text,
        when=when,
        pillar=post.pillar,
        trend=post.trend,
        goal=post.goal,
        followers=int((post.outcome or {}).get("followers", 0)),
        has_link=bool(post.link),
        day_index=(when.date() - account.started.date()).days,
        neighbours=neighbours_of(post, when),
        violations=allowed,
    )


LESSONS = Memo(4096)


def post_key(account: SandboxAccount, post: SandboxPost) -> tuple[object, ...]:
    """What identifies a published post and everything its lesson depends on.

    The post's own fields are part of the key too, so a reused row id (SQLite may reuse the
    highest id after a deletion) can never bring back another post's answer.
    """
    return (
        account.id,
        account.user_id,
        account.seed,
        account.scenario_id,
        account.started,
        post.id,
        post.rng_key,
        post.published_at,
        *(getattr(post, name) for name in FIELDS),
        (post.outcome or {}).get("followers"),
    )


def lesson_of(account: SandboxAccount, post: SandboxPost) -> Change | None:
    """The best single change for a published post (None when none helps), memoised."""
    if post.status != "published" or post.published_at is None:
        return None
    key = post_key(account, post)
    found = LESSONS.get(key)
    if found is MISSING:
        found = best_change(situation_of(account, post))
        LESSONS.put(key, found)
    return cast(Change | None, found)
