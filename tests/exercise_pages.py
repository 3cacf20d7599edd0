"""What the exercises' page tests share: a signed-in client, starting an attempt, its row."""

from __future__ import annotations

from typing import Any

from support import PASSWORD

from app.core.extensions import db
from app.exercises.models import ExerciseAttempt


def signed_in(app: Any, users: Any, locale: str = "en", **fields: Any) -> tuple[Any, Any]:
    """A test client signed in as a new learner."""
    user = users.create(locale=locale, **fields)
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    return client, user


def start_exercise(exercise_id: str, client: Any, condition: str = "standard") -> str:
    """Start an attempt on a condition through the start form; the work page's path."""
    response = client.post(f"/exercises/{exercise_id}/attempts", data={"condition": condition})
    assert response.status_code == 303, response.status_code
    return str(response.headers["Location"])


def attempt_at(app: Any, path: str) -> ExerciseAttempt:
    """The attempt behind a work or result path (detached, so it reads after the context)."""
    with app.app_context():
        found = db.session.get(ExerciseAttempt, int(path.rstrip("/").split("/")[3]))
        db.session.expunge(found)
        return found
