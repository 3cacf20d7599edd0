"""sbx-11 "Monthly performance report" scorer (curriculum.md §5.2; pure).

The seed draws the brand's seeded anomaly (the hard condition: two anomalies whose windows do
not overlap, and a goal that changes mid-month) and four weeks of posts simulated by the
sandbox's engagement model. The key is computed from the month the task shows, so the model
answer always agrees with the figures on the page.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, ClassVar

from app.exercises.domain.engine import Result, Scorer, Variant, finish
from app.exercises.domain.sbx11_checks import (
    anomaly,
    best_worst,
    kpi_values,
    one_page,
    recommendations,
)
from app.exercises.domain.sbx11_data import METRICS, ReportData, pairs
from app.exercises.domain.sbx11_month import build_month, goal_values, kpis

EXERCISE = "sbx-11"


class Sbx11Scorer(Scorer):
    """A month of an account's data; the learner's one-page report is scored on five criteria."""

    exercise_id: ClassVar[str] = EXERCISE
    criteria: ClassVar[tuple[tuple[str, int], ...]] = (
        ("kpis", 35),
        ("best-worst", 15),
        ("anomaly", 20),
        ("recommendations", 20),
        ("one-page", 10),
    )

    @property
    def data(self) -> ReportData:
        """This exercise's validated data."""
        found: ReportData = self.context.data[EXERCISE]
        return found

    def seeded(self, variant: Variant) -> list[Mapping[str, Any]]:
        """The anomalies the seed injects: one, or in the hard condition an apart pair."""
        anomalies = list(self.data.brands[variant.brand]["anomalies"])
        rng = variant.rng("anomalies")
        if variant.hard:
            return list(rng.choice(pairs(anomalies)))
        return [rng.choice(anomalies)]

    def task(self, variant: Variant) -> dict[str, Any]:
        """The month (posts, weekly totals, followers), the goal and the report's fields."""
        settings = self.data.brands[variant.brand]
        scenario = self.context.scenarios[variant.brand]
        seeded = self.seeded(variant)
        start = date.fromisoformat(str(scenario.start)[:10])
        followers = int(scenario.get("followers")[settings["platform"]])
        month_rng = variant.rng("month")
        seed = random.Random(month_rng.random()).randrange(2**31)  # noqa: S311  # nosec B311
        month = build_month(settings, followers, start, seeded, month_rng, seed)
        options = sorted({o for a in seeded for o in a["options"]})
        variant.rng("options").shuffle(options)
        change = dict(settings["goal_change"]) if variant.hard else None
        notes = [
            {"name": dict(a["name"]), "first": a["start_day"], "days": a["days"]}
            for a in seeded
            if a["kind"] == "holiday"
        ]
        return {
            **month,
            "goal": settings["goal"],
            "goal_change": change,
            "judge_goal": change["goal"] if change else settings["goal"],
            "notes": notes,
            "options": [{"id": o, "text": dict(self.data.causes[o]["text"])} for o in options],
            "anomaly_count": len(seeded),
            "kpis": [k for k, _den in self.data.kpis],
            "denominators": list(self.data.denominators),
            "metrics": list(METRICS),
            "recommendations": self.data.recommendations,
            "limits": dict(self.data.limits),
        }

    def key(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """KPI values with denominators, best and worst by the goal metric, the seeded causes
        with their signatures, and three model recommendations."""
        seeded = self.seeded(variant)
        truth = kpis(task)
        goal = str(task["judge_goal"])
        values = {str(n): v for n, v in goal_values(task, goal).items()}
        posts: Sequence[Mapping[str, Any]] = task["posts"]
        liked = max(posts, key=lambda p: (int(p["likes"]), -int(p["n"])))
        recommend = self.data.recommend
        causes = [str(a["kind"]) for a in seeded]
        recs = [dict(recommend["causes"][c]) for c in causes]
        recs.append(dict(recommend["goals"][goal]))
        first = recommend["goals"][goal]["metric"]
        recs.append({"metric": first, "text": dict(recommend["repeat_best"])})
        return {
            "kpis": [{"id": k, "value": truth[k], "den": den} for k, den in self.data.kpis],
            "goal": goal,
            "values": values,
            "best": max(values, key=lambda n: (values[n], -int(n))),
            "worst": min(values, key=lambda n: (values[n], int(n))),
            "most_liked": str(liked["n"]),
            "causes": causes,
            "signatures": {c: dict(self.data.causes[c]["signature"]) for c in causes},
            "recs": recs[: self.data.recommendations],
        }

    def score(
        self, variant: Variant, task: Mapping[str, Any], submission: Mapping[str, Any]
    ) -> Result:
        """Score the report on the five criteria."""
        key = self.key(variant, task)
        criteria = [
            kpi_values(key, submission),
            best_worst(key, submission),
            anomaly(key, submission),
            recommendations(submission, self.data),
            one_page(submission, self.data, task),
        ]
        return finish(self.exercise, variant, criteria)

    def example(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The model report typed in Arabic: values to two decimals, the key's choices."""
        key = self.key(variant, task)
        return {
            "kpis": {k["id"]: {"value": f"{k['value']:.2f}", "den": k["den"]} for k in key["kpis"]},
            "best": key["best"],
            "worst": key["worst"],
            "causes": list(key["causes"]),
            "recs": [{"metric": r["metric"], "action": r["text"]["ar"]} for r in key["recs"]],
            "headline": "شهر بأرقام واضحة: ما نجح وما تعطّل وما سنفعله الشهر القادم.",
        }
