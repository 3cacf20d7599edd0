"""Read queries for the calendar and analytics: bounded rows, plain columns, constant count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, or_, select, union_all

from app.core.extensions import db
from app.sandbox.domain.engine import arrived_share
from app.sandbox.domain.metrics import PostMetrics
from app.sandbox.models import SandboxAccount, SandboxIdea, SandboxPost

UNSCHEDULED_SHOWN = 50


@dataclass(frozen=True)
class Published:
    """One published post as analytics need it (no ORM object, no JSON decoding)."""

    id: int
    platform: str
    format: str
    goal: str
    published_at: datetime
    title: str
    final: PostMetrics


@dataclass(frozen=True)
class Slotted:
    """A post as the calendar shows it (plain columns: no ORM object, no JSON)."""

    id: int
    platform: str
    status: str
    goal: str
    scheduled_at: datetime | None
    published_at: datetime | None
    title: str


SLOTTED = (
    SandboxPost.id,
    SandboxPost.platform,
    SandboxPost.status,
    SandboxPost.goal,
    SandboxPost.scheduled_at,
    SandboxPost.published_at,
    SandboxIdea.title,
)


def slotted(*conditions: Any, order: Any = None, limit: int | None = None) -> list[Slotted]:
    """Posts matching `conditions` with their idea's title (one query)."""
    query = (
        select(*SLOTTED)
        .join(SandboxIdea, SandboxIdea.id == SandboxPost.idea_id)
        .where(*conditions)
        .order_by(*(order or (SandboxPost.id,)))
        .limit(limit)
    )
    return [Slotted(*row) for row in db.session.execute(query)]


def calendar_posts(
    account: SandboxAccount, first: date, days: int
) -> tuple[list[Slotted], list[Slotted]]:
    """Posts on calendar days [first, first + days) and those waiting for a slot (one query)."""
    start = datetime.combine(first, datetime.min.time())
    end = start + timedelta(days=days)
    in_view = or_(
        and_(SandboxPost.published_at >= start, SandboxPost.published_at < end),
        and_(
            SandboxPost.published_at.is_(None),
            SandboxPost.scheduled_at >= start,
            SandboxPost.scheduled_at < end,
        ),
    )
    waiting = and_(SandboxPost.scheduled_at.is_(None), SandboxPost.status != "published")
    rows = slotted(SandboxPost.account_id == account.id, or_(in_view, waiting))
    shown = [r for r in rows if r.scheduled_at is not None or r.published_at is not None]
    queue = [r for r in rows if r.scheduled_at is None and r.published_at is None]
    return shown, queue[:UNSCHEDULED_SHOWN]


COLUMNS = (
    SandboxPost.id,
    SandboxPost.platform,
    SandboxPost.format,
    SandboxPost.goal,
    SandboxPost.published_at,
    SandboxIdea.title,
    SandboxPost.reach,
    SandboxPost.impressions,
    SandboxPost.likes,
    SandboxPost.comments,
    SandboxPost.shares,
    SandboxPost.saves,
    SandboxPost.clicks,
    SandboxPost.followers_at,
)


def published(account: SandboxAccount) -> list[Published]:
    """Every published post with its final counts, in publishing order (one query)."""
    query = (
        select(*COLUMNS)
        .join(SandboxIdea, SandboxIdea.id == SandboxPost.idea_id)
        .where(SandboxPost.account_id == account.id, SandboxPost.status == "published")
        .order_by(SandboxPost.published_at, SandboxPost.id)
    )
    return [
        Published(r[0], r[1], r[2], r[3], r[4], r[5], PostMetrics(*r[6:]))
        for r in db.session.execute(query)
    ]


def so_far(post: Published, clock: datetime) -> PostMetrics:
    """What a published post has earned by the simulated clock (the decay curve)."""
    share = arrived_share(post.platform, (clock - post.published_at).total_seconds() / 3600)
    f = post.final

    def part(value: int) -> int:
        """The share of a final count that has arrived."""
        return int(value * share)

    return PostMetrics(
        part(f.reach),
        part(f.impressions),
        part(f.likes),
        part(f.comments),
        part(f.shares),
        part(f.saves),
        part(f.clicks),
        f.followers,
    )


RECENT_SHOWN = 10


@cache
def _lists_query() -> Any:
    """The account page's two lists in one statement (a round trip less), built once."""
    mine = (
        select(*SLOTTED)
        .join(SandboxIdea, SandboxIdea.id == SandboxPost.idea_id)
        .where(SandboxPost.account_id == bindparam("account_id"))
    )
    queue = mine.where(SandboxPost.status != "published").order_by(SandboxPost.id).limit(200)
    done = (
        mine.where(SandboxPost.status == "published")
        .order_by(SandboxPost.published_at.desc(), SandboxPost.id.desc())
        .limit(RECENT_SHOWN)
    )
    # Each side keeps its own order and limit inside a subquery (SQLite needs that too).
    return union_all(select(queue.subquery()), select(done.subquery()))


def account_lists(account: SandboxAccount) -> tuple[list[Slotted], list[Slotted]]:
    """The queue (every post not yet published) and the latest published posts (one query)."""
    rows = [Slotted(*row) for row in db.session.execute(_lists_query(), {"account_id": account.id})]
    queue = [r for r in rows if r.status != "published"]
    queue.sort(key=lambda p: (p.scheduled_at is None, p.scheduled_at or datetime.max, p.id))
    done = [r for r in rows if r.status == "published"]
    done.sort(key=lambda p: (p.published_at, p.id), reverse=True)
    return queue, done


@dataclass(frozen=True)
class PracticeState:
    """The learner's latest sandbox account as the home page shows it."""

    account_id: int
    scenario_id: str
    clock: datetime
    to_finish: int  # drafts and posts returned by the approver
    next_post_at: datetime | None  # the next approved post on the simulated clock


@cache
def _practice_query() -> Any:
    """The statement behind practice_state, built once (building it costs more than running it)."""
    latest = (
        select(SandboxAccount.id)
        .where(SandboxAccount.user_id == bindparam("user_id"))
        .order_by(SandboxAccount.created_at.desc(), SandboxAccount.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(
            SandboxAccount.id,
            SandboxAccount.scenario_id,
            SandboxAccount.clock,
            SandboxPost.status,
            SandboxPost.scheduled_at,
        )
        .outerjoin(
            SandboxPost,
            and_(SandboxPost.account_id == SandboxAccount.id, SandboxPost.status != "published"),
        )
        .where(SandboxAccount.id == latest)
    )


def practice_state(user_id: int) -> PracticeState | None:
    """What waits in the learner's most recent sandbox account, or None without one (one query)."""
    rows = db.session.execute(_practice_query(), {"user_id": user_id}).all()
    if not rows:
        return None
    account_id, scenario_id, clock = rows[0][:3]
    upcoming = [
        at
        for _a, _s, _c, status, at in rows
        if status == "approved" and at is not None and at >= clock
    ]
    return PracticeState(
        account_id=account_id,
        scenario_id=scenario_id,
        clock=clock,
        to_finish=sum(1 for row in rows if row[3] in ("draft", "returned")),
        next_post_at=min(upcoming, default=None),
    )
