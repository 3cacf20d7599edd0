"""Audience estimates: monotonic in radius and interests, shares from the data, labels."""

from __future__ import annotations

import pytest
import yaml
from ads_facts import FACTS, ROOT
from hypothesis import given
from hypothesis import strategies as st

from app.ads.domain.audience import (
    Targeting,
    age_share,
    estimate_audience,
    interest_share,
    label_for,
    language_share,
    people_within,
    round_significant,
)
from app.ads.domain.checks import check_ads_data, check_fact_refs

DATA = yaml.safe_load((ROOT / "app/ads/data/audiences.yaml").read_text(encoding="utf-8"))
RATES = yaml.safe_load((ROOT / "app/ads/data/rates.yaml").read_text(encoding="utf-8"))
CITIES = sorted(DATA["cities"])
INTERESTS = sorted(DATA["interests"])
LIMITS = DATA["thresholds"]


def test_the_ads_data_is_consistent_with_itself_and_the_facts():
    """Fact references exist, goals and buttons match, shares sum to one."""
    assert check_ads_data(FACTS) == []


def test_the_consistency_check_reports_a_missing_fact():
    """Without one fact the creative specs cite, the check names it."""
    facts = {k: v for k, v in FACTS.items() if k != "tiktok-ad-text-chars"}
    assert any("tiktok-ad-text-chars" in line for line in check_fact_refs(facts))


def test_every_scenario_has_a_rate_and_a_country_with_cities():
    """Each sandbox scenario's currency converts and its country has a city to target."""
    for path in sorted((ROOT / "app/sandbox/scenarios").glob("*.yaml")):
        scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert scenario["currency"] in RATES["rates"], path.name
        assert any(c["country"] == scenario["country"] for c in DATA["cities"].values())


@pytest.mark.parametrize("city", CITIES)
def test_the_core_and_metro_radii_hold_the_listed_populations(city):
    """At the core radius the count is the city's population, at the metro radius the area's."""
    c = DATA["cities"][city]
    assert people_within(city, c["radius_km"]) == pytest.approx(c["population"])
    assert people_within(city, c["metro_radius_km"]) == pytest.approx(c["metro_population"])


@given(
    city=st.sampled_from(CITIES),
    radii=st.lists(st.floats(min_value=1, max_value=80), min_size=2, max_size=2),
    interests=st.sets(st.sampled_from(INTERESTS), max_size=3),
)
def test_a_wider_radius_never_shrinks_the_audience(city, radii, interests):
    """Estimate and both ends of the band grow (or stay) with the radius."""
    near, far = sorted(radii)
    small = estimate_audience(Targeting(city, near, interests=tuple(interests)))
    large = estimate_audience(Targeting(city, far, interests=tuple(interests)))
    assert small.estimate <= large.estimate
    assert small.low <= large.low and small.high <= large.high


@given(
    city=st.sampled_from(CITIES),
    chosen=st.sets(st.sampled_from(INTERESTS), min_size=1, max_size=4),
    extra=st.sampled_from(INTERESTS),
)
def test_adding_an_interest_never_shrinks_the_audience(city, chosen, extra):
    """Interests are joined by OR, so one more can only add people."""
    base = estimate_audience(Targeting(city, 20, interests=tuple(chosen)))
    more = estimate_audience(Targeting(city, 20, interests=(*chosen, extra)))
    assert base.estimate <= more.estimate


def test_an_interest_narrows_an_audience_without_one():
    """No interest means no filter; any interest takes its share."""
    for interest in INTERESTS:
        assert interest_share([interest]) == pytest.approx(DATA["interests"][interest]["share"])
    assert interest_share([]) == 1.0


def test_two_interests_combine_as_independent_or():
    """coffee or fitness: 1 − (1 − a)(1 − b), with shares read from the data."""
    a, b = (DATA["interests"][i]["share"] for i in ("coffee", "fitness"))
    assert interest_share(["coffee", "fitness"]) == pytest.approx(1 - (1 - a) * (1 - b))


@pytest.mark.parametrize("country", sorted(DATA["countries"]))
def test_age_shares_cover_every_targetable_age_and_shrink_with_the_range(country):
    """13–65+ is everyone but the under-13 band; 18–65+ is less; a single band is its share."""
    shares = DATA["countries"][country]["age_shares"]
    assert age_share(country, 13, 65) == pytest.approx(1 - shares[0])
    assert age_share(country, 18, 65) < age_share(country, 13, 65)
    assert age_share(country, 25, 34) == pytest.approx(shares[3])
    assert age_share(country, 65, 65) == pytest.approx(shares[-1])


def test_ages_outside_the_targetable_range_are_refused():
    """Under 13, or a reversed range, is a form bug."""
    with pytest.raises(ValueError):
        age_share("sa", 10, 30)
    with pytest.raises(ValueError):
        age_share("sa", 40, 30)


def test_every_language_together_is_no_filter():
    """Choosing all of a country's languages equals choosing none."""
    for country, data in DATA["countries"].items():
        assert language_share(country, list(data["languages"])) == pytest.approx(1.0)
        assert language_share(country, ["ar"]) == pytest.approx(data["languages"]["ar"])


def test_radius_outside_the_range_and_unknown_cities_are_refused():
    """The simulator's radius range comes from the data."""
    with pytest.raises(ValueError):
        people_within("riyadh", DATA["radius_km"]["max"] + 1)
    with pytest.raises(ValueError):
        people_within("riyadh", DATA["radius_km"]["min"] - 0.5)
    with pytest.raises(KeyError):
        people_within("atlantis", 10)


def test_labels_switch_at_the_thresholds_in_the_data():
    """Just below too_narrow is too narrow; at it, fine; just above too_broad, too broad."""
    assert label_for(LIMITS["too_narrow"] - 1) == "too_narrow"
    assert label_for(LIMITS["too_narrow"]) == "fine"
    assert label_for(LIMITS["too_broad"]) == "fine"
    assert label_for(LIMITS["too_broad"] + 1) == "too_broad"


def test_a_whole_metro_is_broad_and_a_tiny_niche_is_narrow():
    """Cairo to 80 km with no filters is too broad; 1 km in Doha for one small interest is
    too narrow; the band always contains the estimate."""
    broad = estimate_audience(Targeting("cairo", 80, 13, 65))
    narrow = estimate_audience(Targeting("doha", 1, 25, 34, ("en",), ("accounting-finance",)))
    assert broad.label == "too_broad" and narrow.label == "too_narrow"
    for band in (broad, narrow):
        assert band.low <= band.estimate <= band.high


@pytest.mark.parametrize(
    ("value", "rounded"),
    [(12345, 12000), (99600, 100000), (7, 7), (0, 0), (1_234_567, 1_200_000)],
)
def test_counts_are_rounded_to_two_significant_figures(value, rounded):
    """An estimate should not look more precise than it is."""
    assert round_significant(value) == rounded
