"""Post rules: X's weighted count, and every error and warning of every platform's rule set."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.content.library import load_library
from app.sandbox.domain.rules import Draft, check_draft, rule_data, x_length

ROOT = Path(__file__).resolve().parents[2]
FACTS = {k: f.value for k, f in load_library(ROOT)[0].facts.items()}
TODAY = "2026-11-26"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello", 5),
        ("مرحبا بكم", 9),  # Arabic letters count 1 each, the space too
        ("قهوة ☕", 7),  # 4 letters + a space + one emoji counted 2
        ("👨‍👩‍👧‍👦", 2),  # a ZWJ family sequence is one emoji
        ("漢字", 4),  # CJK counts 2
        ("https://example.com/a/very/long/path?with=query&and=more", 23),
        ("زورونا example.com", 30),  # a bare domain is a URL too: 6 + 1 + 23
        ("#قهوة_مختصة @tawasul", 20),
    ],
)
def test_x_weighted_length_matches_x_counting(text, expected):
    """Conformance cases for X's counting rules (twitter-text v3 configuration)."""
    assert x_length(text) == expected


def test_x_limit_is_weighted_not_len():
    """140 emoji are 140 characters to len() but 280 to X: at the limit; one more is over."""
    at_limit = Draft(text="😀" * 140)
    assert len(at_limit.text) == 140
    assert not [v for v in check_draft("x", "feed", at_limit, FACTS, TODAY) if v.rule == "x-length"]
    over = Draft(text="😀" * 140 + "a")
    (v,) = [v for v in check_draft("x", "feed", over, FACTS, TODAY) if v.rule == "x-length"]
    assert (v.severity, v.actual, v.limit) == ("error", 281, 280)


def test_a_long_url_counts_23_on_x():
    """A 250-letter text plus a long link fits: the link counts 23 (250 + 1 + 23 = 274)."""
    draft = Draft(text="ا" * 250, link="https://example.com/" + "x" * 200)
    assert not check_draft("x", "feed", draft, FACTS, TODAY)


def test_a_youtube_description_is_measured_in_bytes_so_arabic_fills_it_twice_as_fast(app):
    """YouTube's limit is 5,000 bytes: 2,600 Arabic letters (5,200 bytes) break it, 2,600
    Latin letters do not, and the learner is told the count is in bytes."""
    from app.sandbox.labels import rule_text

    def broken(text: str) -> list:
        """The description rule's violations for a video with this text."""
        found = check_draft("youtube", "video", Draft(text=text, media_count=1), FACTS, TODAY)
        return [v for v in found if v.rule == "yt-description"]

    (v,) = broken("و" * 2600)
    assert (v.actual, v.limit, v.count) == (5200, FACTS["youtube-description-limit"], "bytes")
    assert not broken("w" * 2600)
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert "5200 bytes" in rule_text(v)


def test_instagram_hashtag_cap_is_an_error_since_19_december_2025():
    """Six hashtags: an error from 2025-12-19, allowed the day before (the dated rule change)."""
    draft = Draft(text="قهوة", hashtags="#a #b #c #d #e #f", media_count=1, alt_text="كوب")
    (v,) = check_draft("instagram", "feed", draft, FACTS, "2025-12-19")
    assert (v.rule, v.severity, v.actual, v.limit) == ("ig-hashtag-cap", "error", 6, 5)
    assert check_draft("instagram", "feed", draft, FACTS, "2025-12-18") == []
    five = Draft(text="قهوة", hashtags="#a #b #c #d #e", media_count=1, alt_text="كوب")
    assert check_draft("instagram", "feed", five, FACTS, TODAY) == []


def breaking(rule: dict) -> Draft:
    """A draft that breaks exactly this kind of rule (a valid draft otherwise)."""
    check, limit = rule["check"], rule.get("limit", 0)
    n = FACTS[limit["fact"]] if isinstance(limit, dict) else int(limit)
    base = {
        "text": "Hi",
        "media_count": 1,
        "aspect": (rule.get("allowed") or ["9:16"])[0],
        "alt_text": "a cup",
    }
    if check == "text_max":
        return Draft(**{**base, "text": "a" * (n + 1)})
    if check == "hashtags_max":
        return Draft(**{**base, "hashtags": " ".join(f"#t{i}" for i in range(n + 1))})
    if check == "media_max":
        return Draft(**{**base, "media_count": n + 1})
    if check == "media_min":
        return Draft(**{**base, "media_count": n - 1})
    if check == "aspect":
        return Draft(**{**base, "aspect": "1.91:1"})
    if check == "link_in_text":
        return Draft(**{**base, "text": "Order at https://example.com/menu"})
    if check in ("fold", "title_max"):
        return Draft(**{**base, "text": "b" * (n + 1) + "\nrest"})
    if check == "alt_text":
        return Draft(**{**base, "alt_text": ""})
    if check == "cta_for_goal":
        return Draft(**{**base, "goal": rule["goals"][0], "cta": ""})
    if check == "hook_words":
        return Draft(**{**base, "hook": " ".join(["كلمة"] * (n + 1))})
    raise AssertionError(check)


RULES = [
    (platform, fmt, rule)
    for platform, sets in rule_data()["platforms"].items()
    for fmt, rules in sets.items()
    for rule in rules
    if "effective_until" not in rule
]


@pytest.mark.parametrize(("platform", "fmt", "rule"), RULES, ids=[r["id"] for _p, _f, r in RULES])
def test_every_rule_fires_with_its_severity_and_source(platform, fmt, rule):
    """Each rule of rules.yaml is broken once and reported with its severity and source."""
    fmt_used = (
        fmt
        if fmt != "all"
        else {"x": "feed", "youtube": "video", "tiktok": "video"}.get(platform, "feed")
    )
    found = check_draft(platform, fmt_used, breaking(rule), FACTS, TODAY)
    hit = [v for v in found if v.rule == rule["id"]]
    assert hit, (rule["id"], found)
    assert hit[0].severity == rule["severity"] in ("error", "warning")
    assert hit[0].source and hit[0].effective_from


def test_goal_rule_asks_for_a_call_to_action():
    """A traffic post without a call to action is warned; with one it is not."""
    draft = Draft(text="Menu", media_count=1, alt_text="menu", goal="traffic")
    assert [v.rule for v in check_draft("facebook", "feed", draft, FACTS, TODAY)] == [
        "cta-for-goal"
    ]
    ok = Draft(text="Menu", media_count=1, alt_text="menu", goal="traffic", cta="See the menu")
    assert check_draft("facebook", "feed", ok, FACTS, TODAY) == []


def test_tiktok_hook_of_ten_words_passes_and_eleven_is_warned():
    """The on-screen hook rule counts words: 10 pass, 11 are warned with the figures."""
    base = {"text": "Hi", "media_count": 1, "aspect": "9:16", "alt_text": "a cup"}
    ten = Draft(**{**base, "hook": "١ 2 three أربعة 5 6 7 8 9 10"})
    assert [v.rule for v in check_draft("tiktok", "video", ten, FACTS, TODAY)] == []
    eleven = Draft(**{**base, "hook": ten.hook + " أخيرة"})
    found = [
        (v.rule, v.severity, v.actual, v.limit)
        for v in check_draft("tiktok", "video", eleven, FACTS, TODAY)
    ]
    assert found == [("tt-hook", "warning", 11, 10)]


def test_each_platform_has_errors_and_warnings():
    """Every platform's rule set teaches both severities."""
    for platform, sets in rule_data()["platforms"].items():
        severities = {r["severity"] for rules in sets.values() for r in rules}
        assert severities == {"error", "warning"}, platform
