"""Counterfactual replay: rerun a past week with one change on the same seed, side by side.

Draws are keyed by (seed, post, purpose), so moving one post changes that post's timing
factors and what depends on it (fatigue of neighbours, follower counts after it), nothing
else. Nothing is stored: a replay is a comparison, not a rewrite of history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.accounts.models import User
from app.sandbox.clock import Slot, outcome_for
from app.sandbox.errors import AccountNotFound, PostNotFound, SandboxError
from app.sandbox.models import SandboxAccount, SandboxPost
from app.sandbox.services import published_between

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class ReplayRow:
    """One post of the week as it happened and as it would have happened."""

    post: SandboxPost
    before_when: datetime
    after_when: datetime
    before: dict[str, Any]
    after: dict[str, Any]

    def delta(self, key: str) -> int:
        """Replay minus original for a top-level count (reach, impressions)."""
        return int(self.after.get(key, 0)) - int(self.before.get(key, 0))

    def engagements(self, which: str) -> int:
        """Total engagements on one side."""
        side = self.before if which == "before" else self.after
        return sum(int(v) for v in side.get("counts", {}).values())


def replay_week(
    user: User, account: SandboxAccount, changed: SandboxPost, new_when: datetime
) -> list[ReplayRow]:
    """The week of `changed` replayed with it moved to `new_when` (the user's own post only)."""
    if account.user_id != user.id:
        raise AccountNotFound(account.id)
    if changed.account_id != account.id:
        raise PostNotFound(changed.id)
    if changed.status != "published" or changed.published_at is None:
        raise SandboxError("unpublished")
    start = datetime.combine(changed.published_at.date(), datetime.min.time())
    if not start <= new_when < start + WEEK or new_when > account.clock:
        raise SandboxError("window")
    week = published_between(account, start, start + WEEK)
    timing: dict[int, datetime] = {
        p.id: (new_when if p.id == changed.id else p.published_at or new_when) for p in week
    }
    followers: dict[str, int] = {}
    # Each platform starts the week with the audience its first original post had.
    for p in sorted(week, key=lambda p: (p.published_at or start, p.id)):
        followers.setdefault(p.platform, int((p.outcome or {}).get("followers", 0)))
    rows: list[ReplayRow] = []
    done: list[SandboxPost] = []
    for post in sorted(week, key=lambda p: (timing[p.id], p.id)):
        when = timing[post.id]
        recent = len(
            [
                q
                for q in done
                if q.platform == post.platform and when - timedelta(hours=24) <= timing[q.id] < when
            ]
        )
        outcome = outcome_for(account, Slot(post, when, followers[post.platform], recent))
        after = outcome.as_dict()
        after["followers"] = followers[post.platform]
        followers[post.platform] = max(0, followers[post.platform] + outcome.new_followers)
        done.append(post)
        rows.append(
            ReplayRow(post, post.published_at or when, when, dict(post.outcome or {}), after)
        )
    return rows
