"""The why panel's lesson for a published post, computed once per post and process.

A published post never changes, and neither do the posts that went out before it, so its
lesson is a function of stored data: it is memoised here by the post's identity and
publish time, oldest out first (a few milliseconds of re-simulation the first time, nothing after).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select

from app.core.extensions import db
from app.sandbox.data import sandbox_data
from app.sandbox.domain.counterfactual import Change, Situation, best_change
from app.sandbox.domain.platforms import FORMATS
from app.sandbox.domain.rules import check_draft
from app.sandbox.models import SandboxAccount, SandboxPost
from app.sandbox.services import draft_of, facts, scenario_of

MEMO_SIZE = 4096
_MEMO: OrderedDict[tuple[object, ...], Change | None] = OrderedDict()


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


def lesson_of(account: SandboxAccount, post: SandboxPost) -> Change | None:
    """The best single change for a published post (None when none helps), memoised."""
    if post.status != "published" or post.published_at is None:
        return None
    key = (
        account.id,
        account.seed,
        account.scenario_id,
        account.started,
        post.id,
        post.rng_key,
        post.published_at,
    )
    if key in _MEMO:
        try:
            return _MEMO[key]
        except KeyError:  # evicted by another thread in between: compute it again
            pass
    found = best_change(situation_of(account, post))
    _MEMO[key] = found
    while len(_MEMO) > MEMO_SIZE:  # oldest first; the same answer is recomputed if needed
        try:
            _MEMO.popitem(last=False)
        except KeyError:  # another thread emptied it first
            break
    return found
