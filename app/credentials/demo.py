"""Demo data for `flask demo`: the demo learner completes a track and holds its credential."""

from __future__ import annotations

from sqlalchemy import func, select

from app.accounts.models import User
from app.content.model import Library
from app.core.extensions import db
from app.courses.services import complete_lesson
from app.credentials.domain.due import core_lessons
from app.credentials.models import Credential
from app.quizzes import services as quizzes
from app.quizzes.domain import model_answer, track_items

DEMO_TRACK = "platforms"


def seed_credential(user: User, lib: Library) -> bool:
    """Complete the track's core lessons and pass its test (once): the credential follows."""
    held = db.session.scalar(select(func.count(Credential.id)).where(Credential.user_id == user.id))
    if held or DEMO_TRACK not in lib.tracks:
        return False
    for lesson_id in core_lessons(lib.tracks[DEMO_TRACK]):
        if lesson_id in lib.lessons:
            complete_lesson(user, lesson_id)
    items = track_items(lib, DEMO_TRACK, "demo")
    attempt = quizzes.start_attempt(user, "track", DEMO_TRACK, items)
    quizzes.submit_attempt(user, lib, attempt.token, {i: model_answer(lib.items[i]) for i in items})
    return bool(
        db.session.scalar(select(func.count(Credential.id)).where(Credential.user_id == user.id))
    )
