"""Ad budgets: minimums per platform and currency, validation, pacing and sbx-13 arithmetic (pure).

Every platform figure comes from courses/facts.yaml (passed in as id → value), every rate
from app/ads/data/rates.yaml. Money is Decimal so caps hold exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from itertools import pairwise
from typing import Any

from app.ads.domain.data import ads_data, fact_decimal

CENT = Decimal("0.01")
ZERO = Decimal(0)
PLATFORMS = ("meta", "tiktok")
KINDS = ("daily", "lifetime")
META_CHARGES = ("impressions", "clicks", "low_frequency")
# Fact ids of Meta's minimum daily budgets by charge type, for each currency group.
_META_MIN = {
    "impressions": "meta-min-daily-impressions",
    "clicks": "meta-min-daily-clicks",
    "low_frequency": "meta-min-daily-low-frequency",
}


@dataclass(frozen=True)
class BudgetPlan:
    """One budget as the learner sets it: on a campaign or an ad set / ad group."""

    platform: str  # meta | tiktok
    kind: str  # daily | lifetime
    amount: Decimal  # in `currency`
    currency: str
    start: date
    end: date  # inclusive: the last day ads run
    charge: str = "impressions"  # Meta only: impressions | clicks | low_frequency
    level: str = "ad_set"  # campaign | ad_set (TikTok calls it ad group)

    @property
    def days(self) -> int:
        """Scheduled days, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def planned_spend(self) -> Decimal:
        """What the plan may spend in all: a lifetime budget, or daily × days on average."""
        return self.amount if self.kind == "lifetime" else self.amount * self.days


@dataclass(frozen=True)
class BudgetProblem:
    """Something wrong with a budget: a code (texts in data/messages.yaml) and its figures."""

    code: str
    minimum: Decimal | None = None
    actual: Decimal | None = None
    currency: str = ""
    fact: str = ""  # the fact id the minimum comes from, so the view can cite its source


def rate(currency: str) -> Decimal:
    """Units of `currency` per US dollar (a dated teaching value, not a live rate)."""
    rates: Mapping[str, Any] = ads_data("rates")["rates"]
    if currency not in rates:
        raise KeyError(currency)
    return Decimal(str(rates[currency]["per_usd"]))


def meta_currency_group(currency: str) -> str:
    """Meta's minimum-budget group of a currency: "listed" or "other".

    SAR, AED and EGP are not in the listed group of Meta's (2019) Help Centre text, so they
    fall under "other currencies". That is an inference stated in /work/shared/sandbox.md,
    not a rule Meta spells out for these currencies; `minimum_budgets` in the API settles it.
    """
    return "listed" if currency in ads_data("rates")["meta_listed_currencies"] else "other"


def minimum_fact(platform: str, kind: str, level: str, charge: str, currency: str) -> str:
    """The fact id holding the USD minimum that applies (per day, where it scales by days)."""
    if platform == "meta":
        if charge not in _META_MIN:
            raise ValueError(f"unknown Meta charge type {charge!r}")
        return f"{_META_MIN[charge]}-{meta_currency_group(currency)}"
    if platform == "tiktok":
        if level == "campaign":
            return f"tiktok-min-{'daily' if kind == 'daily' else 'lifetime'}-campaign"
        if kind == "daily":
            return "tiktok-min-daily-ad-group"
        return "tiktok-min-lifetime-ad-group-per-day"
    raise ValueError(f"unknown platform {platform!r}")


def to_currency(usd: Decimal, currency: str) -> Decimal:
    """A USD minimum in another currency, rounded up to the cent (a minimum must not shrink)."""
    return (usd * rate(currency)).quantize(CENT, rounding=ROUND_CEILING)


def minimum_budget(
    facts: Mapping[str, Any],
    platform: str,
    currency: str,
    *,
    kind: str = "daily",
    days: int = 1,
    level: str = "ad_set",
    charge: str = "impressions",
) -> Decimal:
    """The smallest budget allowed, in `currency`: daily, or lifetime for `days` days.

    Meta's daily minimum applies to each day of a lifetime budget; TikTok's ad-group lifetime
    minimum is its per-day figure × days, its campaign lifetime minimum a flat amount."""
    fact = minimum_fact(platform, kind, level, charge, currency)
    per_day = to_currency(fact_decimal(facts, fact), currency)
    flat = platform == "tiktok" and level == "campaign"
    return per_day * days if kind == "lifetime" and not flat else per_day


def validate_budget(plan: BudgetPlan, facts: Mapping[str, Any]) -> list[BudgetProblem]:
    """Everything wrong with one budget, in the order a learner should fix it. A budget kind
    or Meta charge type outside the lists is the caller's bug (ValueError), not the learner's."""
    if plan.kind not in KINDS:
        raise ValueError(f"unknown budget kind {plan.kind!r}")
    if plan.platform not in PLATFORMS:
        return [BudgetProblem("unknown_platform")]
    problems = []
    if plan.currency not in ads_data("rates")["rates"]:
        return [BudgetProblem("unknown_currency", currency=plan.currency)]
    if plan.amount <= ZERO:
        problems.append(BudgetProblem("not_positive", actual=plan.amount))
    if plan.end < plan.start:
        problems.append(BudgetProblem("end_before_start"))
        return problems
    fact = minimum_fact(plan.platform, plan.kind, plan.level, plan.charge, plan.currency)
    least = minimum_budget(
        facts,
        plan.platform,
        plan.currency,
        kind=plan.kind,
        days=plan.days,
        level=plan.level,
        charge=plan.charge,
    )
    if ZERO < plan.amount < least:
        problems.append(BudgetProblem("below_minimum", least, plan.amount, plan.currency, fact))
    return problems


# ── Pacing ──────────────────────────────────────────────────────────────


def week_start(day: date) -> date:
    """The Sunday that starts `day`'s Sunday–Saturday calendar week (Meta's pacing week)."""
    return day - timedelta(days=(day.weekday() + 1) % 7)


def day_cap_multiple(facts: Mapping[str, Any], choice: Mapping[str, Any]) -> Decimal:
    """A day cap as a multiple of the daily budget, from a fact given either as a multiple
    (1.25) or as a percentage above the budget (75 → 1.75)."""
    value = fact_decimal(facts, str(choice["fact"]))
    return 1 + value / 100 if choice.get("form") == "percent_above" else value


def caps(facts: Mapping[str, Any], platform: str) -> tuple[Decimal, Decimal]:
    """(day cap, week cap) as multiples of the daily budget, as app/ads/data/pacing.yaml
    chooses: for Meta from the facts (its pages disagree on the day cap), for TikTok, which
    states no percentage, the daily budget itself."""
    pacing = ads_data("pacing")
    if platform == "meta":
        week = fact_decimal(facts, str(pacing["meta_week_cap"]["fact"]))
        return day_cap_multiple(facts, pacing["meta_day_cap"]), week
    return Decimal(str(pacing["tiktok_day_cap"])), Decimal(str(pacing["tiktok_week_cap"]))


def day_allowance(
    daily: Decimal,
    day: date,
    spent_this_week: Decimal,
    facts: Mapping[str, Any],
    platform: str = "meta",
) -> Decimal:
    """The most that may be spent on `day`, given what its Sunday–Saturday week has spent on
    the days before it (nothing yet on a Sunday: the week starts afresh)."""
    if spent_this_week < ZERO:
        raise ValueError("spent_this_week cannot be negative")
    if day == week_start(day) and spent_this_week:
        raise ValueError("a Sunday starts a new week: nothing of it is spent yet")
    day_cap, week_cap = caps(facts, platform)
    left = daily * week_cap - spent_this_week
    return max(ZERO, min(daily * day_cap, left)).quantize(CENT, rounding=ROUND_FLOOR)


def paced_spend(
    plan: BudgetPlan, opportunity: Sequence[Decimal], facts: Mapping[str, Any]
) -> list[Decimal]:
    """Actual spend per day from start to end, given what each day could usefully spend.

    Daily budgets follow the day and Sunday–Saturday week caps. A lifetime budget is a hard
    cap: each day may spend up to the daily cap multiple of what is left per day left (the
    simulator's even pacing), and the total never passes the budget."""
    if len(opportunity) != plan.days:
        raise ValueError(f"need {plan.days} daily opportunities, got {len(opportunity)}")
    day_cap, _ = caps(facts, plan.platform)
    spent: list[Decimal] = []
    week, week_spent, left = plan.start, ZERO, plan.amount
    for i, wanted in enumerate(opportunity):
        day = plan.start + timedelta(days=i)
        if plan.kind == "lifetime":
            per_day_left = left / (plan.days - i)
            allowed = min(left, per_day_left * day_cap).quantize(CENT, rounding=ROUND_FLOOR)
        else:
            if week_start(day) != week_start(week):
                week, week_spent = day, ZERO
            allowed = day_allowance(plan.amount, day, week_spent, facts, plan.platform)
        today = max(ZERO, min(Decimal(wanted), allowed)).quantize(CENT, rounding=ROUND_FLOOR)
        spent.append(today)
        week_spent += today
        left -= today
    return spent


# ── sbx-13 budget arithmetic ───────────────────────────────────────────


def fits_total(daily: Decimal, days: int, total: Decimal) -> bool:
    """Whether a daily budget run for `days` days stays within a total: daily × days ≤ total."""
    return daily * days <= total


def check_campaign(
    total: Decimal, plans: Sequence[BudgetPlan], facts: Mapping[str, Any]
) -> list[BudgetProblem]:
    """A campaign's budgets against one fixed total: each plan valid and at least its minimum,
    phases on the same level not overlapping (two-phase briefs), and Σ planned spend ≤ total."""
    problems = [p for plan in plans for p in validate_budget(plan, facts)]
    ordered = sorted(plans, key=lambda p: p.start)
    for before, after in pairwise(ordered):
        if after.start <= before.end and after.level == before.level:
            problems.append(BudgetProblem("phases_overlap"))
            break
    planned = sum((p.planned_spend for p in plans), ZERO)
    currency = plans[0].currency if plans else ""
    if planned > total:
        problems.append(BudgetProblem("over_total", total, planned, currency))
    return problems
