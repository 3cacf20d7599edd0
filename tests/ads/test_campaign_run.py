"""A campaign's delivery on the simulated clock: past days fixed, pauses, pacing, test split."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from ads_facts import FACTS

from app.ads.domain.budget import caps, rate, week_start
from app.ads.domain.campaign import (
    CampaignSpec,
    Variant,
    daily_spend,
    elapsed_days,
    paused_on,
    run_campaign,
)

START = date(2027, 2, 2)
SEED = 20270131


def spec(**changes: object) -> CampaignSpec:
    """A three-week SAR traffic campaign with one ad."""
    base = CampaignSpec(
        key="c1",
        family="meta",
        goal="traffic",
        charge="clicks",
        currency="SAR",
        kind="daily",
        amount=Decimal(150),
        start=START,
        end=START + timedelta(days=20),
        audience=250_000,
        market="sa",
        variants=(Variant("A"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_only_passed_days_are_delivered():
    """Nothing on the start day itself; every scheduled day once the end has passed."""
    s = spec()
    assert elapsed_days(s, START) == 0
    assert elapsed_days(s, START + timedelta(days=3)) == 3
    assert elapsed_days(s, s.end + timedelta(days=40)) == 21
    assert len(run_campaign(SEED, s, START + timedelta(days=3), FACTS).days) == 3


def test_past_days_do_not_change_as_the_clock_moves():
    """The first five days read the same after five days and after the end."""
    s = spec()
    early = run_campaign(SEED, s, START + timedelta(days=5), FACTS)
    late = run_campaign(SEED, s, s.end + timedelta(days=1), FACTS)
    assert late.days[:5] == early.days


def test_a_pause_zeroes_its_days_and_leaves_earlier_ones_alone():
    """Paused from day 4 to day 7: those days spend nothing; days 0-3 are as without it."""
    plain = spec()
    paused = spec(pauses=((START + timedelta(days=4), START + timedelta(days=7)),))
    assert paused_on(paused, START + timedelta(days=4)) and not paused_on(
        paused, START + timedelta(days=7)
    )
    with_pause = daily_spend(SEED, paused, FACTS)
    without = daily_spend(SEED, plain, FACTS)
    assert with_pause[:4] == without[:4]
    assert with_pause[4:7] == [Decimal(0)] * 3
    assert with_pause[7] > 0


def test_daily_spend_keeps_the_day_and_week_caps():
    """No day above the day cap × budget; no Sunday–Saturday week above the week cap."""
    s = spec()
    day_cap, week_cap = caps(FACTS, "meta")
    spent = daily_spend(SEED, s, FACTS)
    assert max(spent) <= s.amount * day_cap
    weeks: dict[date, Decimal] = {}
    for n, amount in enumerate(spent):
        key = week_start(START + timedelta(days=n))
        weeks[key] = weeks.get(key, Decimal(0)) + amount
    assert max(weeks.values()) <= s.amount * week_cap
    assert any(amount > s.amount for amount in spent)  # some days pace above the budget


def test_lifetime_budget_is_never_passed():
    """A lifetime budget's run spends at most the budget, converted to USD for delivery."""
    s = spec(kind="lifetime", amount=Decimal(2000))
    run = run_campaign(SEED, s, s.end + timedelta(days=1), FACTS)
    assert sum(daily_spend(SEED, s, FACTS)) <= s.amount
    assert run.totals.spend <= float(s.amount / rate("SAR")) + 0.01


def test_a_declared_test_splits_spend_between_two_variants():
    """Two variants share each day's spend equally and add up to the campaign's totals."""
    s = spec(variants=(Variant("A"), Variant("B")))
    run = run_campaign(SEED, s, START + timedelta(days=7), FACTS)
    a, b = run.deliveries
    assert [d.budget for d in a.days] == [d.budget for d in b.days]
    assert run.totals.impressions == a.totals.impressions + b.totals.impressions
    assert abs(run.totals.spend - (a.totals.spend + b.totals.spend)) < 0.02


def test_the_seed_decides_the_figures():
    """The same seed repeats every figure; another seed draws other days."""
    s = spec()
    day = START + timedelta(days=6)
    assert run_campaign(SEED, s, day, FACTS) == run_campaign(SEED, s, day, FACTS)
    assert run_campaign(SEED, s, day, FACTS).days != run_campaign(SEED + 1, s, day, FACTS).days
