"""Frozen content records shared by the loader, the pages and the gap engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from app.content.questions import QuizItem

Text = Mapping[str, str]  # {"ar": …, "en": …}
LANGS = ("ar", "en")


def pick(text: Text, lang: str) -> str:
    """Text in `lang`, else the other language, else an empty string."""
    return text.get(lang) or next((v for v in text.values() if v), "")


@dataclass(frozen=True)
class Skill:
    """One of the 16 skills."""

    id: str
    group: str
    name: Text
    description: Text
    bkt: Mapping[str, float]
    decays: bool = False


@dataclass(frozen=True)
class Group:
    """A group of skills (for the radar chart)."""

    id: str
    name: Text


@dataclass(frozen=True)
class Role:
    """A target role: level per skill and its core (★) skills."""

    id: str
    name: Text
    description: Text
    portfolio: Text
    targets: Mapping[str, int]
    core: frozenset[str]
    line: int = 0


@dataclass(frozen=True)
class Condition:
    """One named condition of an exercise (ordinary, Ramadan, expiring cards…); hard or not."""

    id: str
    title: Text
    hard: bool = False


@dataclass(frozen=True)
class CriterionRef:
    """One scored criterion of an exercise: its points and the lesson that teaches it."""

    id: str
    points: int
    lesson: str
    title: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Exercise:
    """A sandbox exercise from the catalogue: a variant is one of its brands × a condition."""

    id: str
    track: str
    title: Text
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    brands: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()
    criteria: tuple[CriterionRef, ...] = ()
    line: int = 0
    summary: Text = field(default_factory=dict)

    @property
    def hard_conditions(self) -> tuple[str, ...]:
        """The ids of the conditions that count as a hard-variant attempt (§2.1, level 3)."""
        return tuple(c.id for c in self.conditions if c.hard)

    def condition(self, condition_id: str) -> Condition | None:
        """The named condition, or None."""
        return next((c for c in self.conditions if c.id == condition_id), None)

    def skills(self) -> tuple[tuple[str, str], ...]:
        """(skill, "primary" | "secondary") for every skill the exercise lists."""
        return (
            *((s, "primary") for s in self.primary),
            *((s, "secondary") for s in self.secondary),
        )


@dataclass(frozen=True)
class Fact:
    """A changeable platform figure with its source and date."""

    id: str
    value: Any
    unit: Mapping[str, Any]  # by language: a string, or forms by plural category (facts.py)
    label: Text
    source_title: str
    source_url: str
    as_of: str
    note: Text = field(default_factory=dict)
    source_kind: str = ""  # "platform" (its own docs) or "third-party"
    surface: str = ""  # "app" or "api" where the two differ, else ""
    line: int = 0


@dataclass(frozen=True)
class Term:
    """A glossary entry: the term in both languages and its definition."""

    id: str
    term: Text
    definition: Text
    line: int = 0


@dataclass(frozen=True)
class Source:
    """A dated source a lesson relies on."""

    title: str
    url: str
    as_of: str


@dataclass(frozen=True)
class LessonText:
    """One language version of a lesson."""

    lang: str
    title: str
    objectives: tuple[str, ...]
    sources: tuple[Source, ...]
    body: str
    file: str
    body_line: int


@dataclass(frozen=True)
class Lesson:
    """A lesson with its language versions."""

    id: str
    track: str
    module: str
    skills: tuple[str, ...]
    minutes: int
    exercises: tuple[str, ...]
    texts: Mapping[str, LessonText]

    def text(self, lang: str) -> LessonText:
        """The version in `lang`, or the other one when it is missing."""
        return self.texts.get(lang) or next(iter(self.texts.values()))


@dataclass(frozen=True)
class Module:
    """A module of a track: an ordered list of lesson ids."""

    id: str
    title: Text
    lessons: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Track:
    """A track: modules in order."""

    id: str
    code: str
    order: int
    title: Text
    description: Text
    modules: tuple[Module, ...]

    @property
    def lesson_ids(self) -> tuple[str, ...]:
        """Every lesson of the track in order."""
        return tuple(lid for m in self.modules for lid in m.lessons)


_SERIALS = count(1)


@dataclass(frozen=True)
class Library:
    """All content, loaded and validated once per process."""

    skills: Mapping[str, Skill]
    groups: Mapping[str, Group]
    roles: Mapping[str, Role]
    exercises: Mapping[str, Exercise]
    facts: Mapping[str, Fact]
    tracks: Mapping[str, Track]
    lessons: Mapping[str, Lesson]
    items: Mapping[str, QuizItem]
    terms: Mapping[str, Term] = field(default_factory=dict)
    avoid: tuple[Any, ...] = ()  # phrases.Avoid: the glossary's phrases to avoid
    # Names this library in the keys of kept renderings: unlike id(), never reused by a later
    # library once this one is dropped (the content loader keeps only its last few).
    serial: int = field(default_factory=lambda: next(_SERIALS), init=False, compare=False)

    def ordered_tracks(self) -> list[Track]:
        """Tracks in display order."""
        return sorted(self.tracks.values(), key=lambda t: (t.order, t.id))

    def items_for_lesson(self, lesson_id: str) -> list[QuizItem]:
        """Servable items of one lesson."""
        return [i for i in self.items.values() if i.lesson == lesson_id and not i.review]

    def lessons_for_skill(self, skill_id: str) -> list[Lesson]:
        """Lessons that build a skill, in track order."""
        order = [lid for t in self.ordered_tracks() for lid in t.lesson_ids]
        return [
            self.lessons[lid]
            for lid in order
            if lid in self.lessons and skill_id in self.lessons[lid].skills
        ]


EMPTY = Library({}, {}, {}, {}, {}, {}, {}, {})
