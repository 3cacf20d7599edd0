"""Portfolio pages: the builder (owner) and the public page at /p/<slug>."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts.views import limited
from app.core.errors import render_error
from app.core.extensions import csrf
from app.core.memo import Memo, render_fresh_form, render_kept_form
from app.core.registry import access
from app.portfolio import editing, services, sharing, stats
from app.portfolio.contact import DECOY, check_contact
from app.portfolio.domain import (
    ITEM_KINDS,
    PLATFORMS,
    STATUSES,
    sections,
    slug_problem,
    split_codes,
    visible,
)
from app.portfolio.errors import NotYours, PortfolioError, PortfolioGone, PortfolioNotFound
from app.portfolio.page import cached_public, render_public
from app.portfolio.read import version_of
from app.portfolio.themes import THEMES, themes
from app.sandbox import services as sandbox
from app.sandbox.forms import clean

bp = Blueprint("portfolio", __name__, template_folder="templates")


@bp.errorhandler(PortfolioNotFound)
@bp.errorhandler(NotYours)
def not_found(_exc: LookupError) -> tuple[str, int]:
    """Nothing here for this visitor: the usual 404 page (an id reveals no one's data)."""
    return render_error(404)


@bp.errorhandler(PortfolioGone)
def gone(_exc: PortfolioGone) -> tuple[str, int]:
    """A deleted portfolio's address: 410, so search engines drop it."""
    return render_error(410)


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
        "theme": form.get("theme", "classic"),
        "indexable": form.get("indexable") == "y",
        "notify_email": form.get("notify_email") == "y",
        "platforms": ",".join(p for p in PLATFORMS if p in set(form.getlist("platforms"))),
    }
    errors: dict[str, str] = {}
    problem = slug_problem(fields["slug"])
    if problem:
        errors["slug"] = str(SLUG_ERRORS[problem])
    if fields["lang"] not in ("ar", "en"):
        errors["lang"] = _("Choose Arabic or English.")
    if fields["theme"] not in themes():
        errors["theme"] = _("Choose one of the themes.")
    if fields["status"] not in STATUSES:
        errors["status"] = _("Choose draft, published or unlisted.")
    return fields, errors


def scenario_names(accounts: list[Any], lang: str) -> dict[int, str]:
    """Each sandbox account's brand name, so the learner knows which one they add."""
    names = {}
    for account in accounts:
        scenario = sandbox.scenario_of(account)
        names[account.id] = (scenario.get("name") or {}).get(lang, "") or str(account.id)
    return names


# Builder bodies as last drawn: every edit of the portfolio, its items or case studies moves
# its `updated_at` (editing.touch), and the key names the accounts and links it also shows.
BUILDERS = Memo(128)


def render_builder(portfolio: Any, form: Any, errors: dict[str, str]) -> str:
    """The builder page: profile form, sections, items, case studies, links and preview."""
    accounts = sandbox.accounts_of(current_user)
    links = sharing.links_of(current_user)

    def values() -> dict[str, Any]:
        """The body's values (items and case studies are read only to draw it)."""
        items: dict[str, list[Any]] = {kind: [] for kind in ITEM_KINDS.values()}
        for item in editing.items_of(portfolio) if portfolio.id else []:
            items[item.kind].append(item)
        studies = list(portfolio.case_studies) if portfolio.id else []
        return {
            "p": portfolio,
            "form": form,
            "errors": errors,
            "accounts": accounts,
            "scenario_names": scenario_names(accounts, portfolio.lang or "ar"),
            "added_accounts": {(c.figures or {}).get("account") for c in studies},
            "links": links,
            "layout": sections(portfolio.sections or ""),
            "items": items,
            "kinds": ITEM_KINDS,
            "studies": studies,
            "all_platforms": PLATFORMS,
            "chosen_platforms": split_codes(portfolio.platforms or "", PLATFORMS),
        }

    if portfolio.id is None or form is not None or errors:
        body = render_fresh_form("portfolio/_builder_body.html", values())
        return render_template("portfolio/builder.html", body=body)
    key = (
        portfolio.id,
        portfolio.updated_at,
        tuple((a.id, a.scenario_id) for a in accounts),
        tuple((k.id, k.label, k.revoked_at, k.expires_at) for k in links),
    )
    body = render_kept_form(BUILDERS, key, "portfolio/_builder_body.html", values)
    return render_template("portfolio/builder.html", body=body)


@bp.route("/portfolio", methods=["GET", "POST"])
@access("signed-in")
def builder() -> str | Response | tuple[str, int]:
    """Edit the portfolio; a validation error re-renders with everything that was typed."""
    portfolio = (
        services.draft_for(current_user)
        if request.method == "GET"
        else services.ensure_portfolio(current_user)
    )
    if request.method == "GET":
        return render_builder(portfolio, None, {})
    fields, errors = read_builder(request.form)
    if not errors:
        try:
            services.save_profile(current_user, portfolio, fields)
        except PortfolioError as exc:
            errors["slug"] = str(SLUG_ERRORS[str(exc)])
    if errors:
        return render_builder(portfolio, fields, errors), 400
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
    except PortfolioError as exc:
        if str(exc) == "exists":
            flash(_("This account is already a case study in your portfolio."), "info")
        else:
            flash(_("This account has no published posts yet: publish some first."), "error")
        return redirect(url_for("portfolio.builder"), code=303)
    flash(_("Case study added, labelled as simulated practice."), "success")
    return redirect(url_for("portfolio.builder"), code=303)


CONTACT_ERRORS = {
    "name": _l("Write your name (one line)."),
    "email": _l("Write an email address where you can be reached, like name@example.com."),
    "short": _l("Write a message of at least 10 characters."),
    "links": _l("Please include at most 2 links."),
}


def readable(slug: str) -> tuple[Any, bool]:
    """The portfolio behind a current slug if this visitor may read it, and whether they own it."""
    portfolio, _moved = services.public_portfolio(slug)
    if portfolio is None:
        abort(404)
    owner = bool(current_user.is_authenticated and current_user.id == portfolio.user_id)
    shared = portfolio.status == "unlisted" and sharing.link_is_live(
        portfolio, request.values.get("k", "")
    )
    if not visible(portfolio.status, owner=owner, shared=shared):
        abort(404)
    return portfolio, owner


@bp.route("/p/<slug>/contact", methods=["POST"])
@access("public")
@csrf.exempt  # no session to ride: the signed form token (checked below) binds it instead
def contact(slug: str) -> str | Response | tuple[str, int]:
    """Relay a visitor's message to the learner, with a decoy field, fill time and limits."""
    portfolio, owner = readable(slug)
    if ("contact", False) not in sections(portfolio.sections):
        abort(404)  # the owner hid the contact form
    back = url_for("portfolio.public", slug=portfolio.slug, k=request.form.get("k") or None)
    age = services.form_age(portfolio, request.form.get("token", ""))
    checked = check_contact(request.form, age)
    typed = {"name": checked.name, "email": checked.email, "message": checked.body}
    if str(request.form.get(DECOY) or "").strip():
        # A filled decoy field: answer like a success so bots learn nothing; store nothing.
        flash(_("Message sent. Thank you."), "success")
        return redirect(back, code=303)
    if checked.errors or checked.spam:
        errors = {k: str(CONTACT_ERRORS[v]) for k, v in checked.errors.items()}
        notice = (
            _("Please take a moment to read your message, then send it again.")
            if checked.spam
            else ""
        )
        page = render_public(portfolio, owner, contact=typed, contact_errors=errors, notice=notice)
        return page, 400
    checks = (
        ("contact-ip", request.remote_addr or "unknown"),
        ("contact-portfolio", str(portfolio.id)),
    )
    if limited(*checks):
        notice = _("Too many messages for now. Please try again in an hour.")
        return render_public(portfolio, owner, contact=typed, notice=notice), 429
    services.send_message(portfolio, checked.name, checked.email, checked.body)
    flash(_("Message sent. Thank you."), "success")
    return redirect(back, code=303)


@bp.route("/portfolio/messages")
@access("signed-in")
def messages() -> str:
    """Messages visitors sent through the portfolio."""
    return render_template("portfolio/messages.html", messages=services.messages_of(current_user))


def count_visit(portfolio_id: int, user_id: int) -> None:
    """Count this request as a view of the portfolio (the counter sees no visitor, only these)."""
    stats.count_visit(
        portfolio_id,
        user_id,
        user_agent=request.headers.get("User-Agent", ""),
        referrer=request.referrer or "",
        own_host=request.host,
    )


@bp.route("/p/<slug>")
@access("public")
def public(slug: str) -> str | Response:
    """The portfolio as clients see it (a former address redirects to the new one)."""
    if not current_user.is_authenticated and "_flashes" not in session:
        # The common case, kept to one query: an anonymous visitor on a published page.
        version = version_of(slug)
        if version is not None and version.status == "published":
            count_visit(version.id, version.user_id)
            return cached_public(version)
    _found, moved = services.public_portfolio(slug)
    if moved is not None:
        return redirect(url_for("portfolio.public", slug=moved), code=301)
    portfolio, owner = readable(slug)
    if not owner:
        count_visit(portfolio.id, portfolio.user_id)
    return render_public(portfolio, owner)


@bp.route("/portfolio-themes/<theme_id>.css")
@access("public")
def theme_css(theme_id: str) -> Response:
    """A theme's stylesheet (themes live outside the app's static folder)."""
    if theme_id not in themes():
        abort(404)
    response = send_file(THEMES / theme_id / "theme.css", mimetype="text/css", max_age=86400)
    return response


@bp.context_processor
def portfolio_themes() -> dict[str, object]:
    """The themes, for the builder's picker."""
    return {"themes": themes()}
