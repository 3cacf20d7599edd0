"""A sandbox campaign's delivery up to a simulated day (pure): pacing, then the simulation.

Every past day is fixed once it has passed: a day's spend depends only on the days before it
(pacing) and on keyed draws, and a pause only zeroes the days from its date on. So computing
the results again on each read gives the same figures as storing them would.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.ads.domain.budget import BudgetPlan, paced_spend, rate
from app.ads.domain.data import ads_data
from app.ads.domain.delivery import AdSet, Creative, Day, Delivery, Figures, simulate
from app.ads.domain.delivery_data import MARKETS, keyed_rng


@dataclass(frozen=True)
class Variant:
    """One ad of the campaign as the simulation sees it."""

    label: str  # A | B
    policy_clean: bool = True
    fits_placement: bool = True


@dataclass(frozen=True)
class CampaignSpec:
    """What the delivery of a campaign depends on."""

    key: str
    family: str  # meta | tiktok
    goal: str  # the delivery objective: traffic, awareness, engagement, leads or sales
    charge: str
    currency: str
    kind: str  # daily | lifetime
    amount: Decimal
    start: date
    end: date
    audience: int
    market: str
    variants: tuple[Variant, ...]
    pauses: tuple[tuple[date, date | None], ...] = ()


@dataclass(frozen=True)
class CampaignRun:
    """The days that have passed: one delivery per variant, and the days and totals combined."""

    spec: CampaignSpec
    deliveries: tuple[Delivery, ...]
    days: tuple[Figures, ...]  # per day, all variants, spend in USD
    dates: tuple[date, ...]
    totals: Figures  # in USD


def manager_data() -> Mapping[str, Any]:
    """app/ads/data/manager.yaml."""
    return ads_data("manager")


def market_of(country: str) -> str:
    """The delivery model's market for a country (the global figures where it has none)."""
    return country if country in MARKETS else "global"


def paused_on(spec: CampaignSpec, day: date) -> bool:
    """Whether the campaign was paused on a day."""
    return any(start <= day and (end is None or day < end) for start, end in spec.pauses)


def opportunity(seed: int, spec: CampaignSpec) -> list[Decimal]:
    """What each scheduled day could usefully spend (zero on paused days), keyed per day."""
    bounds = manager_data()["opportunity"]
    days = (spec.end - spec.start).days + 1
    per_day = spec.amount if spec.kind == "daily" else spec.amount / days
    out = []
    for n in range(days):
        draw = keyed_rng(seed, f"{spec.key}#{n}", "opportunity").uniform(
            float(bounds["low"]), float(bounds["high"])
        )
        day = spec.start + timedelta(days=n)
        out.append(Decimal(0) if paused_on(spec, day) else per_day * Decimal(str(round(draw, 4))))
    return out


def elapsed_days(spec: CampaignSpec, today: date) -> int:
    """Days of the schedule that have passed: from the start up to the day before `today`,
    and no further than the end."""
    last = min(today - timedelta(days=1), spec.end)
    return max(0, (last - spec.start).days + 1)


def daily_spend(seed: int, spec: CampaignSpec, facts: Mapping[str, Any]) -> list[Decimal]:
    """The paced spend of every scheduled day, in the campaign's currency."""
    plan = BudgetPlan(
        spec.family, spec.kind, spec.amount, spec.currency, spec.start, spec.end, spec.charge
    )
    return paced_spend(plan, opportunity(seed, spec), facts)


def run_campaign(
    seed: int, spec: CampaignSpec, today: date, facts: Mapping[str, Any]
) -> CampaignRun:
    """Deliver the campaign's passed days; a test splits spend and audience between variants."""
    n = elapsed_days(spec, today)
    spend = daily_spend(seed, spec, facts)[:n]
    per_usd = rate(spec.currency)
    share = len(spec.variants)
    platform = str(manager_data()["delivery_platform"][spec.family])
    order_value = float(manager_data()["order_value_usd"])
    deliveries = tuple(
        simulate(
            seed,
            AdSet(
                key=f"{spec.key}-{v.label}",
                platform=platform,
                objective=spec.goal,
                audience=max(1, spec.audience // share),
                spend=[float(s / per_usd) / share for s in spend],
                start=spec.start,
                market=spec.market,
                creative=Creative(v.policy_clean, v.fits_placement, f"{spec.key}-{v.label}"),
                order_value=order_value,
                seasonal=True,
            ),
        )
        for v in spec.variants
    )
    days = tuple(combine([d.days[i] for d in deliveries]) for i in range(n))
    dates = tuple(spec.start + timedelta(days=i) for i in range(n))
    return CampaignRun(spec, deliveries, days, dates, combine([d.totals for d in deliveries]))


def combine(parts: Sequence[Figures]) -> Figures:
    """Figures of variants added up (their audiences are split, so reach adds up too)."""
    revenue = [p.revenue for p in parts if p.revenue is not None]
    return Figures(
        spend=round(math.fsum(p.spend for p in parts), 2),
        impressions=sum(p.impressions for p in parts),
        reach=sum(p.reach for p in parts),
        clicks=sum(p.clicks for p in parts),
        results=sum(p.results for p in parts),
        revenue=round(math.fsum(revenue), 2) if revenue else None,
    )


def last_day(run: CampaignRun) -> Day | None:
    """The last passed day of the first variant (its learning and fatigue labels)."""
    first = run.deliveries[0] if run.deliveries else None
    return first.days[-1] if first and first.days else None
