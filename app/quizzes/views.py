"""Quiz pages: start (lesson, track, diagnostic, skill check), take, submit once, review."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts.forms import ConfirmForm
from app.content_runtime import library
from app.core.i18n import current_language as lang
from app.core.memo import Memo, render_kept, render_kept_form
from app.core.registry import access
from app.quizzes import domain, services
from app.quizzes.display import answer_text, correct_text
from app.skills.gaps import top_gap_skills

bp = Blueprint("quizzes", __name__, template_folder="templates")


@bp.app_context_processor
def quiz_helpers() -> dict[str, object]:
    """Template helpers that write answers out in words."""
    return {"answer_text": answer_text, "correct_text": correct_text}


def begin(kind: str, ref: str, item_ids: list[str]) -> Response:
    """Create an attempt and open it (POST-redirect-GET)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not item_ids:
        abort(404)
    attempt = services.start_attempt(current_user, kind, ref, item_ids)
    return redirect(url_for("quizzes.take", token=attempt.token), code=303)


@bp.route("/quiz/lesson/<lesson_id>", methods=["POST"])
@access("signed-in")
def start_lesson(lesson_id: str) -> Response:
    """Start the quiz of one lesson."""
    lib = library()
    if lesson_id not in lib.lessons:
        abort(404)
    return begin("lesson", lesson_id, domain.lesson_items(lib, lesson_id))


@bp.route("/quiz/track/<track_id>", methods=["POST"])
@access("signed-in")
def start_track(track_id: str) -> Response:
    """Start a 10–15 item test across a track."""
    lib = library()
    if track_id not in lib.tracks:
        abort(404)
    return begin(
        "track",
        track_id,
        domain.track_items(
            lib, track_id, f"{current_user.id}:{request.form.get('csrf_token', '')}"
        ),
    )


@bp.route("/quiz/diagnostic", methods=["GET", "POST"])
@access("signed-in")
def diagnostic() -> str | Response:
    """The onboarding diagnostic: one K and one A item per skill."""
    lib = library()
    if request.method == "POST":
        return begin("diagnostic", "orientation", domain.diagnostic_items(lib))
    return render_template(
        "quizzes/diagnostic.html", count=len(domain.diagnostic_items(lib)), form=ConfirmForm()
    )


@bp.route("/quiz/skill-check", methods=["POST"])
@access("signed-in")
def skill_check() -> Response:
    """An adaptive check drawing items for the skills with the largest gaps."""
    lib = library()
    skills = top_gap_skills(current_user, lib) or list(lib.skills)[:3]
    items = domain.skill_check_items(
        lib,
        skills,
        services.latest_scores(current_user),
        f"{current_user.id}:{request.form.get('csrf_token', '')}",
    )
    return begin("skill-check", ",".join(skills)[:60], items)


@bp.route("/quiz/<token>")
@access("owner")
def take(token: str) -> str | Response:
    """Answer the items of an open attempt (the answer key is never sent)."""
    attempt = services.find_attempt(current_user, token)
    if attempt is None:
        abort(404)
    if attempt.status != "open":
        return redirect(url_for("quizzes.result", attempt_id=attempt.id), code=303)
    lib = library()
    items = [lib.items[i] for i in attempt.item_ids if i in lib.items]
    return render_template(
        "quizzes/take.html",
        attempt=attempt,
        items=items,
        lang=lang(),
        options=lambda item: domain.display_options(item, attempt.token),
        form=ConfirmForm(),
    )


@bp.route("/quiz/<token>", methods=["POST"])
@access("owner")
def submit(token: str) -> Response:
    """Grade the attempt once; double clicks and replays land on the same result."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    lib = library()
    attempt = services.find_attempt(current_user, token)
    if attempt is None:
        abort(404)
    responses = {
        i: domain.read_response(lib.items[i], request.form)
        for i in attempt.item_ids
        if i in lib.items
    }
    attempt = services.submit_attempt(current_user, lib, token, responses)
    if attempt is None:
        abort(404)
    return redirect(url_for("quizzes.result", attempt_id=attempt.id), code=303)


# A submitted attempt never changes: its review is kept rendered.
RESULTS = Memo(256)


@bp.route("/quiz/attempts/<int:attempt_id>")
@access("owner")
def result(attempt_id: int) -> str:
    """Every question with the learner's answer, the right one and the rationale."""
    attempt = services.get_attempt(current_user, attempt_id)
    if attempt is None or attempt.status != "submitted":
        abort(404)
    lib = library()
    body = render_kept_form(
        RESULTS,
        (attempt.id, attempt.submitted_at, attempt.score, lib.serial),
        "quizzes/_result_body.html",
        lambda: {
            "attempt": attempt,
            "lib": lib,
            "lang": lang(),
            "missed": services.missed_items(attempt),
        },
    )
    return render_template("quizzes/result.html", body=body)


@bp.route("/quiz/attempts/<int:attempt_id>/retake", methods=["POST"])
@access("owner")
def retake(attempt_id: int) -> Response:
    """One click: a new attempt with only the questions that were missed."""
    attempt = services.get_attempt(current_user, attempt_id)
    if attempt is None or attempt.status != "submitted":
        abort(404)
    return begin("retake", str(attempt.id), services.missed_items(attempt))


# A history list is fixed by its rows (a submitted attempt never changes): kept rendered.
HISTORIES = Memo(256)


@bp.route("/quiz/history")
@access("signed-in")
def history() -> str:
    """Past attempts, newest first."""
    attempts = services.history(current_user)
    listed = render_kept(
        HISTORIES,
        (current_user.id, tuple(tuple(a) for a in attempts)),
        "quizzes/_history_list.html",
        lambda: {"attempts": attempts},
    )
    return render_template("quizzes/history.html", listed=listed, empty=not attempts)
