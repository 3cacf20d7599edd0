"""Builder pages for the portfolio's sections: items, case studies and section order."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.content_runtime import library
from app.core.registry import access
from app.portfolio import editing, services
from app.portfolio.domain import (
    CURRENCIES,
    PLATFORMS,
    RATE_KINDS,
    SECTIONS,
    move_section,
    sections_of,
)
from app.portfolio.domain import sections as layout_of
from app.portfolio.forms import read_case_study, read_item, real_case_errors
from app.portfolio.images import ImageProblem, clean_image
from app.portfolio.views import bp

KINDS = ("service", "sample", "testimonial", "tool")
Page = str | Response | tuple[str, int]


def _uploaded(name: str) -> tuple[Any, str | None]:
    """A cleaned upload from the request (None when no file was chosen), or an error code."""
    upload = request.files.get(name)
    if upload is None or not upload.filename:
        return None, None
    try:
        return clean_image(upload.read()), None
    except ImageProblem as exc:
        return None, exc.code


def _item_page(kind: str, item: Any, form: Any, errors: dict[str, str], code: int = 200) -> Page:
    """The item editor, with what was typed when a check failed."""
    page = render_template(
        "portfolio/item_form.html",
        kind=kind,
        item=item,
        v=form,
        errors=errors,
        rate_kinds=RATE_KINDS,
        currencies=CURRENCIES,
    )
    return (page, code) if code != 200 else page


def _save_item(kind: str, item: Any) -> Page:
    """Validate and save an item form; on a problem re-render with everything typed."""
    portfolio = services.ensure_portfolio(current_user)
    picture, problem = _uploaded("image") if kind == "sample" else (None, None)
    has_image = picture is not None or bool(item and item.image_id)
    fields, errors = read_item(kind, request.form, has_image)
    if problem:
        errors["image"] = image_message(problem)
    if errors:
        return _item_page(kind, item, fields, errors, 400)
    editing.save_item(current_user, portfolio, item, kind, fields, picture)
    flash(_("Saved."), "success")
    return redirect(url_for("portfolio.builder", _anchor=f"section-{kind}"), code=303)


def image_message(code: str) -> str:
    """What to do about a refused picture, in the user's language."""
    return {
        "too-large": _("That picture is larger than 5 MB. Choose a smaller one."),
        "too-many-pixels": _("That picture has more than 25 megapixels. Choose a smaller one."),
        "format": _("Only PNG, JPEG and WebP pictures are accepted (not SVG or others)."),
    }.get(code, _("That file could not be read as a picture. Choose another."))


@bp.route("/portfolio/items/new/<kind>", methods=["GET", "POST"])
@access("signed-in")
def new_item(kind: str) -> Page:
    """Add a service, a content sample, a testimonial or a tool."""
    if kind not in KINDS:
        abort(404)
    if request.method == "GET":
        return _item_page(kind, None, {}, {})
    return _save_item(kind, None)


@bp.route("/portfolio/items/<int:item_id>", methods=["GET", "POST"])
@access("owner")
def edit_item(item_id: int) -> Page:
    """Change one of the learner's items."""
    item = editing.item_of(current_user, item_id)
    if request.method == "GET":
        return _item_page(item.kind, item, {}, {})
    return _save_item(item.kind, item)


@bp.route("/portfolio/items/<int:item_id>/delete", methods=["POST"])
@access("owner")
def delete_item(item_id: int) -> Page:
    """Delete an item once the learner ticked the confirmation."""
    item = editing.item_of(current_user, item_id)
    if request.form.get("confirm") != "y":
        errors = {"confirm": _("Tick the box to confirm, then press Delete again.")}
        return _item_page(item.kind, item, {}, errors, 400)
    editing.delete_item(current_user, services.ensure_portfolio(current_user), item_id)
    flash(_("Deleted."), "success")
    return redirect(url_for("portfolio.builder", _anchor=f"section-{item.kind}"), code=303)


@bp.route("/portfolio/items/<int:item_id>/move", methods=["POST"])
@access("owner")
def move_item(item_id: int) -> Response:
    """Move an item up or down within its section."""
    item = editing.item_of(current_user, item_id)
    step = -1 if request.form.get("step") == "up" else 1
    editing.move_item(current_user, services.ensure_portfolio(current_user), item_id, step)
    return redirect(url_for("portfolio.builder", _anchor=f"section-{item.kind}"), code=303)


def _case_page(study: Any, form: Any, errors: dict[str, str], code: int = 200) -> Page:
    """The case-study editor, with what was typed when a check failed."""
    page = render_template(
        "portfolio/case_form.html",
        study=study,
        v=form,
        errors=errors,
        platforms=PLATFORMS,
        lib=library(),
    )
    return (page, code) if code != 200 else page


def _save_case(study: Any) -> Page:
    """Validate and save a case-study form."""
    portfolio = services.ensure_portfolio(current_user)
    fields, errors = read_case_study(request.form, library().skills)
    if study is None or not study.simulated:
        errors |= real_case_errors(fields)
    if errors:
        return _case_page(study, fields, errors, 400)
    editing.save_case_study(current_user, portfolio, study, fields)
    flash(_("Case study saved."), "success")
    return redirect(url_for("portfolio.builder", _anchor="section-case_studies"), code=303)


@bp.route("/portfolio/case-studies/new", methods=["GET", "POST"])
@access("signed-in")
def new_case_study() -> Page:
    """Write a real-world case study: context, goal, actions, results, period, lesson."""
    if request.method == "GET":
        return _case_page(None, {}, {})
    return _save_case(None)


@bp.route("/portfolio/case-studies/<int:study_id>", methods=["GET", "POST"])
@access("owner")
def edit_case_study(study_id: int) -> Page:
    """Change a case study's words (a simulated one's figures stay locked)."""
    study = editing.case_study_of(current_user, study_id)
    if request.method == "GET":
        return _case_page(study, {}, {})
    return _save_case(study)


@bp.route("/portfolio/case-studies/<int:study_id>/delete", methods=["POST"])
@access("owner")
def delete_case_study(study_id: int) -> Page:
    """Delete a case study once the learner ticked the confirmation."""
    study = editing.case_study_of(current_user, study_id)
    if request.form.get("confirm") != "y":
        errors = {"confirm": _("Tick the box to confirm, then press Delete again.")}
        return _case_page(study, {}, errors, 400)
    editing.delete_case_study(current_user, services.ensure_portfolio(current_user), study_id)
    flash(_("Case study deleted."), "success")
    return redirect(url_for("portfolio.builder", _anchor="section-case_studies"), code=303)


@bp.route("/portfolio/case-studies/<int:study_id>/move", methods=["POST"])
@access("owner")
def move_case_study(study_id: int) -> Response:
    """Move a case study up or down."""
    editing.case_study_of(current_user, study_id)
    step = -1 if request.form.get("step") == "up" else 1
    editing.move_case_study(current_user, services.ensure_portfolio(current_user), study_id, step)
    return redirect(url_for("portfolio.builder", _anchor="section-case_studies"), code=303)


@bp.route("/portfolio/sections", methods=["POST"])
@access("signed-in")
def save_sections() -> Response:
    """Save the order of the sections (dragged, or moved with buttons) and which are hidden."""
    portfolio = services.ensure_portfolio(current_user)
    order = [name for name in request.form.getlist("order") if name in SECTIONS]
    shown = set(request.form.getlist("shown"))
    layout = [(name, name not in shown) for name in order] or layout_of(portfolio.sections)
    name, _sep, step = str(request.form.get("move") or "").partition(":")
    if name:
        layout = move_section(sections_of(layout), name, -1 if step == "up" else 1)
    editing.save_sections(current_user, portfolio, layout)
    flash(_("Sections saved."), "success")
    return redirect(url_for("portfolio.builder", _anchor=f"move-{name or 'sections'}"), code=303)
