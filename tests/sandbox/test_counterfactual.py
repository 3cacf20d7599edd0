"""The why panel's lesson: one change at a time, the best of them, lessons that exist."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from app.content.errors import Problems
from app.content.library import load_library
from app.sandbox.domain.counterfactual import (
    LESSON_FOR_FORMAT,
    LESSON_FOR_HOUR,
    LESSON_FOR_PILLAR,
    Change,
    Situation,
    best_change,
    check_lesson_links,
    lesson_ids,
    measure,
    outcome_of,
    variants,
)
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
DATA = load_sandbox()


def situation(**changes: object) -> Situation:
    """A café post on Instagram at 03:00 on a Monday, with no rule broken."""
    scenario = DATA.scenarios["riyadh-cafe"]
    base = Situation(
        scenario=scenario,
        calendar=DATA.calendars["sa"],
        seed=3,
        key="i1-instagram",
        platform="instagram",
        format="feed",
        text="قهوة مختصة",
        when=datetime(2027, 2, 1, 3),
        pillar="behind-the-bar",
        trend="",
        goal="awareness",
        followers=7200,
        has_link=False,
        day_index=1,
        neighbours=(),
        violations={"feed": (), "carousel": (), "reel": (), "story": ()},
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_the_lesson_is_the_best_single_change_and_its_figures_are_the_engines():
    """The change found beats every other one tried; before and after are outcome_of's."""
    s = situation()
    change = best_change(s)
    assert change is not None and change.kind == "hour"  # nobody is online at 03:00
    tried = [(kind, new, measure(outcome_of(v), "reach")) for kind, _was, new, v in variants(s)]
    assert change.after == max(r for _k, _n, r in tried)
    assert change.before == outcome_of(s).reach
    assert (change.kind, change.instead, change.after) in tried


def test_no_lesson_once_every_single_change_is_worse():
    """Taking the lesson again and again ends where no change helps: then there is none."""
    s = situation()
    for _ in range(10):
        change = best_change(s)
        if change is None:
            break
        key = {"hour": "when", "format": "format", "pillar": "pillar"}[change.kind]
        value = s.when.replace(hour=int(change.instead[:2])) if key == "when" else change.instead
        s = replace(s, **{key: value})  # type: ignore[arg-type]
    assert best_change(s) is None
    before = outcome_of(s).reach
    assert all(measure(outcome_of(v), "reach") <= before * 1.01 for *_, v in variants(s))


def test_engagement_goals_are_judged_by_engagements_and_percent_rounds():
    """Any goal but awareness compares engagements; the stated percent is rounded."""
    change = best_change(situation(goal="engagement"))
    assert change is not None and change.metric == "engagements"
    assert Change("hour", "03:00", "21:00", "reach", 200, 262).percent == 31
    assert Change("hour", "03:00", "21:00", "reach", 0, 5).percent == 0


def test_formats_with_errors_are_not_tried():
    """A format missing from the allowed list (the draft breaks its rules) is never proposed."""
    s = situation(violations={"feed": ()})
    assert {kind for kind, *_ in variants(s)} == {"hour", "pillar"}


def test_every_linked_lesson_exists_and_teaches_the_change():
    """Timing, pillar and format lessons exist in courses/ with the skill they teach."""
    lessons = load_library(ROOT)[0].lessons
    assert "content-planning" in lessons[LESSON_FOR_HOUR].skills
    assert "audience-research" in lessons[LESSON_FOR_PILLAR].skills
    for platform, lesson in LESSON_FOR_FORMAT.items():
        assert "platform-fluency" in lessons[lesson].skills, platform
    problems = Problems()
    check_lesson_links(set(lessons), problems)
    assert not problems.items
    check_lesson_links(set(lessons) - {LESSON_FOR_HOUR}, problems)
    assert [p.message for p in problems.items] == [
        f"the why panel links to unknown lesson {LESSON_FOR_HOUR!r}"
    ]
    assert lesson_ids() <= set(lessons)


def test_reach_is_said_when_the_goals_measure_cannot_tell_the_changes_apart():
    """One engagement either way: the lesson says the reach it would have added instead."""
    s = situation(
        platform="x",
        followers=60,
        goal="engagement",
        when=datetime(2027, 2, 1, 13),
        violations={"feed": (), "thread": (), "video": ()},
    )
    change = best_change(s)
    assert change is not None and change.metric == "reach"
    assert change.before == outcome_of(s).reach and change.after > change.before
    tied = [v for kind, _w, new, v in variants(s) if (kind, new) == (change.kind, change.instead)]
    assert outcome_of(tied[0]).engagements == outcome_of(s).engagements
