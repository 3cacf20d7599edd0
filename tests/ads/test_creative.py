"""Creative checks per placement (lengths from the facts), aspect ratios, buttons vs objectives."""

from __future__ import annotations

import pytest
import yaml
from ads_facts import FACTS, ROOT

from app.ads.domain.creative import Creative, check_creative, ctas_for, objective_goal, ratio

OBJECTIVES = yaml.safe_load((ROOT / "app/ads/data/objectives.yaml").read_text(encoding="utf-8"))


def findings(**kw) -> list[tuple[str, str]]:
    """(code, severity) of a creative built from keyword overrides."""
    values = {"placement": "meta-feed", "objective": "OUTCOME_TRAFFIC", "text": "قهوة"} | kw
    return [(f.code, f.severity) for f in check_creative(Creative(**values), FACTS)]


@pytest.mark.parametrize(
    ("placement", "fact", "severity", "aspect"),
    [
        ("meta-feed", "meta-feed-primary-text-chars", "warning", "1:1"),
        ("meta-reels", "meta-reels-primary-text-chars", "warning", "9:16"),
        ("tiktok-in-feed", "tiktok-ad-text-chars", "error", "9:16"),
    ],
)
def test_text_at_the_limit_passes_and_one_letter_more_is_flagged(placement, fact, severity, aspect):
    """Arabic letters count one each; the limit is the placement's fact."""
    objective = "TRAFFIC" if placement.startswith("tiktok") else "OUTCOME_TRAFFIC"
    limit = FACTS[fact]
    at = {"placement": placement, "objective": objective, "aspect": aspect}
    assert findings(text="ب" * limit, **at) == []
    assert findings(text="ب" * (limit + 1), **at) == [("text_too_long", severity)]


def test_a_long_feed_headline_is_a_warning():
    """Headlines past the recommended length get cut off, so they warn."""
    limit = FACTS["meta-feed-headline-chars"]
    assert findings(headline="ع" * limit) == []
    assert findings(headline="ع" * (limit + 1)) == [("headline_too_long", "warning")]


def test_tiktok_shows_no_headline_and_refuses_hashtags_and_emoji():
    """TikTok's ad text takes no # and no emoji; a headline would not be shown."""
    tiktok = {"placement": "tiktok-in-feed", "objective": "TRAFFIC", "aspect": "9:16"}
    assert findings(headline="عنوان", **tiktok) == [("headline_not_shown", "warning")]
    assert findings(text="قهوة #مختصة", **tiktok) == [("text_forbidden", "error")]
    assert findings(text="قهوة ☕", **tiktok) == [("text_forbidden", "error")]


@pytest.mark.parametrize(
    ("placement", "aspect", "expected"),
    [
        ("meta-feed", "1:1", []),
        ("meta-feed", "4:5", []),
        ("meta-feed", "1080:1350", []),
        ("meta-feed", "1.91:1", [("aspect_not_recommended", "warning")]),
        ("meta-feed", "16:9", [("aspect_not_recommended", "warning")]),
        ("meta-feed", "9:16", [("aspect_not_accepted", "error")]),
        ("meta-feed", "2:1", [("aspect_not_accepted", "error")]),
        ("meta-stories", "9:16", []),
        ("meta-stories", "1:1", [("aspect_not_recommended", "warning")]),
        ("meta-reels", "1080x1920", []),
        ("tiktok-in-feed", "9:16", []),
        ("tiktok-in-feed", "1:1", [("aspect_not_recommended", "warning")]),
        ("tiktok-in-feed", "4:5", [("aspect_not_accepted", "error")]),
        ("meta-feed", "tall", [("aspect_invalid", "error")]),
    ],
)
def test_aspect_ratios_per_placement(placement, aspect, expected):
    """Accepted ranges and sets from the specs, with the recommended ratios as warnings."""
    objective = "TRAFFIC" if placement.startswith("tiktok") else "OUTCOME_TRAFFIC"
    assert findings(placement=placement, objective=objective, aspect=aspect) == expected


def test_ratios_read_as_width_over_height():
    """9:16 is tall (below 1), 16:9 wide; nonsense reads as None."""
    assert ratio("9:16") == pytest.approx(0.5625)
    assert ratio("16 x 9") == pytest.approx(16 / 9)
    assert ratio("0:1") is None and ratio("") is None


def test_the_button_must_fit_the_objective():
    """Install now fits app promotion, not traffic; an unknown button or objective is an error."""
    assert findings(objective="OUTCOME_APP_PROMOTION", cta="install-now") == []
    assert findings(objective="OUTCOME_TRAFFIC", cta="install-now") == [
        ("cta_not_for_objective", "warning")
    ]
    assert findings(cta="buy-buy-buy") == [("unknown_cta", "error")]
    assert findings(objective="TRAFFIC") == [("unknown_objective", "error")]


def test_errors_come_before_warnings():
    """A refused text is listed before a cropped image."""
    got = findings(placement="tiktok-in-feed", objective="TRAFFIC", text="#" * 3, aspect="1:1")
    assert got == [("text_forbidden", "error"), ("aspect_not_recommended", "warning")]


def test_metas_six_outcome_objectives_are_listed_with_their_api_names():
    """The six ODAX objectives of sandbox.md's table, each serving its own goal."""
    meta = {o["id"]: o["goal"] for o in OBJECTIVES["objectives"]["meta"]}
    assert meta == {
        "OUTCOME_AWARENESS": "awareness",
        "OUTCOME_TRAFFIC": "traffic",
        "OUTCOME_ENGAGEMENT": "engagement",
        "OUTCOME_LEADS": "leads",
        "OUTCOME_APP_PROMOTION": "app_installs",
        "OUTCOME_SALES": "sales",
    }


def test_every_goal_has_an_objective_and_buttons_on_both_platforms():
    """A brief's goal can always be met on Meta and on TikTok, with at least one button."""
    for goal in OBJECTIVES["goals"]:
        for platform in ("meta", "tiktok"):
            fitting = [
                o["id"]
                for o in OBJECTIVES["objectives"][platform]
                if objective_goal(platform, o["id"]) == goal
            ]
            assert fitting, (goal, platform)
            assert ctas_for(platform, fitting[0])
