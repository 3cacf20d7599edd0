"""sbx-11 "Monthly performance report": strong, weak and hard-variant reports, a missing metric
costing exactly its share, best by likes, denominators, and seeds that reproduce."""

from __future__ import annotations

import copy
from functools import cache

import pytest
from exercise_scoring import BRANDS, criterion, real_scorer, with_example

from app.exercises.domain.sbx11 import Sbx11Scorer
from app.exercises.domain.sbx11_data import load_sbx11
from app.exercises.domain.sbx11_form import number, parse_sbx11


@cache
def scorer() -> Sbx11Scorer:
    """The scorer on the real data."""
    return real_scorer("sbx-11", load_sbx11, Sbx11Scorer)


def setup(brand="riyadh-cafe", hard=False, seed=7):  # type: ignore[no-untyped-def]
    """A variant, its task and the example submission."""
    return with_example(scorer(), brand, "two-anomalies" if hard else "standard", hard, seed)


def points(result, name):  # type: ignore[no-untyped-def]
    """One criterion's points."""
    return criterion(result, name).points


def test_criteria_match_the_catalogue_and_the_weights():
    """Ids and points as courses/exercises.yaml lists them (35/15/20/20/10), with lessons."""
    listed = tuple((c.id, c.points) for c in scorer().exercise.criteria)
    assert listed == Sbx11Scorer.criteria
    assert [p for _, p in listed] == [35, 15, 20, 20, 10]
    assert [c.lesson for c in scorer().exercise.criteria] == [
        "anl-1",
        "anl-2",
        "anl-2",
        "anl-4",
        "anl-4",
    ]


@pytest.mark.parametrize("hard", [False, True])
@pytest.mark.parametrize("brand", BRANDS)
def test_a_strong_report_scores_100(brand, hard):
    """The model report earns every point, in both conditions, for every brand."""
    variant, task, example = setup(brand, hard)
    result = scorer().score(variant, task, example)
    assert result.total == 100, [c.as_json() for c in result.criteria]
    assert task["anomaly_count"] == (2 if hard else 1)


def test_a_weak_report_scores_low_with_a_reason_per_criterion():
    """Wrong values, no denominators, likes for the best post, a wrong cause, vague advice."""
    variant, task, _ = setup("cairo-abaya")
    key = scorer().key(variant, task)
    wrong_cause = next(o["id"] for o in task["options"] if o["id"] not in key["causes"])
    weak = {
        "kpis": {k: {"value": "99", "den": ""} for k in task["kpis"]},
        "best": key["worst"],
        "worst": key["best"],
        "causes": [wrong_cause],
        "recs": [{"metric": "", "action": "do better"}] * 3,
        "headline": "",
    }
    result = scorer().score(variant, task, weak)
    assert result.total < 30
    for scored in result.criteria[:4]:
        assert scored.points == 0 and any(not r.ok for r in scored.reasons), scored.id
    assert {r.code for c in result.criteria for r in c.reasons} >= {
        "kpi.off",
        "cause.missed",
        "cause.wrong",
        "rec.no-metric",
        "page.empty",
    }


@pytest.mark.parametrize("which", [0, 1, 2])
@pytest.mark.parametrize("hard", [False, True])
def test_a_recommendation_without_a_metric_loses_exactly_its_share(hard, which):
    """Dropping one recommendation's metric costs 20 ÷ 3 points of that criterion and nothing
    anywhere else."""
    variant, task, example = setup("ledger-b2b", hard)
    share = dict(Sbx11Scorer.criteria)["recommendations"] / len(example["recs"])
    bare = copy.deepcopy(example)
    bare["recs"][which]["metric"] = ""
    full, missing = scorer().score(variant, task, example), scorer().score(variant, task, bare)
    assert full.points - missing.points == pytest.approx(share)
    assert points(full, "recommendations") - points(missing, "recommendations") == (
        pytest.approx(share)
    )
    for name, _ in Sbx11Scorer.criteria:
        if name != "recommendations":
            assert points(full, name) == points(missing, name), name


def test_the_most_liked_post_is_named_when_it_is_not_the_best():
    """Picking the most-liked post when the goal metric ranks another first earns nothing."""
    for seed in range(1, 60):
        variant, task, example = setup("food-bank", seed=seed)
        key = scorer().key(variant, task)
        if key["most_liked"] != key["best"] and key["values"][key["most_liked"]] < max(
            key["values"].values()
        ):
            break
    else:
        pytest.fail("no seed where likes and the goal metric disagree")
    liked = {**example, "best": key["most_liked"]}
    result = scorer().score(variant, task, liked)
    assert points(result, "best-worst") == 7.5
    assert "best.likes" in {r.code for c in result.criteria for r in c.reasons}


def test_values_within_a_tenth_count_and_denominators_matter():
    """±0.1 points passes, 0.11 does not; a wrong denominator halves that KPI's share."""
    variant, task, example = setup("riyadh-cafe")
    key = {k["id"]: k for k in scorer().key(variant, task)["kpis"]}
    each = 35 / len(key)
    near = copy.deepcopy(example)
    near["kpis"]["ctr"]["value"] = f"{key['ctr']['value'] + 0.09:.4f}"
    assert points(scorer().score(variant, task, near), "kpis") == pytest.approx(35)
    far = copy.deepcopy(example)
    far["kpis"]["ctr"]["value"] = f"{key['ctr']['value'] + 0.11:.4f}"
    assert points(scorer().score(variant, task, far), "kpis") == pytest.approx(35 - each)
    unlabelled = copy.deepcopy(example)
    unlabelled["kpis"]["er_reach"]["den"] = "followers-end"
    assert points(scorer().score(variant, task, unlabelled), "kpis") == pytest.approx(35 - each / 2)


def test_the_hard_variant_judges_by_the_new_goal_and_needs_both_causes():
    """Two seeded causes of different kinds; one found earns half; best follows the new goal."""
    variant, task, example = setup("cairo-abaya", hard=True)
    key = scorer().key(variant, task)
    assert task["goal_change"]["goal"] == task["judge_goal"] == key["goal"] == "sales"
    assert len(set(key["causes"])) == 2
    one = {**example, "causes": [key["causes"][0], ""]}
    assert points(scorer().score(variant, task, one), "anomaly") == pytest.approx(10)
    assert scorer().score(variant, task, example).total == 100


def test_too_long_texts_lose_the_one_page_points():
    """A headline past the template's limit costs the length half of one-page (5)."""
    variant, task, example = setup()
    long = {**example, "headline": "كلمة " * 60}
    assert points(scorer().score(variant, task, long), "one-page") == 5


def test_seeds_reproduce_and_differ():
    """The same seed gives the same task and key; another seed gives another month."""
    first, second = setup("food-bank", True, 11), setup("food-bank", True, 11)
    assert first[1] == second[1] and first[2] == second[2]
    assert setup("food-bank", True, 12)[1]["posts"] != first[1]["posts"]


def test_the_form_keeps_what_was_typed_and_names_errors():
    """Arabic digits parse; a non-number and an unknown choice are errors; text kept as typed."""
    _, task, _ = setup()
    form = {
        "kpi-er_reach-value": "٢٫٥",
        "kpi-ctr-value": "abc",
        "best": "999",
        "rec-1-action": "انشر <b>3</b>",
        "action": "submit",
    }
    submission, errors = parse_sbx11(form, task)
    assert number(submission["kpis"]["er_reach"]["value"]) == 2.5
    assert errors["kpi-ctr-value"] == "sbx11.number"
    assert errors["best"] == "sbx11.choice-unknown"
    assert errors["worst"] == "sbx11.choose" and errors["rec-2-action"] == "sbx11.action-missing"
    assert submission["recs"][0]["action"] == "انشر <b>3</b>"


@pytest.mark.parametrize(
    "hostile", [{}, {"kpis": "x", "recs": "y", "causes": 3}, {"kpis": {"ctr": []}, "recs": [1]}]
)
def test_malformed_submissions_score_without_raising(hostile):
    """Old or hostile drafts of the wrong shape score 0-ish, never raise."""
    variant, task, _ = setup()
    assert scorer().score(variant, task, hostile).total <= 10
