"""Exercise pages I: the list of exercises, one exercise's page, and starting an attempt."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    get_template_attribute,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts.forms import ConfirmForm
from app.content.model import Library
from app.content_runtime import library, takeable
from app.core.i18n import current_language as lang
from app.core.memo import Memo, SlotForm, render_kept_form
from app.core.registry import access
from app.exercises import services
from app.exercises.errors import ExerciseError
from app.exercises.unlock import unlocks_for
from app.exercises.words import ENGINE

bp = Blueprint("exercises", __name__, template_folder="templates")


def skill_lists_html(lib: Library) -> dict[str, Any]:
    """Each exercise's skill lists in the page language, rendered once per process: they
    depend only on the catalogue, and the list page shows seventeen of them."""
    cache = current_app.extensions.setdefault("tawasul_exercise_skills", {})
    key = (lib.serial, lang())
    if key not in cache:
        macro = get_template_attribute("exercises/_skills.html", "skill_lists")
        cache.clear()  # a reloaded catalogue replaces the old entries
        # Autoescaped template output: the macro returns Markup already.
        cache[key] = {e.id: macro(e, lib) for e in lib.exercises.values()}
    return cache[key]


@bp.route("/exercises")
@access("signed-in")
def index() -> str:
    """Every exercise: its skills, whether it can be taken, the best score, what a pass unlocks."""
    lib = library()
    ready = takeable()
    return render_template(
        "exercises/index.html",
        lib=lib,
        skill_html=skill_lists_html(lib),
        ready=ready,
        best=services.best_scores(current_user),
        # Only an exercise that can be taken says what a pass would unlock.
        unlocks=unlocks_for(current_user, lib, ready),
    )


@bp.route("/exercises/<exercise_id>")
@access("signed-in")
def start(exercise_id: str) -> str:
    """One exercise: its task, conditions, criteria and lessons, past attempts, a start button."""
    lib = library()
    exercise = lib.exercises.get(exercise_id)
    if exercise is None:
        abort(404)
    ready = exercise_id in takeable()
    attempts = services.attempts_of(current_user, exercise_id)
    # Kept with the exercises page's answers while the learner's evidence is unchanged.
    unlock = unlocks_for(current_user, lib, takeable() | {exercise_id})[exercise_id]
    shown = tuple((u["skill"], u["now"], u["after"]) for u in unlock)
    body = render_kept_form(
        STARTS,
        (lib.serial, exercise_id, ready, tuple(tuple(row) for row in attempts), shown),
        "exercises/_start_body.html",
        lambda: {
            "lib": lib,
            "exercise": exercise,
            "ready": ready,
            "attempts": attempts,
            "unlock": unlock,
            "form": SlotForm(),
        },
    )
    return render_template("exercises/start.html", exercise=exercise, body=body)


# Start pages' bodies as last drawn: per exercise, attempts and what a pass would unlock.
STARTS = Memo(256)


@bp.route("/exercises/<exercise_id>/attempts", methods=["POST"])
@access("signed-in")
def begin(exercise_id: str) -> Response:
    """Start an attempt on a new variant (the seed picks the brand; the learner the condition)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    lib = library()
    if exercise_id not in lib.exercises:
        abort(404)
    try:
        attempt = services.start_attempt(
            current_user, lib, exercise_id, str(request.form.get("condition", ""))
        )
    except ExerciseError as exc:
        flash(str(ENGINE.get(str(exc), ENGINE["not-takeable"])), "error")
        return redirect(url_for("exercises.start", exercise_id=exercise_id), code=303)
    return redirect(url_for("exercises.work", attempt_id=attempt.id), code=303)
