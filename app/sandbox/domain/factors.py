"""The multipliers of one post, each with its reason (pure): the model's "why" panel.

With average inputs (every rule met, posted while the audience is online, no trend, no
fatigue, on-voice, an ordinary day) every factor is 1.0, which is what calibration assumes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from app.content.normalize import normalize
from app.sandbox.domain.engine import Factor, model
from app.sandbox.domain.platforms import WEEKDAYS
from app.sandbox.domain.rules import Violation
from app.sandbox.domain.scenarios import Calendar, Scenario


@dataclass(frozen=True)
class Plan:
    """What the learner decided for one post."""

    platform: str
    text: str
    when: datetime  # local simulated time
    pillar: str = ""
    trend: str = ""


def online_share(scenario: Scenario, platform: str, when: datetime) -> float:
    """Share of the audience online at that hour, weighted by their liking for the platform."""
    day = WEEKDAYS[when.weekday()]
    total = online = 0.0
    for p in scenario.personas:
        weight = float(p.get("share") or 0) * float((p.get("platforms") or {}).get(platform, 1.0))
        total += weight
        if when.hour in ((p.get("active_hours") or {}).get(day) or []):
            online += weight
    return online / total if total else 1.0


def time_factor(scenario: Scenario, plan: Plan) -> Factor:
    """0.4 when nobody is online, 1.0 when the whole audience is."""
    share = online_share(scenario, plan.platform, plan.when)
    return Factor("time", round(0.4 + 0.6 * share, 4), f"online={share:.2f}")


def fit_factor(scenario: Scenario, plan: Plan) -> Factor:
    """How much the audience cares for this pillar on this platform (1.0 when neutral)."""
    total = fit = 0.0
    for p in scenario.personas:
        share = float(p.get("share") or 0)
        pillar = float((p.get("pillars") or {}).get(plan.pillar, 1.0)) if plan.pillar else 1.0
        platform = float((p.get("platforms") or {}).get(plan.platform, 1.0))
        total += share
        fit += share * pillar * min(platform, 1.2) / max(platform, 1.0)
    value = fit / total if total else 1.0
    return Factor("fit", round(min(max(value, 0.5), 1.5), 4), plan.pillar)


def events_on(calendar: Calendar, day: date) -> list[Mapping[str, Any]]:
    """Events in force on a day (weekly events only on their weekdays)."""
    iso, weekday = day.isoformat(), WEEKDAYS[day.weekday()]
    return [
        e
        for e in calendar.events
        if str(e["start"]) <= iso <= str(e["end"])
        and (not e.get("weekdays") or weekday in e["weekdays"])
    ]


def calendar_factor(calendar: Calendar | None, when: datetime) -> Factor:
    """Blocked windows cut results; rewarded ones lift them; blocked wins over rewarded."""
    if calendar is None:
        return Factor("calendar", 1.0)
    clock = when.strftime("%H:%M")
    found: dict[str, str] = {}
    for event in events_on(calendar, when.date()):
        effect, reason = str(event["effect"]), str(event["id"])
        for window in event.get("windows") or []:
            start, end = str(window["from"]), str(window["to"])
            inside = start <= clock < end if start <= end else (clock >= start or clock < end)
            if inside:
                effect, reason = str(window["effect"]), f"{event['id']}@{start}"
        found.setdefault(effect, reason)
    m = model()
    for effect, value in (
        ("blocked", m["penalties"]["blocked_window"]),
        ("rewarded", m["bonuses"]["rewarded_window"]),
    ):
        if effect in found:
            return Factor("calendar", float(value), found[effect])
    return Factor("calendar", 1.0, found.get("neutral", ""))


@lru_cache(maxsize=64)
def _folded_words(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each voice-chart word with its folded form (folded once, not once per post)."""
    return tuple((w, normalize(w)) for w in words)


def voice_factor(scenario: Scenario, text: str) -> Factor:
    """Off-voice words from the brand's voice chart lower results."""
    folded = normalize(text)
    words = tuple((scenario.get("voice") or {}).get("banned") or [])
    banned = [w for w, f in _folded_words(words) if f in folded]
    if banned:
        return Factor("voice", float(model()["penalties"]["off_voice"]), ", ".join(banned[:3]))
    return Factor("voice", 1.0)


def trend_factor(scenario: Scenario, plan: Plan, day_index: int) -> Factor:
    """Riding a trend: a lift in its window, a penalty when the trend is high-risk."""
    if not plan.trend:
        return Factor("trend", 1.0)
    trend = next((t for t in scenario.get("trends") or [] if t["id"] == plan.trend), None)
    if trend is None:
        return Factor("trend", 1.0)
    m = model()
    if trend.get("risk") == "high":
        return Factor("trend", float(m["penalties"]["risky_trend"]), f"{plan.trend}:high-risk")
    if int(trend.get("day_from", 0)) <= day_index <= int(trend.get("day_to", 0)):
        lift = 1 + float(m["bonuses"]["trend_per_relevance"]) * float(trend.get("relevance", 0))
        return Factor("trend", round(lift, 4), f"{plan.trend}:in-window")
    return Factor("trend", float(m["bonuses"]["stale_trend"]), f"{plan.trend}:stale")


def quality_factor(violations: Sequence[Violation]) -> Factor:
    """Each rule warning costs a little (errors never reach publishing)."""
    warnings = [v.rule for v in violations if v.severity == "warning"]
    value = float(model()["penalties"]["warning"]) ** len(warnings)
    return Factor("quality", round(value, 4), ", ".join(warnings))


def fatigue_factor(posts_last_24h: int) -> Factor:
    """More than one post on the same platform within 24 hours tires the audience."""
    extra = max(0, posts_last_24h)
    return Factor("fatigue", round(float(model()["penalties"]["fatigue"]) ** extra, 4), str(extra))


def factors_for(
    scenario: Scenario,
    calendar: Calendar | None,
    plan: Plan,
    violations: Sequence[Violation],
    posts_last_24h: int,
    day_index: int,
) -> tuple[Factor, ...]:
    """Every factor of one post, in the order the why panel lists them."""
    return (
        time_factor(scenario, plan),
        fit_factor(scenario, plan),
        calendar_factor(calendar, plan.when),
        quality_factor(violations),
        voice_factor(scenario, plan.text),
        trend_factor(scenario, plan, day_index),
        fatigue_factor(posts_last_24h),
    )


def explain(factors: Sequence[Sequence[object]]) -> Mapping[str, float]:
    """Factor name → value, from the stored JSON form."""
    return {str(f[0]): float(f[1]) for f in factors}  # type: ignore[arg-type]
