"""Sandbox services: start an account, write posts, approve, schedule, advance the clock.

Services take the user as their first argument and only touch that user's rows.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import abort, current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.accounts.models import User
from app.content_runtime import library
from app.core.db import write_unit
from app.core.extensions import db
from app.sandbox.domain.engine import Outcome, PostInput, keyed_rng, simulate
from app.sandbox.domain.factors import Plan, factors_for
from app.sandbox.domain.rules import Draft, Violation, check_draft
from app.sandbox.domain.scenarios import Calendar, Scenario, load_sandbox
from app.sandbox.models import SandboxAccount, SandboxIdea, SandboxPost

MAX_ADVANCE_HOURS = 24 * 31


class SandboxError(ValueError):
    """A learner action the sandbox refuses, with a message for the page."""


def data() -> tuple[dict[str, Scenario], dict[str, Calendar]]:
    """Scenarios and calendars, loaded once per process."""
    found = current_app.extensions.get("tawasul_sandbox")
    if found is None:
        scenarios, calendars, _problems = load_sandbox()
        found = current_app.extensions["tawasul_sandbox"] = (scenarios, calendars)
    return found


def scenario_of(account: SandboxAccount) -> Scenario:
    """The scenario an account was started from."""
    return data()[0][account.scenario_id]


def facts() -> dict[str, Any]:
    """Fact id → value, so rules and lessons share one figure."""
    return {k: f.value for k, f in library().facts.items()}


def start_account(user: User, scenario_id: str) -> SandboxAccount:
    """A new account from a scenario, with its own seed and the scenario's start time."""
    scenarios, _ = data()
    if scenario_id not in scenarios:
        raise SandboxError("unknown scenario")
    scenario = scenarios[scenario_id]
    start = datetime.fromisoformat(scenario.start)
    followers = {k: int(v) for k, v in (scenario.get("followers") or {}).items()}
    with write_unit(db.session) as s:
        account = SandboxAccount(
            user_id=user.id,
            scenario_id=scenario_id,
            seed=secrets.randbelow(2**31 - 1),
            clock=start,
            started=start,
            followers=followers,
        )
        s.add(account)
    return account


def accounts_of(user: User) -> list[SandboxAccount]:
    """The user's accounts, newest first."""
    query = select(SandboxAccount).where(SandboxAccount.user_id == user.id)
    return list(db.session.scalars(query.order_by(SandboxAccount.id.desc())))


def account_for(user: User, account_id: int) -> SandboxAccount:
    """The user's own account, or 404 (another learner's account does not exist for them)."""
    account = db.session.get(SandboxAccount, account_id)
    if account is None or account.user_id != user.id or account.scenario_id not in data()[0]:
        abort(404)
    return account


def post_for(user: User, account: SandboxAccount, post_id: int) -> SandboxPost:
    """A post of the user's account, or 404."""
    post = db.session.get(SandboxPost, post_id)
    if post is None or post.user_id != user.id or post.account_id != account.id:
        abort(404)
    return post


def posts_of(account: SandboxAccount) -> list[SandboxPost]:
    """Every post of an account in time order (unscheduled last) — one query."""
    # The idea comes in the same query: pages show its title beside every post.
    query = (
        select(SandboxPost)
        .where(SandboxPost.account_id == account.id)
        .options(joinedload(SandboxPost.idea))
    )
    rows = list(db.session.scalars(query).unique())
    return sorted(
        rows, key=lambda p: (p.scheduled_at is None, p.scheduled_at or datetime.max, p.id)
    )


def draft_of(post: SandboxPost) -> Draft:
    """The rule checker's view of a post."""
    return Draft(
        post.text,
        post.hashtags,
        post.link,
        post.media_count,
        post.aspect,
        post.alt_text,
        post.goal,
        post.cta,
    )


def violations(account: SandboxAccount, post: SandboxPost) -> list[Violation]:
    """Rules the post breaks on the account's simulated date."""
    return check_draft(
        post.platform, post.format, draft_of(post), facts(), account.clock.date().isoformat()
    )


FIELDS = (
    "format",
    "text",
    "hashtags",
    "link",
    "media_count",
    "aspect",
    "media_description",
    "alt_text",
    "goal",
    "pillar",
    "cta",
    "trend",
)


def save_idea(
    user: User,
    account: SandboxAccount,
    title: str,
    campaign: str,
    versions: Mapping[str, Mapping[str, Any]],
) -> SandboxIdea:
    """One idea with a draft version per chosen platform."""
    with write_unit(db.session) as s:
        ordinal = 1 + (
            s.scalar(select(func.count(SandboxIdea.id)).where(SandboxIdea.account_id == account.id))
            or 0
        )
        idea = SandboxIdea(account_id=account.id, user_id=user.id, title=title, campaign=campaign)
        s.add(idea)
        s.flush()
        for platform, fields in versions.items():
            s.add(
                SandboxPost(
                    idea_id=idea.id,
                    account_id=account.id,
                    user_id=user.id,
                    platform=platform,
                    rng_key=f"i{ordinal}-{platform}",
                    **{k: fields[k] for k in FIELDS if k in fields},
                )
            )
    return idea


def update_post(user: User, post: SandboxPost, fields: Mapping[str, Any]) -> None:
    """Edit a post that is not published yet; an edit after approval needs approval again."""
    if post.status == "published":
        raise SandboxError("published")
    with write_unit(db.session):
        for key in FIELDS:
            if key in fields:
                setattr(post, key, fields[key])
        if post.status in ("approved", "submitted"):
            post.status = "draft"


def set_status(
    user: User, account: SandboxAccount, post: SandboxPost, action: str, comment: str = ""
) -> None:
    """The approval step: submit, approve, or send back with a comment."""
    allowed = {
        "submit": (("draft", "returned"), "submitted"),
        "approve": (("submitted",), "approved"),
        "return": (("submitted", "approved"), "returned"),
    }
    before, after = allowed[action]
    if post.status not in before:
        raise SandboxError("status")
    if action in ("submit", "approve") and any(
        v.severity == "error" for v in violations(account, post)
    ):
        raise SandboxError("errors")
    if action == "return" and not comment.strip():
        raise SandboxError("comment")
    with write_unit(db.session):
        post.status = after
        post.review_comment = comment.strip() if action == "return" else post.review_comment


def schedule(user: User, account: SandboxAccount, post: SandboxPost, when: datetime) -> None:
    """Put a post in a time slot; the slot must still be ahead of the simulated clock."""
    if post.status == "published":
        raise SandboxError("published")
    if when <= account.clock:
        raise SandboxError("past")
    with write_unit(db.session):
        post.scheduled_at = when


def next_slot(account: SandboxAccount) -> datetime:
    """The next whole hour after the simulated clock (the schedule form's default)."""
    return account.clock.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def move(user: User, account: SandboxAccount, post: SandboxPost, hours: int) -> None:
    """Move a scheduled post earlier or later (the keyboard way to drag it)."""
    if post.scheduled_at is None:
        raise SandboxError("unscheduled")
    schedule(user, account, post, post.scheduled_at + timedelta(hours=hours))


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
    calendar = data()[1].get(scenario.country)
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


def complaint_for(account: SandboxAccount, post: SandboxPost, when: datetime) -> dict[str, Any]:
    """A complaint from the scenario's bank, chosen by the post's key, arriving 2 hours later."""
    bank = [m for m in scenario_of(account).get("inbox") or [] if m.get("kind") == "complaint"]
    draw = keyed_rng(account.seed, post.rng_key or str(post.id), "complaint")
    return {
        "message": bank[draw.randrange(len(bank))]["id"] if bank else "",
        "post": post.id,
        "at": (when + timedelta(hours=2)).isoformat(timespec="minutes"),
    }


def advance(user: User, account: SandboxAccount, hours: int) -> list[SandboxPost]:
    """Move the clock forward; approved posts whose slot passes are published, in order."""
    if not 1 <= hours <= MAX_ADVANCE_HOURS:
        raise SandboxError("hours")
    target = account.clock + timedelta(hours=hours)
    posts = posts_of(account)
    published = [p for p in posts if p.status == "published"]
    due = [
        p
        for p in posts
        if p.status == "approved" and p.scheduled_at is not None and p.scheduled_at <= target
    ]
    followers = dict(account.followers)
    queue = list(account.inbox_queue or [])
    with write_unit(db.session):
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
            if outcome.negative:
                queue.append(complaint_for(account, post, when))
        account.followers = followers
        account.inbox_queue = queue
        account.clock = target
    return due
