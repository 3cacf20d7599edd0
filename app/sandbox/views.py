"""Sandbox pages I: accounts, the composer, a post with its why panel, approval and the clock."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from app.core.errors import render_error
from app.core.memo import Memo, render_kept
from app.core.registry import access
from app.sandbox import clock, services
from app.sandbox.data import sandbox_data
from app.sandbox.domain.brief import trend_windows
from app.sandbox.domain.platforms import ASPECTS, FORMATS, GOALS, PLATFORMS
from app.sandbox.errors import SandboxError, SandboxNotFound, StaleClock
from app.sandbox.forms import LIMITS, clean, read_composer, read_when
from app.sandbox.labels import ERRORS
from app.sandbox.read import account_lists
from app.sandbox.views_nav import label_tables, sandbox_names, sandbox_nav

bp = Blueprint("sandbox", __name__, template_folder="templates")
bp.add_app_template_global(sandbox_nav)
bp.add_app_template_global(sandbox_names)


@bp.app_errorhandler(SandboxNotFound)
def not_found(error: SandboxNotFound) -> tuple[str, int]:
    """Another learner's account or post, or one that is gone (any page): it does not exist."""
    return render_error(404)


def context(account: services.SandboxAccount) -> dict[str, object]:
    """What every account page needs: the account, its scenario and the option lists."""
    return {
        "account": account,
        "scenario": services.scenario_of(account),
        "platforms": PLATFORMS,
        "formats": FORMATS,
        "goals": GOALS,
        "aspects": ASPECTS,
        "limits": LIMITS,
    }


def trend_context(account: services.SandboxAccount) -> dict[str, object]:
    """What the composer's trend guide needs: each trend's window and the pillars' names."""
    scenario = services.scenario_of(account)
    return {
        "trend_windows": trend_windows(scenario, account.started.date(), account.clock.date()),
        "pillar_names": {p["id"]: p.get("name") for p in scenario.get("pillars") or []},
    }


def refuse(error: SandboxError, to: str) -> Response:
    """Show why an action was refused, then go back (nothing the learner typed is stored yet)."""
    flash(
        str(ERRORS.get(str(error), _("That did not work. Check the form and try again."))), "error"
    )
    return redirect(to, code=303)


@bp.route("/sandbox")
@access("signed-in")
def index() -> str:
    """The learner's accounts and the scenarios they can start."""
    return render_template(
        "sandbox/index.html",
        accounts=services.accounts_of(current_user),
        scenarios=sandbox_data().scenarios,
    )


@bp.route("/sandbox/start", methods=["POST"])
@access("signed-in")
def start() -> Response:
    """Start an account from a scenario."""
    try:
        account = services.start_account(current_user, request.form.get("scenario", ""))
    except SandboxError as exc:
        return refuse(exc, url_for("sandbox.index"))
    return redirect(url_for("sandbox.account", account_id=account.id), code=303)


@bp.route("/sandbox/<int:account_id>")
@access("owner")
def account(account_id: int) -> str:
    """The account: clock, followers, the queue and the latest results."""
    acc = services.account_for(current_user, account_id)
    queue, recent = account_lists(acc)
    from app.inbox import services as inbox_services  # the inbox imports the sandbox

    # The two lists are plain frozen rows: their rendering is kept per set of rows.
    lists = render_kept(
        LISTS,
        (acc.id, tuple(queue), tuple(recent)),
        "sandbox/_account_lists.html",
        lambda: {"queue": queue, "recent": recent, "account": acc},
    )
    return render_template(
        "sandbox/account.html",
        lists=lists,
        inbox=inbox_services.summary(current_user, acc),
        **context(acc),
    )


LISTS = Memo(256)


# An empty composer is fixed by the account's scenario and simulated date (the trend windows):
# its body, most of the page, is kept rendered.
COMPOSERS = Memo(256)


def _compose_page(acc: services.SandboxAccount, got: Any, checks: dict[str, Any]) -> str:
    """The composer with what was typed and its checks (none: the empty form)."""
    values = {"got": got, "checks": checks, **context(acc)}
    if got is None:
        key = (acc.id, acc.scenario_id, id(values["scenario"]), acc.started, acc.clock.date())
        # The trend guide is part of the body: worked out only when the body is drawn.
        body = render_kept(
            COMPOSERS,
            key,
            "sandbox/_compose_body.html",
            lambda: {**values, **trend_context(acc)},
        )
    else:
        body = Markup(render_template("sandbox/_compose_body.html", **values, **trend_context(acc)))  # noqa: S704  # nosec B704
    return render_template("sandbox/compose.html", compose_body=body, **values)


@bp.route("/sandbox/<int:account_id>/compose", methods=["GET", "POST"])
@access("owner")
def compose(account_id: int) -> str | Response | tuple[str, int]:
    """One idea, one version per platform: check with previews, then save the drafts."""
    acc = services.account_for(current_user, account_id)
    scenario = services.scenario_of(acc)
    if request.method == "GET":
        return _compose_page(acc, None, {})
    got = read_composer(request.form, scenario)
    checks = {}
    for platform, version in got.versions.items():
        probe = services.SandboxPost(platform=platform, **version)
        checks[platform] = services.violations(acc, probe)
    if got.errors or request.form.get("action") != "save":
        status = 400 if got.errors else 200
        return _compose_page(acc, got, checks), status
    idea = services.save_idea(current_user, acc, got.title, got.campaign, got.versions)
    flash(
        _(
            "Saved %(num)d drafts. Submit each one for approval, then schedule it.",
            num=len(idea.posts),
        ),
        "success",
    )
    return redirect(url_for("sandbox.account", account_id=acc.id), code=303)


@bp.route("/sandbox/<int:account_id>/posts/<int:post_id>/review", methods=["POST"])
@access("owner")
def review(account_id: int, post_id: int) -> Response:
    """Submit for approval, approve, or send back with a comment."""
    acc = services.account_for(current_user, account_id)
    item = services.post_for(current_user, acc, post_id)
    action = request.form.get("action", "")
    if action not in ("submit", "approve", "return"):
        abort(400)
    back = url_for("sandbox.post", account_id=acc.id, post_id=item.id)
    try:
        services.set_status(
            current_user, acc, item, action, clean(request.form.get("comment"), LIMITS["comment"])
        )
    except SandboxError as exc:
        return refuse(exc, back)
    return redirect(
        (request.form.get("back") == "calendar" and url_for("sandbox.calendar", account_id=acc.id))
        or back,
        code=303,
    )


@bp.route("/sandbox/<int:account_id>/posts/<int:post_id>/schedule", methods=["POST"])
@access("owner")
def schedule(account_id: int, post_id: int) -> Response:
    """Put the post in a time slot (a datetime field, or a move by hours from the calendar)."""
    acc = services.account_for(current_user, account_id)
    item = services.post_for(current_user, acc, post_id)
    back = url_for(
        "sandbox.calendar", account_id=acc.id, week=request.form.get("week", 0, type=int)
    )
    if request.form.get("back") != "calendar":
        back = url_for("sandbox.post", account_id=acc.id, post_id=item.id)
    try:
        if "move" in request.form:
            hours = request.form.get("move", 0, type=int)
            if hours not in (-24, -1, 1, 24):
                abort(400)
            services.move(current_user, acc, item, hours)
        else:
            when = read_when(request.form.get("when"))
            if when is None:
                raise SandboxError("past")
            services.schedule(current_user, acc, item, when)
    except SandboxError as exc:
        return refuse(exc, back)
    flash(
        _(
            "Scheduled for %(when)s.",
            when=item.scheduled_at.strftime("%Y-%m-%d %H:%M") if item.scheduled_at else "",
        ),
        "success",
    )
    return redirect(back, code=303)


@bp.route("/sandbox/<int:account_id>/advance", methods=["POST"])
@access("owner")
def advance(account_id: int) -> Response | tuple[str, int]:
    """Move the simulated clock forward by hours or days."""
    acc = services.account_for(current_user, account_id)
    amount = request.form.get("amount", 0, type=int)
    unit = 24 if request.form.get("unit") == "days" else 1
    try:
        shown = datetime.fromisoformat(request.form.get("clock", ""))
    except ValueError:
        abort(400)  # the form always carries the clock it showed
    try:
        published = clock.advance(current_user, acc, amount * unit, shown_clock=shown)
    except StaleClock as stale:
        # Two tabs, two clicks: the second click would move the clock twice. Say so instead.
        page = render_template(
            "sandbox/stale_clock.html", shown=stale.shown, now=stale.now, **context(acc)
        )
        return page, 409
    except SandboxError as exc:
        return refuse(exc, url_for("sandbox.account", account_id=acc.id))
    flash(_("The clock moved on. Posts published: %(num)d.", num=len(published)), "success")
    return redirect(_back_from_clock(acc.id, request.form.get("back", "")), code=303)


def _back_from_clock(account_id: int, back: str) -> str:
    """Where the clock form came from: a running A/B test's or ad campaign's page, or the
    account."""
    # Only an id is taken from the form, never a URL, so this cannot redirect elsewhere.
    if back.startswith("abtest-") and back[7:].isdecimal() and len(back) < 20:
        return url_for("sandbox.abtest", account_id=account_id, test_id=int(back[7:]))
    if back.startswith("ads-") and back[4:].isdecimal() and len(back) < 20:
        return url_for("ads.campaign", account_id=account_id, campaign_id=int(back[4:]))
    return url_for("sandbox.account", account_id=account_id)


@bp.context_processor
def sandbox_labels() -> dict[str, object]:
    """Translated names of the sandbox's codes, resolved once per language and process."""
    from app.sandbox import labels

    return {**label_tables(), "RULE_TEXT": labels.rule_text}
