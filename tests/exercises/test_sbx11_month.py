"""sbx-11's month without Flask: each anomaly's signature shows in the generated data, the
month is the same for the same seed, the KPI arithmetic, the data check and the CSV."""

from __future__ import annotations

import csv
import io
import random
import statistics
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from app.content.errors import Problems
from app.content.yamlfile import parse_yaml
from app.exercises.domain.csvfile import safe_cell, to_csv
from app.exercises.domain.sbx11_data import AFTER_GAP, KINDS, ReportData, load_sbx11, pairs
from app.exercises.domain.sbx11_month import build_month, engagements, goal_values, kpis
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
FILE = "app/exercises/data/sbx-11.yaml"
BRANDS = ("riyadh-cafe", "cairo-abaya", "ledger-b2b", "food-bank")


@cache
def scenarios() -> dict:
    """The sandbox scenarios, read once."""
    return dict(load_sandbox().scenarios)


@cache
def data() -> ReportData:
    """The real data file, validated."""
    problems = Problems()
    found = load_sbx11(ROOT / FILE, scenarios(), problems, FILE)
    assert found is not None, problems.items
    return found


def month(brand: str, kind: str, seed: int = 3) -> tuple[dict, dict]:
    """(the month with one anomaly of `kind` injected, the anomaly)."""
    settings = data().brands[brand]
    anomaly = next(a for a in settings["anomalies"] if a["kind"] == kind)
    followers = scenarios()[brand].get("followers")[settings["platform"]]
    built = build_month(
        settings, followers, date(2027, 1, 1), [anomaly], random.Random(seed), seed * 7
    )
    return built, anomaly


def inside(post: dict, anomaly: dict) -> bool:
    """Whether a post falls in the anomaly's own days."""
    return anomaly["start_day"] <= post["day"] < anomaly["start_day"] + anomaly.get("days", 99)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("brand", BRANDS)
def test_a_posting_gap_leaves_no_posts_then_lower_reach(brand, seed):
    """No post inside the gap; the posts just after it reach less than the month's median."""
    built, gap = month(brand, "posting-gap", seed)
    posts = built["posts"]
    assert not [p for p in posts if inside(p, gap)]
    end = gap["start_day"] + gap["days"]
    after = [p["reach"] for p in posts if end <= p["day"] < end + AFTER_GAP]
    others = [p["reach"] for p in posts if not end <= p["day"] < end + AFTER_GAP]
    assert after and statistics.median(after) < statistics.median(others)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("brand", BRANDS)
def test_a_tracking_break_zeroes_clicks_while_reach_stays_normal(brand, seed):
    """Link clicks ≈ 0 in the window; reach there is within the range of the other posts."""
    built, broken = month(brand, "tracking-break", seed)
    hit = [p for p in built["posts"] if inside(p, broken)]
    rest = [p for p in built["posts"] if not inside(p, broken)]
    assert hit and all(p["clicks"] == 0 for p in hit)
    assert sum(p["clicks"] for p in rest) > 0
    low, high = min(p["reach"] for p in rest), max(p["reach"] for p in rest)
    assert low * 0.5 <= statistics.median(p["reach"] for p in hit) <= high


@pytest.mark.parametrize("brand", BRANDS)
def test_a_viral_outlier_is_one_post_far_above_the_rest(brand):
    """One post reaches more than three times the median of the others."""
    built, _ = month(brand, "viral-outlier")
    reach = sorted(p["reach"] for p in built["posts"])
    assert reach[-1] > 3 * statistics.median(reach[:-1])
    assert reach[-2] < 3 * statistics.median(reach[:-1])


@pytest.mark.parametrize("brand", BRANDS)
def test_a_format_change_switches_every_later_post_and_cuts_reach(brand):
    """From the change on every post uses the new format, and median reach falls."""
    built, change = month(brand, "format-change")
    later = [p for p in built["posts"] if p["day"] >= change["start_day"]]
    before = [p for p in built["posts"] if p["day"] < change["start_day"]]
    assert later and all(p["format"] == change["to"] for p in later)
    assert all(p["format"] != change["to"] for p in before)
    assert statistics.median(p["reach"] for p in later) < statistics.median(
        p["reach"] for p in before
    )


@pytest.mark.parametrize("brand", BRANDS)
def test_a_holiday_cuts_reach_but_not_engagement_rate(brand):
    """Posts on the holiday reach less than the median; their ER by reach stays in range."""
    built, holiday = month(brand, "holiday")
    hit = [p for p in built["posts"] if inside(p, holiday)]
    rest = [p for p in built["posts"] if not inside(p, holiday)]
    assert hit and max(p["reach"] for p in hit) < statistics.median(p["reach"] for p in rest)
    rate = [engagements(p) / p["reach"] for p in rest]
    assert min(rate) * 0.6 <= statistics.mean(engagements(p) / p["reach"] for p in hit)


def test_the_same_seed_gives_the_same_month_and_another_seed_another():
    """Deterministic: the same settings and seed give identical data; a new seed differs."""
    assert month("cairo-abaya", "holiday", 5) == month("cairo-abaya", "holiday", 5)
    assert month("cairo-abaya", "holiday", 5)[0] != month("cairo-abaya", "holiday", 6)[0]


def test_kpi_arithmetic_on_a_hand_made_month():
    """ER by reach, by impressions, CTR and growth over the month's sums, in percent."""
    posts = [
        {"n": 1, "reach": 1000, "impressions": 1300, "likes": 40, "comments": 5, "shares": 3,
         "saves": 2, "clicks": 10},
        {"n": 2, "reach": 3000, "impressions": 3700, "likes": 70, "comments": 5, "shares": 5,
         "saves": 0, "clicks": 40},
    ]  # fmt: skip
    figures = kpis({"posts": posts, "followers_start": 2000, "followers_end": 2050})
    assert figures["er_reach"] == pytest.approx(100 * 180 / 4000)  # 4.5
    assert figures["er_impressions"] == pytest.approx(100 * 180 / 5000)  # 3.6
    assert figures["ctr"] == pytest.approx(100 * 50 / 5000)  # 1.0
    assert figures["growth"] == pytest.approx(2.5)
    values = goal_values({"posts": posts, "followers_start": 2000}, "engagement")
    assert values == {1: 6.0, 2: 4.0}  # ER by reach per post, not likes


def test_every_brand_has_every_kind_and_a_hard_pair():
    """Five kinds per brand, and at least one pair of anomalies apart for the hard variant."""
    for brand in BRANDS:
        anomalies = data().brands[brand]["anomalies"]
        assert {a["kind"] for a in anomalies} == set(KINDS)
        assert pairs(anomalies)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("options: [posting-gap, algorithm-change", "options: [holiday, algorithm-change",
         "options must list"),
        ("to: feed, effect: 0.5", "to: reel, effect: 0.5", "to must be a instagram format"),
        ("start_day: 8, days: 6", "start_day: 8, days: 40", "days must be at least 1"),
        ("  - id: holiday\n", "  - id: holiday-x\n", "causes must include every kind"),
    ],
)  # fmt: skip
def test_bad_data_is_named_with_file_and_line(tmp_path, old, new, message):
    """A broken file gives a problem naming the file and the line of the bad entry."""
    text = (ROOT / FILE).read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "sbx-11.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = Problems()
    assert load_sbx11(broken, scenarios(), problems, FILE) is None
    found = [p for p in problems.items if message in p.message]
    assert found, problems.items
    assert found[0].file == FILE
    if "causes" not in message:  # a missing kind is named at the causes list
        assert found[0].line == text[: text.index(old)].count("\n") + 1
    assert parse_yaml(text) is not None


def test_csv_has_a_bom_crlf_and_no_live_formula():
    """The CSV starts with a BOM, quotes properly, and prefixes = + - @ cells with '."""
    rows = [["a", "=1+1", "+x", "-y", "@z", 3, -2.5, 'say "hi", then\nleave', "عربي"]]
    out = to_csv(rows)
    assert out.startswith("\ufeff") and out.endswith("\r\n")
    parsed = next(csv.reader(io.StringIO(out[1:])))
    assert parsed == ["a", "'=1+1", "'+x", "'-y", "'@z", "3", "-2.5", 'say "hi", then\nleave',
                      "عربي"]  # fmt: skip
    assert safe_cell("\tcmd") == "'\tcmd" and safe_cell(None) == ""
