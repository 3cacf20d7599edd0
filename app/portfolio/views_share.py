"""Secret links for unlisted portfolios, abuse reports, and the admins' report list."""

from __future__ import annotations

import json

from flask import Response as FlaskResponse
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts.views import limited
from app.core.extensions import csrf
from app.core.hosts import public_url
from app.core.registry import access
from app.portfolio import resume_services, services, sharing
from app.portfolio.resume import NotJson, from_resume, problems, read_json
from app.portfolio.views import bp, readable
from app.sandbox.forms import clean

MAX_RESUME = 200 * 1024


@bp.route("/portfolio/links", methods=["POST"])
@access("signed-in")
def create_link() -> Response:
    """Make a secret link (shown once); it can expire after some days."""
    portfolio = services.ensure_portfolio(current_user)
    raw_days = request.form.get("days", "")
    # isdecimal, not isdigit ("²" is a digit int() refuses); the length keeps int() cheap.
    whole = raw_days.isdecimal() and len(raw_days) <= 3
    days = int(raw_days) if whole and 1 <= int(raw_days) <= 365 else None
    token = sharing.create_link(current_user, portfolio, clean(request.form.get("label"), 80), days)
    link = public_url("portfolio.public", slug=portfolio.slug, k=token)
    flash(
        _("Your secret link (copy it now, it is shown only once): %(link)s", link=link), "success"
    )
    return redirect(url_for("portfolio.builder"), code=303)


@bp.route("/portfolio/links/<int:link_id>/revoke", methods=["POST"])
@access("owner")
def revoke_link(link_id: int) -> Response:
    """Stop a secret link working at once."""
    sharing.revoke_link(current_user, link_id)
    flash(_("The link no longer works."), "success")
    return redirect(url_for("portfolio.builder"), code=303)


@bp.route("/p/<slug>/report", methods=["POST"])
@access("public")
@csrf.exempt  # no session to ride: the form's signed token binds it to this page instead
def report(slug: str) -> Response | tuple[str, int]:
    """A visitor reports abuse; the admins see it with a one-click unpublish."""
    portfolio, _owner = readable(slug)
    if services.form_age(portfolio, request.form.get("token", "")) is None:
        abort(400)
    reason = clean(request.form.get("reason"), 500).strip()
    back = url_for("portfolio.public", slug=portfolio.slug, k=request.form.get("k") or None)
    if len(reason) < 5:
        flash(_("Say in a few words what is wrong with this page."), "error")
        return redirect(back, code=303)
    if limited(("report-ip", request.remote_addr or "unknown")):
        flash(_("Too many reports for now. Please try again later."), "error")
        return redirect(back, code=303)
    sharing.report(portfolio, reason)
    flash(_("Thank you. Our team will look at this page."), "success")
    return redirect(back, code=303)


@bp.route("/admin/reports")
@access("admin")
def reports() -> str:
    """Reports about portfolios, newest first, each with its portfolio's state."""
    return render_template("portfolio/reports.html", rows=sharing.recent_reports())


@bp.route("/admin/portfolios/<int:portfolio_id>/unpublish", methods=["POST"])
@access("admin")
def unpublish(portfolio_id: int) -> Response:
    """Take a reported portfolio off line at once."""
    sharing.unpublish(portfolio_id, current_user)
    flash(_("The portfolio is unpublished."), "success")
    return redirect(url_for("portfolio.reports"), code=303)


@bp.route("/portfolio/resume.json")
@access("signed-in")
def resume_export() -> FlaskResponse:
    """The portfolio as JSON Resume 1.2.1 (a download; reading never creates a portfolio)."""
    portfolio = services.draft_for(current_user)
    url = public_url("portfolio.public", slug=portfolio.slug)

    def image_url(image_id: int) -> str:
        """A picture's address on the portfolio (readable wherever the page is)."""
        return public_url("portfolio.image", slug=portfolio.slug, image_id=image_id)

    resume = resume_services.resume_of(current_user, portfolio, url, image_url)
    body = json.dumps(resume, ensure_ascii=False, indent=2)
    return FlaskResponse(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="resume.json"'},
    )


@bp.route("/portfolio/resume", methods=["POST"])
@access("signed-in")
def resume_import() -> Response:
    """Pre-fill the portfolio from a JSON Resume file; every problem is named."""
    upload = request.files.get("resume")
    raw = upload.read(MAX_RESUME + 1) if upload else b""
    back = url_for("portfolio.builder")
    if not raw or len(raw) > MAX_RESUME:
        flash(_("Choose a JSON Resume file (.json) of at most 200 KB."), "error")
        return redirect(back, code=303)
    try:
        data = read_json(raw)
    except NotJson as exc:
        flash(_("This file is not valid JSON (%(where)s).", where=str(exc)), "error")
        return redirect(back, code=303)
    found = problems(data)
    if found:
        flash(
            _(
                "This file does not follow JSON Resume 1.2.1: %(problems)s",
                problems="; ".join(found[:3]),
            ),
            "error",
        )
        return redirect(back, code=303)
    added = resume_services.import_resume(current_user, from_resume(data))
    flash(
        _(
            # "label: number" reads right in Arabic for any number (no plural forms needed).
            "Imported. Case studies: %(studies)d. Services, samples, testimonials and tools: "
            "%(items)d. Check them, then publish.",
            studies=added["studies"],
            items=added.total() - added["studies"],
        ),
        "success",
    )
    if added["testimonial"]:
        flash(
            _(
                "Imported testimonials stay hidden (%(num)d): show each one only after that "
                "person agrees to be quoted.",
                num=added["testimonial"],
            ),
            "info",
        )
    return redirect(back, code=303)
