"""Calibration: with sandbox.md's average inputs the simulated medians land in its bands."""

from __future__ import annotations

import statistics
from datetime import date

import pytest

from app.ads.domain.delivery import AdSet, Delivery, simulate
from app.ads.domain.delivery_data import PLATFORMS, delivery_model, family

AD_SETS = 240  # sandbox.md asks for at least 200 simulated ad sets per platform
BROAD = 3_000_000  # a broad audience: a week at $50 a day stays far below frequency 2
WEEK = (50.0,) * 7
START = date(2026, 3, 2)  # March: no Q4 uplift (and season is off anyway)


def average_runs(platform: str, market: str = "global", goal: str = "traffic") -> list[Delivery]:
    """AD_SETS ad sets with average inputs: compliant creative, out of learning, no season."""
    return [
        simulate(
            n * 7919 + 11,
            AdSet(f"set-{n}", platform, goal, BROAD, WEEK, START, market=market, in_learning=False),
        )
        for n in range(AD_SETS)
    ]


def median_of(runs: list[Delivery], figure: str) -> float:
    """The median over runs of one of the totals' figures."""
    return statistics.median(float(getattr(run.totals, figure)) for run in runs)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_median_link_ctr_cpc_and_cpm_fall_inside_the_bands(platform):
    """Link CTR, CPC and CPM medians against sandbox.md's global bands (read from the data)."""
    runs = average_runs(platform)
    assert max(run.totals.frequency for run in runs) <= 2
    assert all(day.learning == "active" for run in runs for day in run.days)
    bands = delivery_model()["bands"][platform]
    for figure, band in (("ctr", "link_ctr"), ("cpc", "cpc"), ("cpm", "cpm")):
        low, high = bands[band]
        value = median_of(runs, figure)
        print(f"{platform} {figure}: {value:.4f} in [{low}, {high}]")
        assert low <= value <= high


MENA = [
    (market, platform)
    for market, row in delivery_model()["markets"].items()
    for platform in PLATFORMS
    if family(platform, delivery_model()) in (row or {})
]


@pytest.mark.parametrize(("market", "platform"), MENA)
def test_mena_cpm_medians_fall_inside_the_market_bands(market, platform):
    """Meta and TikTok CPM medians per MENA market against the Digital Boom ranges."""
    low, high = delivery_model()["markets"][market][family(platform, delivery_model())]["band"]
    value = median_of(average_runs(platform, market), "cpm")
    print(f"{market} {platform} CPM {value:.2f} in [{low}, {high}]")
    assert low <= value <= high


def test_every_ads_platform_and_mena_market_is_calibrated():
    """All six ad platforms have bands; Meta and TikTok have a band in each of the four markets."""
    assert sorted(delivery_model()["bands"]) == sorted(PLATFORMS)
    assert {m for m, _ in MENA} == {"ae", "sa", "eg", "jo"}
    assert len(MENA) == 4 * 3  # facebook, instagram, tiktok in each market


@pytest.mark.parametrize("platform", delivery_model()["lead_bands"]["platforms"])
def test_meta_leads_conversion_and_cost_per_lead_fall_inside_the_bands(platform):
    """Meta Leads: click-to-lead CVR and cost per lead medians against sandbox.md's bands."""
    bands = delivery_model()["lead_bands"]
    runs = average_runs(platform, goal="leads")
    cvr = statistics.median(run.totals.results / run.totals.clicks for run in runs)
    cpl = median_of(runs, "cost_per_result")
    print(f"{platform} leads: CVR {cvr:.4f}, CPL {cpl:.2f}")
    assert bands["cvr"][0] <= cvr <= bands["cvr"][1]
    assert bands["cost_per_result"][0] <= cpl <= bands["cost_per_result"][1]
