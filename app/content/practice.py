"""Which exercise to practise next: one rule for the gap report and the lesson page (pure).

An exercise "can be taken" when a scorer is registered for it; until then pages name it as
coming soon, without a link. The rule (issue "Findable, readable practice", curriculum.md §2.3):

- for a gap on skill S: the first exercise in catalogue order that can be taken with S
  primary; else one that can be taken with S secondary; else the first exercise with S
  primary, coming soon;
- for a lesson: its front-matter exercises that can be taken; if none, the gap rule for each
  of the lesson's skills in front-matter order until one gives a link; else its first
  front-matter exercise, coming soon.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from app.content.model import Exercise, Lesson


@dataclass(frozen=True)
class PracticeLink:
    """An exercise to offer, and whether it can be taken now (False: "coming soon")."""

    exercise: str
    available: bool


def for_skill(
    skill: str, exercises: Mapping[str, Exercise], takeable: Collection[str]
) -> PracticeLink | None:
    """The exercise that practises a gap on `skill`, or None when no exercise lists it."""
    for role in ("primary", "secondary"):
        for exercise in exercises.values():
            if exercise.id in takeable and skill in getattr(exercise, role):
                return PracticeLink(exercise.id, True)
    first = next((e.id for e in exercises.values() if skill in e.primary), None)
    return PracticeLink(first, False) if first else None


def for_lesson(
    lesson: Lesson, exercises: Mapping[str, Exercise], takeable: Collection[str]
) -> tuple[PracticeLink, ...]:
    """The exercises a lesson offers: its own that can be taken, else one for its skills."""
    own = [e for e in lesson.exercises if e in exercises]
    ready = tuple(PracticeLink(e, True) for e in own if e in takeable)
    if ready:
        return ready
    for skill in lesson.skills:
        link = for_skill(skill, exercises, takeable)
        if link is not None and link.available:
            return (link,)
    return (PracticeLink(own[0], False),) if own else ()
