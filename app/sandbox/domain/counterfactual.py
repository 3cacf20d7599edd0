"""The why panel's lesson: the same post re-simulated with one change, same seed, same draws.

The changes tried are every other hour of the same day, every other format the platform
allows for this draft (no format whose rules the draft breaks with an error), and every other
pillar of the scenario. Draws are keyed by (seed, post key, purpose), so a change alters only
the factors it touches; the best single change by the goal's measure is the lesson (pure).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.sandbox.domain.engine import Outcome, PostInput, simulate
from app.sandbox.domain.factors import Plan, factors_for
from app.sandbox.domain.rules import Violation
from app.sandbox.domain.scenarios import Calendar, Scenario

# The lesson that teaches each change (ids of courses/; `flask content check` and a test
# refuse an id that no longer exists). Formats are taught per platform.
LESSON_FOR_HOUR = "pln-3"
LESSON_FOR_PILLAR = "pln-2"
LESSON_FOR_FORMAT = {
    "facebook": "plt-2",
    "instagram": "plt-2",
    "linkedin": "plt-3",
    "x": "plt-3",
    "youtube": "plt-4",
    "tiktok": "plt-4",
}
CHANGES = ("hour", "format", "pillar")


@dataclass(frozen=True)
class Situation:
    """One published post as the model saw it, with what a change needs to be re-simulated."""

    scenario: Scenario
    calendar: Calendar | None
    seed: int
    key: str
    platform: str
    format: str
    text: str
    when: datetime
    pillar: str
    trend: str
    goal: str
    followers: int
    has_link: bool
    day_index: int
    # Publish times of the platform's posts that went out before this one (fatigue).
    neighbours: tuple[datetime, ...]
    # Rule violations of this draft in each format the platform allows it in.
    violations: Mapping[str, Sequence[Violation]]


@dataclass(frozen=True)
class Change:
    """One change and its result: what it was, what it would be, by which measure."""

    kind: str  # hour | format | pillar
    was: str  # "15:00", a format code or a pillar id
    instead: str
    metric: str  # reach | engagements
    before: int
    after: int

    @property
    def percent(self) -> int:
        """The gain in whole percent (0 when there was nothing to compare with)."""
        return round((self.after - self.before) * 100 / self.before) if self.before else 0


def metric_for(goal: str) -> str:
    """Awareness posts are judged by reach; every other goal by what people did."""
    return "reach" if goal == "awareness" else "engagements"


def measure(outcome: Outcome, metric: str) -> int:
    """Reach or total engagements of an outcome."""
    return outcome.reach if metric == "reach" else outcome.engagements


def recent(neighbours: Sequence[datetime], when: datetime) -> int:
    """Posts on the platform in the 24 hours before `when` (the fatigue factor's count)."""
    return sum(1 for t in neighbours if when - timedelta(hours=24) <= t < when)


def outcome_of(s: Situation) -> Outcome:
    """The model's result for the situation exactly as given (the engine, nothing else)."""
    plan = Plan(s.platform, s.text, s.when, s.pillar, s.trend)
    factors = factors_for(
        s.scenario,
        s.calendar,
        plan,
        s.violations.get(s.format, ()),
        recent(s.neighbours, s.when),
        s.day_index,
    )
    post = PostInput(s.key, s.platform, s.format, s.followers, factors, s.has_link)
    return simulate(s.seed, post)


def variants(s: Situation) -> Iterator[tuple[str, str, str, Situation]]:
    """(kind, was, instead, changed situation) for every single change tried."""
    for hour in range(24):
        if hour != s.when.hour:
            when = s.when.replace(hour=hour)
            yield "hour", s.when.strftime("%H:%M"), when.strftime("%H:%M"), replace(s, when=when)
    for fmt in s.violations:
        if fmt != s.format:
            yield "format", s.format, fmt, replace(s, format=fmt)
    for pillar in s.scenario.get("pillars") or []:
        if pillar["id"] != s.pillar:
            yield "pillar", s.pillar, str(pillar["id"]), replace(s, pillar=str(pillar["id"]))


def best_change(s: Situation) -> Change | None:
    """The single change that helps most, or None when none of them helps by 1% or more.

    Changes are ranked by the goal's measure, then by reach: on a small account a better
    hour may add reach without adding a whole engagement, and that is still worth saying.
    """
    metric = metric_for(s.goal)
    base = outcome_of(s)

    def score(outcome: Outcome) -> tuple[int, int]:
        """The goal's measure first, reach second."""
        return measure(outcome, metric), outcome.reach

    best: tuple[str, str, str, Outcome] | None = None
    for kind, was, instead, changed in variants(s):
        outcome = outcome_of(changed)
        if best is None or score(outcome) > score(best[3]):
            best = (kind, was, instead, outcome)
    if best is None or score(best[3]) <= score(base):
        return None
    kind, was, instead, outcome = best
    stated = metric if measure(outcome, metric) > measure(base, metric) else "reach"
    change = Change(kind, was, instead, stated, measure(base, stated), measure(outcome, stated))
    return change if change.percent >= 1 or not change.before else None


def lesson_id(change: Change, platform: str) -> str:
    """The lesson that teaches this kind of change."""
    if change.kind == "hour":
        return LESSON_FOR_HOUR
    if change.kind == "pillar":
        return LESSON_FOR_PILLAR
    return LESSON_FOR_FORMAT[platform]


def lesson_ids() -> set[str]:
    """Every lesson id the panel may link to (checked against courses/)."""
    return {LESSON_FOR_HOUR, LESSON_FOR_PILLAR, *LESSON_FOR_FORMAT.values()}


def check_lesson_links(lessons: set[str], problems: Any) -> None:
    """Every lesson the panel links to must exist in courses/ (file:line problems)."""
    lines = Path(__file__).read_text(encoding="utf-8").splitlines()
    for lesson in sorted(lesson_ids() - lessons):
        number = next((n for n, line in enumerate(lines, 1) if f'"{lesson}"' in line), 1)
        problems.add(
            "app/sandbox/domain/counterfactual.py",
            number,
            f"the why panel links to unknown lesson {lesson!r}",
        )
