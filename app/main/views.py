"""Home, privacy, language switch, /healthz and /readyz."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts import lifecycle
from app.accounts.domain import safe_next
from app.accounts.forms import LanguageForm
from app.core import retention
from app.core.extensions import limiter
from app.core.i18n import LANG_COOKIE
from app.core.memo import Memo, render_kept_form
from app.core.registry import access
from app.main.health import readiness
from app.main.home import home_key, learner_home

bp = Blueprint("main", __name__, template_folder="templates")
# Rendered home bodies: fixed by what home_key names (the due card, the latest account...).
HOMES = Memo(256)


@bp.route("/")
@access("public")
def home() -> str:
    """Landing page for visitors; the learner's home once signed in."""
    if current_user.is_authenticated:
        values = learner_home(current_user)
        body = render_kept_form(
            HOMES,
            home_key(current_user, values),
            "main/_learner_home_body.html",
            lambda: {**values, "display_name": current_user.display_name},
        )
        return render_template("main/learner_home.html", body=body)
    return render_template("main/landing.html")


@bp.route("/privacy")
@access("public")
def privacy() -> str:
    """What we store, why, for how long, and how to export or delete it."""
    return render_template("main/privacy.html", rows=retention.page_rows(current_app.config))


@bp.route("/language", methods=["POST"])
@access("public")
def language() -> Response:
    """Switch the interface language and stay on the same page."""
    form = LanguageForm()
    target = safe_next(form.next.data) or url_for("main.home")
    if not form.validate_on_submit():
        return redirect(target, code=303)
    if current_user.is_authenticated:
        lifecycle.set_locale(current_user, form.lang.data)
    response = redirect(target, code=303)
    response.set_cookie(
        LANG_COOKIE,
        form.lang.data,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
    )
    return response


@bp.route("/healthz")
@access("public")
@limiter.exempt
def healthz() -> Response:
    """Liveness: the process answers (no database access)."""
    return jsonify(status="ok")


@bp.route("/readyz")
@access("public")
@limiter.exempt
def readyz() -> tuple[Response, int]:
    """Readiness: database reachable, migrations at head, Redis answering when configured."""
    states = readiness()
    ok = all(v == "ok" for v in states.values())
    return jsonify(status="ok" if ok else "unavailable", checks=states), 200 if ok else 503
