"""sbx-14 "Ad review and optimisation": the seeded task and its key (pure).

The seed shuffles the eight drafts and draws the three ad sets (in the hard variant one of
them is the set with too few results to judge) and moves their spend, results and CTR by up
to the data's jitter; the key's calls are made by the rule key on the figures shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain.engine import Variant
from app.exercises.domain.sbx14_data import ReviewData
from app.exercises.domain.sbx14_key import DECIDING, DECISIONS, cost_per_result, decide

SETS = 3
FIXES = 2


def _figures(entry: Mapping[str, Any], variant: Variant, jitter: float) -> dict[str, Any]:
    """One ad set's week-one figures for this seed (frequency as authored: it decides fatigue)."""
    rng = variant.rng(f"figures|{entry['id']}")
    spend = round(float(entry["spend"]) * rng.uniform(1 - jitter, 1 + jitter))
    results = max(1, round(float(entry["results"]) * rng.uniform(1 - jitter, 1 + jitter)))
    ctr = round(float(entry["ctr"]) * rng.uniform(1 - jitter, 1 + jitter), 2)
    return {
        "spend": spend,
        "results": results,
        "cpr": cost_per_result(spend, results),
        "ctr": ctr,
        "frequency": float(entry["frequency"]),
    }


def build_task(
    data: ReviewData, variant: Variant, currency: str, rule_names: Any, in_force: Any
) -> dict[str, Any]:
    """The drafts to review, the ad sets to decide on and the thresholds, for one variant."""
    brand = data.brands[variant.brand]
    drafts = list(brand["drafts"])
    variant.rng("drafts").shuffle(drafts)
    regular = [s for s in brand["sets"] if not s.get("hard")]
    hard = [s for s in brand["sets"] if s.get("hard")]
    rng = variant.rng("sets")
    chosen = rng.sample(regular, SETS - 1) + hard if variant.hard else rng.sample(regular, SETS)
    rng.shuffle(chosen)
    jitter = float(data.settings["jitter"])
    target = float(brand["thresholds"]["target_cpr"])
    return {
        "brand": variant.brand,
        "market": brand["market"],
        "platform": brand["platform"],
        "currency": currency,
        "result": dict(brand["result"]),
        # Only the rules that can apply in the brand's market and on its platform.
        "rules": [
            {"id": r, "name": rule_names(r)}
            for r in data.rules
            if in_force(r, brand["market"], brand["platform"])
        ],
        "drafts": [
            {
                "id": d["id"],
                "n": n,
                "lang": d["lang"],
                "headline": d["headline"],
                "text": d["text"],
                "partnership": bool(d.get("partnership")),
                "partner": str(d.get("partner") or ""),
            }
            for n, d in enumerate(drafts, start=1)
        ],
        "sets": [
            {"id": s["id"], "n": n, "name": dict(s["name"]), **_figures(s, variant, jitter)}
            for n, s in enumerate(chosen, start=1)
        ],
        "thresholds": dict(brand["thresholds"]),
        # The cost-per-result bands in the currency and as percentages of the target.
        "bands": {
            "scale": round(target * data.settings["scale_below"], 2),
            "keep": round(target * data.settings["keep_up_to"], 2),
            "scale_pct": round(data.settings["scale_below"] * 100),
            "keep_pct": round(data.settings["keep_up_to"] * 100),
        },
        "decisions": list(DECISIONS),
        "fixes": FIXES,
        "min_why": int(data.settings["min_why"]),
    }


def ad_of(task: Mapping[str, Any], draft: Mapping[str, Any]) -> dict[str, Any]:
    """What the policy checker needs to know about a draft besides its words."""
    return {
        "market": task["market"],
        "platform": task["platform"],
        "partnership": bool(draft.get("partnership")),
    }


def build_key(data: ReviewData, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
    """The gold flags with their reasons and model rewrites, and the rule key's call on each
    ad set with the metric that decides it."""
    by_id = {d["id"]: d for d in data.brands[variant.brand]["drafts"]}
    thresholds = data.thresholds(variant.brand)
    drafts = []
    for shown in task["drafts"]:
        d = by_id[shown["id"]]
        drafts.append(
            {
                "id": d["id"],
                "n": shown["n"],
                "flags": list(d["flags"]),
                "why": dict(d["why"]),
                "facts": [{"name": dict(f["name"]), "any": list(f["any"])} for f in d["facts"]],
                "fix": dict(d["fix"]) if d.get("fix") else None,
            }
        )
    sets = []
    for s in task["sets"]:
        gold = decide(thresholds, float(s["spend"]), int(s["results"]), float(s["frequency"]))
        sets.append({"id": s["id"], "n": s["n"], "gold": gold, "deciding": list(DECIDING[gold])})
    return {"drafts": drafts, "sets": sets}
