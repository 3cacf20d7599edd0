"""sbx-14 "Ad review and optimisation" scoring (pure): strong, weak and hard-variant
submissions against §5.2's weights, rewrites that delete facts, stuffed rationales, and seeds
that reproduce."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from exercise_scoring import criterion, real_scorer

from app.exercises.domain.engine import Variant
from app.exercises.domain.sbx14 import AdReviewScorer
from app.exercises.domain.sbx14_data import load_sbx14

# curriculum.md §5.2, sbx-14: the four criteria and their weights.
SPEC = {"flags": 25, "fixes": 20, "decisions": 40, "rationales": 15}
BRANDS = ("riyadh-cafe", "cairo-abaya", "ledger-b2b", "food-bank")
# Gold (draft, rule) pairs authored in the data: the café's drafts break seven rules in all.
CAFE_GOLD_PAIRS = 7


@pytest.fixture(scope="module")
def scorer() -> AdReviewScorer:
    """The scorer on the real catalogue entry, data and scenarios."""
    return real_scorer("sbx-14", load_sbx14, AdReviewScorer)


def setup(scorer: AdReviewScorer, brand: str, hard: bool = False, seed: int = 3) -> tuple:
    """A variant, its task, its key and the scorer's example submission."""
    condition = "too-few-results" if hard else "standard"
    variant = Variant("sbx-14", brand, condition, hard, seed)
    task = scorer.task(variant)
    return variant, task, scorer.key(variant, task), scorer.example(variant, task)


def test_the_scorer_lists_the_criteria_and_weights_of_the_spec(scorer):
    """Criteria and points as curriculum.md §5.2 gives them, summing to 100."""
    assert dict(scorer.criteria) == SPEC
    assert sum(SPEC.values()) == 100


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("hard", [False, True])
def test_a_strong_submission_scores_full_marks(scorer, brand, hard):
    """Gold flags, the model rewrites, the key's calls and rationales citing the deciding
    metric earn every point, seed after seed."""
    for seed in (1, 2, 3, 4):
        variant, task, _, example = setup(scorer, brand, hard, seed)
        result = scorer.score(variant, task, example)
        assert [(c.id, c.points) for c in result.criteria] == list(SPEC.items())
        assert result.total == 100


def test_a_weak_submission_scores_low(scorer):
    """Every draft called clean, no rewrites, every ad set scaled with a one-word reason."""
    variant, task, key, _ = setup(scorer, "riyadh-cafe")
    weak = {
        "flags": {d["id"]: ["none"] for d in task["drafts"]},
        "fixes": [],
        "decisions": {s["id"]: {"decision": "scale", "why": "جيد"} for s in task["sets"]},
    }
    result = scorer.score(variant, task, weak)
    assert criterion(result, "flags").points == 0  # nothing flagged: no precision, no recall
    assert criterion(result, "fixes").points == 0
    assert criterion(result, "rationales").points == 0
    assert {r.code for r in criterion(result, "rationales").reasons} == {"why.short"}
    # Only a set whose key is scale earns its share; keep earns half of it for scale.
    golds = [s["gold"] for s in key["sets"]]
    assert criterion(result, "decisions").points == pytest.approx(
        40 / 3 * (golds.count("scale") + 0.5 * golds.count("keep"))
    )
    assert result.total < 30


def test_the_hard_variant_has_one_set_to_wait_on_and_pausing_it_loses_its_share(scorer):
    """The set with too few results looks expensive; the key waits, pausing earns nothing for
    it and keeping it running earns half."""
    for brand in BRANDS:
        _, task, key, _ = setup(scorer, brand, hard=True)
        waits = [s for s in key["sets"] if s["gold"] == "wait"]
        assert len(waits) == 1
        shown = next(s for s in task["sets"] if s["id"] == waits[0]["id"])
        assert shown["results"] < task["thresholds"]["min_results"]
        assert shown["cpr"] > task["thresholds"]["target_cpr"]  # the trap: it looks like a pause
    variant, task, key, example = setup(scorer, "cairo-abaya", hard=True)
    shown = next(s for s in key["sets"] if s["gold"] == "wait")
    for choice, points in (("pause", 40 - 40 / 3), ("keep", 40 - 40 / 6), ("wait", 40)):
        mine = copy.deepcopy(example)
        mine["decisions"][shown["id"]]["decision"] = choice
        result = scorer.score(variant, task, mine)
        assert criterion(result, "decisions").points == pytest.approx(points)
    standard = setup(scorer, "cairo-abaya", hard=False)[2]
    assert "wait" not in [s["gold"] for s in standard["sets"]]


def test_flag_precision_and_recall_each_carry_half_the_points(scorer):
    """One wrong extra flag on a clean draft costs precision only: 12.5 × (1 + 7/8)."""
    variant, task, key, example = setup(scorer, "riyadh-cafe")
    clean = next(d["id"] for d in key["drafts"] if not d["flags"])
    mine = copy.deepcopy(example)
    mine["flags"][clean] = ["before-after"]
    result = scorer.score(variant, task, mine)
    assert criterion(result, "flags").points == pytest.approx(12.5 * (1 + 7 / 8))
    assert "flag.extra" in {r.code for r in criterion(result, "flags").reasons}
    # Missing one of the seven gold pairs costs recall only: 12.5 × (1 + 6/7).
    mine = copy.deepcopy(example)
    flagged = next(d for d in key["drafts"] if len(d["flags"]) == 2)
    mine["flags"][flagged["id"]] = flagged["flags"][:1]
    result = scorer.score(variant, task, mine)
    assert criterion(result, "flags").points == pytest.approx(12.5 * (1 + 6 / CAFE_GOLD_PAIRS))


def test_every_rule_on_every_draft_is_recall_without_precision(scorer):
    """Ticking every rule everywhere finds every problem but is mostly wrong."""
    variant, task, _, example = setup(scorer, "riyadh-cafe")
    rules = [r["id"] for r in task["rules"]]
    assert len(rules) == 9  # the shared rules and Saudi Arabia's
    mine = {**example, "flags": {d["id"]: rules for d in task["drafts"]}}
    points = criterion(scorer.score(variant, task, mine), "flags").points
    assert points == pytest.approx(12.5 * (1 + CAFE_GOLD_PAIRS / (8 * len(rules))))


def test_a_rewrite_that_passes_by_deleting_the_facts_loses_its_share(scorer):
    """A bland rewrite breaks no rule but drops the facts it had to keep: no points for it."""
    variant, task, key, example = setup(scorer, "riyadh-cafe")
    mine = copy.deepcopy(example)
    shown = {d["id"]: d for d in task["drafts"]}
    brand_ad = next(
        d["id"] for d in key["drafts"] if d["flags"] and not shown[d["id"]]["partnership"]
    )
    mine["fixes"][1]["draft"] = next(
        d["id"] for d in key["drafts"] if d["flags"] and d["id"] != brand_ad
    )
    mine["fixes"][1] |= {
        k: next(d for d in key["drafts"] if d["id"] == mine["fixes"][1]["draft"])["fix"][k]
        for k in ("headline", "text")
    }
    first = mine["fixes"][0]
    first |= {"draft": brand_ad, "headline": "قهوة محماس", "text": "تعال جرب قهوتنا المختصة."}
    result = scorer.score(variant, task, mine)
    fixes = criterion(result, "fixes")
    assert fixes.points == 10
    lost = [r for r in fixes.reasons if r.code == "fix.facts-lost"]
    assert len(lost) == 1 and not [r for r in fixes.reasons if r.code == "fix.still-breaks"]


def test_a_rewrite_that_keeps_the_problem_earns_nothing_for_it(scorer):
    """Submitting the draft unchanged keeps its facts but the checker still finds the rule."""
    variant, task, _key, example = setup(scorer, "cairo-abaya")
    mine = copy.deepcopy(example)
    shown = {d["id"]: d for d in task["drafts"]}
    first = mine["fixes"][0]
    first["headline"] = shown[first["draft"]]["headline"]
    first["text"] = shown[first["draft"]]["text"]
    fixes = criterion(scorer.score(variant, task, mine), "fixes")
    assert fixes.points == 10
    assert next(r.code for r in fixes.reasons) == "fix.still-breaks"


def test_a_rewrite_of_a_clean_draft_or_the_same_draft_twice_earns_nothing(scorer):
    """Only drafts with a problem can be fixed, and each once."""
    variant, task, key, example = setup(scorer, "riyadh-cafe")
    clean = next(d for d in key["drafts"] if not d["flags"])
    shown = {d["id"]: d for d in task["drafts"]}
    mine = copy.deepcopy(example)
    mine["fixes"][0] |= {"draft": clean["id"], "text": shown[clean["id"]]["text"]}
    mine["fixes"][1]["draft"] = mine["fixes"][0]["draft"]
    fixes = criterion(scorer.score(variant, task, mine), "fixes")
    assert fixes.points == 0
    assert [r.code for r in fixes.reasons] == ["fix.clean-draft", "fix.none"]


def test_a_rationale_stuffed_with_every_metric_scores_low(scorer):
    """Naming all five metrics in every rationale is not citing the deciding one."""
    variant, task, _, example = setup(scorer, "riyadh-cafe")
    stuffed = "تكلفة النتيجة والتكرار وعدد النتائج ونسبة النقر والإنفاق كلها مهمة هنا."
    mine = copy.deepcopy(example)
    for decision in mine["decisions"].values():
        decision["why"] = stuffed
    rationales = criterion(scorer.score(variant, task, mine), "rationales")
    assert rationales.points == 0
    assert {r.code for r in rationales.reasons} == {"why.stuffed"}
    english = "Cost per result, frequency, results, CTR and spend all matter here."
    for decision in mine["decisions"].values():
        decision["why"] = english
    assert criterion(scorer.score(variant, task, mine), "rationales").points == 0


def test_a_rationale_citing_the_wrong_metric_misses(scorer):
    """Talking only about CTR on a set decided by cost per result or frequency earns nothing."""
    variant, task, _key, example = setup(scorer, "cairo-abaya")
    mine = copy.deepcopy(example)
    for decision in mine["decisions"].values():
        decision["why"] = "نسبة النقر هنا هي ما يهم في هذه المجموعة."
    rationales = criterion(scorer.score(variant, task, mine), "rationales")
    assert rationales.points == 0
    assert {r.code for r in rationales.reasons} == {"why.misses"}


def test_a_rationale_may_cite_the_figure_in_arabic_indic_digits(scorer):
    """«٥٫١» names a frequency of 5.1 as well as the word does."""
    seeds = (setup(scorer, "riyadh-cafe", seed=n) for n in range(1, 30))
    variant, task, key, example = next(
        found for found in seeds if "fix-creative" in [s["gold"] for s in found[2]["sets"]]
    )
    fix = next(s for s in key["sets"] if s["gold"] == "fix-creative")
    shown = next(s for s in task["sets"] if s["id"] == fix["id"])
    digits = str(shown["frequency"]).translate(str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫"))
    mine = copy.deepcopy(example)
    mine["decisions"][fix["id"]]["why"] = (
        f"الناس شافوا الإعلان {digits} مرة في المتوسط، غيّروا الصورة."
    )
    rationales = criterion(scorer.score(variant, task, mine), "rationales")
    assert rationales.points == 15


def test_seeds_reproduce_and_vary(scorer):
    """The same seed gives the same task; other seeds move the order and the figures."""
    first = setup(scorer, "riyadh-cafe", seed=11)[1]
    assert setup(scorer, "riyadh-cafe", seed=11)[1] == first
    others = [setup(scorer, "riyadh-cafe", seed=s)[1] for s in (12, 13, 14)]
    assert any([d["id"] for d in o["drafts"]] != [d["id"] for d in first["drafts"]] for o in others)
    assert any(o["sets"] != first["sets"] for o in others)


@pytest.mark.parametrize(
    "submission", [{}, {"flags": "x", "fixes": "y", "decisions": []}, {"flags": {"d1": 3}}]
)
def test_an_empty_or_malformed_submission_scores_zero_without_raising(scorer, submission):
    """Nothing usable earns nothing, and every criterion still says why."""
    variant, task, _, _ = setup(scorer, "ledger-b2b")
    result = scorer.score(variant, task, submission)
    assert result.total == 0
    assert all(c.reasons for c in result.criteria)


def test_the_result_is_plain_data(scorer):
    """The result stores as JSON: every reason a code and values."""
    variant, task, _, example = setup(scorer, "cairo-abaya", hard=True)
    stored: dict[str, Any] = scorer.score(variant, task, example).as_json()
    assert stored["hard_variant"] is True and stored["score"] == 100
    assert all(isinstance(r["code"], str) for c in stored["criteria"] for r in c["reasons"])


def test_only_rules_in_force_in_the_brands_market_are_offered(scorer):
    """Saudi Arabia's "say it is an ad" only on the café's drafts, the UAE's advertiser permit
    only on the accounting app's; the Egyptian brands get neither."""
    cafe = {r["id"] for r in setup(scorer, "riyadh-cafe")[1]["rules"]}
    app = {r["id"] for r in setup(scorer, "ledger-b2b")[1]["rules"]}
    shop = {r["id"] for r in setup(scorer, "cairo-abaya")[1]["rules"]}
    assert {r["id"] for r in setup(scorer, "food-bank")[1]["rules"]} == shop
    assert cafe - shop == {"sa-say-it-is-an-ad"}
    assert app - shop == {"ae-advertiser-permit"}


def test_a_rationale_naming_all_but_one_metric_earns_half(scorer):
    """Four of the five metrics, the deciding one among them: half of each set's share."""
    variant, task, _, example = setup(scorer, "food-bank")
    mine = copy.deepcopy(example)
    crowded = "تكلفة النتيجة والتكرار وعدد النتائج ونسبة النقر كلها في الحسبان."
    for decision in mine["decisions"].values():
        decision["why"] = crowded
    rationales = criterion(scorer.score(variant, task, mine), "rationales")
    assert rationales.points == pytest.approx(15 / 2)
    assert {r.code for r in rationales.reasons} == {"why.crowded"}
