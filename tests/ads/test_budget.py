"""Ad budgets: minimums at and just below, currency groups, validation and sbx-13 arithmetic."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

import pytest
import yaml
from ads_facts import FACTS, ROOT

from app.ads.domain.budget import (
    BudgetPlan,
    check_campaign,
    fits_total,
    meta_currency_group,
    minimum_budget,
    validate_budget,
)

RATES = yaml.safe_load((ROOT / "app/ads/data/rates.yaml").read_text(encoding="utf-8"))
CENT = Decimal("0.01")
START = date(2026, 12, 6)
CHARGES = {
    "impressions": "meta-min-daily-impressions",
    "clicks": "meta-min-daily-clicks",
    "low_frequency": "meta-min-daily-low-frequency",
}


def usd_fact(fact_id: str) -> Decimal:
    """A fact's figure as Decimal, read straight from courses/facts.yaml."""
    return Decimal(str(FACTS[fact_id]))


def in_currency(usd: Decimal, currency: str) -> Decimal:
    """USD → currency by the rate table, rounded up to the cent."""
    rate = Decimal(str(RATES["rates"][currency]["per_usd"]))
    return (usd * rate).quantize(CENT, rounding=ROUND_CEILING)


def plan(amount, currency="USD", days=1, **kw) -> BudgetPlan:
    """A Meta daily budget from START unless told otherwise."""
    values = {"platform": "meta", "kind": "daily", "charge": "impressions"} | kw
    return BudgetPlan(
        amount=Decimal(str(amount)),
        currency=currency,
        start=START,
        end=START + timedelta(days=days - 1),
        **values,
    )


def codes(problems) -> list[str]:
    """The problem codes, in order."""
    return [p.code for p in problems]


@pytest.mark.parametrize("charge", list(CHARGES))
def test_a_usd_budget_exactly_at_metas_listed_minimum_passes_and_a_cent_less_fails(charge):
    """USD is in Meta's listed group: its minimum is the listed figure itself."""
    least = usd_fact(f"{CHARGES[charge]}-listed")
    assert minimum_budget(FACTS, "meta", "USD", charge=charge) == least
    assert validate_budget(plan(least, charge=charge), FACTS) == []
    below = validate_budget(plan(least - CENT, charge=charge), FACTS)
    assert codes(below) == ["below_minimum"]
    assert below[0].minimum == least and below[0].fact == f"{CHARGES[charge]}-listed"


@pytest.mark.parametrize("currency", ["SAR", "AED", "EGP"])
@pytest.mark.parametrize("charge", list(CHARGES))
def test_scenario_currencies_take_metas_other_currency_minimums_converted(currency, charge):
    """SAR, AED and EGP fall in the "other currencies" group, converted by the rate table."""
    assert meta_currency_group(currency) == "other"
    least = in_currency(usd_fact(f"{CHARGES[charge]}-other"), currency)
    assert minimum_budget(FACTS, "meta", currency, charge=charge) == least
    assert validate_budget(plan(least, currency, charge=charge), FACTS) == []
    assert codes(validate_budget(plan(least - CENT, currency, charge=charge), FACTS)) == [
        "below_minimum"
    ]


def test_the_other_group_minimum_is_lower_than_the_listed_one_in_usd_terms():
    """The two groups differ, so putting a currency in the wrong one would change the answer."""
    for ids in CHARGES.values():
        assert usd_fact(f"{ids}-other") < usd_fact(f"{ids}-listed")


def test_a_meta_lifetime_budget_needs_the_daily_minimum_for_every_day():
    """Lifetime minimum = daily minimum × scheduled days, both ends of the schedule counted."""
    least = in_currency(usd_fact("meta-min-daily-clicks-other"), "SAR") * 10
    lifetime = {"kind": "lifetime", "charge": "clicks"}
    assert validate_budget(plan(least, "SAR", days=10, **lifetime), FACTS) == []
    short = validate_budget(plan(least - CENT, "SAR", days=10, **lifetime), FACTS)
    assert codes(short) == ["below_minimum"] and short[0].minimum == least


def test_tiktok_ad_group_and_campaign_minimums_daily_and_lifetime():
    """Ad group daily and campaign daily at their facts; ad group lifetime scales by days,
    campaign lifetime is flat."""
    group_day = usd_fact("tiktok-min-daily-ad-group")
    campaign_day = usd_fact("tiktok-min-daily-campaign")
    per_day = usd_fact("tiktok-min-lifetime-ad-group-per-day")
    flat = usd_fact("tiktok-min-lifetime-campaign")
    tiktok = {"platform": "tiktok"}
    assert validate_budget(plan(group_day, level="ad_group", **tiktok), FACTS) == []
    assert codes(validate_budget(plan(group_day - CENT, level="ad_group", **tiktok), FACTS)) == [
        "below_minimum"
    ]
    assert codes(validate_budget(plan(campaign_day - CENT, level="campaign", **tiktok), FACTS))
    assert not validate_budget(plan(campaign_day, level="campaign", **tiktok), FACTS)
    month = {"kind": "lifetime", "days": 31, **tiktok}
    assert not validate_budget(plan(per_day * 31, level="ad_group", **month), FACTS)
    assert codes(validate_budget(plan(per_day * 31 - CENT, level="ad_group", **month), FACTS))
    assert not validate_budget(plan(flat, level="campaign", **month), FACTS)


def test_tiktok_minimums_in_a_scenario_currency_are_converted_from_usd():
    """An EGP ad group needs the USD figure × the EGP rate."""
    least = in_currency(usd_fact("tiktok-min-daily-ad-group"), "EGP")
    assert minimum_budget(FACTS, "tiktok", "EGP", level="ad_group") == least


def test_dates_amount_currency_and_platform_are_checked():
    """End before start, zero, an unknown currency and an unknown platform are each named."""
    backwards = BudgetPlan("meta", "daily", Decimal(50), "SAR", START, START - timedelta(1))
    assert codes(validate_budget(backwards, FACTS)) == ["end_before_start"]
    assert codes(validate_budget(plan(0), FACTS)) == ["not_positive"]
    assert codes(validate_budget(plan(50, "XYZ"), FACTS)) == ["unknown_currency"]
    assert codes(validate_budget(plan(50, platform="myspace"), FACTS)) == ["unknown_platform"]


def test_an_unknown_budget_kind_or_charge_type_is_a_programming_error():
    """The form offers daily/lifetime and Meta's three charge types; anything else raises."""
    with pytest.raises(ValueError, match="kind"):
        validate_budget(plan(50, kind="weekly"), FACTS)
    with pytest.raises(ValueError, match="charge"):
        validate_budget(plan(50, charge="conversions"), FACTS)


def test_daily_times_days_must_fit_the_total():
    """sbx-13: daily × days ≤ total, with equality allowed."""
    assert fits_total(Decimal(100), 10, Decimal(1000))
    assert not fits_total(Decimal("100.01"), 10, Decimal(1000))


def two_phases(awareness_daily, traffic_daily, gap_days=0):
    """An awareness phase of 7 days, then a traffic phase of 7 days, in SAR."""
    first = BudgetPlan(
        "meta", "daily", Decimal(awareness_daily), "SAR", START, START + timedelta(6)
    )
    second_start = START + timedelta(7 - gap_days)
    second = BudgetPlan(
        "meta",
        "daily",
        Decimal(traffic_daily),
        "SAR",
        second_start,
        second_start + timedelta(6),
        charge="clicks",
    )
    return [first, second]


def test_two_phases_inside_one_fixed_budget():
    """The hard variant: both phases valid, not overlapping, and together within the total."""
    assert check_campaign(Decimal(1400), two_phases(100, 100), FACTS) == []
    over = check_campaign(Decimal(1399), two_phases(100, 100), FACTS)
    assert codes(over) == ["over_total"] and over[0].actual == Decimal(1400)
    assert "phases_overlap" in codes(check_campaign(Decimal(5000), two_phases(100, 100, 1), FACTS))


def test_a_phase_below_its_minimum_is_reported_within_the_campaign():
    """A traffic phase at one riyal a day misses Meta's click minimum in SAR."""
    assert codes(check_campaign(Decimal(1400), two_phases(100, 1), FACTS)) == ["below_minimum"]
