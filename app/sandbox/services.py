"""Sandbox services: start an account, write posts, approve, schedule, advance the clock.

Services take the user as their first argument and only touch that user's rows.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import joinedload

from app.accounts.models import User
from app.content_runtime import library
from app.core.db import DbSession, locked, write_unit
from app.core.extensions import db
from app.sandbox.data import sandbox_data
from app.sandbox.domain.rules import Draft, Violation, check_draft
from app.sandbox.domain.scenarios import Scenario
from app.sandbox.errors import (
    AccountNotFound,
    PostNotEditable,
    PostNotFound,
    SandboxError,
)
from app.sandbox.models import SandboxAccount, SandboxIdea, SandboxPost


def scenario_of(account: SandboxAccount) -> Scenario:
    """The scenario an account was started from."""
    return sandbox_data().scenarios[account.scenario_id]


def facts() -> dict[str, Any]:
    """Fact id → value, so rules and lessons share one figure."""
    return {k: f.value for k, f in library().facts.items()}


def start_account(user: User, scenario_id: str, *, seed: int | None = None) -> SandboxAccount:
    """A new account from a scenario, with its own seed (or the given one, for demos)."""
    scenarios = sandbox_data().scenarios
    if scenario_id not in scenarios:
        raise SandboxError("unknown scenario")
    scenario = scenarios[scenario_id]
    start = datetime.fromisoformat(scenario.start)
    followers = {k: int(v) for k, v in (scenario.get("followers") or {}).items()}
    with write_unit(db.session) as s:
        account = SandboxAccount(
            user_id=user.id,
            scenario_id=scenario_id,
            seed=secrets.randbelow(2**31 - 1) if seed is None else seed,
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
    """The user's own account; another learner's account does not exist for them."""
    account = db.session.get(SandboxAccount, account_id)
    if (
        account is None
        or account.user_id != user.id
        or account.scenario_id not in sandbox_data().scenarios
    ):
        raise AccountNotFound(account_id)
    return account


def post_for(user: User, account: SandboxAccount, post_id: int) -> SandboxPost:
    """A post of the user's account."""
    post = db.session.get(SandboxPost, post_id)
    if post is None or post.user_id != user.id or post.account_id != account.id:
        raise PostNotFound(post_id)
    return post


def key_of(row: SandboxAccount | SandboxPost) -> int:
    """A loaded row's id without reading it again (a row expired by a commit keeps its key)."""
    identity: tuple[Any, ...] | None = inspect(row).identity
    return int(identity[0]) if identity else row.id


def own_account(s: DbSession, user: User, account_id: int) -> SandboxAccount:
    """The user's account read afresh and locked inside the unit (always locked first)."""
    account = locked(s, SandboxAccount, account_id)
    if account is None or account.user_id != user.id:
        raise AccountNotFound(account_id)
    return account


def own_post(s: DbSession, user: User, account_id: int, post_id: int) -> SandboxPost:
    """The account (locked first, so units on one account never deadlock) and its post."""
    account = own_account(s, user, account_id)
    post = locked(s, SandboxPost, post_id)
    if post is None or post.user_id != user.id or post.account_id != account.id:
        raise PostNotFound(post_id)
    return post


def unpublished_post(s: DbSession, user: User, account_id: int, post_id: int) -> SandboxPost:
    """The user's post, locked, refusing one that is already published (it can't change)."""
    post = own_post(s, user, account_id, post_id)
    if post.status == "published":
        raise PostNotEditable()
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


def published_between(account: SandboxAccount, start: datetime, end: datetime) -> list[SandboxPost]:
    """The account's posts published in [start, end), in publishing order — one query."""
    query = (
        select(SandboxPost)
        .where(
            SandboxPost.account_id == account.id,
            SandboxPost.status == "published",
            SandboxPost.published_at >= start,
            SandboxPost.published_at < end,
        )
        .options(joinedload(SandboxPost.idea))  # the replay table shows each post's title
        .order_by(SandboxPost.published_at, SandboxPost.id)
    )
    return list(db.session.scalars(query))


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
        post.hook,
    )


# (platform, format, draft, date) → violations for one loaded library (its facts): the check
# is pure in these, and replays and pages re-check the same unchanged posts on every request.
_CHECKED: dict[tuple[Any, ...], tuple[Violation, ...]] = {}
_CHECKED_WITH: list[object] = [None]  # the library the cached checks used
CHECKED_MAX = 4096


def violations(account: SandboxAccount, post: SandboxPost) -> list[Violation]:
    """Rules the post breaks on the account's simulated date."""
    lib = library()
    if _CHECKED_WITH[0] is not lib or len(_CHECKED) >= CHECKED_MAX:
        _CHECKED.clear()
        _CHECKED_WITH[0] = lib
    on = account.clock.date().isoformat()
    draft = draft_of(post)
    key = (post.platform, post.format, draft, on)
    found = _CHECKED.get(key)
    if found is None:
        found = _CHECKED[key] = tuple(check_draft(post.platform, post.format, draft, facts(), on))
    return list(found)


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
    "hook",
)


def save_idea(
    user: User,
    account: SandboxAccount,
    title: str,
    campaign: str,
    versions: Mapping[str, Mapping[str, Any]],
) -> SandboxIdea:
    """One idea with a draft version per chosen platform."""
    account_id = key_of(account)
    with write_unit(db.session) as s:
        own_account(s, user, account_id)
        ordinal = 1 + (
            s.scalar(select(func.count(SandboxIdea.id)).where(SandboxIdea.account_id == account_id))
            or 0
        )
        idea = SandboxIdea(account_id=account_id, user_id=user.id, title=title, campaign=campaign)
        s.add(idea)
        s.flush()
        for platform, fields in versions.items():
            s.add(
                SandboxPost(
                    idea_id=idea.id,
                    account_id=account_id,
                    user_id=user.id,
                    platform=platform,
                    rng_key=f"i{ordinal}-{platform}",
                    **{k: fields[k] for k in FIELDS if k in fields},
                )
            )
    return idea


def update_post(
    user: User, account: SandboxAccount, post: SandboxPost, fields: Mapping[str, Any]
) -> None:
    """Edit a post that is not published yet; an edit after approval needs approval again."""
    account_id, post_id = key_of(account), key_of(post)
    with write_unit(db.session) as s:
        row = unpublished_post(s, user, account_id, post_id)
        for key in FIELDS:
            if key in fields:
                setattr(row, key, fields[key])
        if row.status in ("approved", "paused", "submitted"):
            row.status = "draft"


STEPS = {
    "submit": (("draft", "returned"), "submitted"),
    "approve": (("submitted",), "approved"),
    "return": (("submitted", "approved", "paused"), "returned"),
}


def set_status(
    user: User, account: SandboxAccount, post: SandboxPost, action: str, comment: str = ""
) -> None:
    """The approval step: submit, approve, or send back with a comment.

    The status is checked on the row locked inside the unit: of two simultaneous
    approvals, the second finds the post approved already and is refused.
    """
    before, after = STEPS[action]
    if action == "return" and not comment.strip():
        raise SandboxError("comment")
    account_id, post_id = key_of(account), key_of(post)
    with write_unit(db.session) as s:
        row = own_post(s, user, account_id, post_id)
        if row.status not in before:
            raise SandboxError("status")
        if action in ("submit", "approve") and any(
            v.severity == "error" for v in violations(row_account(s, row), row)
        ):
            raise SandboxError("errors")
        row.status = after
        if action == "return":
            row.review_comment = comment.strip()


def row_account(s: DbSession, post: SandboxPost) -> SandboxAccount:
    """The (already locked) account of a post, from the unit's identity map."""
    account: SandboxAccount = s.get(SandboxAccount, post.account_id)
    return account


def _place(
    user: User, account: SandboxAccount, post: SandboxPost, hours: int | None, when: datetime | None
) -> None:
    """Schedule at `when`, or move the current slot by `hours`; checked on locked rows."""
    account_id, post_id = key_of(account), key_of(post)
    with write_unit(db.session) as s:
        row = unpublished_post(s, user, account_id, post_id)
        if when is None:
            if row.scheduled_at is None:
                raise SandboxError("unscheduled")
            when = row.scheduled_at + timedelta(hours=hours or 0)
        if when <= row_account(s, row).clock:
            raise SandboxError("past")
        row.scheduled_at = when


def schedule(user: User, account: SandboxAccount, post: SandboxPost, when: datetime) -> None:
    """Put a post in a time slot; the slot must still be ahead of the simulated clock."""
    _place(user, account, post, None, when)


def move(user: User, account: SandboxAccount, post: SandboxPost, hours: int) -> None:
    """Move a scheduled post earlier or later (the keyboard way to drag it)."""
    _place(user, account, post, hours, None)


def next_slot(account: SandboxAccount) -> datetime:
    """The next whole hour after the simulated clock (the schedule form's default)."""
    return account.clock.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
