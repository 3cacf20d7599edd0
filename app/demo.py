"""Demo data for `flask demo`: the demo learner's progress, diagnostic and gap report."""

from __future__ import annotations

from sqlalchemy import func, select

from app.accounts.models import User
from app.content.model import Library
from app.core.extensions import db
from app.courses.services import complete_lesson
from app.quizzes import services as quizzes
from app.quizzes.domain import diagnostic_items, lesson_items, model_answer, rng
from app.quizzes.models import QuizAttempt
from app.skills.services import set_target_role

DEMO_ROLE = "junior-coordinator"
DEMO_LESSONS = ("ori-1", "plt-1", "plt-2")


def seed_learning(user: User, lib: Library) -> bool:
    """Give the demo learner a target role, lessons, a diagnostic and two quizzes (once)."""
    done = db.session.scalar(
        select(func.count(QuizAttempt.id)).where(QuizAttempt.user_id == user.id)
    )
    if done:
        return False
    if DEMO_ROLE in lib.roles:
        set_target_role(user, DEMO_ROLE)
    for lesson_id in DEMO_LESSONS:
        if lesson_id in lib.lessons:
            complete_lesson(user, lesson_id)
    take(user, lib, "diagnostic", "orientation", diagnostic_items(lib), 0.6)
    for lesson_id in DEMO_LESSONS[1:]:
        take(user, lib, "lesson", lesson_id, lesson_items(lib, lesson_id), 0.8)
    return True


def take(user: User, lib: Library, kind: str, ref: str, item_ids: list[str], skill: float) -> None:
    """Answer a quiz, right on about `skill` of the items (the same ones every time)."""
    if not item_ids:
        return
    attempt = quizzes.start_attempt(user, kind, ref, item_ids)
    draw = rng("demo", kind, ref)
    responses = {i: model_answer(lib.items[i]) for i in item_ids if draw.random() < skill}
    quizzes.submit_attempt(user, lib, attempt.token, responses)
