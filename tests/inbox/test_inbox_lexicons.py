"""Reply-scoring data (pure): the shipped lexicons, credits and bands load clean; broken copies
give problems naming file and line; a few phrases match the way the rubric will match them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.content.errors import Problems
from app.exercises.domain.text import contains_any, words
from app.inbox.domain.lexicons import (
    DATA,
    LIST_NAMES,
    PREFIXES,
    check_band_facts,
    load_reply_data,
    reply_data,
)
from app.sandbox.domain.platforms import PLATFORMS


def test_shipped_data_loads_without_problems() -> None:
    """Every list, credit row and band is present and valid."""
    problems = Problems()
    data = load_reply_data(problems=problems)
    assert [str(p) for p in problems.items] == []
    assert tuple(data.lists) == LIST_NAMES
    assert all(len(data.lists[name]) >= 6 * 5 for name in LIST_NAMES)
    assert set(data.bands) == set(PLATFORMS)
    assert data.credit["reply-then-dm"]["private"] == 1
    assert "forward" in data.actions and "none" in data.actions
    assert reply_data() is reply_data()


def test_band_fact_is_a_real_fact() -> None:
    """X's band cites the post length fact; an unknown fact is a problem on the band's line."""
    data = reply_data()
    assert data.bands["x"]["fact"] == "x-text-limit"
    problems = Problems()
    check_band_facts(data.bands, {"x-text-limit": 280}, problems)
    assert problems.items == []
    check_band_facts(data.bands, {}, problems)
    assert [p.file for p in problems.items] == ["app/inbox/data/bands.yaml"]
    assert problems.items[0].line > 1 and "x-text-limit" in problems.items[0].message


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data."""
    for name in ("lexicons.yaml", "actions.yaml", "bands.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def edit(root: Path, name: str, old: str, new: str) -> int:
    """Replace one snippet in a copied file; the line it sits on."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def problems_of(root: Path) -> list[tuple[str, int, str]]:
    """(file name, line, message) of every problem in the copy."""
    problems = Problems()
    load_reply_data(root, problems)
    return [(Path(p.file).name, p.line, p.message) for p in problems.items]


def test_duplicate_after_folding_names_file_and_line(copy: Path) -> None:
    """«شكرا» is «شكرًا» once the tanween is folded away."""
    line = edit(copy, "lexicons.yaml", '"ألف شكر", ', '"ألف شكر", "شكرا", ')
    assert ("lexicons.yaml", line, "list 'thanks': 'شكرا' repeats 'شكرًا' after folding") in (
        problems_of(copy)
    )


def test_leading_conjunction_is_a_duplicate(copy: Path) -> None:
    """«وآسفين» is «آسفين» with a «و»: matching already allows it."""
    edit(copy, "lexicons.yaml", '"عنجد آسفين"', '"عنجد آسفين", "وآسفين"')
    found = problems_of(copy)
    assert any("'وآسفين' is 'آسفين' with a leading و" in m for _, _, m in found)


def test_phrase_in_two_lists(copy: Path) -> None:
    """A phrase that scores as two things is a problem («الخاص» is not personal data)."""
    line = edit(copy, "lexicons.yaml", '"جوالك", ', '"جوالك", "الخاص", ')
    assert (
        "lexicons.yaml",
        line,
        "list 'personal_data': 'الخاص' is also in list 'private'",
    ) in problems_of(copy)


def test_missing_list_and_group(copy: Path) -> None:
    """A list or a dialect group that is gone is named."""
    text = (copy / "lexicons.yaml").read_text(encoding="utf-8")
    start = text.index("  sarcasm:\n")
    end = text.index("  dismissal:\n")
    (copy / "lexicons.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    edit(copy, "lexicons.yaml", '      arabizi: ["ehda"', '      latin: ["ehda"')
    messages = [m for _, _, m in problems_of(copy)]
    assert "list 'sarcasm' is missing" in messages
    assert "list 'dismissal': the arabizi group is missing" in messages
    assert "list 'dismissal': unknown Arabic group 'latin'" in messages


def test_empty_group(copy: Path) -> None:
    """Every group of every list has phrases."""
    text = (copy / "lexicons.yaml").read_text(encoding="utf-8")
    start = text.index("  time:\n")
    at = text.index("      gulf: [", start)
    end = text.index("\n", at)
    line = text[:at].count("\n") + 1
    (copy / "lexicons.yaml").write_text(text[:at] + "      gulf: []" + text[end:], "utf-8")
    assert ("lexicons.yaml", line, "list 'time': gulf must be non-empty") in problems_of(copy)


def test_latin_text_in_an_arabic_group(copy: Path) -> None:
    """Arabic groups take Arabic letters; arabizi and en take Latin letters."""
    line = edit(copy, "lexicons.yaml", '"تسلم", ', '"تسلم", "tislam", ')
    found = problems_of(copy)
    assert (
        "lexicons.yaml",
        line,
        "list 'thanks' (gulf): 'tislam' must be written in Arabic letters",
    ) in found
    edit(copy, "lexicons.yaml", '"ehdaa", ', '"اهدا يا", ')
    assert any(
        "(arabizi): 'اهدا يا' must be written in Latin" in m for _, _, m in problems_of(copy)
    )


def test_unknown_action_and_credit_out_of_range(copy: Path) -> None:
    """Credits name known actions, stay in 0..1, and give the expected action 1."""
    line = edit(copy, "actions.yaml", "{forward: 1, escalate: 0.67}", "{forward: 1, tweet: 0.5}")
    line2 = edit(copy, "actions.yaml", "{hide: 1, delete: 0.67,", "{hide: 1, delete: 1.5,")
    line3 = edit(copy, "actions.yaml", "{none: 1, hide: 0.67,", "{none: 0.9, hide: 0.67,")
    found = problems_of(copy)
    assert ("actions.yaml", line, "credit 'forward': unknown action 'tweet'") in found
    assert ("actions.yaml", line2, "credit 'hide': delete must be from 0 to 1") in found
    assert ("actions.yaml", line3, "credit 'ignore': its own action 'none' must earn 1") in found


def test_band_min_not_below_max(copy: Path) -> None:
    """min_words < max_words, and all six platforms have a band."""
    line = edit(
        copy,
        "bands.yaml",
        '{min_words: 8, max_words: 60, source: "teaching value"}\n  linkedin',
        '{min_words: 60, max_words: 60, source: "teaching value"}\n  linkedin',
    )
    edit(copy, "bands.yaml", "  tiktok:", "  snapchat:")
    found = problems_of(copy)
    assert ("bands.yaml", line, "instagram: min_words must be less than max_words") in found
    assert any(m == "unknown platform 'snapchat'" for _, _, m in found)
    assert any(m == "no length band for 'tiktok'" for _, _, m in found)


def test_invalid_yaml_names_its_line(copy: Path) -> None:
    """A file that does not parse is one problem at its line, and the rest still loads."""
    (copy / "bands.yaml").write_text("bands:\n  x: {min_words: 5\n", encoding="utf-8")
    found = problems_of(copy)
    assert found[0][0] == "bands.yaml" and "invalid YAML" in found[0][2]


def matches(text: str, phrases: tuple[str, ...]) -> bool:
    """Match as the rubric will: whole folded words, a reply's word may carry a leading و/ف."""
    bare = " ".join(w[1:] if len(w) > 3 and w[0] in PREFIXES else w for w in words(text))
    return bool(contains_any(text, phrases) or contains_any(bare, phrases))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وآسفين جدًا على التأخير", "apology"),
        ("نعتذر منك، ونتفهّم انزعاجك تمامًا", "empathy"),
        ("روق يا أخي الموضوع بسيط", "dismissal"),
        ("ehda shwaya ya 3am", "dismissal"),
        ("Please calm down, we're on it.", "dismissal"),
        ("ابعتلنا رقم الأوردر على الخاص", "private"),
        ("ابعتلنا رقم الأوردر هنا", "personal_data"),
        ("بنرجعلك خلال ساعتين إن شاء الله", "next_step"),
        ("هنكلمك النهارده", "time"),
        ("فالخاص ديالنا غادي نعيطو ليك", "private"),
        ("We'll send a replacement today.", "promise"),
        ("يعطيك العافية على صبرك", "thanks"),
        ("حسب سياسة الشركة لا يمكن", "avoid"),
        ("الغلط منك يا أخي", "blame"),
    ],
)
def test_phrases_match_real_replies(text: str, name: str) -> None:
    """Realistic replies hit the list they should."""
    assert matches(text, reply_data().lists[name])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("راسلناك على الخاص", "personal_data"),  # moving to DM is not asking for data
        ("We'll address this today", "personal_data"),  # "address" the verb
        ("Feel free to message us", "promise"),  # "free" in "feel free" is no offer
        ("ليست مسؤوليتك أبدًا", "blame"),
        ("صلي على النبي وسلم", "thanks"),
    ],
)
def test_phrases_do_not_misfire(text: str, name: str) -> None:
    """Ordinary wording does not trip a list it has nothing to do with."""
    assert not matches(text, reply_data().lists[name])
