"""What support and operators read at a glance: a learner's progress and the site's numbers.

A learner's progress is read through the features' own services (one source per figure);
each site number is one COUNT query, so the page costs the same at any size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, union

from app.accounts.models import User, UserSession
from app.core.db import utcnow
from app.core.extensions import db

# The quiz history is read up to this many attempts; the page says "at least" beyond it.
QUIZ_HISTORY_LIMIT = 200
ACTIVE_DAYS = 7


@dataclass(frozen=True)
class Progress:
    """A learner's progress for support: counts and the skill levels, nothing they wrote."""

    lessons_completed: int
    quiz_attempts: int
    quiz_attempts_capped: bool
    skill_levels: dict[str, int]  # skill id -> level 0..4
    exercises: dict[str, float]  # exercise id -> best counted score (0-100)
    portfolio_status: str | None  # None when no portfolio was started
    credentials: int


def learner_progress(user: User) -> Progress:
    """One learner's progress, read through each feature's services."""
    from app.courses.services import completed_ids
    from app.credentials.services import credentials_of
    from app.exercises.services import best_scores
    from app.portfolio.services import portfolio_of
    from app.quizzes.services import history
    from app.skills.services import levels

    attempts = len(history(user, limit=QUIZ_HISTORY_LIMIT))
    portfolio = portfolio_of(user)
    return Progress(
        lessons_completed=len(completed_ids(user)),
        quiz_attempts=attempts,
        quiz_attempts_capped=attempts >= QUIZ_HISTORY_LIMIT,
        skill_levels={k: int(v["level"]) for k, v in sorted(levels(db.session, user).items())},
        exercises=best_scores(user),
        portfolio_status=portfolio.status if portfolio else None,
        credentials=sum(1 for c in credentials_of(user) if c.revoked_at is None),
    )


def level_counts(levels: dict[str, int]) -> list[int]:
    """How many skills sit at each level 0..4."""
    counts = [0] * 5
    for level in levels.values():
        counts[max(0, min(level, 4))] += 1
    return counts


def _active_learners() -> Any:
    """Learners who were seen, completed a lesson, or submitted a quiz or exercise this week."""
    from app.courses.models import LessonProgress
    from app.exercises.models import ExerciseAttempt
    from app.quizzes.models import QuizAttempt

    since = utcnow() - timedelta(days=ACTIVE_DAYS)
    active = union(
        select(UserSession.user_id).where(UserSession.last_seen_at >= since),
        select(LessonProgress.user_id).where(LessonProgress.completed_at >= since),
        select(QuizAttempt.user_id).where(QuizAttempt.submitted_at >= since),
        select(ExerciseAttempt.user_id).where(ExerciseAttempt.submitted_at >= since),
    ).subquery()
    return (
        select(func.count())
        .select_from(active)
        .join(User, User.id == active.c.user_id)
        .where(User.role == "learner")
    )


def _statements() -> dict[str, Any]:
    """One COUNT statement per site number, in display order."""
    from app.courses.models import LessonProgress
    from app.credentials.models import Credential
    from app.exercises.models import ExerciseAttempt
    from app.portfolio.models import Portfolio
    from app.quizzes.models import QuizAttempt

    return {
        "learners": select(func.count(User.id)).where(User.role == "learner"),
        "active": _active_learners(),
        "lessons": select(func.count(LessonProgress.id)),
        "quizzes": select(func.count(QuizAttempt.id)).where(QuizAttempt.status == "submitted"),
        "exercises": select(func.count(ExerciseAttempt.id)).where(
            ExerciseAttempt.status == "submitted"
        ),
        "portfolios": select(func.count(Portfolio.id)).where(Portfolio.status == "published"),
        # Issued and still valid: a revoked credential, or a deleted learner's tombstone, is
        # no longer one the site stands behind.
        "credentials": select(func.count(Credential.id)).where(Credential.revoked_at.is_(None)),
    }


def site_numbers() -> dict[str, int]:
    """The site's numbers, each one COUNT query."""
    return {name: int(db.session.scalar(stmt) or 0) for name, stmt in _statements().items()}
