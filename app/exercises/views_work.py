"""Exercise pages II: the work page of an attempt (save, submit once) and its result."""

from __future__ import annotations

import json
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from app.accounts.forms import ConfirmForm
from app.content_runtime import library
from app.core.i18n import current_language as lang
from app.core.memo import Memo, SlotForm, render_kept_form
from app.core.registry import access
from app.exercises import services
from app.exercises.catalog import KINDS, Kind
from app.exercises.data import exercise_data
from app.exercises.errors import AlreadySubmitted, AttemptNotFound
from app.exercises.models import ExerciseAttempt
from app.exercises.views import bp
from app.exercises.words import ENGINE, sentence
from app.sandbox.data import sandbox_data


def _attempt(attempt_id: int) -> tuple[ExerciseAttempt, Kind]:
    """The user's attempt and its exercise's kind, or 404."""
    try:
        attempt = services.attempt_for(current_user, attempt_id)
    except AttemptNotFound:
        abort(404)
    kind = KINDS.get(attempt.exercise_id)
    if kind is None:
        abort(404)
    return attempt, kind


# Open attempts' work pages as last drawn, by draft: the task is fixed when the attempt starts,
# so the page changes only when the learner saves (or a desk step stamps) a new draft.
WORKS = Memo(256)


def _page(
    attempt: ExerciseAttempt,
    kind: Kind,
    draft: dict[str, Any],
    errors: dict[str, str],
    keep: bool = False,
) -> str:
    """The work page with what the learner typed and any field errors."""
    lib = library()
    exercise = lib.exercises[attempt.exercise_id]

    def values() -> dict[str, Any]:
        """The body's values."""
        return {
            "attempt": attempt,
            "exercise": exercise,
            "kind": kind,
            "task": attempt.task,
            "draft": draft,
            "errors": {k: sentence(kind.messages, v, {}, kind.names) for k, v in errors.items()},
            "scenario": sandbox_data().scenarios.get(attempt.brand),
            "lang": lang(),
            "lib": lib,
        }

    if keep:
        drawn = json.dumps(draft, sort_keys=True, default=str)
        key = (attempt.id, attempt.token, lib.serial, drawn)
        body = render_kept_form(
            WORKS, key, "exercises/_work_body.html", lambda: {**values(), "form": SlotForm()}
        )
    else:
        body = Markup(render_template("exercises/_work_body.html", **values(), form=ConfirmForm()))  # noqa: S704  # nosec B704
    return render_template("exercises/work.html", exercise=exercise, body=body)


@bp.route("/exercises/attempts/<int:attempt_id>")
@access("owner")
def work(attempt_id: int) -> str | Response:
    """The task and the answer form (a submitted attempt shows its result instead)."""
    attempt, kind = _attempt(attempt_id)
    if attempt.status != "open":
        return redirect(url_for("exercises.result", attempt_id=attempt.id), code=303)
    return _page(attempt, kind, dict(attempt.draft or {}), {}, keep=True)


@bp.route("/exercises/attempts/<int:attempt_id>", methods=["POST"])
@access("owner")
def save(attempt_id: int) -> str | Response | tuple[str, int]:
    """Save what was typed, or submit it: scored once, then the result page."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    attempt, kind = _attempt(attempt_id)
    if attempt.status != "open":
        return redirect(url_for("exercises.result", attempt_id=attempt.id), code=303)
    errors: dict[str, str] = {}
    if kind.step is not None:  # a desk: the steps built the submission
        submission = dict(attempt.draft or {})
    else:
        submission, errors = kind.parse(request.form, attempt.task)
    submitting = request.form.get("action") == "submit"
    try:
        if not submitting or errors:
            services.save_draft(current_user, attempt.id, submission)
            if errors:
                flash(str(ENGINE["missing-fields"]), "error")
                return _page(attempt, kind, submission, errors), 422
            flash(_("Your answers are saved. Submit when you are ready."), "success")
            return redirect(url_for("exercises.work", attempt_id=attempt.id), code=303)
        services.submit_attempt(
            current_user, library(), attempt.id, str(request.form.get("token", "")), submission
        )
    except AlreadySubmitted:
        pass
    except AttemptNotFound:
        abort(404)
    return redirect(url_for("exercises.result", attempt_id=attempt.id), code=303)


@bp.route("/exercises/attempts/<int:attempt_id>/step", methods=["POST"])
@access("owner")
def step(attempt_id: int) -> str | Response | tuple[str, int]:
    """One step of a desk task (a decision, a concept), stamped on the task's own clock."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    attempt, kind = _attempt(attempt_id)
    if kind.step is None:
        abort(404)
    if attempt.status != "open":
        return redirect(url_for("exercises.result", attempt_id=attempt.id), code=303)
    draft, error = kind.step(attempt.task, dict(attempt.draft or {}), request.form)
    if error:
        flash(str(sentence(kind.messages, error, {})), "error")
        return _page(attempt, kind, dict(attempt.draft or {}), {"step": error}), 422
    try:
        services.save_draft(current_user, attempt.id, draft)
    except AlreadySubmitted:
        return redirect(url_for("exercises.result", attempt_id=attempt.id), code=303)
    return redirect(url_for("exercises.work", attempt_id=attempt.id) + "#desk", code=303)


# Rendered result bodies by (attempt, submission time, language, catalogue): a submitted
# attempt never changes, and its body (every reason in words, the key beside the answer) is
# the costly part of the page. Bounded: the oldest entry goes first.
_BODIES = Memo(256)


def result_body(attempt: ExerciseAttempt, kind: Kind) -> str:
    """The result page's body for a submitted attempt, rendered once per language."""
    lib = library()
    key = (attempt.id, attempt.submitted_at, lang(), lib.serial)

    def draw() -> str:
        """The body, rendered (the scorer's key beside each answer)."""
        exercise = lib.exercises[attempt.exercise_id]
        scorer = exercise_data().scorers.get(attempt.exercise_id)
        return render_template(
            "exercises/_result_body.html",
            attempt=attempt,
            exercise=exercise,
            kind=kind,
            outcome=attempt.result,
            key=scorer.key(services.variant_of(attempt), attempt.task) if scorer else {},
            task=attempt.task,
            draft=attempt.draft or {},
            say=lambda r: sentence(kind.messages, r.get("code", ""), r.get("values"), kind.names),
            scenario=sandbox_data().scenarios.get(attempt.brand),
            lang=lang(),
            lib=lib,
        )

    return _BODIES.get_or_make(key, draw)


@bp.route("/exercises/attempts/<int:attempt_id>/result")
@access("owner")
def result(attempt_id: int) -> str | Response:
    """Every criterion with its reasons and lesson, the key beside the answer, the evidence."""
    attempt, kind = _attempt(attempt_id)
    if attempt.status != "submitted" or not attempt.result:
        return redirect(url_for("exercises.work", attempt_id=attempt.id), code=303)
    lib = library()
    return render_template(
        "exercises/result.html",
        attempt=attempt,
        exercise=lib.exercises[attempt.exercise_id],
        # The body is autoescaped template output, kept as text between views.
        body=Markup(result_body(attempt, kind)),  # noqa: S704  # nosec B704
        scenario=sandbox_data().scenarios.get(attempt.brand),
        lang=lang(),
        lib=lib,
        form=ConfirmForm(),
    )
