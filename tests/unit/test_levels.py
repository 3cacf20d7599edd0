"""Levels follow curriculum.md §2.1 rule by rule, boundaries included; BKT and the gap report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.skills.domain import ExerciseResult, ItemAnswer, bkt_update, gap_report, skill_level


def answers(scores, tag="K", start=0):
    """Distinct items with the given scores, the last one most recent."""
    return [ItemAnswer(f"{tag}{start + i}", s, tag, start + i) for i, s in enumerate(scores)]


def level(ans, ex=()):
    """The level only."""
    return skill_level(list(ans), list(ex))[0]


# §2.1 level 1: at least 4 K-or-higher items answered, ≥ 70 % correct among the latest 10.
def test_level_1_needs_four_items():
    """3 perfect answers are not enough; 4 are."""
    assert level(answers([1, 1, 1])) == 0
    assert level(answers([1, 1, 1, 1])) == 1


def test_level_1_boundary_is_70_percent_inclusive():
    """Exactly 70 % among the latest 10 reaches level 1; 60 % does not."""
    assert level(answers([1] * 7 + [0] * 3)) == 1
    assert level(answers([1] * 6 + [0] * 4)) == 0


def test_level_1_counts_only_the_latest_10_items():
    """Old wrong answers outside the latest 10 no longer count."""
    assert level(answers([0] * 5 + [1] * 10)) == 1
    assert level(answers([1] * 10 + [0] * 5)) == 0


def test_partial_credit_counts_as_its_fraction():
    """Four answers at 0.7 average exactly 70 %."""
    assert level(answers([0.7, 0.7, 0.7, 0.7])) == 1
    assert level(answers([0.69, 0.7, 0.7, 0.7])) == 0


# §2.1 level 2: level 1 and (≥ 4 A-or-J items with ≥ 70 % among their latest 10, or exercises).
def test_level_2_by_application_items():
    """Four A/J items at 70 % on top of level 1 reach level 2; three do not."""
    base = answers([1, 1, 1, 1], "K")
    assert level(base + answers([1, 1, 1], "A", 10)) == 1
    assert level(base + answers([1, 1, 0.8, 0.5], "A", 10)) == 2  # mean 0.825
    assert level(base + answers([1, 0.8, 0.5, 0.5], "J", 10)) == 2  # mean 0.7, J counts as A-or-J
    assert level(base + answers([1, 0.7, 0.5, 0.5], "A", 10)) == 1  # mean 0.675


def test_level_2_by_exercises():
    """One primary exercise ≥ 70, or two secondary ones, reach level 2 without A items."""
    base = answers([1, 1, 1, 1])
    assert level(base, [ExerciseResult("sbx-01", 70, "primary")]) == 2
    assert level(base, [ExerciseResult("sbx-01", 69, "primary")]) == 1
    assert level(base, [ExerciseResult("sbx-01", 90, "secondary")]) == 1
    two = [ExerciseResult("sbx-01", 70, "secondary"), ExerciseResult("sbx-02", 75, "secondary")]
    assert level(base, two) == 2
    same_twice = [
        ExerciseResult("sbx-01", 70, "secondary"),
        ExerciseResult("sbx-01", 75, "secondary"),
    ]
    assert level(base, same_twice) == 1


def test_level_2_needs_level_1_first():
    """Exercise evidence alone does not skip level 1."""
    assert level([], [ExerciseResult("sbx-01", 100, "primary")]) == 0


# §2.1 level 3: level 2, ≥ 3 J items, ≥ 85 % among the latest 10 A-or-J items, and two
# different exercises ≥ 80 listing the skill, primary in one, a hard variant in one.
def practitioner_quiz():
    """Quiz evidence that meets level 3's quiz half."""
    return answers([1, 1, 1, 1], "K") + answers([1, 1, 1], "J", 10) + answers([1, 0.7], "A", 20)


def test_quizzes_alone_never_reach_level_3():
    """Perfect quiz evidence stops at level 2."""
    assert level(practitioner_quiz()) == 2


def test_level_3_with_two_strong_exercises():
    """Two different exercises ≥ 80, one primary, one hard, reach level 3."""
    ex = [
        ExerciseResult("sbx-01", 80, "primary"),
        ExerciseResult("sbx-02", 85, "secondary", hard=True),
    ]
    assert level(practitioner_quiz(), ex) == 3


def test_level_3_boundaries():
    """Each missing condition keeps the learner at level 2."""
    good = [
        ExerciseResult("sbx-01", 80, "primary"),
        ExerciseResult("sbx-02", 85, "secondary", hard=True),
    ]
    assert (
        level(practitioner_quiz(), [good[0], ExerciseResult("sbx-02", 79, "secondary", hard=True)])
        == 2
    )
    assert (
        level(practitioner_quiz(), [good[0], ExerciseResult("sbx-02", 85, "secondary")]) == 2
    )  # no hard
    assert (
        level(practitioner_quiz(), [ExerciseResult("sbx-01", 80, "secondary"), good[1]]) == 2
    )  # no primary
    assert (
        level(practitioner_quiz(), [good[0], ExerciseResult("sbx-01", 90, "primary", True)]) == 2
    )  # one exercise
    two_j = answers([1, 1, 1, 1], "K") + answers([1, 1], "J", 10) + answers([1, 1], "A", 20)
    assert level(two_j, good) == 2  # only 2 J items
    weak = answers([1, 1, 1, 1], "K") + answers([1, 1, 1], "J", 10) + answers([0.5, 0.5], "A", 20)
    assert level(weak, good) == 2  # A-or-J mean 0.8 < 0.85


def test_level_4_is_never_automatic():
    """However strong the evidence, the computed level stops at 3."""
    ex = [ExerciseResult(f"sbx-{i:02}", 100, "primary", True) for i in range(10)]
    assert level(practitioner_quiz() + answers([1] * 20, "J", 50), ex) == 3


def test_bkt_moves_towards_the_evidence():
    """Right answers raise the estimate, wrong ones lower it; it stays in [0, 1]."""
    params = {"p_slip": 0.1, "p_guess": 0.2, "p_learn": 0.12}
    assert bkt_update(0.3, 1.0, params) > 0.3
    assert bkt_update(0.9, 0.0, params) < 0.9
    assert 0 <= bkt_update(0.0, 0.5, params) <= 1 and 0 <= bkt_update(1.0, 0.5, params) <= 1


def test_gap_report_formulas():
    """§2.3: gap, priority ×2 for core skills, readiness, job-ready, top list, refresh flag."""
    now = datetime(2026, 11, 26, tzinfo=UTC)
    report = gap_report(
        role="r",
        targets={"a": 2, "b": 2, "c": 1, "d": 0},
        core=["a"],
        groups={"a": "g1", "b": "g1", "c": "g2", "d": "g2"},
        levels={"a": 1, "b": 0, "c": 1},
        confidence={"a": 0.5},
        last_evidence={"c": now - timedelta(days=200)},
        decays=["c"],
        now=now,
    )
    rows = {r.skill: r for r in report.rows}
    assert (rows["a"].gap, rows["a"].priority) == (1, 2)
    assert (rows["b"].gap, rows["b"].priority) == (2, 2)
    assert rows["d"].gap == 0 and rows["c"].refresh
    assert report.readiness == (1 + 0 + 1 + 0) / 5
    assert not report.job_ready
    assert [r.skill for r in report.top] == ["b", "a"]  # same priority: lower confidence first
    done = gap_report(
        role="r",
        targets={"a": 1},
        core=["a"],
        groups={"a": "g"},
        levels={"a": 1},
        confidence={},
        last_evidence={},
        decays=[],
        now=now,
    )
    assert done.job_ready and done.readiness == 1.0 and done.top == ()


def test_top_list_keeps_at_most_five_in_priority_order():
    """§2.3 step 5: the top list holds the highest-priority gaps, at most five of them."""
    now = datetime(2026, 11, 26, tzinfo=UTC)
    targets = {f"s{i}": 3 for i in range(8)}
    levels = {f"s{i}": min(i, 3) for i in range(8)}  # gaps 3, 2, 1, 0, 0, …
    report = gap_report(
        role="r",
        targets=targets,
        core=["s2"],
        groups=dict.fromkeys(targets, "g"),
        levels=levels,
        confidence={},
        last_evidence={},
        decays=[],
        now=now,
    )
    assert [r.skill for r in report.top] == ["s0", "s1", "s2"]  # s2 is core: 1 × 2 = 2
    wide = gap_report(
        role="r",
        targets=targets,
        core=[],
        groups=dict.fromkeys(targets, "g"),
        levels={},
        confidence={},
        last_evidence={},
        decays=[],
        now=now,
    )
    assert len(wide.top) == 5


# §2.1 level 3, condition by condition: "why this level" names exactly what is missing.
def _practitioner_inputs():
    """Answers and exercises that meet every level-3 condition."""
    ans = answers([1] * 4, "K") + answers([1] * 4, "A", 10) + answers([1] * 3, "J", 20)
    ex = [ExerciseResult("sbx-02", 85, "primary"), ExerciseResult("sbx-09", 82, "primary", True)]
    return ans, ex


def test_level_3_met_names_nothing_missing_and_lists_the_counted_exercises():
    """Every condition met: level 3, nothing missing, both exercises counted."""
    ans, ex = _practitioner_inputs()
    lvl, reasons = skill_level(ans, ex)
    assert lvl == 3 and reasons[2].facts["missing"] == ()
    assert reasons[2].facts["counted"] == (
        ("sbx-02", "primary", False),
        ("sbx-09", "primary", True),
    )


def test_level_3_each_single_missing_condition_is_named():
    """Dropping one condition at a time stops level 3 and names exactly that condition."""
    ans, ex = _practitioner_inputs()
    cases = {
        "judgement-items": (ans[:-1], ex),
        "judgement-mean": (ans[:-3] + answers([0.5] * 3, "J", 20), ex),
        "two-exercises": (ans, [ExerciseResult("sbx-09", 82, "primary", True)]),
        "primary-exercise": (
            ans,
            [
                ExerciseResult("sbx-02", 85, "secondary"),
                ExerciseResult("sbx-09", 82, "secondary", True),
            ],
        ),
        "hard-variant": (
            ans,
            [ExerciseResult("sbx-02", 85, "primary"), ex[1].__class__("sbx-09", 82, "primary")],
        ),
    }
    for missing, (a, e) in cases.items():
        lvl, reasons = skill_level(a, e)
        assert lvl == 2, missing
        assert reasons[2].facts["missing"] == (missing,), (missing, reasons[2].facts)


def test_a_hard_fail_scored_zero_does_not_count_toward_level_3():
    """An attempt stored at 0 (hard fail) is not one of the two strong exercises."""
    ans, ex = _practitioner_inputs()
    lvl, reasons = skill_level(ans, [ex[0], ExerciseResult("sbx-09", 0, "primary", True)])
    assert lvl == 2 and "two-exercises" in reasons[2].facts["missing"]
