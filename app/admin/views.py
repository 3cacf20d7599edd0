"""Admin views (the census marks them admin; the access hook enforces it)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from werkzeug.wrappers import Response

from app.accounts import services
from app.accounts.forms import ConfirmForm
from app.admin.services import PAGE_SIZE, user_by_id, users_page
from app.core.registry import access

bp = Blueprint("admin", __name__, template_folder="templates", url_prefix="/admin")

# Bounded: a page number past any database integer would make the OFFSET overflow.
MAX_PAGE = 1_000_000


@bp.route("/")
@access("admin")
def users() -> str:
    """List accounts with their number of active sessions."""
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    return render_template(
        "admin/users.html",
        rows=users_page(page),
        page=page,
        form=ConfirmForm(),
        total=services.count_users(),
        page_size=PAGE_SIZE,
    )


@bp.route("/users/<int:user_id>/end-sessions", methods=["POST"])
@access("admin")
def end_user_sessions(user_id: int) -> Response:
    """End every session of one user (ASVS 7.4.5)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    user = user_by_id(user_id)
    if user is None:
        abort(404)
    count = services.end_sessions(user)
    flash(ngettext("%(num)d session ended.", "%(num)d sessions ended.", count), "success")
    return redirect(url_for("admin.users"), code=303)


@bp.route("/content")
@access("admin")
def content() -> str:
    """Content problems found at start-up (development shows them here instead of crashing)."""
    from app.content_runtime import library, problems

    return render_template("admin/content.html", problems=problems(), lib=library())
