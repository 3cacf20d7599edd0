"""The skill gap report, target role choice and the spaced review queue."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts.domain import safe_next
from app.accounts.forms import ConfirmForm
from app.content.model import Library
from app.content.practice import for_skill
from app.content_runtime import library, takeable
from app.core.i18n import current_language as lang
from app.core.memo import Memo, render_kept_form
from app.core.registry import access
from app.courses.services import completed_ids, next_unfinished
from app.quizzes.domain import read_response, review_options
from app.skills import review
from app.skills.domain import GapReport
from app.skills.forms import TargetRoleForm
from app.skills.gaps import build_report, role_of
from app.skills.radar import radar_svg
from app.skills.services import set_target_role, skill_state, why_level

bp = Blueprint("skills", __name__, template_folder="templates")
# Rendered gap report bodies: a learner's report changes only with new evidence or lessons.
REPORTS = Memo(128)


@bp.route("/skills")
@access("signed-in")
def report() -> str:
    """Current vs target level per skill, readiness, job-ready flag, top gaps and evidence."""
    lib = library()
    if not lib.roles or not lib.skills:
        abort(404)
    report_, states = build_report(current_user, lib)
    progress = completed_ids(current_user)
    ready = takeable()
    chosen = role_of(current_user, lib)
    # The report (frozen rows), the lessons done, the role and the exercises on offer fix
    # the whole body: kept rendered, its forms' CSRF token filled per request.
    key = (lib.serial, report_, bool(states), chosen, tuple(sorted(progress)), ready)
    body = render_kept_form(
        REPORTS,
        key,
        "skills/_report_body.html",
        lambda: report_values(lib, report_, bool(states), progress),
    )
    return render_template("skills/report.html", body=body)


def report_values(
    lib: Library, report_: GapReport, evidence: bool, progress: set[str]
) -> dict[str, Any]:
    """What the gap report's body shows besides the report: chart, roles, next steps."""
    names = {g.id: g.name.get(lang()) or g.id for g in lib.groups.values()}
    chart = radar_svg(
        [names.get(g, g) for g, _v in report_.groups],
        [v for _g, v in report_.groups],
        _("Readiness per skill group"),
        _(
            "Each axis is a skill group; the shape shows how much of the target level "
            "you have reached."
        ),
    )
    ready = takeable()
    # The role picker is plain HTML (TargetRoleForm still validates the POST): rendering
    # WTForms widgets was a tenth of this page's CPU time.
    roles = [(r.id, r.name.get(lang()) or r.id) for r in lib.roles.values()]
    return {
        "report": report_,
        "states": evidence,
        "lib": lib,
        "roles": roles,
        "chosen": role_of(current_user, lib),
        "radar": chart,
        "next_lesson": {
            row.skill: next_unfinished(current_user, lib, row.skill, progress)
            for row in report_.top
        },
        "practice": {row.skill: for_skill(row.skill, lib.exercises, ready) for row in report_.top},
    }


@bp.route("/skills/<skill_id>")
@access("signed-in")
def why(skill_id: str) -> str:
    """Why a skill has its level: each rule's numbers and the latest evidence."""
    lib = library()
    if skill_id not in lib.skills:
        abort(404)
    state = skill_state(current_user, skill_id)
    return render_template(
        "skills/why.html",
        skill=lib.skills[skill_id],
        lib=lib,
        lang=lang(),
        level=int(state["level"]) if state else 0,
        why=why_level(state) if state else None,
        practice=for_skill(skill_id, lib.exercises, takeable()),
    )


@bp.route("/skills/target", methods=["POST"])
@access("signed-in")
def choose_role() -> Response:
    """Save the learner's target role."""
    lib = library()
    form = TargetRoleForm()
    form.role.choices = [(r.id, r.id) for r in lib.roles.values()]
    if not form.validate_on_submit():
        abort(400)
    set_target_role(current_user, form.role.data)
    flash(_("Your target role is saved."), "success")
    return redirect(url_for("skills.report"), code=303)


@bp.route("/review")
@access("signed-in")
def review_queue() -> str:
    """Questions due for spaced review, answered in place."""
    lib = library()
    cards = [c for c in review.due_cards(current_user, limit=10) if c.item_id in lib.items]
    return render_template(
        "skills/review.html",
        cards=cards,
        lib=lib,
        lang=lang(),
        form=ConfirmForm(),
        options=review_options,
    )


@bp.route("/review/<int:card_id>", methods=["POST"])
@access("owner")
def answer(card_id: int) -> Response:
    """Grade one review answer and reschedule the card."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    lib = library()
    card = review.get_card(current_user, card_id)
    if card is None or card.item_id not in lib.items:
        abort(404)
    outcome = review.answer_card(
        current_user, lib, card_id, read_response(lib.items[card.item_id], request.form)
    )
    if outcome is None:
        abort(404)
    score, _card = outcome
    flash(
        _("Correct. This question comes back later.")
        if score >= 1
        else _("Not quite. Read the explanation; this question comes back soon."),
        "info",
    )
    return redirect(safe_next(request.form.get("next")) or url_for("skills.review_queue"), code=303)
