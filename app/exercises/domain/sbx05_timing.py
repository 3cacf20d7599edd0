"""sbx-05 timing (15 points, four sub-checks of 3.75): a teaser before opening day, a
launch-day post, posts in the personas' active hours, and the blocked windows respected
(in Ramadan also the night windows after Taraweeh, which are rewarded) (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain.engine import CriterionScore, Reason, clamp
from app.exercises.domain.sbx05_checks import Row, blocks, listed, ramadan_day, scale
from app.exercises.domain.sbx05_data import day_of, within
from app.exercises.domain.text import contains_any
from app.sandbox.domain.platforms import WEEKDAYS

PART = 3.75
REWARDED_TARGET = 0.5  # half of the Ramadan posts in the night window earns the full reward


def is_food(r: Row, task: Mapping[str, Any]) -> bool:
    """Whether a row promotes food or drink: a promotional pillar, or food named in it."""
    promotional = {p["id"] for p in task.get("pillars", ()) if p.get("promotional")}
    words = (task.get("ramadan") or {}).get("food_words", ())
    return r.pillar in promotional or contains_any(f"{r.caption} {r.cta}", words) is not None


def is_active(r: Row, task: Mapping[str, Any]) -> bool:
    """Whether the row's time is when the audience is online (Ramadan has its own hours)."""
    if r.day is None or r.at is None:
        return False
    if ramadan_day(task, r.day):
        return any(within(r.at, w) for w in (task.get("ramadan") or {}).get("active", ()))
    hours = (task.get("active_hours") or {}).get(WEEKDAYS[r.day.weekday()], ())
    return r.at // 60 in hours


def _clock(r: Row) -> str:
    return f"{(r.at or 0) // 60:02d}:{(r.at or 0) % 60:02d}"


def timing(rows: list[Row], task: Mapping[str, Any]) -> CriterionScore:
    """The four timing sub-checks, each explained."""
    top = 15
    if not rows:
        return CriterionScore("timing", 0, top, (Reason("sbx05.empty", {}, False),))
    opening = day_of(task.get("opening"))
    teaser = any(r.day is not None and opening is not None and r.day < opening for r in rows)
    launch = any(r.day is not None and r.day == opening for r in rows)
    date = {"date": str(task.get("opening", ""))}
    reasons = [
        Reason("sbx05.teaser-ok" if teaser else "sbx05.teaser-missing", date, teaser),
        Reason("sbx05.launch-ok" if launch else "sbx05.launch-missing", date, launch),
    ]
    misses: list[Reason] = []
    active = clear = 0
    timed = [r for r in rows if r.day is not None and r.at is not None]
    for r in rows:
        if r.day is None or r.at is None:
            misses.append(Reason("sbx05.row-no-when", {"row": r.label}, False))
            continue
        if is_active(r, task):
            active += 1
        else:
            misses.append(Reason("sbx05.row-inactive", {"row": r.label, "time": _clock(r)}, False))
        blocked = blocks(r, task, is_food(r, task))
        if blocked:
            misses.append(blocked)
        else:
            clear += 1
    n = len(rows)
    reasons.append(Reason("sbx05.active-share", {"hits": active, "count": n}, active == n))
    reasons.append(Reason("sbx05.blocked-share", {"hits": clear, "count": n}, clear == n))
    windows = 1.0 * clear / n
    if task.get("season") == "ramadan":
        night = (task.get("ramadan") or {}).get("rewarded", ())
        in_ramadan = [r for r in timed if r.day and ramadan_day(task, r.day)]
        hits = sum(1 for r in in_ramadan if any(within(r.at or 0, w) for w in night))
        share = hits / len(in_ramadan) if in_ramadan else 0.0
        windows = 0.7 * windows + 0.3 * min(1.0, share / REWARDED_TARGET)
        count = len(in_ramadan)
        reasons.append(Reason("sbx05.rewarded-share", {"hits": hits, "count": count}, share >= 0.5))
    factor, scaled = scale(rows, task)
    points = PART * (teaser + launch) + PART * factor * (active / n + windows)
    return CriterionScore("timing", clamp(points, top), top, (*reasons, *scaled, *listed(misses)))
