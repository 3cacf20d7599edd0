"""IDOR cases for the exercises' owner routes (used by test_t2_census): the work, save and
result routes on an attempt of every form exercise, and the step route on every desk."""

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
    forms = [k.exercise for k in KINDS.values() if k.step is None]
    desks = [k.exercise for k in KINDS.values() if k.step is not None]
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
        stepped: list[tuple[int, dict[str, str]]] = []
        for desk in desks:
            desk_one = services.start_attempt(
                user, lib, desk, lib.exercises[desk].conditions[0].id, seed=9
            )
            stepped.append((desk_one.id, desk_step(desk_one.task)))

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
    # The monthly report's printable page and CSV (sbx-11): read-only owner routes.
    reports = [(o, f) for (o, _d, _t, f), name in zip(made, forms, strict=True) if name == "sbx-11"]
    for open_id, _fields in reports:
        for endpoint, suffix in (
            ("exercises.report", "report"),
            ("exercises.report_csv", "report.csv"),
        ):
            url = f"{base}/{open_id}/{suffix}"
            cases.append((endpoint, "GET", url, state(draft(open_id)), False, None))
    for desk_id, step in stepped:
        cases.append(
            ("exercises.step", "POST", f"{base}/{desk_id}/step", state(draft(desk_id)), True, step)
        )
    return cases
