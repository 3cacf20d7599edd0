"""Admin views (the census marks them admin; the access hook enforces it)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from app.accounts import services
from app.accounts.forms import ConfirmForm
from app.accounts.models import User, UserSession
from app.core.extensions import db
from app.core.registry import access

bp = Blueprint("admin", __name__, template_folder="templates", url_prefix="/admin")

PAGE_SIZE = 50
MAX_PAGE = 1_000_000


@bp.route("/")
@access("admin")
def users() -> str:
    """List accounts with their number of active sessions."""
    # Bounded: a page number past any database integer would make the OFFSET overflow.
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    stmt = (
        select(User, func.count(UserSession.id))
        .outerjoin(UserSession, UserSession.user_id == User.id)
        .group_by(User.id)
        .order_by(User.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    )
    rows = db.session.execute(stmt).all()
    return render_template(
        "admin/users.html",
        rows=rows,
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
    user = db.session.get(User, user_id)
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
