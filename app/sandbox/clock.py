"""The simulated clock: advancing it publishes approved posts whose slot has passed.

The same `outcome_for` simulates a post for publishing and for replays (replay.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.core.db import write_unit
from app.core.extensions import db
from app.inbox.models import InboxItem
from app.sandbox.data import sandbox_data
from app.sandbox.domain.engine import Outcome, PostInput, keyed_rng, simulate
from app.sandbox.domain.factors import Plan, factors_for
from app.sandbox.errors import SandboxError, StaleClock
from app.sandbox.models import SandboxAccount, SandboxPost
from app.sandbox.services import key_of, own_account, scenario_of, violations

MAX_ADVANCE_HOURS = 24 * 31


def recent_count(published: Iterable[SandboxPost], platform: str, when: datetime) -> int:
    """Posts already published on the platform in the 24 hours before `when`."""
    return sum(
        1
        for p in published
        if p.platform == platform
        and p.published_at
        and when - timedelta(hours=24) <= p.published_at < when
    )


@dataclass(frozen=True)
class Slot:
    """A post at a time with the audience it had: what the model needs."""

    post: SandboxPost
    when: datetime
    followers: int
    recent: int


def outcome_for(account: SandboxAccount, slot: Slot) -> Outcome:
    """Simulate one post at one time (the same code for publishing and for replays)."""
    scenario = scenario_of(account)
    calendar = sandbox_data().calendars.get(scenario.country)
    post = slot.post
    plan = Plan(post.platform, post.text, slot.when, post.pillar, post.trend)
    day = (slot.when.date() - account.started.date()).days
    factors = factors_for(scenario, calendar, plan, violations(account, post), slot.recent, day)
    return simulate(
        account.seed,
        PostInput(
            post.rng_key or f"post-{post.id}",
            post.platform,
            post.format,
            slot.followers,
            factors,
            bool(post.link),
        ),
    )


def complaint_for(account: SandboxAccount, post: SandboxPost, when: datetime) -> InboxItem | None:
    """A complaint from the scenario's bank, chosen by the post's key, arriving 2 hours later."""
    bank = [m for m in scenario_of(account).get("inbox") or [] if m.get("kind") == "complaint"]
    if not bank:
        return None
    draw = keyed_rng(account.seed, post.rng_key or str(post.id), "complaint")
    message = str(bank[draw.randrange(len(bank))]["id"])
    return InboxItem(
        account_id=account.id,
        user_id=account.user_id,
        key=f"p{post.id}-{message}",
        message=message,
        origin="post",
        post_id=post.id,
        arrives_at=when + timedelta(hours=2),
    )


def advance(
    user: User, account: SandboxAccount, hours: int, *, shown_clock: datetime | None = None
) -> list[SandboxPost]:
    """Move the clock forward; approved posts whose slot passes are published, in order.

    `shown_clock` is the clock the learner's page showed: if the clock has moved since
    (another tab, a double click), nothing changes and StaleClock says so.
    """
    if not 1 <= hours <= MAX_ADVANCE_HOURS:
        raise SandboxError("hours")
    account_id = key_of(account)
    with write_unit(db.session) as s:
        account = own_account(s, user, account_id)
        if shown_clock is not None and shown_clock != account.clock:
            raise StaleClock(shown_clock, account.clock)
        target = account.clock + timedelta(hours=hours)
        # The posts are locked too (after the account, as every unit does): an approval
        # waits for the clock instead of landing on a post being published.
        posts = list(
            s.scalars(
                select(SandboxPost)
                .where(SandboxPost.account_id == account_id)
                .order_by(SandboxPost.id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        )
        posts.sort(key=lambda p: (p.scheduled_at is None, p.scheduled_at or datetime.max, p.id))
        published = [p for p in posts if p.status == "published"]
        due = [
            p
            for p in posts
            if p.status == "approved" and p.scheduled_at is not None and p.scheduled_at <= target
        ]
        followers = dict(account.followers)
        for post in due:
            when = max(post.scheduled_at or target, account.clock)
            slot = Slot(
                post,
                when,
                followers.get(post.platform, 0),
                recent_count(published, post.platform, when),
            )
            outcome = outcome_for(account, slot)
            record = outcome.as_dict()
            record["followers"] = slot.followers
            post.outcome, post.published_at, post.status = record, when, "published"
            post.reach, post.impressions = outcome.reach, outcome.impressions
            for name, value in outcome.counts.items():
                setattr(post, name, value)
            post.followers_at = slot.followers
            followers[post.platform] = max(0, slot.followers + outcome.new_followers)
            published.append(post)
            complaint = complaint_for(account, post, when) if outcome.negative else None
            if complaint is not None:
                s.add(complaint)
        account.followers = followers
        account.clock = target
    return due
