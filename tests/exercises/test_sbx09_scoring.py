"""sbx-09 "Trend desk" scoring (pure): the example scores high in every brand and condition,
each criterion's reasons, partial credit, the hard fail, hostile drafts and determinism."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.content.errors import Problems
from app.content.library import load_library
from app.exercises.domain.engine import Context, Variant, pick_variant
from app.exercises.domain.sbx09 import TrendDesk, f1, timing_points
from app.exercises.domain.sbx09_data import load_sbx09
from app.exercises.domain.sbx09_desk import desk_step, summarise
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
FILE = "app/exercises/data/sbx-09.yaml"


@pytest.fixture(scope="module")
def scorer() -> TrendDesk:
    """The scorer on the real catalogue entry and data."""
    library, _ = load_library(ROOT)
    sandbox = load_sandbox()
    problems = Problems()
    data = load_sbx09(ROOT / FILE, sandbox.scenarios, problems, FILE)
    assert data is not None, [str(p) for p in problems.items]
    context = Context(sandbox.scenarios, {}, {}, {"sbx-09": data})
    return TrendDesk(library.exercises["sbx-09"], context)


def variant(scorer: TrendDesk, brand: str, hard: bool = False, seed: int = 5) -> Variant:
    """A variant for a brand."""
    return Variant("sbx-09", brand, "expiring-cards" if hard else "standard", hard, seed)


def steps(task: dict[str, Any], *forms: dict[str, Any]) -> dict[str, Any]:
    """A draft built by posting forms through the desk's step rule (each must succeed)."""
    draft: dict[str, Any] = {}
    for form in forms:
        draft, error = desk_step(task, draft, form)
        assert error is None, (form, error)
    return draft


def points(result: Any) -> dict[str, float]:
    """Criterion id → points."""
    return {c.id: c.points for c in result.criteria}


def codes(result: Any, criterion: str) -> list[str]:
    """The reason codes of one criterion."""
    return [r.code for c in result.criteria if c.id == criterion for r in c.reasons]


def test_criteria_match_the_catalogue(scorer):
    """The scorer's criteria are the catalogue's, in order, with the same points."""
    listed = tuple((c.id, c.points) for c in scorer.exercise.criteria)
    assert listed == TrendDesk.criteria and sum(p for _, p in listed) == 100


@pytest.mark.parametrize("brand", ["riyadh-cafe", "cairo-abaya", "ledger-b2b", "food-bank"])
@pytest.mark.parametrize("hard", [False, True])
def test_the_example_scores_at_least_90_everywhere(scorer, brand, hard):
    """The strong run built from the key scores ≥ 90 for every brand, in both conditions."""
    for seed in range(6):
        v = variant(scorer, brand, hard, seed)
        task = scorer.task(v)
        result = scorer.score(v, task, scorer.example(v, task))
        assert result.total >= 90 and not result.hard_fails, (seed, points(result))


def test_an_empty_desk_scores_zero_with_reasons(scorer):
    """Nothing decided, no concept: every criterion 0, each card named as missing."""
    v = variant(scorer, "riyadh-cafe")
    result = scorer.score(v, scorer.task(v), {})
    assert result.total == 0
    assert codes(result, "decisions") == ["decision.missing"] * 6
    assert codes(result, "concept-timing") == ["timing.none"]
    assert codes(result, "concept-fields") == ["fields.none"]


def test_partial_credit_and_tag_f1(scorer):
    """A no-go on a gold go with credit earns its share; tags score by F1."""
    v = variant(scorer, "riyadh-cafe")
    task = scorer.task(v)
    key = {c["id"]: c for c in scorer.key(v, task)["cards"]}
    card = next(c for c in task["cards"] if c["id"] == "latte-fail")
    assert key["latte-fail"]["credit"] == {"go": 1.0, "no-go": 0.5}
    draft = steps(
        task,
        {
            "step": "decision",
            "card": card["id"],
            "choice": "no-go",
            "tags": ["rising", "off-brand"],
        },
    )
    result = scorer.score(v, task, draft)
    assert points(result)["decisions"] == pytest.approx(40 * 0.5 / 6)
    # gold tags: fits-brand, rising, rights-clear → 1 hit of 2 chosen, 3 gold: F1 = 0.4
    assert points(result)["reason-tags"] == pytest.approx(25 * 0.4 / 6)
    assert "decision.partial" in codes(result, "decisions")
    assert f1([], ["a"]) == 0 and f1(["a"], ["a"]) == 1


def test_timing_decays_after_the_peak_and_is_zero_after_the_window(scorer):
    """Full before the peak, linear to 0 at the window's end, 0 after it (figures in the reason)."""
    assert timing_points(50, 60, 180, 15) == 15
    assert timing_points(120, 60, 180, 15) == pytest.approx(7.5)
    assert timing_points(180, 60, 180, 15) == 0
    v = variant(scorer, "riyadh-cafe")
    task = scorer.task(v)
    draft = scorer.example(v, task)
    concept = dict(draft["concept"])
    card = next(c for c in task["cards"] if c["id"] == concept["card"])
    late = [s | {"at": card["ends"] + 5} if s["step"] == "concept" else s for s in draft["steps"]]
    result = scorer.score(v, task, {"steps": late})
    assert points(result)["concept-timing"] == 0
    reason = next(r for c in result.criteria if c.id == "concept-timing" for r in c.reasons)
    assert reason.code == "timing.closed" and reason.values["ends"] == card["ends"]
    mid = (card["peak"] + card["ends"]) // 2
    decayed = [s | {"at": mid} if s["step"] == "concept" else s for s in draft["steps"]]
    result = scorer.score(v, task, {"steps": decayed})
    assert 0 < points(result)["concept-timing"] < 15
    assert codes(result, "concept-timing") == ["timing.decay"]


def test_concept_fields_each_earn_five(scorer):
    """Tie-in without the brand, platform the trend is not on, a wrong format, no CTA: 0."""
    v = variant(scorer, "riyadh-cafe")
    task = scorer.task(v)
    draft = steps(
        task,
        {"step": "decision", "card": "narjis-minute", "choice": "go", "tags": ["rising"]},
        {
            "step": "concept",
            "card": "narjis-minute",
            "platform": "linkedin",
            "format": "reel",
            "tie_in": "something nice",
            "cta": "",
            "caption": "a lovely neighbourhood",
        },
    )
    result = scorer.score(v, task, draft)
    assert points(result)["concept-fields"] == 0
    assert codes(result, "concept-fields") == [
        "fields.no-tie-in",
        "fields.platform-off",
        "fields.format-off",
        "fields.no-cta",
    ]
    good = steps(
        task,
        {"step": "decision", "card": "narjis-minute", "choice": "go", "tags": ["rising"]},
        {
            "step": "concept",
            "card": "narjis-minute",
            "platform": "instagram",
            "format": "reel",
            "tie_in": "بالقهوة المختصة من الفرع الجديد",
            "cta": "تعالوا الخميس",
            "caption": "حيّنا في دقيقة",
        },
    )
    assert scorer.score(v, task, good).criteria[3].points == 20


def test_a_go_on_a_tragedy_card_is_a_hard_fail_that_keeps_the_points(scorer):
    """All else right, a go on the tragedy card: total 0, points ≥ 60 (via finish)."""
    v = variant(scorer, "riyadh-cafe")
    task = scorer.task(v)
    draft = scorer.example(v, task)
    flip = {"step": "decision", "card": "candles-tag", "choice": "go", "tags": ["rising"]}
    draft, error = desk_step(task, draft, flip)
    assert error is None
    result = scorer.score(v, task, draft)
    assert result.total == 0 and result.points >= 60
    assert [r.code for r in result.hard_fails] == ["hardfail.tragedy"]


def test_a_late_flag_go_left_standing_is_a_hard_fail_that_says_when(scorer):
    """Hard condition: a go made before the flag appeared still fails if it stood."""
    v = variant(scorer, "cairo-abaya", hard=True)
    task = scorer.task(v)
    late = next(c for c in task["cards"] if c["late_flags"])
    draft = steps(
        task, {"step": "decision", "card": late["id"], "choice": "go", "tags": ["rising"]}
    )
    result = scorer.score(v, task, draft)
    fail = result.hard_fails[0]
    assert fail.code == "hardfail.late-tragedy" and fail.values["after"] == task["flags_after"]
    # Revisiting after the flag appears clears it.
    fixed = dict(draft)
    open_cards = [c for c in task["cards"] if c["id"] != late["id"] and c["ends"] > 100]
    for card in open_cards[: task["flags_after"]]:
        fixed, _ = desk_step(
            task,
            fixed,
            {"step": "decision", "card": card["id"], "choice": "no-go", "tags": ["off-brand"]},
        )
    fixed, error = desk_step(
        task,
        fixed,
        {
            "step": "decision",
            "card": late["id"],
            "choice": "no-go",
            "tags": ["sensitivity-tragedy"],
        },
    )
    assert error is None and not scorer.score(v, task, fixed).hard_fails


@pytest.mark.parametrize(
    "junk",
    [
        None,
        "text",
        {"steps": "x"},
        {"steps": [None, 1, "a", {"step": "decision"}, {"card": "<b>", "at": "9"}]},
        {"steps": [{"step": "concept", "card": "narjis-minute", "at": 1, "tie_in": "x" * 10**6}]},
        {
            "steps": [
                {
                    "step": "decision",
                    "card": "narjis-minute",
                    "choice": "go",
                    "tags": "x",
                    "at": True,
                }
            ]
        },
    ],
)
def test_hostile_drafts_never_raise(scorer, junk):
    """Anything stored as a draft scores without raising."""
    v = variant(scorer, "riyadh-cafe")
    task = scorer.task(v)
    result = scorer.score(v, task, junk)  # type: ignore[arg-type]
    assert 0 <= result.total <= 100


def test_hostile_forms_are_refused_or_capped(scorer):
    """HTML, huge text and mixed digits in step forms: refused with a code or capped."""
    v = variant(scorer, "ledger-b2b")
    task = scorer.task(v)
    assert desk_step(task, {}, {})[1] == "desk.unknown-step"
    assert desk_step(task, {}, {"step": "decision", "card": "<script>"})[1] == "desk.unknown-card"
    draft = steps(
        task,
        {"step": "decision", "card": "deadline-me", "choice": "go", "tags": ["rising", "nope"]},
    )
    assert draft["decisions"]["deadline-me"]["tags"] == ["rising"]
    form = {
        "step": "concept",
        "card": "deadline-me",
        "platform": "linkedin",
        "format": "feed",
        "tie_in": "<b>قيود</b> ١٥ " + "x" * 9000,
        "cta": "سجّل ١٥ سبتمبر",
        "caption": "y" * 99999,
    }
    draft, error = desk_step(task, draft, form)
    assert error is None and len(draft["concept"]["caption"]) == 2200
    result = scorer.score(v, task, draft)
    assert "fields.tie-in" in codes(result, "concept-fields")


def test_same_seed_same_task_key_and_score(scorer):
    """The seed fixes cards, their order, the key and the score."""
    library, _ = load_library(ROOT)
    exercise = library.exercises["sbx-09"]
    for condition in ("standard", "expiring-cards"):
        a, b = pick_variant(exercise, condition, 77), pick_variant(exercise, condition, 77)
        assert scorer.task(a) == scorer.task(b)
        task = scorer.task(a)
        assert scorer.key(a, task) == scorer.key(b, task)
        example = scorer.example(a, task)
        assert scorer.score(a, task, example) == scorer.score(b, task, example)
    orders = {
        tuple(c["id"] for c in scorer.task(variant(scorer, "food-bank", seed=s))["cards"])
        for s in range(8)
    }
    assert len(orders) > 1


def test_summarise_rebuilds_the_clock_from_the_steps(scorer):
    """The clock is the sum of the steps' minutes."""
    v = variant(scorer, "food-bank")
    task = scorer.task(v)
    draft = scorer.example(v, task)
    assert summarise(task, draft["steps"])["clock"] == 6 * 10 + 20
