"""Creative fatigue: CTR falls with repeat exposure as k ** -0.43 says; the labels follow cost."""

from __future__ import annotations

import itertools
import math
from datetime import date

import pytest
from support_delivery import quiet_model

from app.ads.domain.delivery import AdSet, simulate
from app.ads.domain.delivery_data import delivery_model
from app.ads.domain.delivery_states import cost_ratio, fatigue_label
from app.ads.domain.exposure import exposure_multiplier, weighted_exposures

EXPONENT = float(delivery_model()["fatigue"]["exponent"])
THRESHOLDS = delivery_model()["fatigue"]
AUDIENCE = 50_000


def poisson_mean_of_curve(mean: float) -> float:
    """E[Σ_{k=1..X} k^-a] for X ~ Poisson(mean), summed over X's probabilities (the test's oracle)."""
    total, pmf, running = 0.0, math.exp(-mean), 0.0
    for x in range(1, int(mean * 4 + 60)):
        pmf *= mean / x
        running += x**-EXPONENT
        total += pmf * running
    return total


def test_the_kth_exposure_keeps_the_curve_sandbox_md_tabulates():
    """1.00, 0.74, 0.62, 0.55, 0.50 for k = 1…5 (sandbox.md, "Proposed model")."""
    shown = [round(exposure_multiplier(k, EXPONENT), 2) for k in range(1, 6)]
    assert shown == [1.00, 0.74, 0.62, 0.55, 0.50]
    with pytest.raises(ValueError):
        exposure_multiplier(0, EXPONENT)


@pytest.mark.parametrize("mean", [1e-12, 0.01, 0.4, 1.0, 2.5, 7.0, 30.0])
def test_weighted_exposures_match_the_poisson_oracle(mean):
    """S(f) summed by survival equals the same expectation summed by probability of each count."""
    assert weighted_exposures(mean, EXPONENT) == pytest.approx(
        poisson_mean_of_curve(mean), rel=1e-9
    )


def run_heavy():
    """A month of heavy spend on a small audience, with no luck, already out of learning."""
    adset = AdSet(
        "heavy", "facebook", "traffic", AUDIENCE, (500.0,) * 30, date(2026, 3, 2), in_learning=False
    )
    return simulate(5, adset, quiet_model())


def test_ctr_falls_with_frequency_as_the_curve_says():
    """Each day's link CTR is the fresh CTR × the average curve value of that day's exposures."""
    run = run_heavy()
    fresh = delivery_model()["platforms"]["facebook"]["link_ctr"]
    shown = 0
    for day in run.days:
        before, after = shown / AUDIENCE, (shown + day.impressions) / AUDIENCE
        shown += day.impressions
        curve = (poisson_mean_of_curve(after) - poisson_mean_of_curve(before)) / (after - before)
        assert day.ctr == pytest.approx(fresh * curve, rel=0.01)
    ctrs = [day.ctr for day in run.days]
    cpcs = [day.cpc for day in run.days]
    assert all(a > b for a, b in itertools.pairwise(ctrs))
    assert all(a < b for a, b in itertools.pairwise(cpcs))
    assert run.days[-1].frequency_to_date > 10


def test_labels_switch_at_one_and_two_times_the_first_weeks_cost_per_result():
    """None until cost per result passes 1× the first week, limited below 2×, fatigue from 2×."""
    run = run_heavy()
    spend = [day.spend for day in run.days]
    results = [day.results for day in run.days]
    seen = []
    for n, day in enumerate(run.days, start=1):
        if n <= 7:
            assert day.fatigue == "none"
            continue
        last = sum(spend[n - 7 : n]) / sum(results[n - 7 : n])
        ratio = last / (sum(spend[:7]) / sum(results[:7]))
        want = "none" if ratio <= 1 else "creative_limited" if ratio < 2 else "creative_fatigue"
        assert day.fatigue == want, (n, ratio)
        seen.append(day.fatigue)
    assert seen[0] == "creative_limited" and seen[-1] == "creative_fatigue"
    assert seen == sorted(seen, key=["none", "creative_limited", "creative_fatigue"].index)


def test_label_thresholds_come_from_the_data():
    """At exactly 1× no label; just above it "limited"; just below 2× still limited; 2× fatigue."""
    one, two = float(THRESHOLDS["limited_above"]), float(THRESHOLDS["fatigue_from"])
    assert (one, two) == (1.0, 2.0)
    assert fatigue_label(None, THRESHOLDS) == "none"
    assert fatigue_label(0.8, THRESHOLDS) == "none"
    assert fatigue_label(one, THRESHOLDS) == "none"
    assert fatigue_label(one + 1e-9, THRESHOLDS) == "creative_limited"
    assert fatigue_label(two - 1e-9, THRESHOLDS) == "creative_limited"
    assert fatigue_label(two, THRESHOLDS) == "creative_fatigue"
    assert fatigue_label(math.inf, THRESHOLDS) == "creative_fatigue"


def test_cost_ratio_needs_a_full_first_week_and_results_in_it():
    """No ratio before day 8 or without first-week results; no results lately is endless cost."""
    assert cost_ratio([10.0] * 7, [1] * 7, 7) is None
    assert cost_ratio([10.0] * 8, [0] * 8, 7) is None
    assert cost_ratio([10.0] * 8, [2] * 7 + [1], 7) == pytest.approx((70 / 13) / (70 / 14))
    assert cost_ratio([10.0] * 14, [1] * 7 + [0] * 7, 7) == math.inf


def test_a_small_audience_cannot_absorb_a_big_budget():
    """Beyond max_daily_frequency impressions per person a day the rest of the budget stays unspent."""
    adset = AdSet("tiny", "x", "traffic", 100, (500.0,) * 3, date(2026, 3, 2), in_learning=False)
    run = simulate(1, adset, quiet_model())
    cap = 100 * float(delivery_model()["max_daily_frequency"])
    assert all(day.impressions <= cap and day.spend < day.budget for day in run.days)
    assert all(day.reach <= 100 for day in run.days)


def test_each_extra_impression_finds_fewer_new_people():
    """Reach to date is audience × (1 − e^−f) and each day's new people fall as frequency rises."""
    run = run_heavy()
    shown, reached = 0, 0
    fresh = []
    for day in run.days:
        shown += day.impressions
        assert day.reach_to_date == pytest.approx(
            AUDIENCE * (1 - math.exp(-shown / AUDIENCE)), abs=1
        )
        fresh.append((day.reach_to_date - reached) / day.impressions)
        reached = day.reach_to_date
    # strictly fewer each day while many are left (whole people round the last few alike)
    assert all(a > b for a, b in itertools.pairwise(fresh[:10]))
    assert all(a >= b for a, b in itertools.pairwise(fresh))
    assert fresh[0] > 0.6 and fresh[-1] < 0.01
