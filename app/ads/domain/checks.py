"""Consistency of the ads data files with each other and with courses/facts.yaml (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.ads.domain.data import DATA_DIR, ads_data

FACT_REF = re.compile(r"\{fact:\s*([a-z0-9-]+)\s*[,}]")
CHARGES = ("impressions", "clicks", "low_frequency")


def _near_one(values: Any) -> bool:
    return abs(sum(float(v) for v in values) - 1.0) < 1e-6


def check_fact_refs(facts: Mapping[str, Any]) -> list[str]:
    """Every {fact: id} in the ads data names a fact of courses/facts.yaml."""
    out = []
    for path in sorted(DATA_DIR.glob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            out += [
                f"app/ads/data/{path.name}:{number}: unknown fact {fact_id!r}"
                for fact_id in FACT_REF.findall(line)
                if fact_id not in facts
            ]
    return out


def check_objectives() -> list[str]:
    """Objectives name known goals and charges; every goal has buttons, every button exists."""
    data = ads_data("objectives")
    goals, ctas = set(data["goals"]), set(data["ctas"])
    out = []
    for platform, objectives in data["objectives"].items():
        for o in objectives:
            for goal in [o["goal"], *o.get("also", [])]:
                if goal not in goals:
                    out.append(f"{platform} {o['id']}: unknown goal {goal!r}")
            if platform == "meta" and o.get("charge") not in CHARGES:
                out.append(f"meta {o['id']}: charge must be one of {CHARGES}")
            if not all(o["name"].get(lang) for lang in ("ar", "en")):
                out.append(f"{platform} {o['id']}: needs ar and en names")
    if set(data["ctas_by_goal"]) != goals:
        out.append("ctas_by_goal must list every goal, and only goals")
    for goal, ids in data["ctas_by_goal"].items():
        out += [f"goal {goal}: unknown button {cta!r}" for cta in ids if cta not in ctas]
    return out


def check_audiences() -> list[str]:
    """Cities belong to known countries, areas grow outwards, shares are shares."""
    data = ads_data("audiences")
    countries, bands = data["countries"], data["age_bands"]
    out = []
    for cid, c in data["cities"].items():
        if c["country"] not in countries:
            out.append(f"city {cid}: unknown country {c['country']!r}")
        if c["metro_population"] < c["population"] or c["metro_radius_km"] <= c["radius_km"]:
            out.append(f"city {cid}: the wider area must be larger than the core")
    for code, country in countries.items():
        if len(country["age_shares"]) != len(bands) or not _near_one(country["age_shares"]):
            out.append(f"country {code}: one age share per band, summing to 1")
        if not _near_one(country["languages"].values()):
            out.append(f"country {code}: language shares must sum to 1")
    for iid, interest in data["interests"].items():
        if not 0 < float(interest["share"]) < 1:
            out.append(f"interest {iid}: share must be between 0 and 1")
    return out


def check_rates() -> list[str]:
    """Every scenario currency the simulator may meet has a positive rate."""
    rates = ads_data("rates")["rates"]
    return [f"rate {code}: must be positive" for code, r in rates.items() if r["per_usd"] <= 0]


def check_ads_data(facts: Mapping[str, Any]) -> list[str]:
    """All of the above, as readable problem lines (empty when the data is consistent)."""
    return [*check_fact_refs(facts), *check_objectives(), *check_audiences(), *check_rates()]
