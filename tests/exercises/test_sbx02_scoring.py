"""sbx-02 "One message, four platforms": the example, weak and hostile answers, each criterion."""

from __future__ import annotations

import shutil
import time
from functools import cache
from pathlib import Path

import pytest

from app.content.errors import Problems
from app.content.library import load_library
from app.exercises.domain.engine import Context, Variant
from app.exercises.domain.sbx02 import load_sbx02
from app.exercises.domain.sbx02_form import parse_sbx02
from app.exercises.domain.sbx02_score import Sbx02Scorer
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
FILE = "app/exercises/data/sbx-02.yaml"
SLOTS = ("instagram", "x", "linkedin", "tiktok")


@cache
def scorer() -> Sbx02Scorer:
    """The scorer on the real data, scenarios and facts."""
    library, _ = load_library(ROOT)
    sandbox = load_sandbox()
    problems = Problems()
    data = load_sbx02(ROOT / FILE, sandbox.scenarios, problems, FILE)
    assert data is not None, problems.items
    facts = {k: f.value for k, f in library.facts.items()}
    context = Context(sandbox.scenarios, sandbox.calendars, facts, {"sbx-02": data})
    return Sbx02Scorer(library.exercises["sbx-02"], context)


def cases() -> list[tuple[str, str]]:
    """Every (brand, card) pair."""
    raw = scorer().data.raw["cards"]
    return [(brand, card["id"]) for brand, cards in raw.items() for card in cards]


def setup(brand="riyadh-cafe", card="narjis-opening", hard=False):  # type: ignore[no-untyped-def]
    """A variant, its task on a named card and the example submission."""
    condition = "plus-other-language" if hard else "standard"
    variant = Variant("sbx-02", brand, condition, hard, 7)
    task = scorer().task_for(variant, card)
    return variant, task, scorer().example(variant, task)


def points(result, criterion):  # type: ignore[no-untyped-def]
    """One criterion's points."""
    return next(c.points for c in result.criteria if c.id == criterion)


def codes(result, criterion):  # type: ignore[no-untyped-def]
    """One criterion's reason codes."""
    return [r.code for c in result.criteria if c.id == criterion for r in c.reasons]


@pytest.mark.parametrize("hard", [False, True])
def test_the_example_scores_at_least_90_for_every_brand_and_card(hard):
    """The model versions, built from the key, pass in both conditions on every card."""
    for brand, card in cases():
        variant, task, example = setup(brand, card, hard)
        result = scorer().score(variant, task, example)
        assert result.total >= 90, (brand, card, hard, result.as_json())


def test_criteria_match_the_catalogue_and_the_task_is_seeded():
    """Criteria ids and points agree with courses/exercises.yaml; same seed, same task."""
    listed = tuple((c.id, c.points) for c in scorer().exercise.criteria)
    assert listed == Sbx02Scorer.criteria
    variant = Variant("sbx-02", "food-bank", "standard", False, 99)
    task = scorer().task(variant)
    assert task == scorer().task(variant)
    assert scorer().key(variant, task) == scorer().key(variant, task)
    ex = scorer().example(variant, task)
    assert scorer().score(variant, task, ex) == scorer().score(variant, task, ex)
    cards = {
        scorer().task(Variant("sbx-02", "food-bank", "standard", False, s))["card"]["id"]
        for s in range(30)
    }
    assert len(cards) == 2


def test_the_instagram_band_is_read_from_the_facts():
    """Instagram's hashtag cap comes from courses/facts.yaml, not from the data file."""
    _, task, _ = setup()
    ig = next(p for p in task["platforms"] if p["id"] == "instagram")
    assert ig["band"]["high"] == scorer().context.facts["instagram-hashtag-cap"]


def test_a_weak_submission_scores_low_with_the_right_reasons():
    """One short line pasted everywhere, no hashtags, no CTA: low on every criterion."""
    variant, task, _ = setup()
    weak = {f"{s}-caption": "قهوة جديدة" for s in SLOTS}
    weak.update({f"{s}-format": "feed" if s != "tiktok" else "photo" for s in SLOTS})
    result = scorer().score(variant, task, weak)
    assert result.total < 45
    assert "price-missing" in codes(result, "facts-kept")
    assert "cta-missing" in codes(result, "call-to-action")
    assert "band-out" in codes(result, "hashtag-band")
    assert "hook-empty" in codes(result, "register")


def test_over_the_x_limit_the_x_version_gets_nothing_on_rules():
    """An error-level rule broken: 0 for that version, the reason names the limit."""
    variant, task, example = setup()
    example["x-caption"] = example["x-caption"] + " " + "قهوة " * 80
    result = scorer().score(variant, task, example)
    assert points(result, "platform-rules") == pytest.approx(25 * 3 / 4)
    reason = next(
        r
        for c in result.criteria
        if c.id == "platform-rules"
        for r in c.reasons
        if r.code == "rules-length"
    )
    assert reason.values["platform"] == "x" and reason.values["limit"] == 280


def test_arabic_indic_digits_match_the_price():
    """«٢٢» in a caption matches a price of 22 (and «١٥٠» → 150 the same way)."""
    variant, task, example = setup()
    example["instagram-caption"] = example["instagram-caption"].replace("22", "٢٢")
    assert "٢٢" in example["instagram-caption"]
    result = scorer().score(variant, task, example)
    assert points(result, "facts-kept") == 20
    variant, task, example = setup("food-bank", "iftar-meals")
    example["x-caption"] = example["x-caption"].replace("40", "٤٠")
    assert points(scorer().score(variant, task, example), "facts-kept") == 20


def test_a_missing_fact_costs_partial_credit():
    """Dropping the price from one version costs one fact out of twelve."""
    variant, task, example = setup("food-bank", "ramadan-box")
    example["x-caption"] = example["x-caption"].replace("450", "")
    result = scorer().score(variant, task, example)
    assert points(result, "facts-kept") == pytest.approx(20 * 11 / 12)


def test_the_same_caption_on_all_four_platforms_scores_0_on_adaptation():
    """Copy-paste: every pair overlaps fully."""
    variant, task, example = setup()
    for s in SLOTS:
        example[f"{s}-caption"] = example["instagram-caption"]
    result = scorer().score(variant, task, example)
    assert points(result, "really-adapted") == 0
    reason = codes(result, "really-adapted")
    assert reason[0] == "adapted"


def test_pasting_only_the_card_fields_is_not_adapted():
    """Versions made of the card's fields and a CTA phrase lose adaptation and register."""
    variant, task, example = setup()
    card = task["card"]
    parts = [
        card["product"]["ar"],
        card["offer"]["ar"],
        card["price"]["text"]["ar"],
        card["date"]["text"]["ar"],
        "زورونا",
    ]
    for i, s in enumerate(SLOTS):
        example[f"{s}-caption"] = " ".join(parts[i:] + parts[:i])
    example["tiktok-hook"] = "زورونا"
    result = scorer().score(variant, task, example)
    assert points(result, "really-adapted") == 0 and "pasted" in codes(result, "really-adapted")
    assert points(result, "register") == 0


def test_an_emoji_run_of_4_on_linkedin_loses_register_points():
    """Four emoji in a row on LinkedIn."""
    variant, task, example = setup()
    example["linkedin-caption"] += " 🎉🎉🎉🎉"
    result = scorer().score(variant, task, example)
    assert points(result, "register") == 5 and "emoji-run" in codes(result, "register")


def test_a_hook_of_11_words_loses():
    """The TikTok hook has at most 10 words."""
    variant, task, example = setup()
    example["tiktok-hook"] = "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة إحدى"
    result = scorer().score(variant, task, example)
    assert points(result, "register") == 5 and "hook-long" in codes(result, "register")


def test_format_and_band_partial_credit():
    """An allowed but not recommended format earns half; a count outside the band nothing."""
    variant, task, example = setup()
    example["instagram-format"] = "story"  # allowed, not recommended for visits (reel)
    example["x-hashtags"] = "#a #b #c #d"
    result = scorer().score(variant, task, example)
    assert points(result, "format-fit") == pytest.approx(10 * 3.5 / 4)
    assert points(result, "hashtag-band") == pytest.approx(7.5)
    assert "format-allowed" in codes(result, "format-fit")


def test_more_than_5_instagram_hashtags_breaks_the_rule():
    """Instagram's cap is an error-level rule: the version earns nothing on rules."""
    variant, task, example = setup()
    example["instagram-hashtags"] = "#a #b #c #d #e #f"
    result = scorer().score(variant, task, example)
    assert "rules-hashtags" in codes(result, "platform-rules")
    assert points(result, "platform-rules") == pytest.approx(25 * 3 / 4)


def test_hard_condition_a_missing_fifth_version_loses_facts_and_cta():
    """Without the fifth version, a fifth of facts, CTA and rules is lost."""
    variant, task, example = setup("ledger-b2b", "tax-webinar", hard=True)
    full = scorer().score(variant, task, example)
    assert full.total >= 90
    for k in [k for k in example if k.startswith("other-")]:
        del example[k]
    result = scorer().score(variant, task, example)
    assert points(result, "facts-kept") == pytest.approx(16)
    assert points(result, "call-to-action") == pytest.approx(12)
    assert "version-missing" in codes(result, "call-to-action")


def test_hard_condition_a_fifth_version_in_the_wrong_language_is_not_counted():
    """The fifth version must be in the other language (here English)."""
    variant, task, example = setup(hard=True)
    example["other-caption"] = example["instagram-caption"]
    result = scorer().score(variant, task, example)
    assert "wrong-language" in codes(result, "facts-kept")


@pytest.mark.parametrize(
    "value",
    [
        "",
        "<script>alert(1)</script>",
        "x" * 100000,
        "١٢٣٤٥٦ ۱۲۳ 1,200.50 1.200",
        "\x00\ufeff🎉" * 50,
        "#" * 3000,
        "https://" * 500,
    ],
)
def test_hostile_inputs_never_raise(value):
    """Empty, huge, HTML and mixed digits: scored, never an exception, always fast."""
    for hard in (False, True):
        variant, task, _ = setup(hard=hard)
        form = {
            f"{s}-{f}": value
            for s in (*SLOTS, "other")
            for f in ("caption", "format", "hashtags", "hook")
        }
        form["other-platform"] = value
        submission, errors = parse_sbx02(form, task)
        start = time.process_time()
        result = scorer().score(variant, task, submission)
        assert time.process_time() - start < 0.5
        assert 0 <= result.total <= 100
        assert scorer().score(variant, task, {"x-caption": 5})  # wrong types too
        assert isinstance(errors, dict)


def test_the_form_parser_names_missing_fields_and_keeps_what_was_typed():
    """Missing caption or format → the field's error code; typed values come back as typed."""
    _, task, example = setup(hard=True)
    form = dict(example)
    form["x-caption"] = "   "
    form["linkedin-format"] = "reel"
    form["other-platform"] = ""
    submission, errors = parse_sbx02(form, task)
    assert errors == {
        "x-caption": "caption-missing",
        "linkedin-format": "format-not-allowed",
        "other-platform": "platform-missing",
    }
    assert submission["instagram-caption"] == example["instagram-caption"]
    _, task, example = setup()
    submission, errors = parse_sbx02(example, task)
    assert errors == {} and submission == dict(example)


def test_the_loader_reports_broken_data_with_file_and_line(tmp_path):
    """A CTA that misses the goal, an unknown goal and a bad date are named with their line."""
    copy = tmp_path / "sbx-02.yaml"
    shutil.copy(ROOT / FILE, copy)
    text = copy.read_text(encoding="utf-8")
    text = text.replace('"زورونا في النرجس من الساعة 4 العصر"', '"قهوة لذيذة"', 1)
    text = text.replace("goal: traffic", "goal: fame", 1)
    text = text.replace('iso: "2027-02-11"', 'iso: "2027-13-45"', 1)
    copy.write_text(text, encoding="utf-8")
    problems = Problems()
    assert load_sbx02(copy, load_sandbox().scenarios, problems, FILE) is None
    messages = [(p.file, p.line, p.message) for p in problems.items]
    assert any("misses visits" in m and line > 1 for _, line, m in messages), messages
    assert any("unknown goal 'fame'" in m for _, _, m in messages), messages
    assert any("iso" in m for _, _, m in messages), messages
    assert all(f == FILE for f, _, _ in messages)
    broken = tmp_path / "broken.yaml"
    broken.write_text("cards: [\n", encoding="utf-8")
    problems = Problems()
    assert load_sbx02(broken, load_sandbox().scenarios, problems, FILE) is None
    assert problems.items
