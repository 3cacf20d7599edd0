"""Ad delivery: seeds reproduce, totals keep their identities, invariants hold, the why adds up."""

from __future__ import annotations

import dataclasses
import math
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.ads.domain.delivery import AdSet, Creative, simulate
from app.ads.domain.delivery_data import MARKETS, OBJECTIVES, PLATFORMS, delivery_model
from app.ads.domain.delivery_why import run_factors, why

START = date(2026, 3, 2)
BASE = AdSet("base", "facebook", "sales", 400_000, (80.0,) * 10, START, order_value=35.0)


def luck(run):
    """Every day's luck factors, which only the seed, key and day decide."""
    return [[f for f in day.factors if f.name.endswith(".luck")] for day in run.days]


def test_the_same_key_gives_the_same_delivery_and_another_key_another():
    """Same seed and key: identical; another seed or another key: different figures."""
    first, again = simulate(9, BASE), simulate(9, BASE)
    assert first == again
    assert simulate(10, BASE).days != first.days
    assert simulate(9, dataclasses.replace(BASE, key="other")).days != first.days


def test_changing_one_days_budget_leaves_the_other_days_luck_alone():
    """Luck is keyed by day, so a replay that changes day 4 keeps every day's draws."""
    changed = dataclasses.replace(BASE, spend=(80.0,) * 3 + (200.0,) + (80.0,) * 6)
    before, after = simulate(9, BASE), simulate(9, changed)
    assert luck(before) == luck(after)
    assert before.days[:3] == after.days[:3]
    assert before.days[3].impressions < after.days[3].impressions


def test_totals_are_sums_and_their_rates_come_from_the_sums():
    """CPC = spend ÷ clicks, CPM = spend ÷ impressions × 1000, CTR = clicks ÷ impressions, exactly."""
    run = simulate(4, BASE)
    t = run.totals
    spend = round(math.fsum(d.spend for d in run.days), 2)
    clicks, impressions = sum(d.clicks for d in run.days), sum(d.impressions for d in run.days)
    assert (t.spend, t.clicks, t.impressions) == (spend, clicks, impressions)
    assert t.results == sum(d.results for d in run.days)
    assert t.cpc == spend / clicks
    assert t.cpm == spend / impressions * 1000
    assert t.ctr == clicks / impressions
    assert t.cost_per_result == spend / t.results
    # not an average of the days' rates: those differ from the totals' when days differ
    assert t.cpm != pytest.approx(sum(d.cpm for d in run.days) / len(run.days), rel=1e-6)


def test_sales_report_revenue_and_roas_other_objectives_do_not():
    """ROAS = purchases × average order value ÷ spend, for the sales objective only."""
    run = simulate(4, BASE)
    t = run.totals
    assert t.results > 0
    assert t.revenue == pytest.approx(t.results * BASE.order_value)
    assert t.roas == pytest.approx(t.results * BASE.order_value / t.spend)
    traffic = simulate(4, dataclasses.replace(BASE, objective="traffic"))
    assert traffic.totals.revenue is None and traffic.totals.roas is None
    assert traffic.totals.results == traffic.totals.clicks


def test_awareness_results_are_new_people_reached():
    """Awareness buys reach: its results are the people reached for the first time."""
    run = simulate(4, dataclasses.replace(BASE, objective="awareness"))
    assert run.totals.results == run.totals.reach == run.days[-1].reach_to_date


def test_a_flagged_or_misplaced_creative_costs_more_per_click():
    """Policy flags raise CPM and cut CTR; a creative made for another placement cuts CTR."""
    clean = simulate(2, BASE).totals.cpc or 0
    flagged = simulate(2, dataclasses.replace(BASE, creative=Creative(policy_clean=False)))
    misplaced = simulate(2, dataclasses.replace(BASE, creative=Creative(fits_placement=False)))
    assert (flagged.totals.cpc or 0) > clean * 1.4
    assert (misplaced.totals.cpc or 0) > clean * 1.2


def test_the_season_lifts_november_and_fridays():
    """With the season on, a November Friday's CPM is January-free and above a March Monday's."""
    nov = dataclasses.replace(BASE, start=date(2026, 11, 6), spend=(80.0,), seasonal=True)
    day = simulate(1, nov).days[0]
    season = next(f.value for f in day.factors if f.name == "cpm.season")
    table = delivery_model()["season"]
    assert season == pytest.approx(table["months"][11] * table["friday"])
    off = simulate(1, dataclasses.replace(nov, seasonal=False)).days[0]
    assert next(f.value for f in off.factors if f.name == "cpm.season") == 1.0


def test_bad_inputs_are_refused():
    """Unknown platform, market or objective, no audience, negative or endless spend."""
    for change in (
        {"platform": "myspace"},
        {"market": "fr"},
        {"objective": "likes"},
        {"audience": 0},
        {"spend": (10.0, -1.0)},
        {"spend": (math.inf,)},
        {"order_value": -5.0},
    ):
        with pytest.raises(ValueError):
            simulate(1, dataclasses.replace(BASE, **change))


adsets = st.builds(
    AdSet,
    key=st.text(min_size=1, max_size=8),
    platform=st.sampled_from(PLATFORMS),
    objective=st.sampled_from(OBJECTIVES),
    audience=st.integers(1, 20_000_000),
    spend=st.lists(st.floats(0, 5_000, allow_nan=False), min_size=1, max_size=15).map(tuple),
    start=st.dates(date(2025, 1, 1), date(2028, 12, 31)),
    market=st.sampled_from(MARKETS),
    creative=st.builds(Creative, st.booleans(), st.booleans(), st.sampled_from("abc")),
    order_value=st.floats(0, 500, allow_nan=False),
    in_learning=st.booleans(),
    seasonal=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32), adset=adsets)
def test_no_negative_figures_and_counts_stay_consistent(seed, adset):
    """Clicks ≤ impressions; reach ≤ impressions and ≤ the audience; spend never above the budget."""
    run = simulate(seed, adset)
    for day in run.days:
        counts = (day.spend, day.impressions, day.reach, day.clicks, day.results, day.revenue or 0)
        assert min(counts) >= 0
        assert day.spend <= day.budget
        assert day.clicks <= day.impressions
        assert day.reach <= day.impressions and day.reach <= adset.audience
        assert day.reach_to_date <= adset.audience
        assert day.spend == 0 or day.impressions > 0  # no charge without impressions
        if adset.objective in ("leads", "sales"):
            assert day.results <= day.clicks
    t = run.totals
    assert t.spend <= math.fsum(adset.spend) + 1e-9
    assert t.reach <= t.impressions and t.reach <= adset.audience
    assert t.clicks <= t.impressions
    for rate in (t.ctr, t.cpc, t.cpm, t.cost_per_result, t.roas, t.frequency):
        assert rate is None or (math.isfinite(rate) and rate >= 0)


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_the_why_factors_multiply_to_the_runs_figures(objective):
    """CPM factors → the run's CPM, CTR factors → its link CTR, per-click factors → results ÷ clicks."""
    run = simulate(
        3, dataclasses.replace(BASE, objective=objective, spend=(400.0,) * 14, market="sa")
    )
    factors = run_factors(run)
    t = run.totals

    def product(prefix):
        return math.prod(f.value for f in factors if f.name.startswith(prefix))

    assert product("cpm.") == pytest.approx(t.cpm, rel=1e-3)
    assert product("ctr.") == pytest.approx(t.ctr, rel=0.02)
    if objective in ("leads", "sales", "engagement"):
        assert product("cvr.") == pytest.approx(t.results / t.clicks, rel=0.05)
    else:
        assert not [f for f in factors if f.name.startswith("cvr.")]


@pytest.mark.parametrize("locale", ["ar", "en"])
def test_the_why_lines_are_complete_sentences_in_each_language(locale):
    """Every line is filled in (no placeholder left); Arabic lines are Arabic."""
    flagged = dataclasses.replace(BASE, creative=Creative(False, False), market="eg", seasonal=True)
    lines = why(simulate(3, flagged), locale)
    names = {line.name for line in lines}
    assert {"cpm.base", "cpm.market", "cpm.policy", "ctr.placement", "ctr.fatigue"} <= names
    for line in lines:
        assert "{" not in line.text and line.text.strip()
        assert bool(re.search("[\u0600-\u06ff]", line.text)) == (locale == "ar")


def test_every_factor_has_a_sentence_in_both_languages():
    """The why texts cover every factor the simulation names, in Arabic and English."""
    texts = delivery_model()["why"]
    run = simulate(3, BASE)
    names = {f.name for day in run.days for f in day.factors} | {"delivery.cap"}
    assert names <= set(texts)
    for key, row in texts.items():
        assert row["ar"].strip() and row["en"].strip(), key
        assert row["ar"].count("{value}") == row["en"].count("{value}"), key


def test_the_why_says_when_the_audience_cannot_take_the_budget_or_the_market_has_no_figure():
    """A tiny audience leaves budget unspent; LinkedIn has no MENA CPM, so the global one is used."""
    small = dataclasses.replace(BASE, platform="linkedin", audience=50, market="ae")
    lines = {line.name: line for line in why(simulate(3, small), "en")}
    assert lines["delivery.cap"].value < 0.5
    assert "global figure" in lines["cpm.market"].text
