"""What the brief page shows, computed from a scenario and its calendar (pure).

Everything here returns codes, numbers, dates and {ar, en} texts; the template puts them in
the learner's language. No internal id is meant to reach the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.sandbox.domain.platforms import PLATFORMS, WEEKDAYS
from app.sandbox.domain.scenarios import Calendar, Scenario


def hour_ranges(hours: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive hours as [from, to) ranges: [6, 7, 8, 12] → [(6, 9), (12, 13)]."""
    out: list[tuple[int, int]] = []
    for h in sorted(set(hours)):
        if out and out[-1][1] == h:
            out[-1] = (out[-1][0], h + 1)
        else:
            out.append((h, h + 1))
    return out


def week_order(weekend: Sequence[str]) -> tuple[str, ...]:
    """The weekdays in the order the country's week runs: the day after the weekend first."""
    if not weekend:
        return WEEKDAYS
    first = (WEEKDAYS.index(weekend[-1]) + 1) % 7
    return WEEKDAYS[first:] + WEEKDAYS[:first]


def weekly_hours(
    active: Mapping[str, Sequence[int]], order: Sequence[str]
) -> list[tuple[tuple[str, ...], list[tuple[int, int]]]]:
    """Runs of consecutive days with the same online hours: [((sun, …, wed), ranges), …]."""
    out: list[tuple[tuple[str, ...], list[tuple[int, int]]]] = []
    for day in order:
        ranges = hour_ranges(active.get(day) or [])
        if out and out[-1][1] == ranges:
            out[-1] = ((*out[-1][0], day), ranges)
        else:
            out.append(((day,), ranges))
    return out


@dataclass(frozen=True)
class Window:
    """A trend's window in dates, and where the account's clock stands against it."""

    first: date
    last: date
    state: str  # "upcoming", "open" or "over"


def trend_window(trend: Mapping[str, Any], start: date, today: date) -> Window:
    """The dates of a trend's day_from…day_to window for an account started on `start`."""
    first = start + timedelta(days=int(trend.get("day_from", 0)))
    last = start + timedelta(days=int(trend.get("day_to", 0)))
    state = "upcoming" if today < first else "over" if today > last else "open"
    return Window(first, last, state)


def trend_windows(scenario: Scenario, start: date, today: date) -> dict[str, Window]:
    """Every trend's window by trend id."""
    return {str(t["id"]): trend_window(t, start, today) for t in scenario.get("trends") or []}


def events_between(calendar: Calendar | None, first: date, last: date) -> list[Mapping[str, Any]]:
    """Calendar events that overlap [first, last], in date order (weekly events last)."""
    if calendar is None:
        return []
    lo, hi = first.isoformat(), last.isoformat()
    found = [e for e in calendar.events if str(e["start"]) <= hi and str(e["end"]) >= lo]
    return sorted(found, key=lambda e: (bool(e.get("weekdays")), str(e["start"])))


def horizon(scenario: Scenario, start: date) -> tuple[date, date]:
    """The period the brief covers: from the start to the end of the last goal's weeks."""
    last = max((g.dates(start)[1] for g in scenario.goals), default=start + timedelta(days=41))
    return start, last


@dataclass(frozen=True)
class PlatformHistory:
    """A competitor's weeks on one platform, summed up."""

    platform: str
    weeks: int
    followers: int
    growth: float  # percent over the weeks shown
    posts_per_week: float
    engagement_rate: float  # average of the weekly rates, percent (engagements ÷ followers)
    latest: Mapping[str, Any]  # the most recent week's row (top post and format)


def competitor_history(competitor: Mapping[str, Any]) -> list[PlatformHistory]:
    """One summary per platform of a competitor's recent weeks, in the platforms' order."""
    rows: dict[str, list[Mapping[str, Any]]] = {}
    for week in competitor.get("weeks") or []:
        rows.setdefault(str(week.get("platform")), []).append(week)
    out = []
    for platform in sorted(rows, key=lambda p: PLATFORMS.index(p) if p in PLATFORMS else 99):
        weeks = sorted(rows[platform], key=lambda w: int(w.get("week", 0)))
        first, last = int(weeks[0].get("followers", 0)), int(weeks[-1].get("followers", 0))
        out.append(
            PlatformHistory(
                platform,
                len(weeks),
                last,
                100.0 * (last - first) / first if first else 0.0,
                sum(int(w.get("posts", 0)) for w in weeks) / len(weeks),
                sum(float(w.get("avg_engagement_rate", 0)) for w in weeks) / len(weeks),
                weeks[-1],
            )
        )
    return out


def liked(affinities: Mapping[str, float], above: float = 1.0) -> list[str]:
    """Keys whose affinity is above `above`, strongest first."""
    return [k for k, v in sorted(affinities.items(), key=lambda kv: -kv[1]) if v > above]
