"""Audience-size estimates from location, radius, age, language and interests (pure).

Estimate = people within the radius × age share × language share × interest share, from the
labelled teaching estimates in app/ads/data/audiences.yaml. It gives an order of magnitude:
the result is a rounded band with a label (too narrow, fine, too broad).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.ads.domain.data import ads_data

LABELS = ("too_narrow", "fine", "too_broad")


@dataclass(frozen=True)
class Targeting:
    """An ad set's audience as the learner sets it."""

    city: str
    radius_km: float
    age_min: int = 18
    age_max: int = 65  # 65 means 65 and over
    languages: tuple[str, ...] = ()  # none chosen: every language
    interests: tuple[str, ...] = ()  # none chosen: no interest filter


@dataclass(frozen=True)
class AudienceEstimate:
    """A rounded band around the estimate and its qualitative label."""

    estimate: int
    low: int
    high: int
    label: str  # too_narrow | fine | too_broad


def _data() -> Mapping[str, Any]:
    return ads_data("audiences")


def people_within(city: str, radius_km: float) -> float:
    """People living within `radius_km` of a city's centre.

    The core holds the city's population spread evenly over a disc, so a smaller circle holds
    its share of the area; past the core, the ring out to the metro radius adds the rest of
    the wider area by area too; beyond that the count stays at the metro population."""
    cities = _data()["cities"]
    if city not in cities:
        raise KeyError(city)
    bounds = _data()["radius_km"]
    if not bounds["min"] <= radius_km <= bounds["max"]:
        raise ValueError(f"radius must be {bounds['min']}–{bounds['max']} km")
    c = cities[city]
    core, metro_r = float(c["radius_km"]), float(c["metro_radius_km"])
    pop, metro = float(c["population"]), float(c["metro_population"])
    if radius_km <= core:
        return pop * (radius_km / core) ** 2
    ring = (min(radius_km, metro_r) ** 2 - core**2) / (metro_r**2 - core**2)
    return pop + (metro - pop) * ring


def age_share(country: str, age_min: int, age_max: int) -> float:
    """Share of a country's people aged age_min–age_max (age_max at the open top means "and
    over"), each band's share spread evenly over its years."""
    data = _data()
    if not data["age_min_target"] <= age_min <= age_max <= data["age_open_top"]:
        raise ValueError("ages must run from the youngest targetable age to the open top")
    shares = data["countries"][country]["age_shares"]
    total = 0.0
    for (low, high), share in zip(data["age_bands"], shares, strict=True):
        overlap = min(high, age_max) - max(low, age_min) + 1
        if overlap > 0:
            total += float(share) * overlap / (high - low + 1)
    return total


def language_share(country: str, languages: Sequence[str]) -> float:
    """Share of a country's people who use one of the chosen languages (all, when none is)."""
    shares = _data()["countries"][country]["languages"]
    if not languages:
        return 1.0
    unknown = set(languages) - set(shares)
    if unknown:
        raise KeyError(sorted(unknown))
    return min(1.0, sum(float(shares[lang]) for lang in set(languages)))


def interest_share(interests: Sequence[str]) -> float:
    """Share of people with any of the interests (joined by OR, taken as independent):
    1 − Π(1 − share). No interest chosen means no filter."""
    known = _data()["interests"]
    if not interests:
        return 1.0
    unknown = set(interests) - set(known)
    if unknown:
        raise KeyError(sorted(unknown))
    missing = math.prod(1.0 - float(known[i]["share"]) for i in set(interests))
    return 1.0 - missing


def round_significant(value: float, digits: int = 2) -> int:
    """A count rounded to `digits` significant figures (12,345 → 12,000)."""
    if value <= 0:
        return 0
    step = 10 ** max(0, math.floor(math.log10(value)) - digits + 1)
    return int(round(value / step) * step)


def label_for(estimate: float) -> str:
    """too_narrow, fine or too_broad, by the thresholds in the data."""
    limits = _data()["thresholds"]
    if estimate < limits["too_narrow"]:
        return "too_narrow"
    if estimate > limits["too_broad"]:
        return "too_broad"
    return "fine"


def estimate_audience(t: Targeting) -> AudienceEstimate:
    """The estimated audience of a targeting, as a rounded band with its label."""
    country = _data()["cities"][t.city]["country"] if t.city in _data()["cities"] else ""
    people = (
        people_within(t.city, t.radius_km)
        * age_share(country, t.age_min, t.age_max)
        * language_share(country, t.languages)
        * interest_share(t.interests)
    )
    spread = float(_data()["band_spread"])
    return AudienceEstimate(
        estimate=round_significant(people),
        low=round_significant(people * (1 - spread)),
        high=round_significant(people * (1 + spread)),
        label=label_for(people),
    )
