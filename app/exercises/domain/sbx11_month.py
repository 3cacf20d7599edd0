"""Four weeks of account data for sbx-11, generated from a seed with the sandbox's engagement
model, with the seeded anomalies injected by their signatures (pure; no Flask, no database).

The posts are simulated by app.sandbox.domain.engine.simulate, so every figure is coherent
with the sandbox; an anomaly is one more factor on a post's reach (a gap, a format change, a
holiday, a viral post) or a change to its stored link clicks (a broken tracking link).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from app.exercises.domain.sbx11_data import AFTER_GAP
from app.sandbox.domain.engine import Factor, PostInput, simulate
from app.sandbox.domain.goals import GOAL_METRICS
from app.sandbox.domain.metrics import PostMetrics, growth_rate
from app.sandbox.domain.platforms import GOALS

COUNTS = ("likes", "comments", "shares", "saves", "clicks")


def _days(rng: random.Random, per_week: int, anomalies: Sequence[Mapping[str, Any]]) -> list[int]:
    """Posting days: `per_week` drawn days a week, none inside a gap, one at the start of
    every window that needs a post to show its signature."""
    days = {7 * w + d for w in range(4) for d in rng.sample(range(7), per_week)}
    for a in anomalies:
        start = int(a["start_day"])
        if a["kind"] == "posting-gap":
            days -= set(range(start, start + int(a["days"])))
            days.add(start + int(a["days"]))  # the first post back
        else:
            days.add(start)
    return sorted(days)


def _effect(a: Mapping[str, Any], day: int, first_viral: int | None) -> float:
    """The reach factor one anomaly puts on a post published on `day` (1 when none)."""
    start, kind = int(a["start_day"]), a["kind"]
    end = start + int(a.get("days", 0))
    if kind == "posting-gap" and end <= day < end + AFTER_GAP:
        return float(a["effect"])
    if kind == "format-change" and day >= start:
        return float(a["effect"])
    if kind == "holiday" and start <= day < end:
        return float(a["effect"])
    if kind == "viral-outlier" and day == first_viral:
        return float(a["effect"])
    return 1.0


def build_month(
    settings: Mapping[str, Any],
    followers: int,
    start: date,
    anomalies: Sequence[Mapping[str, Any]],
    rng: random.Random,
    seed: int,
) -> dict[str, Any]:
    """The month as plain data: posts with their counts, followers at the start and the end,
    and weekly totals. The same settings, anomalies and seed always give the same month."""
    platform, formats = str(settings["platform"]), list(settings["formats"])
    changed = next((a for a in anomalies if a["kind"] == "format-change"), None)
    viral = next((a for a in anomalies if a["kind"] == "viral-outlier"), None)
    days = _days(rng, int(settings["posts_per_week"]), anomalies)
    first_viral = next((d for d in days if viral and d >= int(viral["start_day"])), None)
    posts: list[dict[str, Any]] = []
    now = followers
    for n, day in enumerate(days, start=1):
        fmt = rng.choice(formats)
        if changed is not None and day >= int(changed["start_day"]):
            fmt = str(changed["to"])
        factors = [
            Factor("time", rng.uniform(0.85, 1.15)),
            Factor("quality", rng.uniform(0.9, 1.1)),
        ]
        effect = 1.0
        for a in anomalies:
            effect *= _effect(a, day, first_viral)
        if effect != 1.0:
            factors.append(Factor("anomaly", effect))
        post = PostInput(f"m{day}", platform, fmt, now, tuple(factors), has_link=True)
        outcome = simulate(seed, post)
        counts = dict(outcome.counts)
        for a in anomalies:
            first, last = int(a["start_day"]), int(a["start_day"]) + int(a.get("days", 0))
            if a["kind"] == "tracking-break" and first <= day < last:
                counts["clicks"] = round(counts["clicks"] * float(a["effect"]))
        when = start + timedelta(days=day)
        posts.append(
            {
                "n": n,
                "day": day,
                "date": when.isoformat(),
                "week": day // 7 + 1,
                "format": fmt,
                "reach": outcome.reach,
                "impressions": outcome.impressions,
                **{k: int(counts[k]) for k in COUNTS},
                "new_followers": outcome.new_followers,
            }
        )
        now += outcome.new_followers
    return {
        "platform": platform,
        "start": start.isoformat(),
        "followers_start": followers,
        "followers_end": now,
        "posts": posts,
        "weeks": weekly(posts),
    }


def engagements(post: Mapping[str, Any]) -> int:
    """Likes + comments + shares + saves + clicks (the sandbox's definition)."""
    return sum(int(post.get(k, 0)) for k in COUNTS)


def weekly(posts: Sequence[Mapping[str, Any]]) -> list[dict[str, int]]:
    """Totals per week: posts, reach, impressions, engagements and link clicks."""
    out = []
    for week in range(1, 5):
        rows = [p for p in posts if p["week"] == week]
        out.append(
            {
                "week": week,
                "posts": len(rows),
                "reach": sum(int(p["reach"]) for p in rows),
                "impressions": sum(int(p["impressions"]) for p in rows),
                "engagements": sum(engagements(p) for p in rows),
                "clicks": sum(int(p["clicks"]) for p in rows),
            }
        )
    return out


def kpis(month: Mapping[str, Any]) -> dict[str, float]:
    """The month's KPIs in percent, each over its denominator (totals over every post)."""
    posts = month["posts"]
    reach = sum(int(p["reach"]) for p in posts)
    impressions = sum(int(p["impressions"]) for p in posts)
    engaged = sum(engagements(p) for p in posts)
    clicks = sum(int(p["clicks"]) for p in posts)

    def pct(num: float, den: float) -> float:
        """num ÷ den × 100 (0 when den is 0)."""
        return 100.0 * num / den if den else 0.0

    return {
        "er_reach": pct(engaged, reach),
        "er_impressions": pct(engaged, impressions),
        "ctr": pct(clicks, impressions),
        "growth": growth_rate(int(month["followers_start"]), int(month["followers_end"])),
    }


def metrics_of(post: Mapping[str, Any], followers: int) -> PostMetrics:
    """A generated post's counts as the sandbox's PostMetrics."""
    return PostMetrics(
        reach=int(post["reach"]),
        impressions=int(post["impressions"]),
        likes=int(post["likes"]),
        comments=int(post["comments"]),
        shares=int(post["shares"]),
        saves=int(post["saves"]),
        clicks=int(post["clicks"]),
        followers=followers,
    )


def goal_values(month: Mapping[str, Any], goal: str) -> dict[int, float]:
    """Each post's value on the metric its goal is judged by (post number -> value)."""
    metric = GOALS.get(goal) or GOAL_METRICS[goal][0]
    start = int(month["followers_start"])
    return {int(p["n"]): metrics_of(p, start).value(metric) for p in month["posts"]}
