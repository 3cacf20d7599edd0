"""Secret links for unlisted portfolios, abuse reports, and the admins' report list."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.accounts.views import limited
from app.extensions import db
from app.portfolio import bp, services
from app.portfolio.models import Portfolio, PortfolioReport
from app.portfolio.views import readable
from app.registry import access
from app.sandbox.forms import clean


@bp.route("/portfolio/links", methods=["POST"])
@access("signed-in")
def create_link() -> Response:
    """Make a secret link (shown once); it can expire after some days."""
    portfolio = services.ensure_portfolio(current_user)
    raw_days = request.form.get("days", "")
    days = int(raw_days) if raw_days.isdigit() and 1 <= int(raw_days) <= 365 else None
    token = services.create_link(
        current_user, portfolio, clean(request.form.get("label"), 80), days
    )
    link = url_for("portfolio.public", slug=portfolio.slug, k=token, _external=True)
    flash(
        _("Your secret link (copy it now, it is shown only once): %(link)s", link=link), "success"
    )
    return redirect(url_for("portfolio.builder"), code=303)


@bp.route("/portfolio/links/<int:link_id>/revoke", methods=["POST"])
@access("owner")
def revoke_link(link_id: int) -> Response:
    """Stop a secret link working at once."""
    services.revoke_link(current_user, link_id)
    flash(_("The link no longer works."), "success")
    return redirect(url_for("portfolio.builder"), code=303)


@bp.route("/p/<slug>/report", methods=["POST"])
@access("public")
def report(slug: str) -> Response | tuple[str, int]:
    """A visitor reports abuse; the admins see it with a one-click unpublish."""
    portfolio, _owner = readable(slug)
    reason = clean(request.form.get("reason"), 500).strip()
    back = url_for("portfolio.public", slug=portfolio.slug)
    if len(reason) < 5:
        flash(_("Say in a few words what is wrong with this page."), "error")
        return redirect(back, code=303)
    if limited(("report-ip", request.remote_addr or "unknown")):
        flash(_("Too many reports for now. Please try again later."), "error")
        return redirect(back, code=303)
    services.report(portfolio, reason)
    flash(_("Thank you. Our team will look at this page."), "success")
    return redirect(back, code=303)


@bp.route("/admin/reports")
@access("admin")
def reports() -> str:
    """Reports about portfolios, newest first, each with its portfolio's state."""
    rows = db.session.execute(
        select(PortfolioReport, Portfolio)
        .join(Portfolio, Portfolio.id == PortfolioReport.portfolio_id)
        .order_by(PortfolioReport.id.desc())
        .limit(200)
    ).all()
    return render_template("portfolio/reports.html", rows=rows)


@bp.route("/admin/portfolios/<int:portfolio_id>/unpublish", methods=["POST"])
@access("admin")
def unpublish(portfolio_id: int) -> Response:
    """Take a reported portfolio off line at once."""
    services.unpublish(portfolio_id)
    flash(_("The portfolio is unpublished."), "success")
    return redirect(url_for("portfolio.reports"), code=303)
