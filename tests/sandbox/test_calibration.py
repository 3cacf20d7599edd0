"""Calibration: with average inputs the medians land in sandbox.md's bands (one test each)."""

from __future__ import annotations

import statistics

import pytest

from app.sandbox.domain.engine import PostInput, model, simulate
from app.sandbox.domain.platforms import FORMATS

POSTS = 240  # sandbox.md asks for at least 200 simulated posts per platform
FOLLOWERS = 10_000


def medians(platform: str) -> tuple[float, float]:
    """Median ER by impressions and by followers over POSTS average posts."""
    fmt = FORMATS[platform][0]
    by_impr, by_followers = [], []
    for n in range(POSTS):
        out = simulate(n * 7919 + 11, PostInput(f"post-{n}", platform, fmt, FOLLOWERS))
        by_impr.append(out.engagements / out.impressions)
        by_followers.append(out.engagements / FOLLOWERS)
    return statistics.median(by_impr), statistics.median(by_followers)


@pytest.mark.parametrize("platform", sorted(model()["bands"]))
def test_median_engagement_rates_fall_inside_the_bands(platform):
    """ER by impressions (Buffer) and, where sandbox.md gives one, by followers (Rival IQ)."""
    bands = model()["bands"][platform]
    by_impr, by_followers = medians(platform)
    low, high = bands["by_impressions"]
    print(f"{platform}: ER/impressions {by_impr:.4%} in [{low:.2%}, {high:.2%}]", end="")
    assert low <= by_impr <= high
    if "by_followers" in bands:
        low, high = bands["by_followers"]
        print(f"; ER/followers {by_followers:.4%} in [{low:.3%}, {high:.3%}]")
        assert low <= by_followers <= high
    else:
        print()


def test_every_platform_has_a_band():
    """All six platforms are calibrated, none silently skipped."""
    assert sorted(model()["bands"]) == sorted(FORMATS)
