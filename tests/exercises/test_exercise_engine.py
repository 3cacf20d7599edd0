"""The exercise engine's pure parts: variants from seeds, totals, hard fails, evidence rows."""

from __future__ import annotations

from app.content.model import Condition, Exercise
from app.exercises.domain.engine import CriterionScore, Reason, finish, pick_variant

EXERCISE = Exercise(
    "sbx-xx",
    "copywriting",
    {"ar": "تمرين", "en": "Exercise"},
    ("copywriting", "platform-fluency"),
    ("audience-research",),
    ("riyadh-cafe", "cairo-abaya", "ledger-b2b", "food-bank"),
    (Condition("standard", {}), Condition("hard-one", {}, hard=True)),
)


def test_same_seed_same_variant_and_seeds_spread_over_brands():
    """A seed always picks the same brand; a range of seeds reaches every brand."""
    assert pick_variant(EXERCISE, "standard", 42) == pick_variant(EXERCISE, "standard", 42)
    brands = {pick_variant(EXERCISE, "standard", seed).brand for seed in range(40)}
    assert brands == set(EXERCISE.brands)


def test_the_condition_sets_the_hard_flag_and_an_unknown_one_is_refused():
    """The hard condition marks the variant hard; a condition the exercise lacks raises."""
    assert pick_variant(EXERCISE, "hard-one", 1).hard
    assert not pick_variant(EXERCISE, "standard", 1).hard
    try:
        pick_variant(EXERCISE, "nope", 1)
    except ValueError as exc:
        assert "nope" in str(exc)
    else:
        raise AssertionError("an unknown condition was accepted")


def test_rng_is_keyed_by_purpose_and_stable():
    """Draws for one purpose repeat with the seed and differ between purposes."""
    v = pick_variant(EXERCISE, "standard", 7)
    assert v.rng("order").random() == v.rng("order").random()
    assert v.rng("order").random() != v.rng("other").random()


def test_finish_totals_clamped_points_and_writes_one_row_per_skill():
    """Points above a criterion's maximum are clamped; evidence rows carry role and hard flag."""
    v = pick_variant(EXERCISE, "hard-one", 3)
    result = finish(EXERCISE, v, [CriterionScore("a", 70, 60), CriterionScore("b", 25.4, 40)])
    assert result.points == 85.4 and result.total == 85
    assert [(e.skill, e.role, e.score, e.hard) for e in result.evidence] == [
        ("copywriting", "primary", 85.0, True),
        ("platform-fluency", "primary", 85.0, True),
        ("audience-research", "secondary", 85.0, True),
    ]


def test_a_hard_fail_makes_the_total_and_the_evidence_zero_but_keeps_the_points():
    """§5.4: a hard fail overrides the points; the result still shows what was earned."""
    v = pick_variant(EXERCISE, "standard", 3)
    result = finish(
        EXERCISE, v, [CriterionScore("a", 60, 60), CriterionScore("b", 30, 40)], [Reason("x")]
    )
    assert result.points == 90 and result.total == 0
    assert {e.score for e in result.evidence} == {0.0}
    stored = result.as_json()
    assert stored["hard_fail"] and stored["score"] == 0 and stored["points"] == 90
