"""Which credentials are due (pure): tracks need every core lesson and a passed test; a skill
credential is issued at level 3 and again only after expiry, on evidence newer than it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.content.library import load_library
from app.credentials.domain.due import (
    Due,
    Held,
    core_lessons,
    due_credentials,
    skill_valid_until,
)

LIB, _ = load_library(Path(__file__).resolve().parents[2])
NOW = datetime(2027, 6, 1, tzinfo=UTC)
TRACK = LIB.tracks["platforms"]
CORE = core_lessons(TRACK)
SKILL = "copywriting"


def due(**kw):  # type: ignore[no-untyped-def]
    """due_credentials with empty defaults."""
    args = {"completed": (), "passed_tracks": (), "skill_levels": {}, "held": (), "now": NOW}
    return due_credentials(LIB, **(args | kw))


def test_a_track_needs_every_core_lesson_and_a_passed_test_but_no_elective():
    """Core lessons + passed test: due; one core lesson short or no test: not due."""
    every = [lesson for module in TRACK.modules for lesson in module.lessons]
    assert set(CORE) < set(every), "the platforms track has an elective module"
    assert due(completed=CORE, passed_tracks={"platforms"}) == [Due("track", "platforms")]
    assert due(completed=CORE[1:], passed_tracks={"platforms"}) == []
    assert due(completed=CORE) == []
    held = [Held("track", "platforms", None)]
    assert due(completed=CORE, passed_tracks={"platforms"}, held=held) == []


def test_a_skill_credential_is_due_at_level_3_once_while_valid():
    """Level 3: due; level 2: not; held and still valid: not due again."""
    assert due(skill_levels={SKILL: (3, NOW)}) == [Due("skill", SKILL)]
    assert due(skill_levels={SKILL: (2, NOW)}) == []
    valid = [Held("skill", SKILL, skill_valid_until(NOW - timedelta(days=10)))]
    assert due(skill_levels={SKILL: (3, NOW)}, held=valid) == []
    assert skill_valid_until(NOW) - NOW == timedelta(days=730)  # two years


def test_after_expiry_a_new_one_needs_evidence_newer_than_the_expiry():
    """Expired: due again only when the newest evidence is after the expiry."""
    ended = NOW - timedelta(days=5)
    expired = [Held("skill", SKILL, ended)]
    assert due(skill_levels={SKILL: (3, ended - timedelta(days=1))}, held=expired) == []
    assert due(skill_levels={SKILL: (3, ended + timedelta(days=1))}, held=expired) == [
        Due("skill", SKILL)
    ]
