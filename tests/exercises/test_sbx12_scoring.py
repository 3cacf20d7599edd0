"""sbx-12 "Run and read an A/B test" scoring (pure): strong, weak and hard-variant runs scored
criterion by criterion against §5.2's weights, the steps' locks, and seeds that reproduce."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.content.errors import Problems
from app.content.library import load_library
from app.exercises.domain.engine import Context, Variant
from app.exercises.domain.sbx12 import ACTION_SHARE, AbTestScorer
from app.exercises.domain.sbx12_data import load_sbx12
from app.exercises.domain.sbx12_desk import ab_step, declaration
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
FILE = "app/exercises/data/sbx-12.yaml"
# curriculum.md §5.2, sbx-12: the four criteria and their weights.
SPEC = {"one-attribute": 30, "declared-before": 15, "call": 40, "next-step": 15}
BRANDS = ("riyadh-cafe", "cairo-abaya", "ledger-b2b", "food-bank")


@pytest.fixture(scope="module")
def scorer() -> AbTestScorer:
    """The scorer on the real catalogue entry, data, scenarios and calendars."""
    library, _ = load_library(ROOT)
    sandbox = load_sandbox()
    problems = Problems()
    data = load_sbx12(ROOT / FILE, sandbox.scenarios, problems, FILE)
    assert data is not None, [str(p) for p in problems.items]
    context = Context(sandbox.scenarios, sandbox.calendars, {}, {"sbx-12": data})
    return AbTestScorer(library.exercises["sbx-12"], context)


def variant(brand: str, hard: bool = False, seed: int = 5) -> Variant:
    """A variant for a brand."""
    return Variant("sbx-12", brand, "unequal-split" if hard else "standard", hard, seed)


def declare_form(task: dict[str, Any], b: dict[str, Any] | None = None, **extra: Any) -> dict:
    """The declare step's form: A is the starting post, B the starting post with changes."""
    start = dict(task["start"])
    form = {f"a_{k}": str(v) for k, v in start.items()}
    form |= {f"b_{k}": str(v) for k, v in (start | (b or {})).items()}
    return {"step": "declare", "attribute": "first-line", "metric": "engaged", "direction": ""} | (
        form | {"duration_days": "7", "sample": "3000"} | extra
    )


def run(task: dict[str, Any], *forms: dict[str, Any]) -> dict[str, Any]:
    """A draft built by posting forms through the step rule (each must succeed)."""
    draft: dict[str, Any] = {}
    for form in forms:
        draft, error = ab_step(task, draft, form)
        assert error is None, (form, error)
    return draft


def points(result) -> dict[str, float]:
    """Criterion id → points earned."""
    return {c.id: c.points for c in result.criteria}


def test_the_scorer_uses_the_specs_criteria_and_weights(scorer):
    """The scorer and the catalogue both carry §5.2's four criteria with 30/15/40/15."""
    assert dict(scorer.criteria) == SPEC
    assert {c.id: c.points for c in scorer.exercise.criteria} == SPEC


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("hard", [False, True])
def test_a_strong_run_earns_every_criterion(scorer, brand, hard):
    """The model test, the simulator's verdict and a consistent written next step: 100."""
    v = variant(brand, hard)
    task = scorer.task(v)
    result = scorer.score(v, task, scorer.example(v, task))
    assert points(result) == SPEC
    assert result.total == 100


def test_a_weak_run_loses_what_it_got_wrong(scorer):
    """Two changes, no sample, the opposite call, a rolled-out winner after it: computed loss."""
    v = variant("riyadh-cafe")
    task = scorer.task(v)
    declared = declare_form(task, {"first_line": "سؤال اليوم", "cta": "زورونا"}, sample="")
    draft = run(task, declared)
    verdict = scorer.run(v, task, declaration(draft)).verdict
    wrong = "a" if verdict != "a" else "b"
    draft = run(task, declared, {"step": "call", "call": wrong, "action_next": "test-other"})
    result = scorer.score(v, task, draft)
    assert points(result) == {
        "one-attribute": 0,
        "declared-before": SPEC["declared-before"] / 2,
        "call": 0,
        "next-step": 0,
    }
    codes = {r.code for c in result.criteria for r in c.reasons}
    assert {"diff.many", "declared.no-sample", "call.wrong", "next.short"} <= codes
    many = next(r for r in result.criteria[0].reasons if r.code == "diff.many")
    assert many.values["found"] == ["first-line", "cta"]


def test_one_change_but_not_the_declared_one_earns_half(scorer):
    """Changing the call to action while declaring the first line: half of the 30."""
    v = variant("cairo-abaya")
    task = scorer.task(v)
    draft = run(task, declare_form(task, {"cta": "اطلبي الآن"}))
    assert points(scorer.score(v, task, draft))["one-attribute"] == SPEC["one-attribute"] / 2


def test_an_inconclusive_call_with_a_written_retest_scores_by_the_verdict(scorer):
    """Identical rates (a changed CTA does not move the model): "inconclusive" is the call."""
    v = variant("ledger-b2b")
    task = scorer.task(v)
    declared = declare_form(task, {"cta": "اطلب عرضًا"}, attribute="cta")
    delivery = scorer.run(v, task, declaration(run(task, declared)))
    call = {"step": "call", "call": delivery.verdict, "action_next": "retest-larger"}
    call["next_step"] = "نعيد الاختبار بعينة أكبر ولمدة أسبوعين"
    result = scorer.score(v, task, run(task, declared, call))
    expected_next = (
        SPEC["next-step"]
        if delivery.verdict == "inconclusive"
        else SPEC["next-step"] * (1 - ACTION_SHARE)
    )
    assert points(result)["call"] == SPEC["call"]
    assert points(result)["next-step"] == pytest.approx(expected_next)


def hours_by_rate(scorer, v, task) -> tuple[int, int]:
    """The brand's worst and best hours on the test day by the model's rate."""
    rates = {h: scorer.rate(v, task, {**task["start"], "hour": h}, "engaged") for h in range(24)}
    return min(rates, key=rates.get), max(rates, key=rates.get)


def test_hard_variant_raw_counts_mislead_and_the_rate_call_wins(scorer):
    """Unequal split: the weaker draft gets most reach; calling by raw counts loses the 40."""
    found = 0
    for seed in range(1, 40):
        v = variant("riyadh-cafe", hard=True, seed=seed)
        task = scorer.task(v)
        worst, best = hours_by_rate(scorer, v, task)
        declared = declare_form(task, {"hour": best}, attribute="time", **{"a_hour": str(worst)})
        declared["a_hour"] = str(worst)
        d = scorer.run(v, task, declaration(run(task, declared)))
        assert d.n_a > 2 * d.n_b  # the weaker draft A got the bigger share
        if d.x_a > d.x_b and d.verdict == "b":
            raw = {"step": "call", "call": "a", "action_next": "roll-out-a", "next_step": "x" * 30}
            result = scorer.score(v, task, run(task, declared, raw))
            assert points(result)["call"] == 0
            assert "call.raw-counts" in {r.code for r in result.criteria[2].reasons}
            right = raw | {"call": "b", "action_next": "roll-out-b"}
            assert points(scorer.score(v, task, run(task, declared, right)))["call"] == SPEC["call"]
            found += 1
    assert found >= 3


def test_the_declaration_is_locked_and_a_call_needs_it(scorer):
    """A second declaration is refused; a call before the declaration is refused."""
    v = variant("food-bank")
    task = scorer.task(v)
    assert ab_step(task, {}, {"step": "call", "call": "a", "action_next": "roll-out-a"})[1] == (
        "call.not-declared"
    )
    draft = run(task, declare_form(task, {"first_line": "هل تشاركنا؟"}))
    again, error = ab_step(task, draft, declare_form(task, sample="9000"))
    assert error == "declare.locked" and again == draft
    assert ab_step(task, {}, declare_form(task, sample="50"))[1] == "declare.sample"
    assert ab_step(task, {}, declare_form(task, a_format="thread"))[1] == "declare.format"


def test_seeds_reproduce_and_differ(scorer):
    """The same variant gives the same task, counts and result; another seed other counts."""
    v = variant("riyadh-cafe", seed=11)
    task = scorer.task(v)
    example = scorer.example(v, task)
    assert scorer.task(v) == task
    assert scorer.score(v, task, example).as_json() == scorer.score(v, task, example).as_json()
    counts = {
        tuple(scorer.key(variant("riyadh-cafe", seed=s), task)["counts"]) for s in range(1, 6)
    }
    assert len(counts) > 1


def test_numbers_in_arabic_digits_count_and_lookalikes_are_refused(scorer):
    """«٣٠٠٠» is a sample of 3000; a superscript «²» is refused, not a crash."""
    task = scorer.task(variant("riyadh-cafe"))
    draft, error = ab_step(task, {}, declare_form(task, sample="٣٠٠٠"))
    assert error is None and declaration(draft)["sample"] == 3000
    assert ab_step(task, {}, declare_form(task, sample="²"))[1] == "declare.sample"
