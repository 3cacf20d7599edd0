"""Portfolio pages: the builder (owner) and the public page at /p/<slug>."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from app.content_runtime import library
from app.portfolio import bp, services
from app.portfolio.domain import STATUSES, robots, slug_problem, visible
from app.portfolio.text import learner_html
from app.registry import access
from app.sandbox import services as sandbox
from app.sandbox.forms import clean

SLUG_ERRORS = {
    "length": _l("Use 3 to 60 letters or digits."),
    "characters": _l("Use lower-case letters (Arabic or Latin) and digits, joined by hyphens."),
    "reserved": _l("That address is reserved. Choose another."),
    "slug-taken": _l("That address is taken. Choose another."),
}


def read_builder(form: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The builder's fields as typed, and an error message per field that needs one."""
    fields: dict[str, Any] = {
        "headline": clean(form.get("headline"), 160).strip(),
        "bio": clean(form.get("bio"), 5000),
        "slug": clean(form.get("slug"), 60).strip(),
        "lang": form.get("lang", "ar"),
        "status": form.get("status", "draft"),
        "indexable": form.get("indexable") == "y",
    }
    errors: dict[str, str] = {}
    problem = slug_problem(fields["slug"])
    if problem:
        errors["slug"] = str(SLUG_ERRORS[problem])
    if fields["lang"] not in ("ar", "en"):
        errors["lang"] = _("Choose Arabic or English.")
    if fields["status"] not in STATUSES:
        errors["status"] = _("Choose draft, published or unlisted.")
    return fields, errors


@bp.route("/portfolio", methods=["GET", "POST"])
@access("signed-in")
def builder() -> str | Response | tuple[str, int]:
    """Edit the portfolio; a validation error re-renders with everything that was typed."""
    portfolio = (
        services.draft_for(current_user)
        if request.method == "GET"
        else services.ensure_portfolio(current_user)
    )
    accounts = sandbox.accounts_of(current_user)
    if request.method == "GET":
        return render_template(
            "portfolio/builder.html", p=portfolio, form=None, errors={}, accounts=accounts
        )
    fields, errors = read_builder(request.form)
    if not errors:
        try:
            services.save_profile(current_user, portfolio, fields)
        except services.PortfolioError as exc:
            errors["slug"] = str(SLUG_ERRORS[str(exc)])
    if errors:
        return render_template(
            "portfolio/builder.html", p=portfolio, form=fields, errors=errors, accounts=accounts
        ), 400
    flash(_("Portfolio saved."), "success")
    return redirect(url_for("portfolio.builder"), code=303)


@bp.route("/portfolio/case-studies/sandbox/<int:account_id>", methods=["POST"])
@access("owner")
def from_sandbox(account_id: int) -> Response:
    """Turn a sandbox account into a simulated case study (one click)."""
    account = sandbox.account_for(current_user, account_id)
    portfolio = services.ensure_portfolio(current_user)
    try:
        services.add_sandbox_case_study(current_user, portfolio, account)
    except services.PortfolioError as exc:
        if str(exc) == "exists":
            flash(_("This account is already a case study in your portfolio."), "info")
        else:
            flash(_("This account has no published posts yet: publish some first."), "error")
        return redirect(url_for("portfolio.builder"), code=303)
    flash(_("Case study added, labelled as simulated practice."), "success")
    return redirect(url_for("portfolio.builder"), code=303)


@bp.route("/p/<slug>")
@access("public")
def public(slug: str) -> str | Response:
    """The portfolio as clients see it (a former address redirects to the new one)."""
    portfolio, moved = services.public_portfolio(slug)
    if moved is not None:
        return redirect(url_for("portfolio.public", slug=moved), code=301)
    assert portfolio is not None
    owner = current_user.is_authenticated and current_user.id == portfolio.user_id
    if not visible(portfolio.status, owner=owner, shared=False):
        abort(404)
    return render_template(
        "portfolio/public.html",
        p=portfolio,
        # Learner Markdown, rendered and cleaned by nh3 (a narrow allowlist) right here.
        bio=Markup(learner_html(portfolio.bio)),  # noqa: S704  # nosec B704
        robots=robots(portfolio.status, portfolio.indexable),
        owner=owner,
        lib=library(),
    )
