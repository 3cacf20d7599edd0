"""sbx-13 "Set up a paid campaign" scorer (curriculum.md §5.2; pure).

The seed draws the brand; the brief (goal, total budget, dates, area) comes from
app/exercises/data/sbx-13.yaml, the platform's objectives, buttons, placements and audience
figures from the ads data (app/ads/data/), minimums from courses/facts.yaml. The hard
condition has two phases, awareness then traffic, inside one fixed total.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar

from app.ads.domain.audience import Targeting, estimate_audience
from app.ads.domain.budget import minimum_budget
from app.ads.domain.data import ads_data
from app.exercises.domain.engine import Result, Scorer, Variant, finish
from app.exercises.domain.sbx13_budget import budget, money, plans, working
from app.exercises.domain.sbx13_checks import (
    ab_test,
    audience,
    creative,
    cta,
    objective,
    policy,
)
from app.exercises.domain.sbx13_data import CampaignData, objectives_of, placements_of

EXERCISE = "sbx-13"


def options(table: Mapping[str, Any], chosen: Any = None) -> list[dict[str, Any]]:
    """[{id, name}] from an ads data table of {id: {name: {ar, en}}} (or {id: {ar, en}})."""
    return [
        {"id": k, "name": dict(v.get("name", v))}
        for k, v in table.items()
        if chosen is None or k in chosen
    ]


class CampaignScorer(Scorer):
    """A campaign brief; the learner's campaign set-up is scored on seven criteria."""

    exercise_id: ClassVar[str] = EXERCISE
    criteria: ClassVar[tuple[tuple[str, int], ...]] = (
        ("objective", 20),
        ("budget", 15),
        ("audience", 15),
        ("cta", 10),
        ("policy", 20),
        ("creative", 10),
        ("test", 10),
    )

    @property
    def data(self) -> CampaignData:
        """This exercise's validated data."""
        found: CampaignData = self.context.data[EXERCISE]
        return found

    def brief(self, variant: Variant) -> Mapping[str, Any]:
        """The brand's standard or two-phase brief."""
        return self.data.brands[variant.brand]["hard" if variant.hard else "standard"]

    def minimums(self, platform: str, currency: str) -> list[dict[str, Any]]:
        """The smallest daily budget per ad set for each objective (its charge type)."""
        if not self.context.facts:
            return []
        return [
            {
                "objective": oid,
                "minimum": money(
                    minimum_budget(
                        self.context.facts,
                        platform,
                        currency,
                        charge=str(spec.get("charge", "impressions")),
                    )
                ),
            }
            for oid, spec in objectives_of(platform).items()
        ]

    def task(self, variant: Variant) -> dict[str, Any]:
        """The brief, the platform's choices (objectives, placements, buttons) and the
        audience options, all as plain data."""
        entry = self.data.brands[variant.brand]
        brief = self.brief(variant)
        scenario = self.context.scenarios[variant.brand]
        platform, currency = str(entry["platform"]), str(scenario.get("currency"))
        audiences, objectives = ads_data("audiences"), ads_data("objectives")
        creative_specs = ads_data("creative")["placements"]
        return {
            "platform": platform,
            "market": str(scenario.get("country")),
            "currency": currency,
            "currency_name": dict(ads_data("rates")["rates"][currency]["name"]),
            "category": str(entry["category"]),
            "brief": dict(brief["brief"]),
            "phases": list(brief["phases"]) if variant.hard else [brief["goal"]],
            "total": brief["total"],
            "start": str(brief["start"]),
            "end": str(brief["end"]),
            "cities": options(audiences["cities"], entry["cities"]),
            "objectives": [
                {"id": o["id"], "name": dict(o["name"])} for o in objectives["objectives"][platform]
            ],
            "placements": [
                {"id": p, "name": dict(creative_specs[p]["name"])} for p in placements_of(platform)
            ],
            "ctas": options(objectives["ctas"]),
            "languages": options(audiences["language_names"]),
            "interests": options(audiences["interests"]),
            "radius": dict(audiences["radius_km"]),
            "ages": {"min": audiences["age_min_target"], "top": audiences["age_open_top"]},
            "band": {
                "low": audiences["thresholds"]["too_narrow"],
                "high": audiences["thresholds"]["too_broad"],
            },
            "minimums": self.minimums(platform, currency),
        }

    def key(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The model campaign with its reasoning, audience estimate and budget working."""
        model = self.brief(variant)["model"]
        a = model["audience"]
        estimate = estimate_audience(
            Targeting(
                a["city"],
                float(a["radius"]),
                int(a["age_min"]),
                int(a["age_max"]),
                tuple(a["languages"]),
                tuple(a["interests"]),
            )
        )
        typed = self.example(variant, task)
        found = plans(task, typed) or []
        return {
            "model": model,
            "estimate": {"low": estimate.low, "high": estimate.high},
            "working": [working(p) for p in found],
            "planned": money(sum((p.planned_spend for p in found), Decimal(0))),
        }

    def score(
        self, variant: Variant, task: Mapping[str, Any], submission: Mapping[str, Any]
    ) -> Result:
        """Score the campaign on the seven criteria."""
        facts = self.context.facts
        criteria = [
            objective(task, submission),
            budget(task, submission, facts),
            audience(task, submission),
            cta(task, submission),
            policy(task, submission),
            creative(task, submission, facts),
            ab_test(submission),
        ]
        return finish(self.exercise, variant, criteria)

    def example(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The model campaign as the form would store it, its ads typed in Arabic."""
        model = self.brief(variant)["model"]
        a = model["audience"]
        return {
            "phases": [
                {k: str(p[k]) for k in ("objective", "budget_type", "amount", "start", "end")}
                for p in model["phases"]
            ],
            "audience": {
                "city": a["city"],
                "radius": str(a["radius"]),
                "age_min": str(a["age_min"]),
                "age_max": str(a["age_max"]),
                "languages": sorted(a["languages"]),
                "interests": sorted(a["interests"]),
            },
            "placements": list(model["placements"]),
            "ads": [
                {
                    "text": ad["text"]["ar"],
                    "headline": ad["headline"]["ar"],
                    "cta": ad["cta"],
                    "media": ad["media"]["ar"],
                    "aspect": str(ad["aspect"]),
                }
                for ad in model["ads"]
            ],
            "test": bool(model.get("test")),
        }
