"""Pacing: Meta's day cap and Sunday–Saturday week cap, lifetime hard cap, and properties
that hold for any sequence of daily opportunities."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import yaml
from ads_facts import FACTS, ROOT
from hypothesis import given
from hypothesis import strategies as st

from app.ads.domain.budget import (
    BudgetPlan,
    day_allowance,
    day_cap_multiple,
    paced_spend,
    week_start,
)

SUNDAY = date(2026, 12, 6)
PACING = yaml.safe_load((ROOT / "app/ads/data/pacing.yaml").read_text(encoding="utf-8"))
_CHOSEN = Decimal(str(FACTS[PACING["meta_day_cap"]["fact"]]))
DAY_CAP = 1 + _CHOSEN / 100 if PACING["meta_day_cap"]["form"] == "percent_above" else _CHOSEN
WEEK_CAP = Decimal(str(FACTS[PACING["meta_week_cap"]["fact"]]))
PLENTY = Decimal(10**6)  # more than any day could be allowed: the caps decide


def daily(amount, start, days, platform="meta") -> BudgetPlan:
    """A daily budget over `days` days from `start`."""
    return BudgetPlan(
        platform, "daily", Decimal(amount), "SAR", start, start + timedelta(days=days - 1)
    )


def test_the_week_starts_on_sunday_for_every_day_of_it():
    """2026-12-06 is a Sunday: it and the six days after it share it as their week start."""
    assert SUNDAY.strftime("%A") == "Sunday"
    for offset in range(7):
        assert week_start(SUNDAY + timedelta(days=offset)) == SUNDAY
    assert week_start(SUNDAY + timedelta(days=7)) == SUNDAY + timedelta(days=7)
    assert week_start(SUNDAY - timedelta(days=1)) == SUNDAY - timedelta(days=7)


def test_a_fresh_week_allows_the_chosen_day_cap_and_no_more():
    """On a Sunday the day's maximum is daily × the day cap pacing.yaml chooses."""
    assert day_allowance(Decimal(100), SUNDAY, Decimal(0), FACTS) == Decimal(100) * DAY_CAP
    assert DAY_CAP > 1


def test_either_of_metas_day_cap_figures_can_be_chosen():
    """The budgets page's multiple and the newer pages' percentage both read as a multiple."""
    multiple = {"fact": "meta-daily-cap-multiplier", "form": "multiple"}
    percent = {"fact": "meta-daily-budget-overspend", "form": "percent_above"}
    assert day_cap_multiple(FACTS, multiple) == Decimal(str(FACTS["meta-daily-cap-multiplier"]))
    above = Decimal(str(FACTS["meta-daily-budget-overspend"]))
    assert day_cap_multiple(FACTS, percent) == 1 + above / 100
    assert day_cap_multiple(FACTS, percent) != day_cap_multiple(FACTS, multiple)


def test_late_in_the_week_what_is_left_of_the_weekly_cap_decides():
    """When the week has less left than a day's cap, the day gets only what is left."""
    week_total = Decimal(100) * WEEK_CAP
    friday = SUNDAY + timedelta(days=5)
    assert day_allowance(Decimal(100), friday, week_total - Decimal(30), FACTS) == Decimal(30)
    assert day_allowance(Decimal(100), friday + timedelta(1), week_total, FACTS) == 0


def test_impossible_week_spend_is_refused():
    """Negative spend, or spend already counted on a Sunday, is a caller's bug."""
    with pytest.raises(ValueError, match="negative"):
        day_allowance(Decimal(100), SUNDAY + timedelta(1), Decimal(-1), FACTS)
    with pytest.raises(ValueError, match="Sunday"):
        day_allowance(Decimal(100), SUNDAY, Decimal(5), FACTS)


def test_saturday_is_squeezed_by_the_week_and_sunday_resets_it():
    """With endless opportunity, early days take the day cap, the week stops at 7× daily,
    Saturday gets what is left (nothing here), and the next Sunday starts afresh."""
    spent = paced_spend(daily(100, SUNDAY, 8), [PLENTY] * 8, FACTS)
    first_week, next_sunday = spent[:7], spent[7]
    assert max(first_week) == Decimal(100) * DAY_CAP
    assert sum(first_week) == Decimal(100) * WEEK_CAP
    assert first_week[6] < Decimal(100)  # Saturday: the week is (nearly) used up
    assert next_sunday == Decimal(100) * DAY_CAP


def test_a_campaign_starting_on_thursday_gets_a_fresh_week_on_sunday():
    """Thursday to Saturday cannot reach the week cap; Sunday's cap does not carry it over."""
    thursday = SUNDAY + timedelta(days=4)
    spent = paced_spend(daily(100, thursday, 4), [PLENTY] * 4, FACTS)
    assert spent == [Decimal(100) * DAY_CAP] * 4


def test_days_with_little_opportunity_spend_only_what_they_can():
    """Pacing caps spend; it never invents it."""
    wanted = [Decimal(10), Decimal(0), Decimal("55.55")]
    assert paced_spend(daily(100, SUNDAY, 3), wanted, FACTS) == wanted


def test_a_lifetime_budget_is_a_hard_cap():
    """Endless opportunity spends the lifetime budget and not a cent more."""
    lifetime = BudgetPlan("meta", "lifetime", Decimal(1000), "SAR", SUNDAY, SUNDAY + timedelta(9))
    spent = paced_spend(lifetime, [PLENTY] * 10, FACTS)
    assert sum(spent) <= Decimal(1000)
    assert sum(spent) > Decimal(1000) - Decimal("0.10")  # only cent rounding is left over


def test_tiktok_daily_budgets_are_not_overspent():
    """TikTok states no overspend percentage, so the simulator's day cap (data) holds."""
    spent = paced_spend(daily(50, SUNDAY, 5, "tiktok"), [PLENTY] * 5, FACTS)
    assert spent == [Decimal(50) * Decimal(str(PACING["tiktok_day_cap"]))] * 5


def test_the_opportunity_sequence_must_cover_the_schedule():
    """One opportunity per scheduled day."""
    with pytest.raises(ValueError):
        paced_spend(daily(100, SUNDAY, 3), [PLENTY] * 2, FACTS)


amounts = st.decimals(min_value=1, max_value=5000, places=2)
opportunities = st.lists(
    st.decimals(min_value=0, max_value=20000, places=2), min_size=1, max_size=30
)
starts = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))


@given(amount=amounts, wanted=opportunities, start=starts)
def test_daily_pacing_never_passes_the_day_or_week_cap(amount, wanted, start):
    """For any opportunities: each day ≤ daily × cap and ≤ what it could spend, never
    negative, and every Sunday–Saturday week ≤ daily × 7."""
    spent = paced_spend(daily(amount, start, len(wanted)), wanted, FACTS)
    weeks: dict[date, Decimal] = {}
    for i, (today, could) in enumerate(zip(spent, wanted, strict=True)):
        assert Decimal(0) <= today <= min(could, amount * DAY_CAP)
        week = week_start(start + timedelta(days=i))
        weeks[week] = weeks.get(week, Decimal(0)) + today
    assert all(total <= amount * WEEK_CAP for total in weeks.values())


@given(amount=amounts, wanted=opportunities, start=starts)
def test_lifetime_pacing_never_passes_the_budget(amount, wanted, start):
    """For any opportunities the total stays within the lifetime budget."""
    plan = BudgetPlan(
        "meta", "lifetime", amount, "SAR", start, start + timedelta(days=len(wanted) - 1)
    )
    spent = paced_spend(plan, wanted, FACTS)
    assert sum(spent) <= amount
    assert all(Decimal(0) <= s <= w for s, w in zip(spent, wanted, strict=True))
