"""The engagement model: deterministic, keyed draws, explained factors, decay over time."""

from __future__ import annotations

from datetime import datetime

from app.sandbox.domain.engine import Factor, PostInput, arrived, arrived_share, keyed_rng, simulate
from app.sandbox.domain.factors import Plan, calendar_factor, factors_for, online_share
from app.sandbox.domain.scenarios import Calendar, Scenario

PERSONAS = [
    {
        "id": "a",
        "share": 0.6,
        "platforms": {"instagram": 1.2},
        "pillars": {"menu": 1.3},
        "active_hours": {"sun": [20, 21], "fri": [20, 21, 22]},
    },
    {
        "id": "b",
        "share": 0.4,
        "platforms": {"instagram": 0.8},
        "pillars": {"menu": 0.9},
        "active_hours": {"sun": [8, 21]},
    },
]
SCENARIO = Scenario(
    "demo",
    "sa",
    "2027-01-31T09:00",
    {
        "personas": PERSONAS,
        "voice": {"banned": ["رخيص", "cheap"]},
        "trends": [
            {"id": "good", "risk": "low", "relevance": 0.8, "day_from": 0, "day_to": 5},
            {"id": "bad", "risk": "high", "relevance": 0.9, "day_from": 0, "day_to": 5},
        ],
    },
)
CALENDAR = Calendar(
    "sa",
    {},
    ("fri", "sat"),
    (
        {
            "id": "ramadan",
            "start": "2027-02-08",
            "end": "2027-03-08",
            "effect": "rewarded",
            "windows": [
                {"from": "17:40", "to": "19:00", "effect": "blocked"},
                {"from": "21:00", "to": "02:30", "effect": "rewarded"},
            ],
        },
    ),
)


def test_same_seed_and_inputs_give_identical_results():
    """Determinism: the same seed and post give the same numbers; another seed differs."""
    post = PostInput("p1", "instagram", "reel", 2400, (Factor("time", 0.9),))
    assert simulate(42, post) == simulate(42, post)
    assert simulate(42, post).reach != simulate(43, post).reach


def test_draws_are_keyed_not_drawn_in_sequence():
    """Changing one post leaves another post's draws untouched (replay changes one thing)."""
    first = keyed_rng(7, "post-2", "reach").random()
    keyed_rng(7, "post-1", "reach").random()  # drawing for another post in between
    assert keyed_rng(7, "post-2", "reach").random() == first
    assert keyed_rng(7, "post-2", "engagement").random() != first


def test_every_factor_is_kept_for_the_why_panel():
    """The outcome lists base reach, each given factor and chance, and they multiply out."""
    factors = (Factor("time", 0.7, "online=0.50"), Factor("quality", 0.92, "ig-alt"))
    out = simulate(1, PostInput("p", "facebook", "feed", 5000, factors))
    names = [f.name for f in out.factors]
    assert names == ["base_reach", "time", "quality", "chance"]
    stored = out.as_dict()["factors"]
    assert stored[1] == ["time", 0.7, "online=0.50"]


def test_engagement_arrives_along_a_decay_curve():
    """Nothing before publishing, half at the half-life, nearly all after a few days."""
    assert arrived_share("x", 0) == 0
    assert abs(arrived_share("x", 2) - 0.5) < 1e-9  # X's half-life is 2 h
    assert arrived_share("youtube", 24) < arrived_share("x", 24)  # slower on YouTube
    outcome = {"reach": 1000, "impressions": 1200, "counts": {"likes": 100}}
    assert arrived(outcome, "x", 2) == {"likes": 50, "reach": 500, "impressions": 600}
    assert arrived(outcome, "x", 200) == {"likes": 100, "reach": 1000, "impressions": 1200}


def test_time_factor_follows_the_personas_active_hours():
    """Sunday 21:00 has everyone online; Sunday 03:00 nobody."""
    assert online_share(SCENARIO, "instagram", datetime(2027, 1, 31, 21)) == 1.0
    assert online_share(SCENARIO, "instagram", datetime(2027, 1, 31, 3)) == 0.0
    share = online_share(SCENARIO, "instagram", datetime(2027, 1, 31, 20))
    assert abs(share - 0.72 / (0.72 + 0.32)) < 1e-9


def test_calendar_windows_block_iftar_and_reward_the_night():
    """Ramadan: 18:00 is blocked, 23:00 and 01:00 are rewarded, before Ramadan is neutral."""
    assert calendar_factor(CALENDAR, datetime(2027, 2, 10, 18)).value == 0.6
    assert calendar_factor(CALENDAR, datetime(2027, 2, 10, 23)).value == 1.2
    assert calendar_factor(CALENDAR, datetime(2027, 2, 11, 1)).value == 1.2
    assert calendar_factor(CALENDAR, datetime(2027, 2, 1, 18)).value == 1.0


def test_off_voice_and_risky_trends_are_penalised_and_explained():
    """A banned word and a high-risk trend lower results and mark the post negative."""
    plan = Plan("instagram", "عرض رخيص اليوم", datetime(2027, 1, 31, 21), "menu", "bad")
    factors = {f.name: f for f in factors_for(SCENARIO, CALENDAR, plan, [], 0, 1)}
    assert factors["voice"].value == 0.7 and "رخيص" in factors["voice"].reason
    assert factors["trend"].value == 0.5
    out = simulate(3, PostInput("p", "instagram", "feed", 2400, tuple(factors.values())))
    assert out.negative and out.new_followers < 0
    good = Plan("instagram", "قهوة اليوم", datetime(2027, 1, 31, 21), "menu", "good")
    trend = {f.name: f for f in factors_for(SCENARIO, CALENDAR, good, [], 0, 1)}["trend"]
    assert trend.value == 1.4 and trend.reason == "good:in-window"


def test_weekly_events_apply_on_their_weekday_and_blocked_wins():
    """Friday prayer blocks Fridays 11:30–13:30 only; inside Ramadan a block still wins."""
    friday = {
        "id": "friday-prayer",
        "start": "2027-01-01",
        "end": "2027-12-31",
        "effect": "neutral",
        "weekdays": ["fri"],
        "windows": [{"from": "11:30", "to": "13:30", "effect": "blocked"}],
    }
    cal = Calendar("sa", {}, ("fri", "sat"), (*CALENDAR.events, friday))
    assert calendar_factor(cal, datetime(2027, 2, 1, 12)).value == 1.0  # a Monday
    assert calendar_factor(cal, datetime(2027, 2, 5, 12)).reason == "friday-prayer@11:30"
    assert calendar_factor(cal, datetime(2027, 2, 12, 12)).value == 0.6  # a Friday in Ramadan
    assert calendar_factor(cal, datetime(2027, 2, 12, 23)).value == 1.2
