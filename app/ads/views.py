"""Ads manager pages: the campaign list, the setup form, results, the report and its CSV."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from app.ads import labels, results, services
from app.ads.domain.data import ads_data
from app.ads.domain.policy import category_names
from app.ads.domain.setup import Checked, Setup, objectives_of, placements_of
from app.ads.export import report_csv
from app.ads.forms import read_setup
from app.ads.policy_hook import policy_problems
from app.core.i18n import current_language
from app.core.labels import label
from app.core.memo import Memo, render_kept, render_kept_form
from app.core.registry import access
from app.sandbox import services as sandbox_services
from app.sandbox.errors import SandboxError
from app.sandbox.views import context

bp = Blueprint("ads", __name__, template_folder="templates")


# The campaign list, a campaign page's tables (a row per passed day, a cell per figure) and its
# settings are most of their pages' cost and are fixed for their key (the run or the row's last
# change, language and currency): kept rendered, per process.
FRAGMENTS = Memo(512)


@bp.context_processor
def names() -> dict[str, object]:
    """Label tables and the sandbox's names for every ads page."""
    from app.sandbox.views import sandbox_labels

    return {**sandbox_labels(), "L": labels, "ads_data": ads_data}


def _account(account_id: int) -> Any:
    return sandbox_services.account_for(current_user, account_id)


@bp.route("/sandbox/<int:account_id>/ads")
@access("owner")
def index(account_id: int) -> str:
    """The account's campaigns with status, spend, results and cost per result."""
    account = _account(account_id)
    campaigns = services.campaigns_of(account)
    currency = services.currency_of(account)
    # The list is fixed by the campaigns' rows, the simulated date and the currency: kept
    # rendered (each campaign's status and figures follow from those).
    key = (
        account.id,
        account.seed,
        account.clock.date(),
        currency,
        tuple((c.id, c.created_at, c.updated_at) for c in campaigns),
    )

    def values() -> dict[str, Any]:
        """The list's rows: each campaign with its status and figures."""
        today, lang = account.clock.date(), current_language()
        rows = [
            (c, services.status_of(c, today), results.report_of(account, c, lang, explain=False))
            for c in campaigns
        ]
        return {"rows": rows, "account": account, "currency": currency}

    list_html = render_kept(FRAGMENTS, ("list", *key), "ads/_list.html", values)
    return render_template("ads/index.html", list_html=list_html, **context(account))


def _form_page(account: Any, setup: Setup, checked: Checked | None, campaign: Any = None) -> str:
    """The setup form with what was typed, problems by field and the audience estimate."""
    problems = checked.problems if checked else ()
    by_field: dict[str, list[str]] = {}
    for p in problems:
        by_field.setdefault(p.field, []).append(labels.problem_text(p))
    values = {"setup": setup, "campaign": campaign, **context(account)}
    currency = services.currency_of(account)

    def form_values() -> dict[str, Any]:
        """Everything the form's body shows."""
        return {
            **values,
            "checked": checked,
            "problems": problems,
            "by_field": by_field,
            "objectives": {f: objectives_of(f) for f in ("meta", "tiktok")},
            "placements": {f: placements_of(f) for f in ("meta", "tiktok")},
            "currency": currency,
            "pacing": services.pacing_note(),
            "categories": category_names(current_language()),
            "text_limits": services.limits("text"),
            "headline_limits": services.limits("headline"),
        }

    if checked is None:
        # An untouched form (new, or a saved draft opened) is fixed by its setup (a frozen
        # value), the campaign's row and the account: kept rendered.
        ident = (campaign.id, campaign.updated_at) if campaign else None
        key = (account.id, id(values["scenario"]), currency, setup, ident)
        body = render_kept_form(FRAGMENTS, ("form", *key), "ads/_form_body.html", form_values)
    else:
        body = Markup(render_template("ads/_form_body.html", **form_values()))  # noqa: S704  # nosec B704
    return render_template("ads/form.html", body=body, **values)


@bp.route("/sandbox/<int:account_id>/ads/new")
@access("owner")
def new(account_id: int) -> str:
    """An empty setup form (the schedule starts tomorrow on the simulated clock)."""
    account = _account(account_id)
    return _form_page(account, services.blank_setup(account), None)


def _submit(account: Any, campaign_id: int | None) -> str | Response | tuple[str, int]:
    """Check only (the audience button), or save the draft and go to its page."""
    setup = read_setup(request.form)
    campaign = services.campaign_for(current_user, account, campaign_id) if campaign_id else None
    if request.form.get("action") == "estimate":
        return _form_page(account, setup, services.check(account, setup), campaign)
    try:
        saved = services.save_campaign(current_user, account, setup, campaign_id)
    except services.Invalid as exc:
        return _form_page(account, setup, exc.checked, campaign), 422
    except SandboxError as exc:
        flash(label(labels.ERRORS, exc), "error")
        return redirect(url_for("ads.index", account_id=account.id), 303)
    flash(_("The draft is saved. Check it, then launch it."), "success")
    return redirect(
        url_for("ads.campaign", account_id=account.id, campaign_id=saved.campaign.id), 303
    )


@bp.route("/sandbox/<int:account_id>/ads/new", methods=["POST"])
@access("owner")
def create(account_id: int) -> str | Response | tuple[str, int]:
    """Save a new draft; the form comes back with every problem when it cannot be saved."""
    return _submit(_account(account_id), None)


@bp.route("/sandbox/<int:account_id>/ads/<int:campaign_id>/edit")
@access("owner")
def edit(account_id: int, campaign_id: int) -> str | Response:
    """A draft's setup form, filled in (a launched campaign goes back to its page)."""
    account = _account(account_id)
    campaign = services.campaign_for(current_user, account, campaign_id)
    if campaign.status != "draft":
        flash(label(labels.ERRORS, "ads-not-draft"), "error")
        return redirect(
            url_for("ads.campaign", account_id=account.id, campaign_id=campaign.id), 303
        )
    return _form_page(account, services.setup_of(campaign), None, campaign)


@bp.route("/sandbox/<int:account_id>/ads/<int:campaign_id>/edit", methods=["POST"])
@access("owner")
def update(account_id: int, campaign_id: int) -> str | Response | tuple[str, int]:
    """Save a draft's changes."""
    return _submit(_account(account_id), campaign_id)


@bp.route("/sandbox/<int:account_id>/ads/<int:campaign_id>")
@access("owner")
def campaign(account_id: int, campaign_id: int) -> str:
    """A draft with its checks and launch button, or a running campaign's results."""
    account = _account(account_id)
    row = services.campaign_for(current_user, account, campaign_id)
    return _campaign_page(account, row, ())


def campaign_parts(account: Any, row: Any, report: Any) -> dict[str, Any]:
    """The rendered settings, and the results tables when days have passed."""
    currency = services.currency_of(account)
    settings_key = (account.id, row.id, row.created_at, row.updated_at, currency)
    return {
        "settings": render_kept(
            FRAGMENTS,
            settings_key,
            "ads/_settings.html",
            lambda: {
                "campaign": row,
                "audience": results.estimate_of(row),
                "currency": currency,
            },
        ),
        "tables": render_kept(
            FRAGMENTS,
            (*results.run_key(account, row), currency),
            "ads/_results.html",
            lambda: {"report": report, "currency": currency},
        )
        if report is not None and report.days
        else None,
    }


def _campaign_page(account: Any, row: Any, refused: tuple[Any, ...]) -> str:
    """The campaign page, with the problems a refused launch listed."""
    draft = row.status == "draft"
    report = results.report_of(account, row, current_language())
    return render_template(
        "ads/campaign.html",
        campaign=row,
        status=services.status_of(row, account.clock.date()),
        report=report,
        **campaign_parts(account, row, report),
        checked=services.check(account, services.setup_of(row)) if draft else None,
        refused=refused,
        policy=policy_problems(row) if draft else (),
        **context(account),
    )


@bp.route("/sandbox/<int:account_id>/ads/<int:campaign_id>/launch", methods=["POST"])
@access("owner")
def launch(account_id: int, campaign_id: int) -> str | Response | tuple[str, int]:
    """Launch a draft, or show the page again with every blocking problem."""
    account = _account(account_id)
    try:
        services.launch(current_user, account, campaign_id)
    except services.Invalid as exc:
        row = services.campaign_for(current_user, account, campaign_id)
        return _campaign_page(account, row, exc.problems), 422
    except SandboxError as exc:
        flash(label(labels.ERRORS, exc), "error")
    else:
        flash(_("The campaign is live. Advance the clock to see its results."), "success")
    return redirect(url_for("ads.campaign", account_id=account_id, campaign_id=campaign_id), 303)


@bp.route("/sandbox/<int:account_id>/ads/<int:campaign_id>/pause", methods=["POST"])
@access("owner")
def pause(account_id: int, campaign_id: int) -> Response:
    """Pause delivery from today (simulated)."""
    return _toggle(account_id, campaign_id, services.pause, _("The campaign is paused."))


@bp.route("/sandbox/<int:account_id>/ads/<int:campaign_id>/resume", methods=["POST"])
@access("owner")
def resume(account_id: int, campaign_id: int) -> Response:
    """Resume delivery from today (simulated)."""
    return _toggle(account_id, campaign_id, services.resume, _("The campaign is running again."))


def _toggle(account_id: int, campaign_id: int, action: Any, done: str) -> Response:
    account = _account(account_id)
    try:
        action(current_user, account, campaign_id)
    except SandboxError as exc:
        flash(label(labels.ERRORS, exc), "error")
    else:
        flash(done, "success")
    return redirect(url_for("ads.campaign", account_id=account_id, campaign_id=campaign_id), 303)


@bp.route("/sandbox/<int:account_id>/ads/<int:campaign_id>/report")
@access("owner")
def report(account_id: int, campaign_id: int) -> str:
    """A printable report for a client: settings, totals with their formulas, days."""
    account = _account(account_id)
    row = services.campaign_for(current_user, account, campaign_id)
    report = results.report_of(account, row, current_language())
    return render_template(
        "ads/report.html",
        campaign=row,
        status=services.status_of(row, account.clock.date()),
        report=report,
        **campaign_parts(account, row, report),
        **context(account),
    )


@bp.route("/sandbox/<int:account_id>/ads/<int:campaign_id>/report.csv")
@access("owner")
def report_download(account_id: int, campaign_id: int) -> Response:
    """The daily figures and totals as CSV."""
    account = _account(account_id)
    row = services.campaign_for(current_user, account, campaign_id)
    body = report_csv(row, results.report_of(account, row, current_language()))
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="campaign-{row.id}.csv"'},
    )
