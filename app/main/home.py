"""What the learner's home page shows: continue, due reviews, next steps."""

from __future__ import annotations

from typing import Any

from app.accounts.forms import ConfirmForm
from app.accounts.models import User
from app.content_runtime import library
from app.courses.services import continue_lesson
from app.quizzes.domain import review_options
from app.skills import review
from app.skills.gaps import role_of
from app.skills.services import learner_has_evidence


def learner_home(user: User) -> dict[str, Any]:
    """Template data for the signed-in home page."""
    lib = library()
    due = [c for c in review.due_cards(user, limit=1) if c.item_id in lib.items]
    return {
        "lib": lib,
        "continue_id": continue_lesson(user, lib),
        "due_card": due[0] if due else None,
        "due_count": review.count_due(user),
        "has_evidence": learner_has_evidence(user),
        "role": role_of(user, lib),
        "form": ConfirmForm(),
        "options": review_options,
    }
