"""IDOR cases for the exercises' owner routes (used by test_t2_census): the work, save and
result routes on an attempt of every form exercise, and the step route on the sbx-09 and sbx-06 desks."""

from __future__ import annotations

from typing import Any

from exercise_forms import desk_step, form_for, sbx06_step
from sqlalchemy import select

from app.core.extensions import db


def exercise_cases(app: Any, a: Any, state: Any) -> list[tuple[Any, ...]]:
    """(endpoint, method, url, state, owner_changes, data) for every exercise owner route."""
    from app.exercises import services
    from app.exercises.catalog import KINDS
    from app.exercises.data import exercise_data
    from app.exercises.models import ExerciseAttempt

    lib = app.extensions["tawasul_content"].library
    forms = [k.exercise for k in KINDS.values() if k.step is None]
    desk = "sbx-09"  # every desk shares the step route; its first step is sbx-09's decision
    made: list[tuple[int, int, str, dict[str, str]]] = []
    with app.test_request_context():
        user = db.session.get(type(a), a.id)
        for seed, form in enumerate(forms):
            condition = lib.exercises[form].conditions[0].id
            open_one = services.start_attempt(user, lib, form, condition, seed=7 + 2 * seed)
            done = services.start_attempt(user, lib, form, condition, seed=8 + 2 * seed)
            scorer = exercise_data().scorers[form]
            example = scorer.example(services.variant_of(open_one), open_one.task)
            services.submit_attempt(user, lib, done.id, done.token, example)
            fields = form_for(form, example, open_one.task)
            made.append((open_one.id, done.id, open_one.token, fields))
        desk_one = services.start_attempt(
            user, lib, desk, lib.exercises[desk].conditions[0].id, seed=9
        )
        step = desk_step(desk_one.task)
        desk_id = desk_one.id
        shift = services.start_attempt(user, lib, "sbx-06", "standard", seed=9)
        shift_step, shift_id = sbx06_step(shift.task), shift.id

    def draft(attempt_id: int) -> Any:
        return select(ExerciseAttempt.draft, ExerciseAttempt.status).where(
            ExerciseAttempt.id == attempt_id
        )

    base = "/exercises/attempts"
    cases: list[tuple[Any, ...]] = []
    for open_id, done_id, token, fields in made:
        save = {**fields, "action": "save", "token": token}
        cases += [
            ("exercises.work", "GET", f"{base}/{open_id}", state(draft(open_id)), False, None),
            ("exercises.save", "POST", f"{base}/{open_id}", state(draft(open_id)), True, save),
            (
                "exercises.result",
                "GET",
                f"{base}/{done_id}/result",
                state(draft(done_id)),
                False,
                None,
            ),
        ]
    cases.append(
        ("exercises.step", "POST", f"{base}/{desk_id}/step", state(draft(desk_id)), True, step)
    )
    shift_case = (f"{base}/{shift_id}/step", state(draft(shift_id)), True, shift_step)
    cases.append(("exercises.step", "POST", *shift_case))
    return cases
