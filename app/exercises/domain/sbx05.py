"""sbx-05 "Two-week café launch calendar": the task, the model calendar and the scoring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from app.exercises.domain.engine import Result, Scorer, Variant, finish
from app.exercises.domain.sbx05_checks import (
    caption_limits,
    format_valid,
    goal_and_cta,
    goal_cta_fit,
    pillar_mix,
    posting_rate,
    rows_of,
)
from app.exercises.domain.sbx05_data import SEASONS, Sbx05Data, day_of
from app.exercises.domain.sbx05_form import FIRST_ROWS
from app.exercises.domain.sbx05_timing import timing
from app.sandbox.domain.platforms import FORMATS, GOALS, PLATFORMS

EXERCISE = "sbx-05"
# Caption limits per platform: ids in courses/facts.yaml (X is counted the way X counts).
LIMIT_FACTS = {
    "x": "x-text-limit",
    "instagram": "instagram-caption-limit",
    "facebook": "facebook-post-text-limit",
    "linkedin": "linkedin-post-limit",
    "youtube": "youtube-description-limit",
    "tiktok": "tiktok-caption-limit",
    "youtube-title": "youtube-title-limit",
}


def ranges(hours: tuple[int, ...]) -> list[str]:
    """Whole hours as readable spans: (6, 7, 8, 12) → ["06:00–09:00", "12:00–13:00"]."""
    spans: list[list[int]] = []
    for h in sorted(hours):
        if spans and h == spans[-1][1]:
            spans[-1][1] = h + 1
        else:
            spans.append([h, h + 1])
    return [f"{a:02d}:00–{b % 24:02d}:00" for a, b in spans]


class Sbx05Scorer(Scorer):
    """The calendar against the brief: seven criteria, no hard fail (§5.2 names none)."""

    exercise_id: ClassVar[str] = EXERCISE
    criteria: ClassVar[tuple[tuple[str, int], ...]] = (
        ("goal-and-cta", 20),
        ("goal-cta-consistency", 20),
        ("format-valid", 10),
        ("posting-rate", 10),
        ("pillar-mix", 15),
        ("timing", 15),
        ("caption-limits", 10),
    )

    @property
    def data(self) -> Sbx05Data:
        """This exercise's validated data."""
        found: Sbx05Data = self.context.data[EXERCISE]
        return found

    def task(self, variant: Variant) -> dict[str, Any]:
        """The launch brief and every rule the calendar is scored on, as plain data."""
        raw = self.data.raw
        cond = raw["conditions"][variant.condition]
        season = cond["season"]
        opening = day_of(cond["opening"]) or dt.date(2027, 1, 1)
        start = opening - dt.timedelta(days=int(raw["launch"]["before"]))
        end = opening + dt.timedelta(days=int(raw["launch"]["after"]))
        ramadan = raw["ramadan"]
        overlaps = str(start) <= str(ramadan["end"]) and str(ramadan["start"]) <= str(end)
        fasting = [
            dict(f)
            for f in ramadan["fasting"]
            if str(f["from"]) <= str(end) and str(start) <= str(f["to"])
        ]
        lexicon = self.data.lexicon
        return {
            "brand": raw["brand"],
            "condition": variant.condition,
            "season": season,
            "what": dict(raw["launch"]["what"]),
            "opening": str(opening),
            "start": str(start),
            "end": str(end),
            "platforms": list(cond["platforms"]),
            "exact": bool(cond.get("exact")),
            "formats": {p: list(FORMATS[p]) for p in cond["platforms"]},
            "pillars": [
                {"id": p["id"], "name": dict(p["name"]), "promotional": bool(p["promotional"])}
                for p in raw["pillars"]
                if season in p.get("seasons", SEASONS)
            ],
            "required_pillars": list(cond["required_pillars"]),
            "promo": {
                "min": raw["promotional_share"]["min"],
                "max": raw["promotional_share"]["max"],
            },
            "bands": {p: list(raw["bands"][p]) for p in PLATFORMS},
            "max_per_day": int(raw["max_per_day"]),
            "capacity": dict(cond["capacity"]) if cond.get("capacity") else None,
            "video_formats": list(raw["video_formats"]),
            "min_rows": int(cond["min_rows"]),
            "active_hours": {d: list(h) for d, h in self.data.active_hours.items()},
            "active_ranges": {d: ranges(h) for d, h in self.data.active_hours.items()},
            "ramadan": {
                "start": ramadan["start"],
                "end": ramadan["end"],
                "fasting": fasting,
                "active": [dict(w) for w in ramadan["active"]],
                "blocked": [dict(w) for w in ramadan["blocked"]],
                "rewarded": [dict(w) for w in ramadan["rewarded"]],
                "food_words": list(ramadan["food_words"]),
            }
            if overlaps
            else None,
            "blocked": [
                dict(b)
                for b in raw.get("blocked", ())
                if b.get("weekdays")
                or any(str(start) <= str(d) <= str(end) for d in b.get("dates", ()))
            ],
            "goals": list(GOALS),
            "cta_goals": {
                g: [dict(lexicon.labels.get(k, {})) for k in lexicon.goals.get(g, ())]
                for g in GOALS
            },
            "limits": {k: int(self.context.facts.get(fact, 0)) for k, fact in LIMIT_FACTS.items()},
        }

    def key(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The model calendar for the condition, each row with why, and the rules summary."""
        season = str(task.get("season", "ordinary"))
        opening = day_of(task.get("opening")) or dt.date(2027, 1, 1)
        rows = []
        for row in self.data.raw["model"]:
            merged = {**row, **(row.get("seasons") or {}).get(season, {})}
            rows.append(
                {
                    "date": str(opening + dt.timedelta(days=int(merged["day"]))),
                    "time": str(merged["time"]),
                    **{k: str(merged[k]) for k in ("platform", "format", "pillar", "goal")},
                    **{k: dict(merged[k]) for k in ("cta", "caption", "why")},
                }
            )
        rules = {k: task.get(k) for k in ("bands", "max_per_day", "capacity", "promo", "min_rows")}
        return {"rows": rows, "rules": rules, "cta_goals": task.get("cta_goals", {})}

    def example(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The model calendar typed in as a learner would (Arabic captions and CTAs)."""
        rows = [
            {
                "n": n,
                **{k: v for k, v in r.items() if k not in ("cta", "caption", "why")},
                "cta": r["cta"]["ar"],
                "caption": r["caption"]["ar"],
            }
            for n, r in enumerate(self.key(variant, task)["rows"])
        ]
        return {"rows": rows, "shown": max(FIRST_ROWS, len(rows))}

    def score(
        self, variant: Variant, task: Mapping[str, Any], submission: Mapping[str, Any]
    ) -> Result:
        """Score the calendar on every criterion of §5.2."""
        rows = rows_of(submission, task)
        criteria = [
            goal_and_cta(rows, task),
            goal_cta_fit(rows, task, self.data.lexicon),
            format_valid(rows, task),
            posting_rate(rows, task),
            pillar_mix(rows, task),
            timing(rows, task),
            caption_limits(rows, task),
        ]
        return finish(self.exercise, variant, criteria)
