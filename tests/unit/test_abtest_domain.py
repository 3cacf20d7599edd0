"""A/B test domain (no Flask): the attribute diff, seeded delivery, x ≤ n, rates from the model."""

from __future__ import annotations

import pytest

from app.sandbox.domain import abtest
from app.sandbox.domain.engine import Factor, platform_data

BASE = {
    "text": "صباحكم قهوة\nجرّبوا قهوتنا المختصة",
    "format": "feed",
    "platform": "instagram",
    "cta": "اطلبوا الآن",
    "scheduled_at": "2026-03-06T20:00:00",
    "media_count": 1,
    "aspect": "4:5",
}


def test_identical_drafts_have_no_difference():
    """The same post compared with itself differs in nothing."""
    assert abtest.diff(abtest.attributes_of(BASE), abtest.attributes_of(dict(BASE))) == ()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"text": "سؤال اليوم\nجرّبوا قهوتنا المختصة"}, ("first-line",)),
        ({"text": "صباحكم قهوة\nنص آخر"}, ("body",)),
        ({"cta": "زورونا"}, ("cta",)),
        ({"format": "reel"}, ("format",)),
        ({"scheduled_at": "2026-03-06T09:00:00"}, ("time",)),
        ({"aspect": "1:1"}, ("image",)),
        ({"cta": "زورونا", "format": "reel", "hashtags": "#قهوة"}, ("format", "cta", "hashtags")),
    ],
)
def test_the_diff_names_every_changed_attribute(change, named):
    """Each changed field is named once, under its attribute, in the fixed order."""
    assert abtest.diff(abtest.attributes_of(BASE), abtest.attributes_of(BASE | change)) == named


def test_whitespace_and_hashtag_order_are_not_differences():
    """Blank lines around the hook and reordered hashtags do not count as a change."""
    a = BASE | {"text": "\nصباحكم قهوة\n\nجرّبوا قهوتنا المختصة\n", "hashtags": "#a #b"}
    b = BASE | {"hashtags": "#b #a"}
    assert abtest.diff(abtest.attributes_of(a), abtest.attributes_of(b)) == ()


def test_delivery_is_deterministic_per_seed_and_test():
    """The same seed and test key deliver the same reach and counts; another key differs."""
    one = abtest.deliver(7, "ab-1", (0.03, 0.04), 5000)
    assert one == abtest.deliver(7, "ab-1", (0.03, 0.04), 5000)
    others = {abtest.deliver(7, f"ab-{k}", (0.03, 0.04), 5000).x_a for k in range(2, 6)}
    assert others != {one.x_a}


@pytest.mark.parametrize("rates", [(0.0, 0.0), (0.95, 0.95), (0.5, 0.01), (0.02, 0.9)])
def test_counts_never_exceed_reach(rates):
    """Every count is a number of people out of those reached: 0 ≤ x ≤ n."""
    for seed in range(5):
        d = abtest.deliver(seed, "ab-x", rates, 150)
        assert 0 <= d.x_a <= d.n_a and 0 <= d.x_b <= d.n_b


def test_unequal_split_gives_one_variant_more_reach():
    """share_a = 0.75 reaches about three times as many people with A as with B."""
    n_a, n_b = abtest.split_reach(3, "ab-1", 1000, 0.75)
    assert 2.6 < n_a / n_b < 3.4
    equal = abtest.split_reach(3, "ab-1", 1000)
    assert abs(equal[0] - 1000) <= 30 and abs(equal[1] - 1000) <= 30


def test_a_clearly_better_variant_tends_to_win():
    """With a large sample, a variant with twice the rate wins in most seeds."""
    wins = sum(abtest.deliver(s, "ab-1", (0.02, 0.04), 5000).verdict == "b" for s in range(20))
    assert wins >= 18


def test_equal_variants_are_mostly_inconclusive():
    """With equal rates, most seeds give no significant winner (about 5 % false alarms)."""
    calls = [abtest.deliver(s, "ab-1", (0.03, 0.03), 3000).verdict for s in range(40)]
    assert calls.count("inconclusive") >= 32


def test_tiny_samples_are_too_little_data():
    """Five or fewer successes in a group makes the verdict inconclusive (too little data)."""
    d = abtest.deliver(1, "ab-1", (0.001, 0.001), 100)
    assert d.test.call == "too-little-data" and d.verdict == "inconclusive"


def test_direction_makes_the_test_one_sided():
    """A declared direction turns into the matching one-sided alternative."""
    assert abtest.alternative_of("") == "two-sided"
    assert abtest.deliver(1, "k", (0.03, 0.05), 2000, "b").test.alternative == "b-better"


def test_rates_come_from_the_engagement_model():
    """Neutral factors give the platform's engagements per impression × frequency."""
    p = platform_data("instagram")
    neutral = abtest.underlying_rate("instagram", "feed", (), False, "engaged")
    typical = sum(p["reach_share"].values()) / len(p["reach_share"])
    lift = (p["reach_share"]["feed"] / typical) ** 0.5
    assert neutral == pytest.approx(p["er_by_impressions"] * p["frequency"] * lift)
    worse = abtest.underlying_rate("instagram", "feed", (Factor("voice", 0.7),), False, "engaged")
    assert worse == pytest.approx(neutral * 0.7)
    clicks = abtest.underlying_rate("instagram", "feed", (), True, "clicked")
    assert clicks == pytest.approx(neutral * p["mix"]["clicks"])
