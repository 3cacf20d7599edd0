"""Metrics derived from a post's stored counts, with the formulas the pages show (pure)."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.sandbox.domain.engine import arrived
from app.sandbox.domain.platforms import GOALS

# Conversions are estimates from clicks (and saves for store actions): the model does not
# simulate a website. The rates are teaching values, shown with the formula.
LEAD_RATE, PURCHASE_RATE, STORE_RATE = 0.08, 0.03, 0.1


@dataclass(frozen=True)
class PostMetrics:
    """What a post has earned so far, every rate with its named denominator."""

    reach: int
    impressions: int
    likes: int
    comments: int
    shares: int
    saves: int
    clicks: int
    followers: int

    @property
    def engagements(self) -> int:
        """Likes + comments + shares + saves + clicks."""
        return self.likes + self.comments + self.shares + self.saves + self.clicks

    def rate(self, name: str) -> float:
        """A rate in percent (0 when its denominator is 0)."""
        num, den = {
            "er_reach": (self.engagements, self.reach),
            "er_impressions": (self.engagements, self.impressions),
            "er_followers": (self.engagements, self.followers),
            "ctr": (self.clicks, self.impressions),
            "comment_rate": (self.comments, self.reach),
        }[name]
        return 100.0 * num / den if den else 0.0

    def value(self, metric: str) -> float:
        """The value of a goal's metric (counts or percent)."""
        if metric == "reach":
            return float(self.reach)
        if metric == "leads":
            return round(self.clicks * LEAD_RATE, 1)
        if metric == "purchases":
            return round(self.clicks * PURCHASE_RATE, 1)
        if metric == "store_actions":
            return round((self.clicks + self.saves) * STORE_RATE, 1)
        return round(self.rate(metric), 2)


def post_metrics(outcome: Mapping[str, Any] | None, platform: str, hours: float) -> PostMetrics:
    """Counts visible `hours` after publishing (all zero before)."""
    if not outcome:
        return PostMetrics(0, 0, 0, 0, 0, 0, 0, 0)
    seen = arrived(outcome, platform, hours)
    return PostMetrics(
        seen["reach"],
        seen["impressions"],
        seen.get("likes", 0),
        seen.get("comments", 0),
        seen.get("shares", 0),
        seen.get("saves", 0),
        seen.get("clicks", 0),
        int(outcome.get("followers", 0)),
    )


def goal_metric(goal: str) -> str:
    """The metric a goal is judged by."""
    return GOALS.get(goal, "er_reach")


@dataclass(frozen=True)
class Judged:
    """A post judged by its goal's metric against posts with the same goal."""

    key: Any
    goal: str
    metric: str
    value: float
    median: float

    @property
    def verdict(self) -> str:
        """above, at or below the median of posts with the same goal."""
        if self.value > self.median:
            return "above"
        return "below" if self.value < self.median else "at"


def judge(rows: Sequence[tuple[Any, str, PostMetrics]]) -> list[Judged]:
    """Judge each (key, goal, metrics) by its goal's metric against the same goal's median."""
    by_goal: dict[str, list[float]] = {}
    for _key, goal, m in rows:
        by_goal.setdefault(goal, []).append(m.value(goal_metric(goal)))
    return [
        Judged(
            key,
            goal,
            goal_metric(goal),
            m.value(goal_metric(goal)),
            statistics.median(by_goal[goal]),
        )
        for key, goal, m in rows
    ]


def growth_rate(start: int, now: int) -> float:
    """Follower growth rate in percent: (now − start) ÷ start × 100."""
    return 100.0 * (now - start) / start if start else 0.0
