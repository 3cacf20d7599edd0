"""sbx-13 "Set up a paid campaign": strong, weak and two-phase campaigns, each criterion losing
exactly its points when only its part is wrong, hostile drafts, and seeds that reproduce."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from exercise_scoring import BRANDS, criterion

from app.content.errors import Problems
from app.content.library import load_library
from app.exercises.domain.engine import Context, Variant, pick_variant
from app.exercises.domain.sbx13 import CampaignScorer
from app.exercises.domain.sbx13_data import load_sbx13
from app.exercises.domain.sbx13_form import parse_sbx13
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
HARD = "two-phase-budget"


@cache
def scorer() -> CampaignScorer:
    """The scorer on the real data and the real facts (minimum budgets, creative specs)."""
    library, _ = load_library(ROOT)
    sandbox = load_sandbox()
    problems = Problems()
    file = "app/exercises/data/sbx-13.yaml"
    data = load_sbx13(ROOT / file, sandbox.scenarios, problems, file)
    assert data is not None, [str(p) for p in problems.items]
    facts = {k: f.value for k, f in library.facts.items()}
    context = Context(sandbox.scenarios, sandbox.calendars, facts, {"sbx-13": data})
    return CampaignScorer(library.exercises["sbx-13"], context)


def setup(brand: str = "riyadh-cafe", hard: bool = False, seed: int = 3) -> tuple[Any, ...]:
    """A variant, its task and the model campaign as the form stores it."""
    variant = Variant("sbx-13", brand, HARD if hard else "standard", hard, seed)
    task = scorer().task(variant)
    return variant, task, scorer().example(variant, task)


def points(result: Any, name: str) -> float:
    """One criterion's points."""
    return criterion(result, name).points


def codes(result: Any) -> set[str]:
    """Every reason code of a result."""
    return {r.code for c in result.criteria for r in c.reasons}


def test_criteria_match_the_catalogue_and_the_weights():
    """Ids and points as §5.2 gives them (20/15/15/10/20/10/10), each with an ads lesson."""
    exercise = scorer().exercise
    listed = tuple((c.id, c.points) for c in exercise.criteria)
    assert listed == CampaignScorer.criteria
    assert [p for _, p in listed] == [20, 15, 15, 10, 20, 10, 10]
    assert all(c.lesson.startswith("ads-") for c in exercise.criteria)


@pytest.mark.parametrize("hard", [False, True])
@pytest.mark.parametrize("brand", BRANDS)
def test_the_model_campaign_scores_100(brand, hard):
    """The model campaign earns every point for every brand, in both conditions."""
    variant, task, example = setup(brand, hard)
    result = scorer().score(variant, task, example)
    assert result.total == 100, [c.as_json() for c in result.criteria if c.points < c.max]
    assert len(task["phases"]) == (2 if hard else 1)
    assert {r.skill for r in result.evidence} == {
        "paid-social",
        "social-strategy",
        "visual-content",
        "copywriting",
    }


def test_a_weak_campaign_scores_low_with_a_reason_for_each_miss():
    """Wrong objective, budget over the total and under the minimum, the whole city, an app
    button, a rejected claim, a tall image in the feed, and a test that changes everything."""
    variant, task, example = setup("ledger-b2b")
    weak = copy.deepcopy(example)
    weak["phases"][0] |= {"objective": "OUTCOME_APP_PROMOTION", "amount": "5"}
    weak["phases"][0]["end"] = "2027-09-30"
    weak["audience"] |= {"radius": "50", "age_min": "18", "age_max": "65", "interests": []}
    weak["ads"][0] |= {"text": "نتائج مضمونة 100% مع قيود!!!", "cta": "sign-up"}
    weak["ads"][1] |= {"text": "قبل وبعد قيود", "cta": "shop-now", "aspect": "9:16"}
    weak["ads"][0]["aspect"] = "9:16"
    result = scorer().score(variant, task, weak)
    assert result.total == 0, [c.as_json() for c in result.criteria if c.points]
    for scored in result.criteria:
        assert any(not r.ok for r in scored.reasons), scored.id
    assert codes(result) >= {
        "objective.wrong",
        "budget.below-minimum",
        "budget.outside",
        "audience.too-broad",
        "cta.wrong",
        "policy.reject",
        "creative.error",
        "test.many",
    }


def _objective(task: dict, c: dict) -> None:
    """Sales instead of traffic: order-now fits both, the charge type is the same."""
    c["phases"][0]["objective"] = "OUTCOME_SALES"


def _over_total(task: dict, c: dict) -> None:
    """250 × 14 days = 3500, more than the 2800 total."""
    c["phases"][0]["amount"] = "250"


def _under_minimum(task: dict, c: dict) -> None:
    """A lifetime budget of 100 for 14 days: under the daily minimum × days."""
    c["phases"][0] |= {"budget_type": "lifetime", "amount": "100"}


def _too_narrow(task: dict, c: dict) -> None:
    """A 1 km circle around the city centre, coffee lovers only."""
    c["audience"]["radius"] = "1"


def _too_broad(task: dict, c: dict) -> None:
    """The whole metro area, every adult, no interest."""
    c["audience"] |= {"radius": "80", "age_min": "18", "age_max": "65", "interests": []}


def _button(task: dict, c: dict) -> None:
    """An app-install button on a traffic campaign, in both ads (the test stays one change)."""
    for ad in c["ads"]:
        ad["cta"] = "install-now"


def _claims(task: dict, c: dict) -> None:
    """An unrealistic claim in both ads' text (short enough for the feed)."""
    for ad in c["ads"]:
        ad["text"] = "إعلان: قهوة محماس، نتائج مضمونة من أول كوب."


def _creative(task: dict, c: dict) -> None:
    """A 9:16 image in the feed, which takes 4:5 to 1.91:1, in both ads."""
    for ad in c["ads"]:
        ad["aspect"] = "9:16"


def _test(task: dict, c: dict) -> None:
    """Ad B also changes its button (shop-now fits traffic too): two elements differ."""
    c["ads"][1]["cta"] = "shop-now"


@pytest.mark.parametrize(
    ("name", "change", "lost"),
    [
        ("objective", _objective, 20),
        ("budget", _over_total, 7.5),
        ("budget", _under_minimum, 7.5),
        ("audience", _too_narrow, 15),
        ("audience", _too_broad, 15),
        ("cta", _button, 10),
        ("policy", _claims, 20),
        ("creative", _creative, 10),
        ("test", _test, 10),
    ],
)
def test_one_wrong_part_loses_exactly_its_points(
    name: str, change: Callable[[dict, dict], None], lost: float
):
    """With only one part of the model campaign wrong, its criterion loses its points and
    every other criterion keeps all of its own."""
    variant, task, example = setup("riyadh-cafe")
    wrong = copy.deepcopy(example)
    change(task, wrong)
    full, result = scorer().score(variant, task, example), scorer().score(variant, task, wrong)
    assert full.points - result.points == pytest.approx(lost)
    assert points(full, name) - points(result, name) == pytest.approx(lost)
    for other, _ in CampaignScorer.criteria:
        if other != name:
            assert points(result, other) == points(full, other), other


def test_warnings_cost_half_and_an_undeclared_test_keeps_its_points():
    """Repeated punctuation (a warning) costs half an ad's policy share; variants that are not
    declared a test are not compared."""
    variant, task, example = setup("riyadh-cafe")
    loud = copy.deepcopy(example)
    loud["ads"][0]["text"] = "إعلان: فرع محماس الجديد في النرجس مفتوح الآن!!!"
    result = scorer().score(variant, task, loud)
    assert points(result, "policy") == 15
    assert "policy.warn" in codes(result)
    apart = copy.deepcopy(example) | {"test": False}
    apart["ads"][1] |= {"cta": "shop-now", "aspect": "1:1"}
    result = scorer().score(variant, task, apart)
    assert points(result, "test") == 10 and "test.not-declared" in codes(result)


def test_the_saudi_brief_needs_the_words_that_say_it_is_an_ad():
    """In Saudi Arabia the text must say it is an ad: without «إعلان» each ad earns half."""
    variant, task, example = setup("riyadh-cafe")
    bare = copy.deepcopy(example)
    for ad in bare["ads"]:
        ad["text"] = ad["text"].replace("إعلان: ", "")
    result = scorer().score(variant, task, bare)
    assert points(result, "policy") == 10
    assert "policy.missing" in codes(result)


def test_the_hard_variant_has_two_phases_in_one_total():
    """Overlapping phases or traffic first lose the arithmetic half; an objective that serves
    awareness only in part (TikTok video views) earns half of that phase's share."""
    variant, task, example = setup("cairo-abaya", hard=True)
    assert task["phases"] == ["awareness", "traffic"]
    overlap = copy.deepcopy(example)
    overlap["phases"][1]["start"] = overlap["phases"][0]["end"]
    result = scorer().score(variant, task, overlap)
    assert points(result, "budget") == 7.5 and "budget.overlap" in codes(result)
    swapped = copy.deepcopy(example)
    swapped["phases"][0] |= {"start": "2027-02-18", "end": "2027-02-24"}
    swapped["phases"][1] |= {"start": "2027-02-04", "end": "2027-02-17"}
    result = scorer().score(variant, task, swapped)
    assert points(result, "budget") == 7.5 and "budget.order" in codes(result)
    views = copy.deepcopy(example)
    views["phases"][0]["objective"] = "VIDEO_VIEWS"
    result = scorer().score(variant, task, views)
    assert points(result, "objective") == 15 and "objective.partial" in codes(result)
    assert result.total == 95


def test_the_arithmetic_is_daily_times_days_inclusive():
    """A daily budget that fills the total over the inclusive dates passes; one unit more per
    day does not (2800 ÷ 14 = 200)."""
    variant, task, example = setup("riyadh-cafe")
    exact = copy.deepcopy(example)
    exact["phases"][0]["amount"] = "200"
    assert points(scorer().score(variant, task, exact), "budget") == 15
    over = copy.deepcopy(example)
    over["phases"][0]["amount"] = "201"
    assert points(scorer().score(variant, task, over), "budget") == 7.5


@pytest.mark.parametrize(
    "draft",
    [
        {},
        {"phases": "x", "audience": [], "ads": {"a": 1}, "placements": None, "test": "yes"},
        {"phases": [{"amount": "1e999", "start": "x"}], "ads": [{"text": 5}, None]},
        {"audience": {"city": "riyadh", "radius": "nan", "age_min": "1.5", "age_max": "-3"}},
        {"ads": [{"text": "\x00" * 500, "aspect": "0:0"}, {"text": "!" * 600}]},
    ],
)
def test_hostile_drafts_score_without_raising(draft):
    """Any shape of draft scores (low) and never raises."""
    variant, task, _ = setup("food-bank", hard=True)
    result = scorer().score(variant, task, draft)
    assert 0 <= result.total <= 100


def test_the_form_keeps_values_and_names_errors():
    """An unknown choice, a non-number and a bad date are errors at once; empty fields only on
    submit; ticked boxes come back as lists."""
    _, task, _ = setup("riyadh-cafe")
    form = {
        "p1-objective": "NOPE",
        "p1-amount": "lots",
        "p1-start": "4 Feb",
        "radius": "٨",
        "lang-ar": "yes",
        "interest-coffee": "yes",
        "placement-meta-feed": "yes",
        "a-text": "نص <b>A</b>",
    }
    parsed, errors = parse_sbx13(form, task)
    assert errors == {
        "p1-objective": "sbx13.choice-unknown",
        "p1-amount": "sbx13.number",
        "p1-start": "sbx13.date",
    }
    assert parsed["audience"]["languages"] == ["ar"] and parsed["placements"] == ["meta-feed"]
    assert parsed["ads"][0]["text"] == "نص <b>A</b>" and parsed["audience"]["radius"] == "٨"
    _, errors = parse_sbx13({**form, "action": "submit"}, task)
    assert errors["b-text"] == "sbx13.required" and errors["p1-end"] == "sbx13.required"


def test_seeds_reproduce():
    """The same seed gives the same brand, task and key; the brands all occur."""
    exercise = scorer().exercise
    seen = set()
    for seed in range(40):
        one, two = pick_variant(exercise, HARD, seed), pick_variant(exercise, HARD, seed)
        assert one == two
        assert scorer().task(one) == scorer().task(two)
        assert scorer().key(one, scorer().task(one)) == scorer().key(two, scorer().task(two))
        seen.add(one.brand)
    assert seen == set(BRANDS)
