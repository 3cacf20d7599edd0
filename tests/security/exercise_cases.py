"""IDOR cases for the exercises' owner routes (used by test_t2_census)."""

from __future__ import annotations

from typing import Any

from exercise_forms import desk_step, form_for
from sqlalchemy import select

from app.core.extensions import db


def exercise_cases(app: Any, a: Any, state: Any) -> list[tuple[Any, ...]]:
    """(endpoint, method, url, state, owner_changes, data) for every exercise owner route."""
    from app.exercises import services
    from app.exercises.catalog import KINDS
    from app.exercises.data import exercise_data
    from app.exercises.models import ExerciseAttempt

    lib = app.extensions["tawasul_content"].library
    form = next(k for k in KINDS.values() if k.step is None).exercise
    desk = next(k for k in KINDS.values() if k.step is not None).exercise
    with app.test_request_context():
        user = db.session.get(type(a), a.id)
        condition = lib.exercises[form].conditions[0].id
        open_one = services.start_attempt(user, lib, form, condition, seed=7)
        done = services.start_attempt(user, lib, form, condition, seed=8)
        scorer = exercise_data().scorers[form]
        example = scorer.example(services.variant_of(open_one), open_one.task)
        services.submit_attempt(user, lib, done.id, done.token, example)
        desk_one = services.start_attempt(
            user, lib, desk, lib.exercises[desk].conditions[0].id, seed=9
        )
        fields = form_for(form, example, open_one.task)
        step = desk_step(desk_one.task)
        ids = open_one.id, done.id, desk_one.id
        token = open_one.token

    def draft(attempt_id: int) -> Any:
        return select(ExerciseAttempt.draft, ExerciseAttempt.status).where(
            ExerciseAttempt.id == attempt_id
        )

    base = "/exercises/attempts"
    save = {**fields, "action": "save", "token": token}
    return [
        ("exercises.work", "GET", f"{base}/{ids[0]}", state(draft(ids[0])), False, None),
        ("exercises.save", "POST", f"{base}/{ids[0]}", state(draft(ids[0])), True, save),
        ("exercises.step", "POST", f"{base}/{ids[2]}/step", state(draft(ids[2])), True, step),
        ("exercises.result", "GET", f"{base}/{ids[1]}/result", state(draft(ids[1])), False, None),
    ]
