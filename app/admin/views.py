"""Admin views for accounts (the census marks them admin; the access hook enforces it)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts.forms import ConfirmForm
from app.accounts.models import User
from app.admin import services
from app.admin.numbers import learner_progress, level_counts
from app.core.registry import access

bp = Blueprint("admin", __name__, template_folder="templates", url_prefix="/admin")

# Bounded: a page number past any database integer would make the OFFSET overflow.
MAX_PAGE = 1_000_000


def page_arg() -> int:
    """The ?page= number, kept between 1 and MAX_PAGE."""
    return min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)


def account_or_404(user_id: int) -> User:
    """The account with this id, or a 404."""
    user = services.user_by_id(user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/")
@access("admin")
def users() -> str:
    """Search accounts by email or name, a bounded page at a time, with their sessions."""
    # PostgreSQL refuses NUL in text, so it cannot be part of a search anyone means.
    query = request.args.get("q", "").replace("\x00", "")[: services.MAX_QUERY]
    page = page_arg()
    return render_template(
        "admin/users.html",
        rows=services.users_page(page, query=query),
        page=page,
        q=query,
        form=ConfirmForm(),
        total=services.count_matching(query),
        page_size=services.PAGE_SIZE,
    )


@bp.route("/users/<int:user_id>")
@access("admin")
def user(user_id: int) -> str:
    """One account for support: its state, its sessions and the learner's progress."""
    account = account_or_404(user_id)
    progress = learner_progress(account)
    from app.content_runtime import library

    return render_template(
        "admin/user.html",
        account=account,
        sessions=services.sessions_of(account),
        progress=progress,
        level_counts=level_counts(progress.skill_levels),
        lib=library(),
        form=ConfirmForm(),
    )


@bp.route("/users/<int:user_id>/<any(disable, enable):verb>", methods=["GET", "POST"])
@access("admin")
def set_disabled(user_id: int, verb: str) -> str | Response:
    """Disable or enable an account after a confirmation page (POST with CSRF)."""
    account = account_or_404(user_id)
    disable = verb == "disable"
    back = url_for("admin.user", user_id=account.id)
    if disable and account.id == current_user.id:
        flash(_("You cannot disable your own account."), "error")
        return redirect(back, code=303)
    form = ConfirmForm()
    if not form.validate_on_submit():
        if request.method == "POST":
            abort(400)
        return render_template("admin/confirm.html", account=account, verb=verb, form=form)
    ended = services.set_disabled(current_user, account, disable)
    if disable:
        flash(
            ngettext(
                "The account is disabled; %(num)d session ended.",
                "The account is disabled; %(num)d sessions ended.",
                ended,
            ),
            "success",
        )
    else:
        flash(_("The account is enabled: its owner can sign in again."), "success")
    return redirect(back, code=303)


@bp.route("/users/<int:user_id>/end-sessions", methods=["POST"])
@access("admin")
def end_user_sessions(user_id: int) -> Response:
    """End every session of one user (ASVS 7.4.5)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    account = account_or_404(user_id)
    count = services.end_user_sessions(current_user, account)
    flash(ngettext("%(num)d session ended.", "%(num)d sessions ended.", count), "success")
    back = request.form.get("back") == "user"
    return redirect(
        url_for("admin.user", user_id=account.id) if back else url_for("admin.users"), code=303
    )


@bp.route("/users/<int:user_id>/sessions/<key>/end", methods=["POST"])
@access("admin")
def end_user_session(user_id: int, key: str) -> Response:
    """End one session of one user, named by its key (a digest, not the secret id)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    account = account_or_404(user_id)
    if services.end_user_session(current_user, account, key[:64]):
        flash(_("The session is ended."), "success")
    else:
        flash(_("That session had already ended."), "info")
    return redirect(url_for("admin.user", user_id=account.id), code=303)
