"""The campaign setup form's checks: typed problems by field, values from the ads data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ads_facts import FACTS

from app.ads.domain.budget import minimum_budget
from app.ads.domain.creative import ctas_for
from app.ads.domain.setup import AdDraft, Setup, check_setup

TODAY = date(2027, 2, 1)


def setup(**changes: object) -> Setup:
    """A valid Meta traffic campaign in Riyadh starting tomorrow."""
    base = Setup(
        name="حملة",
        family="meta",
        objective="OUTCOME_TRAFFIC",
        budget_kind="daily",
        budget="100",
        start=(TODAY + timedelta(days=1)).isoformat(),
        end=(TODAY + timedelta(days=7)).isoformat(),
        city="riyadh",
        radius_km="15",
        age_min="18",
        age_max="45",
        interests=("coffee",),
        placements=("meta-feed",),
        ads=(AdDraft("A", "قهوة مختصة", "جرّبها", "learn-more", "", "4:5"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def codes(s: Setup) -> set[tuple[str, str, str]]:
    """(field, code, severity) of every problem."""
    return {(p.field, p.code, p.severity) for p in check_setup(s, "SAR", TODAY, FACTS).problems}


def test_a_sound_campaign_has_no_problem():
    """The base form passes, with an audience estimate in the fine band."""
    checked = check_setup(setup(), "SAR", TODAY, FACTS)
    assert checked.problems == ()
    assert checked.audience is not None and checked.audience.label == "fine"


def test_budget_below_the_converted_minimum_is_an_error():
    """One cent under Meta's minimum for click-charged objectives in SAR is refused."""
    least = minimum_budget(FACTS, "meta", "SAR", charge="clicks")
    assert ("budget", "below_minimum", "error") in codes(setup(budget=str(least - 1)))
    assert codes(setup(budget=str(least))) == set()


def test_unreadable_values_are_named_by_field():
    """A missing name, an unreadable budget and date, and a start in the past."""
    found = codes(setup(name=" ", budget="مئة", end="tomorrow"))
    assert {("name", "required", "error"), ("budget", "money", "error")} <= found
    assert ("end", "date", "error") in found
    assert ("start", "past", "error") in codes(setup(start=(TODAY - timedelta(days=1)).isoformat()))


def test_a_button_outside_the_objectives_list_is_a_warning():
    """A shop button on an awareness objective is accepted but flagged."""
    assert "shop-now" not in ctas_for("meta", "OUTCOME_AWARENESS")
    ad = AdDraft("A", "قهوة مختصة", "", "shop-now", "", "4:5")
    found = codes(setup(objective="OUTCOME_AWARENESS", ads=(ad,)))
    assert ("a_cta", "cta_not_for_objective", "warning") in found


def test_tiktok_text_with_a_hashtag_is_refused():
    """TikTok's ad text takes no '#': an error on ad A's primary text."""
    ad = AdDraft("A", "قهوة #مختصة", "", "learn-more", "", "9:16")
    found = codes(
        setup(family="tiktok", objective="TRAFFIC", placements=("tiktok-in-feed",), ads=(ad,))
    )
    assert ("a_primary_text", "text_forbidden", "error") in found


def test_placements_must_belong_to_the_platform():
    """A TikTok placement on a Meta campaign is refused."""
    assert ("placements", "unknown", "error") in codes(setup(placements=("tiktok-in-feed",)))


def test_a_test_needs_exactly_two_ads():
    """Declared as a test with one ad, or not declared with two: both refused."""
    two = (AdDraft("A", "أ"), AdDraft("B", "ب"))
    assert ("is_test", "two_variants", "error") in codes(setup(is_test=True))
    assert ("is_test", "one_variant", "error") in codes(setup(ads=two))
    assert not {c for c in codes(setup(is_test=True, ads=two)) if c[2] == "error"}


def test_a_tiny_audience_is_flagged_too_narrow():
    """One kilometre around the centre, one narrow interest: a warning, not an error."""
    found = codes(setup(radius_km="1", interests=("accounting-finance",), age_max="24"))
    assert ("audience", "too_narrow", "warning") in found
