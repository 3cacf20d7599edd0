"""Style checks on the original text: capitals, punctuation, symbols, gimmicky spelling."""

from __future__ import annotations

import pytest

from app.ads.domain.policy import AdText, check_ad


def style(text: str, rule_id: str) -> list[str]:
    """Excerpts one style rule flags in a primary text (Meta, Egypt)."""
    found = check_ad(AdText(text), market="eg", platform="meta")
    return [f.excerpt for f in found if f.rule_id == rule_id]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("عرض خاص لفترة محدودة على جميع منتجات القهوة المختصة في الرياض وجدة", False),
        ("عرض خاص KSA UAE GCC على جميع المنتجات لفترة محدودة جدا جدا", False),
        ("SALE NOW ON", False),  # all capitals but too short to judge
        ("Our biggest SALE of the year starts this FRIDAY at noon", False),  # ratio too low
        ("HUGE SUMMER SALE STARTS NOW", True),
        ("عرض HUGE SUMMER SALE STARTS NOW على كل شي", True),  # Arabic around it does not dilute
    ],
)
def test_capitals_need_length_and_ratio_and_ignore_arabic(text, flagged):
    """Arabic has no case, so only Latin letters count; short shouts and brand words pass."""
    assert bool(style(text, "excessive-capitals")) is flagged


def test_capitals_span_runs_from_first_to_last_capital():
    """The highlight starts at the first capital and ends after the last one."""
    assert style("عرض HUGE SUMMER SALE STARTS NOW!", "excessive-capitals") == [
        "HUGE SUMMER SALE STARTS NOW"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("معقول؟! أسعار نزلت", []),
        ("Really?! Prices dropped", []),
        ("Wait... prices dropped.", []),
        ("نزلت الأسعار!!", ["!!"]),
        ("ليش تنتظر؟؟", ["؟؟"]),
        ("What?!?", ["?!?"]),
        ("Now ! ! !", ["! ! !"]),
        ("Sale‼", ["‼"]),
        ("Only $$$ savings", ["$$$"]),
    ],
)
def test_repeated_punctuation(text, expected):
    """One mark or one mixed pair passes; doubled marks, longer runs and $$$ do not."""
    assert style(text, "repeated-punctuation") == expected


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("قهوة ☕ وحلى 🍰 وجو حلو 🌿", False),
        ("Family day 👨\u200d👩\u200d👧\u200d👦 at the park with games, food and music", False),
        ("Brand® Product™ ©2026, 25°C all day", False),
        ("🔥🔥🔥 deals", False),
        ("🔥🔥🔥🔥 deals", True),
        ("🔥 🔥 🔥 🔥 deals", True),
        ("🇸🇦🇦🇪🇪🇬 our markets", False),  # three flags, six code points
        ("🇸🇦🇦🇪🇪🇬🇰🇼 our markets", True),
        ("👨\u200d👩\u200d👧" * 4 + " our families", True),  # four ZWJ sequences in a row
        ("★ sale ★ now ★ here ★ go ★", True),  # dense: five symbols for four words
    ],
)
def test_symbols_count_emoji_sequences_once_and_allow_brand_marks(text, flagged):
    """A ZWJ family or a flag counts once; ®, ™, © and ° are not symbols; runs and density."""
    assert bool(style(text, "excessive-symbols")) is flagged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Buuuy now", ["uuu"]),  # the run itself is highlighted
        ("عرض رااائع", ["ااا"]),
        ("Sizes S to XXXL, World War III", []),
        ("Visit www.example.com or aaa@example.com", []),
        ("Café au lait, résumé, été à Beyrouth", []),
        ("Clîck hére to buy", ["Clîck", "hére"]),
        ("Buy n\u043ew", ["n\u043ew"]),  # a Cyrillic o inside a Latin word
        ("بيئي ومستدام", []),  # ya, hamza on ya, ya: three different letters
    ],
)
def test_gimmicky_spelling(text, expected):
    """Tripled letters, accents on plain English words and look-alike alphabets are flagged;
    sizes, numerals, addresses, French copy and Arabic spelling are not."""
    assert style(text, "gimmicky-spelling") == expected
