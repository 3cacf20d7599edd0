"""Lesson progress services and read models for the catalogue and home page."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite

from app.accounts.models import User
from app.content.model import Library
from app.core.db import utcnow, write_unit
from app.core.extensions import db
from app.courses.models import LessonProgress

IS_COMPLETE = (
    select(LessonProgress.__table__.c.id)
    .where(
        LessonProgress.__table__.c.user_id == bindparam("user"),
        LessonProgress.__table__.c.lesson_id == bindparam("lesson"),
    )
    .limit(1)
)


COMPLETED_IDS = select(LessonProgress.__table__.c.lesson_id).where(
    LessonProgress.__table__.c.user_id == bindparam("user")
)


def completed_ids(user: User) -> set[str]:
    """Ids of the lessons the user completed (a Core query: no ORM objects needed)."""
    return set(db.session.execute(COMPLETED_IDS, {"user": user.id}).scalars())


def is_complete(user: User, lesson_id: str) -> bool:
    """Whether the user completed one lesson (one indexed lookup)."""
    # A Core statement: the ORM path costs more than the lookup itself on the lesson page.
    found = db.session.execute(IS_COMPLETE, {"user": user.id, "lesson": lesson_id}).first()
    return found is not None


def complete_lesson(user: User, lesson_id: str) -> None:
    """Mark a lesson complete; a second click changes nothing (unique row, upsert)."""
    insert = (
        postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    )
    stmt = insert(LessonProgress).values(
        user_id=user.id, lesson_id=lesson_id, completed_at=utcnow()
    )
    from app.content_runtime import library
    from app.credentials.issue import issue_due

    with write_unit(db.session) as s:
        s.execute(stmt.on_conflict_do_nothing(index_elements=["user_id", "lesson_id"]))
        # The last core lesson of a track whose test was passed earns its credential.
        issue_due(s, user, library())


COMPLETION_TIMES = select(
    LessonProgress.__table__.c.lesson_id, LessonProgress.__table__.c.completed_at
).where(LessonProgress.__table__.c.user_id == bindparam("user"))


def continue_lesson(user: User, lib: Library) -> str | None:
    """The next lesson not completed after the most recently completed one, else the first."""
    # Plain rows: the home page reads every completion, and ORM objects cost more per row.
    progress = dict(db.session.execute(COMPLETION_TIMES, {"user": user.id}).tuples().all())
    order = [lid for t in lib.ordered_tracks() for lid in t.lesson_ids if lid in lib.lessons]
    if progress:
        latest = max(progress, key=lambda lesson_id: progress[lesson_id])
        start = order.index(latest) + 1 if latest in order else 0
        for lesson_id in order[start:] + order[:start]:
            if lesson_id not in progress:
                return lesson_id
        return None
    return order[0] if order else None


def next_unfinished(user: User, lib: Library, skill: str, progress: Collection[str]) -> str | None:
    """The first lesson building `skill` that the user has not completed."""
    for lesson in lib.lessons_for_skill(skill):
        if lesson.id not in progress:
            return lesson.id
    return None
