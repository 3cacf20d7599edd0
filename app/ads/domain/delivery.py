"""Simulated ad delivery, day by day: seeded, explainable, calibratable (pure; no Flask, no DB).

Like the organic engine (app/sandbox/domain/engine.py) every random draw comes from a generator
keyed by (seed, key, purpose): the same ad set always delivers the same way, and changing one
day's budget leaves the other days' luck alone. Each day's CPM, link CTR and results per click
are products of named factors (kept on the day for the why panel); the numbers come from
app/ads/data/delivery.yaml, calibrated against sandbox.md's bands.

A day: CPM = product of the cpm.* factors; impressions = spend ÷ CPM × 1000 (at most
`max_daily_frequency` per person); reach and fatigue follow random exposure (exposure.py);
clicks = impressions × link CTR; results per the objective; then the learning-phase state and
the fatigue label (delivery_states.py). Totals are sums, and their rates are computed from the
sums (CPC = spend ÷ clicks, CPM = spend ÷ impressions × 1000), never averaged from days.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.ads.domain.delivery_data import (
    Factor,
    Model,
    base_cpm,
    check,
    delivery_model,
    keyed_rng,
    learning_rule,
    market_cpm_ratio,
    objective,
    results_per_click,
    season_factor,
)
from app.ads.domain.delivery_states import (
    ACTIVE,
    LEARNING,
    cost_ratio,
    fatigue_label,
    learning_state,
)
from app.ads.domain.exposure import fatigue_multiplier, reach


@dataclass(frozen=True)
class Creative:
    """What the delivery needs to know about the ad's creative."""

    policy_clean: bool = True  # the policy checker found nothing
    fits_placement: bool = True  # e.g. 9:16 video in a 9:16 placement
    variant: str = "a"  # the creative's id: the same id keeps the same appeal


@dataclass(frozen=True)
class AdSet:
    """One ad set to simulate: where, for what, to whom, and the already-paced daily spend."""

    key: str
    platform: str
    objective: str
    audience: int  # people (the audience estimate)
    spend: Sequence[float]  # USD per day, already paced
    start: date
    market: str = "global"
    creative: Creative = field(default_factory=Creative)
    order_value: float = 0.0  # USD per purchase (sales objective: revenue and ROAS)
    in_learning: bool = True  # False: an ad set that already left the learning phase
    seasonal: bool = False  # apply the month and weekday CPM multipliers


@dataclass(frozen=True)
class Figures:
    """Counts of a day or of the whole run, and the rates computed from them."""

    spend: float
    impressions: int
    reach: int
    clicks: int
    results: int
    revenue: float | None  # sales objective only

    @property
    def frequency(self) -> float:
        """Impressions ÷ people reached."""
        return self.impressions / self.reach if self.reach else 0.0

    @property
    def ctr(self) -> float:
        """Link CTR: link clicks ÷ impressions (a fraction)."""
        return self.clicks / self.impressions if self.impressions else 0.0

    @property
    def cpc(self) -> float | None:
        """Cost per link click: spend ÷ link clicks."""
        return self.spend / self.clicks if self.clicks else None

    @property
    def cpm(self) -> float | None:
        """Cost per 1,000 impressions: spend ÷ impressions × 1000."""
        return self.spend / self.impressions * 1000 if self.impressions else None

    @property
    def cost_per_result(self) -> float | None:
        """Spend ÷ results."""
        return self.spend / self.results if self.results else None

    @property
    def roas(self) -> float | None:
        """Return on ad spend: revenue ÷ spend (sales objective only)."""
        return self.revenue / self.spend if self.revenue is not None and self.spend else None


@dataclass(frozen=True, kw_only=True)
class Day(Figures):
    """One simulated day: its counts, budget, states and the factors behind its figures."""

    day: date
    budget: float
    reach_to_date: int  # people reached since the start
    frequency_to_date: float  # impressions since the start ÷ reach_to_date
    learning: str  # learning-phase state at the end of the day
    fatigue: str  # creative-fatigue label at the end of the day
    factors: tuple[Factor, ...]


@dataclass(frozen=True)
class Delivery:
    """A simulated run: the ad set, its days and the totals (reach is people over the run)."""

    adset: AdSet
    days: tuple[Day, ...]
    totals: Figures
    fixed: tuple[Factor, ...] = ()  # factors that hold for every day


def stochastic_round(value: float, draw: float) -> int:
    """Round down or up so that the expected result equals `value` (draw is uniform in [0, 1))."""
    low = math.floor(value)
    return low + (1 if draw < value - low else 0)


def fixed_factors(seed: int, adset: AdSet, data: Model) -> tuple[Factor, ...]:
    """The factors that do not change from day to day, CPM ones first, then link CTR ones."""
    obj, creative = objective(adset.objective, data), adset.creative
    ratio = market_cpm_ratio(adset.platform, adset.market, data)
    market = (
        Factor("cpm.market", round(ratio, 6), adset.market)
        if ratio is not None
        else Factor("cpm.market", 1.0, "" if adset.market == "global" else "none")
    )
    flagged, placement = data["creative"]["policy_flagged"], data["creative"]["wrong_placement"]
    appeal = keyed_rng(seed, f"creative:{creative.variant}", "appeal")
    return (
        Factor("cpm.base", base_cpm(adset.platform, data), adset.platform),
        market,
        Factor("cpm.objective", float(obj["cpm"]), adset.objective),
        Factor("cpm.policy", 1.0 if creative.policy_clean else float(flagged["cpm"])),
        Factor("ctr.base", float(data["platforms"][adset.platform]["link_ctr"]), adset.platform),
        Factor("ctr.objective", float(obj["ctr"]), adset.objective),
        Factor("ctr.policy", 1.0 if creative.policy_clean else float(flagged["ctr"])),
        Factor("ctr.placement", 1.0 if creative.fits_placement else float(placement["ctr"])),
        Factor(
            "ctr.creative",
            appeal.lognormvariate(0.0, float(data["noise"]["creative"])),
            creative.variant,
        ),
    )


def check_adset(adset: AdSet) -> None:
    """Raise ValueError for inputs the simulation cannot take."""
    check(adset.platform, adset.market, adset.objective)
    if adset.audience < 1:
        raise ValueError("the audience must hold at least one person")
    if any(not math.isfinite(s) or s < 0 for s in adset.spend):
        raise ValueError("daily spend must be a finite amount of at least 0")
    if adset.order_value < 0:
        raise ValueError("the average order value cannot be negative")


def simulate(seed: int, adset: AdSet, data: Model | None = None) -> Delivery:
    """Deliver an ad set day by day: deterministic from the seed, its key and its inputs."""
    data = data or delivery_model()
    check_adset(adset)
    noise, effect = data["noise"], data["learning_effect"]
    fixed = fixed_factors(seed, adset, data)
    rule = learning_rule(adset.platform, data)
    per_click = results_per_click(adset.objective, adset.platform, data)
    result_kind = str(objective(adset.objective, data)["result"])
    sales = result_kind == "purchases"
    exponent = float(data["fatigue"]["exponent"])
    cap = math.floor(adset.audience * float(data["max_daily_frequency"]))
    luck = keyed_rng(seed, adset.key, "ad set")
    set_cpm = luck.lognormvariate(0.0, float(noise["ad_set_cpm"]))
    set_ctr = luck.lognormvariate(0.0, float(noise["ad_set_ctr"]))
    state = LEARNING if adset.in_learning and rule is not None else ACTIVE
    cpm_fixed = tuple(f for f in fixed if f.name.startswith("cpm."))
    ctr_fixed = tuple(f for f in fixed if f.name.startswith("ctr."))
    days: list[Day] = []
    spends: list[float] = []
    results_so_far: list[int] = []
    shown = reached = 0
    for n, budget in enumerate(adset.spend):
        today = adset.start + timedelta(days=n)
        rng = keyed_rng(seed, f"{adset.key}#{n}", "day")
        draws = _draws(rng, noise, float(effect["extra_sigma"]))
        learning = state != ACTIVE
        season = season_factor(today.month, today.weekday(), data) if adset.seasonal else 1.0
        cpm_factors = (
            *cpm_fixed,
            Factor("cpm.season", season),
            Factor("cpm.learning", float(effect["cpm"]) if learning else 1.0, state),
            Factor("cpm.luck", set_cpm * draws["cpm"]),
        )
        cpm = math.prod(f.value for f in cpm_factors)
        spend = min(budget, math.floor(round(min(budget, cap * cpm / 1000) * 100, 6)) / 100)
        impressions = min(cap, math.floor(spend * 1000 / cpm))
        if impressions == 0:
            spend = 0.0
        before, after = shown / adset.audience, (shown + impressions) / adset.audience
        ctr_factors = (
            *ctr_fixed,
            Factor("ctr.fatigue", fatigue_multiplier(before, after, exponent), f"{after:.4f}"),
            Factor("ctr.learning", draws["ctr_learning"] if learning else 1.0, state),
            Factor("ctr.luck", set_ctr * draws["ctr"]),
        )
        ctr = min(1.0, math.prod(f.value for f in ctr_factors))
        clicks = min(impressions, stochastic_round(impressions * ctr, draws["clicks"]))
        shown += impressions
        new_people = reach(adset.audience, shown) - reached
        reached += new_people
        cvr_factors: tuple[Factor, ...] = ()
        if per_click is None:
            results = clicks if result_kind == "link_clicks" else new_people
        else:
            cvr_factors = (
                Factor("cvr.base", per_click, adset.objective),
                Factor("cvr.learning", draws["cvr_learning"] if learning else 1.0, state),
                Factor("cvr.luck", draws["cvr"]),
            )
            rate = math.prod(f.value for f in cvr_factors)
            ceiling = impressions if result_kind == "engagements" else clicks
            results = min(ceiling, stochastic_round(clicks * rate, draws["results"]))
        spends.append(spend)
        results_so_far.append(results)
        state = learning_state(rule, state, results_so_far)
        ratio = cost_ratio(spends, results_so_far, int(data["fatigue"]["baseline_days"]))
        days.append(
            Day(
                spend=spend,
                impressions=impressions,
                reach=reach(adset.audience, impressions),
                clicks=clicks,
                results=results,
                revenue=round(results * adset.order_value, 2) if sales else None,
                day=today,
                budget=budget,
                reach_to_date=reached,
                frequency_to_date=shown / reached if reached else 0.0,
                learning=state,
                fatigue=fatigue_label(ratio, data["fatigue"]),
                factors=(*cpm_factors, *ctr_factors, *cvr_factors),
            )
        )
    return Delivery(adset, tuple(days), totals(days, reached, sales), fixed)


def _draws(rng: random.Random, noise: Model, extra: float) -> dict[str, float]:
    """A day's random numbers, always drawn in the same order whatever the day's state."""
    return {
        "cpm": rng.lognormvariate(0.0, float(noise["day_cpm"])),
        "ctr": rng.lognormvariate(0.0, float(noise["day_ctr"])),
        "ctr_learning": rng.lognormvariate(0.0, extra),
        "cvr": rng.lognormvariate(0.0, float(noise["day_ctr"])),
        "cvr_learning": rng.lognormvariate(0.0, extra),
        "clicks": rng.random(),
        "results": rng.random(),
    }


def totals(days: Sequence[Day], reached: int, sales: bool) -> Figures:
    """Sums over the days; reach is the people reached over the whole run."""
    return Figures(
        spend=round(math.fsum(d.spend for d in days), 2),
        impressions=sum(d.impressions for d in days),
        reach=reached,
        clicks=sum(d.clicks for d in days),
        results=sum(d.results for d in days),
        revenue=round(math.fsum(d.revenue or 0.0 for d in days), 2) if sales else None,
    )
