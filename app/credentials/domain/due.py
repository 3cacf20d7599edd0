"""Which credentials a learner has earned and does not hold yet (pure: no Flask, no database)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.content.model import Library, Track

PASS_MARK = 0.70  # a track test passed at 70% or more
SKILL_LEVEL = 3  # Practitioner
SKILL_VALIDITY = timedelta(days=730)  # two years, as the platforms' own certifications
ELECTIVE_MODULE_TITLE = "Elective"


@dataclass(frozen=True)
class Held:
    """A credential the learner already holds (revoked ones included: they are not reissued)."""

    kind: str
    subject_id: str
    valid_until: datetime | None


@dataclass(frozen=True)
class Due:
    """A credential to issue now."""

    kind: str
    subject_id: str


def core_lessons(track: Track) -> tuple[str, ...]:
    """The track's lessons outside elective modules."""
    return tuple(
        lesson
        for module in track.modules
        if module.title.get("en", "").strip() != ELECTIVE_MODULE_TITLE
        for lesson in module.lessons
    )


def skill_valid_until(valid_from: datetime) -> datetime:
    """When a skill credential issued at `valid_from` expires."""
    return valid_from + SKILL_VALIDITY


def due_credentials(
    lib: Library,
    *,
    completed: Collection[str],
    passed_tracks: Collection[str],
    skill_levels: Mapping[str, tuple[int, datetime | None]],
    held: Iterable[Held],
    now: datetime,
) -> list[Due]:
    """Track credentials for completed tracks, skill credentials for level 3, not yet held.

    A skill credential is due again only after every earlier one expired and the skill shows
    level 3 with evidence newer than the latest expiry.
    """
    held = list(held)
    due: list[Due] = []
    for track in lib.ordered_tracks():
        core = core_lessons(track)
        if not core or track.id not in passed_tracks:
            continue
        if all(lesson in completed for lesson in core) and not _holds(held, "track", track.id):
            due.append(Due("track", track.id))
    for skill, (level, last_evidence) in sorted(skill_levels.items()):
        if level < SKILL_LEVEL or skill not in lib.skills:
            continue
        mine = [h for h in held if h.kind == "skill" and h.subject_id == skill]
        if not mine:
            due.append(Due("skill", skill))
            continue
        ends = [h.valid_until for h in mine]
        if any(end is None or end > now for end in ends):
            continue  # one is still valid
        latest = max(end for end in ends if end is not None)
        if last_evidence is not None and last_evidence > latest:
            due.append(Due("skill", skill))
    return due


def _holds(held: list[Held], kind: str, subject_id: str) -> bool:
    """Whether any credential of this kind and subject is held."""
    return any(h.kind == kind and h.subject_id == subject_id for h in held)
