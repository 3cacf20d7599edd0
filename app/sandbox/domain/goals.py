"""A scenario's business goals with targets: metric, target value and period (pure).

Each entry of a scenario's `business_goals` names a goal id (platforms.GOALS), a metric the
sandbox computes (metrics.py), a target, the weeks it covers and a label in both languages.
Counts are summed over the posts published in the period; rates are taken over those sums.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from app.sandbox.domain.platforms import GOALS

# goal → the metrics a target for it may use (sandbox.md, "Post goals and the metric each is
# judged by"); the first is the metric the goal's posts are judged by.
GOAL_METRICS: dict[str, tuple[str, ...]] = {
    "awareness": ("reach", "impressions"),
    "engagement": ("er_reach", "er_impressions"),
    "community": ("comment_rate", "comments"),
    "traffic": ("ctr", "clicks"),
    "leads": ("leads",),
    "sales": ("purchases",),
    "visits": ("store_actions",),
}
PERCENT = frozenset({"er_reach", "er_impressions", "comment_rate", "ctr"})
MAX_WEEKS = 13  # a quarter: longer than any scenario's story


@dataclass(frozen=True)
class Goal:
    """One business goal with its target."""

    goal: str
    metric: str
    target: float
    weeks: tuple[int, int]
    label: Mapping[str, str]

    @property
    def percent(self) -> bool:
        """True when the target is a rate in percent (else a count)."""
        return self.metric in PERCENT

    def dates(self, start: date) -> tuple[date, date]:
        """The first and last day of the period, for an account started on `start`."""
        first = start + timedelta(days=7 * (self.weeks[0] - 1))
        return first, start + timedelta(days=7 * self.weeks[1] - 1)


class Reporter(Protocol):
    """Where problems go (scenarios.Checker)."""

    def add(self, node: Any, message: str, default: int = 1) -> None:
        """Record a problem at the node's line."""


def _number(value: Any) -> float | None:
    """A YAML number (not a bool or a string), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def check_goals(data: Mapping[str, Any], c: Reporter, where: str) -> list[Goal]:
    """Validate `business_goals`; return the valid entries."""
    entries = data.get("business_goals")
    if not isinstance(entries, list) or not entries:
        c.add(data, f"{where}: 'business_goals' must be a list of goals with targets")
        return []
    goals: list[Goal] = []
    seen: set[tuple[Any, Any]] = set()
    for entry in entries:
        if not isinstance(entry, Mapping):
            c.add(entries, f"{where}: each business goal needs goal, metric, target, weeks, label")
            continue
        problems = _problems(entry, where)
        gw = f"{where}: goal {entry.get('goal')!r}"
        if (entry.get("goal"), entry.get("metric")) in seen:
            problems.append(f"{gw}: duplicate target for metric {entry.get('metric')!r}")
        seen.add((entry.get("goal"), entry.get("metric")))
        for message in problems:
            c.add(entry, message)
        if not problems:
            weeks, label = entry["weeks"], entry["label"]
            target = float(entry["target"])
            goals.append(Goal(entry["goal"], entry["metric"], target, (weeks[0], weeks[1]), label))
    return goals


def _problems(entry: Mapping[str, Any], where: str) -> list[str]:
    """What is wrong with one business goal entry (nothing when it is valid)."""
    goal, metric = entry.get("goal"), entry.get("metric")
    gw = f"{where}: goal {goal!r}"
    out = []
    if goal not in GOALS:
        out.append(f"{where}: unknown goal {goal!r} (one of {', '.join(GOALS)})")
    elif metric not in GOAL_METRICS[str(goal)]:
        out.append(f"{gw}: metric {metric!r} is not one of {', '.join(GOAL_METRICS[goal])}")
    target = _number(entry.get("target"))
    if target is None or target <= 0:
        out.append(f"{gw}: target must be a number above 0, not {entry.get('target')!r}")
    elif metric in PERCENT and target > 100:
        out.append(f"{gw}: target {target:g} is a percentage above 100")
    weeks = entry.get("weeks")
    if not (
        isinstance(weeks, list)
        and len(weeks) == 2
        and all(isinstance(w, int) and not isinstance(w, bool) for w in weeks)
        and 1 <= weeks[0] <= weeks[1] <= MAX_WEEKS
    ):
        out.append(f"{gw}: weeks must be [first, last] with 1 <= first <= last <= {MAX_WEEKS}")
    label = entry.get("label")
    label = label if isinstance(label, Mapping) else {}
    missing = [k for k in ("ar", "en") if not str(label.get(k) or "").strip()]
    if missing:
        out.append(f"{gw}: 'label' needs {' and '.join(missing)} text")
    return out
