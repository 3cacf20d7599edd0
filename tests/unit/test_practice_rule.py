"""The practice-link rule: each branch for a gap and for a lesson (pure, no app)."""

from __future__ import annotations

from app.content.model import Exercise, Lesson
from app.content.practice import PracticeLink, for_lesson, for_skill


def ex(id_: str, primary: tuple[str, ...], secondary: tuple[str, ...] = ()) -> Exercise:
    """A catalogue entry with only what the rule reads."""
    return Exercise(id=id_, track="t", title={}, primary=primary, secondary=secondary)


CATALOGUE = {
    e.id: e
    for e in (
        ex("sbx-01", ("research",), ("copy",)),
        ex("sbx-02", ("copy",)),
        ex("sbx-03", ("copy", "care")),
        ex("sbx-04", ("ads",), ("research",)),
    )
}


def lesson(skills: tuple[str, ...], exercises: tuple[str, ...]) -> Lesson:
    """A lesson with only what the rule reads."""
    return Lesson(
        id="l", track="t", module="m", skills=skills, minutes=5, exercises=exercises, texts={}
    )


def test_gap_takes_the_first_takeable_exercise_with_the_skill_primary():
    """Catalogue order decides among exercises that can be taken with the skill primary."""
    assert for_skill("copy", CATALOGUE, {"sbx-03", "sbx-02"}) == PracticeLink("sbx-02", True)
    assert for_skill("copy", CATALOGUE, {"sbx-03"}) == PracticeLink("sbx-03", True)


def test_gap_falls_back_to_a_takeable_exercise_with_the_skill_secondary():
    """No takeable primary: the first takeable exercise listing the skill as secondary."""
    assert for_skill("research", CATALOGUE, {"sbx-04"}) == PracticeLink("sbx-04", True)
    assert for_skill("copy", CATALOGUE, {"sbx-01", "sbx-04"}) == PracticeLink("sbx-01", True)


def test_gap_names_the_first_primary_exercise_as_coming_soon():
    """Nothing takeable: the first exercise with the skill primary, without a link."""
    assert for_skill("copy", CATALOGUE, set()) == PracticeLink("sbx-02", False)
    assert for_skill("research", CATALOGUE, {"sbx-02"}) == PracticeLink("sbx-01", False)


def test_gap_on_a_skill_no_exercise_lists_gives_nothing():
    """A skill no exercise lists as primary or secondary offers no exercise."""
    assert for_skill("unknown", CATALOGUE, set(CATALOGUE)) is None


def test_lesson_offers_its_own_takeable_exercises():
    """A lesson's own front-matter exercises that can be taken, all of them, in order."""
    links = for_lesson(
        lesson(("ads",), ("sbx-03", "sbx-01", "sbx-02")), CATALOGUE, {"sbx-02", "sbx-03"}
    )
    assert links == (PracticeLink("sbx-03", True), PracticeLink("sbx-02", True))


def test_lesson_without_takeable_exercises_uses_the_gap_rule_per_skill_in_order():
    """None of its own can be taken: the first of its skills whose gap rule gives a link."""
    links = for_lesson(
        lesson(("care", "ads", "copy"), ("sbx-03",)), CATALOGUE, {"sbx-04", "sbx-02"}
    )
    assert links == (PracticeLink("sbx-04", True),)  # care gives no link; ads gives sbx-04


def test_lesson_with_nothing_takeable_names_its_first_exercise_as_coming_soon():
    """No link anywhere: its first front-matter exercise, coming soon."""
    links = for_lesson(lesson(("care",), ("sbx-03", "sbx-02")), CATALOGUE, set())
    assert links == (PracticeLink("sbx-03", False),)


def test_lesson_without_exercises_or_links_offers_nothing():
    """No front-matter exercise and no link for its skills: nothing to offer."""
    assert for_lesson(lesson(("care",), ()), CATALOGUE, set()) == ()
    assert for_lesson(lesson(("care",), ("sbx-99",)), CATALOGUE, set()) == ()
