"""Read models for the sandbox pages: calendar weeks, best-time hints, charts (pure)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from app.sandbox.domain.factors import events_on, online_share
from app.sandbox.domain.scenarios import Calendar, Scenario


@dataclass
class Day:
    """One calendar day: its posts and the local calendar's events on it."""

    day: date
    posts: list[Any] = field(default_factory=list)
    events: list[Mapping[str, Any]] = field(default_factory=list)
    best: list[int] = field(default_factory=list)

    @property
    def best_text(self) -> str:
        """The best hours as "20:00 · 21:00 · 22:00"."""
        return " · ".join(f"{h:02d}:00" for h in self.best)

    weekend: bool = False


def week_start(started: datetime, clock: datetime, offset: int) -> date:
    """First day of the week `offset` weeks from the one the clock is in (weeks start on day 0)."""
    elapsed = (clock.date() - started.date()).days // 7
    return started.date() + timedelta(days=7 * (elapsed + offset))


_BEST: dict[tuple[str, str, int], list[int]] = {}


def best_hours(scenario: Scenario, platform: str, day: date, top: int = 3) -> list[int]:
    """The hours when most of the audience is online on that weekday (best-time hints)."""
    key = (scenario.id, platform, day.weekday())
    if key not in _BEST:  # a scenario's personas never change while the process runs
        _BEST[key] = _best_hours(scenario, platform, day, top)
    return _BEST[key]


def _best_hours(scenario: Scenario, platform: str, day: date, top: int) -> list[int]:
    """best_hours without the cache."""
    when = datetime.combine(day, datetime.min.time())
    scores = [(online_share(scenario, platform, when.replace(hour=h)), -h) for h in range(24)]
    ranked = sorted(scores, reverse=True)[:top]
    return sorted(-h for score, h in ranked if score > 0)


def build_days(
    first: date,
    count: int,
    posts: Iterable[Any],
    calendar: Calendar | None,
    scenario: Scenario,
    platform: str,
) -> list[Day]:
    """`count` days from `first` with their posts, events and best hours."""
    days = [Day(first + timedelta(days=i)) for i in range(count)]
    index = {d.day: d for d in days}
    for post in posts:
        when = post.published_at or post.scheduled_at
        if when is not None and when.date() in index:
            index[when.date()].posts.append(post)
    weekdays = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    for d in days:
        d.best = best_hours(scenario, platform, d.day)
        if calendar:
            d.weekend = weekdays[d.day.weekday()] in calendar.weekend
            d.events = events_on(calendar, d.day)
    return days


def bar_chart(values: Sequence[float], labels: Sequence[str], title: str, desc: str) -> str:
    """A server-rendered SVG bar chart (the page shows the same data as a table beside it)."""
    width, height, pad = 640, 220, 28
    top = max(values) if values and max(values) > 0 else 1
    step = (width - 2 * pad) / max(len(values), 1)
    bars = []
    for i, (value, label) in enumerate(zip(values, labels, strict=True)):
        h = (height - 2 * pad) * value / top
        x = pad + i * step + step * 0.15
        y = height - pad - h
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" class="bar">'
            f"<title>{html.escape(label)}: {value:g}</title></rect>"
        )
        if len(values) <= 16 or i % 2 == 0:
            bars.append(
                f'<text x="{x + step * 0.35:.1f}" y="{height - 8}" '
                f'text-anchor="middle" class="axis">'
                f"{html.escape(label[-5:])}</text>"
            )
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-t chart-d" class="bar-chart" direction="ltr">'
        f'<title id="chart-t">{html.escape(title)}</title>'
        f'<desc id="chart-d">{html.escape(desc)}</desc>'
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" '
        f'y2="{height - pad}" class="axis-line"/>' + "".join(bars) + "</svg>"
    )
