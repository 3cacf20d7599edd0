"""Inbox pages: what has arrived, one message with its reply form and feedback, crisis tools."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.labels import label
from app.core.memo import Memo, render_fresh_form, render_kept
from app.core.registry import access
from app.inbox import crisis, labels, listing, services
from app.inbox.errors import InboxError, ItemNotFound
from app.sandbox import services as sandbox_services
from app.sandbox.errors import StaleClock

bp = Blueprint("inbox", __name__, template_folder="templates")
KEY = re.compile(r"[a-z0-9-]{1,80}")


@bp.context_processor
def names() -> dict[str, object]:
    """Platform and status names, as on the sandbox's pages (imported late: no import cycle)."""
    from app.sandbox.views import sandbox_labels

    return sandbox_labels()


def _shown_clock() -> datetime | None:
    """The clock the page showed when the form was drawn (None when missing or unreadable)."""
    try:
        return datetime.fromisoformat(request.form.get("clock", ""))
    except ValueError:
        return None


# Handled messages' page bodies: the answer and its feedback never change once sent.
HANDLED = Memo(256)


def _page(account_id: int, key: str, form: dict[str, str] | None = None, error: str = "") -> Any:
    """The message page (with what the learner typed, after a refusal)."""
    if not KEY.fullmatch(key):
        raise ItemNotFound(key)
    acc = sandbox_services.account_for(current_user, account_id)
    listed = services.listed_item(current_user, acc, key)
    status = listed.status(acc.clock)
    scenario = sandbox_services.scenario_of(acc)

    def values(item: Any) -> dict[str, Any]:
        """The body's values for the item with its whole row."""
        row = item.row
        shown = form
        if shown is None:
            shown = {
                "action": (row.draft_action if row else "") or "",
                "role": (row.draft_role if row else "") or "",
                "text": (row.draft if row else "") or "",
            }
        return {
            "account": acc,
            "scenario": scenario,
            "item": item,
            "status": status,
            "roles": services.roles_of(acc),
            "form": shown,
            "error": error,
            "labels": labels,
        }

    if status == "done" and form is None:
        # The row's state (when and how it was handled) and the message's times fix the body;
        # the account's creation time keeps a reused id (SQLite) from matching.
        ident = (acc.id, acc.created_at, acc.seed, acc.started, listed.state, listed.due_at)
        body = render_kept(
            HANDLED,
            ident,
            "inbox/_item_body.html",
            lambda: values(services.with_row(acc, listed)),
        )
    else:
        # The reply form (a draft, or what was typed before a refusal): drawn afresh.
        body = render_fresh_form("inbox/_item_body.html", values(services.with_row(acc, listed)))
    return render_template(
        "inbox/item.html", account=acc, scenario=scenario, item=listed, body=body
    )


@bp.route("/sandbox/<int:account_id>/inbox")
@access("owner")
def index(account_id: int) -> str:
    """Every message that has arrived, open ones first by deadline, and the crisis tools."""
    acc = sandbox_services.account_for(current_user, account_id)
    return render_template(
        "inbox/index.html",
        account=acc,
        scenario=sandbox_services.scenario_of(acc),
        list_html=_list(acc, request.args.get("page", 1, type=int)),
        roles=services.roles_of(acc),
        events=crisis.events_of(current_user, acc),
    )


# The rendered list is fixed for the account's rows, its clock and scenario, the page and the
# language: reading the inbox again (the common case) only reads the rows to name the key.
LISTS = Memo(256)


def _list(acc: Any, page: int) -> Any:
    """One page of the inbox list, rendered (kept per state of the inbox)."""
    states = services.states_of(current_user, acc)
    key = (acc.id, acc.scenario_id, acc.seed, acc.started, acc.clock, page)
    return render_kept(
        LISTS,
        (*key, frozenset(states.values())),
        "inbox/_list.html",
        lambda: {
            "listed": listing.page_of(
                services.items_of(current_user, acc, states), acc.clock, page
            ),
            "account": acc,
            "page_size": listing.PAGE_SIZE,
            # The item link built once, not once per message in the list.
            "item_base": url_for("inbox.index", account_id=acc.id) + "/",
        },
    )


@bp.route("/sandbox/<int:account_id>/inbox/<key>", methods=["GET", "POST"])
@access("owner")
def item(account_id: int, key: str) -> Any:
    """One message: read it, draft a reply, approve and send it, then read the feedback."""
    if request.method == "GET":
        return _page(account_id, key)
    form = {name: request.form.get(name, "") for name in ("action", "role", "text")}
    try:
        if request.form.get("do") == "draft":
            services.save_draft(current_user, account_id, key, **form)
            flash(str(labels.SAVED), "success")
        else:
            services.act(current_user, account_id, key, **form, shown_clock=_shown_clock())
    except StaleClock:
        return _page(account_id, key, form, label(labels.ERRORS, "stale")), 409
    except InboxError as exc:
        return _page(account_id, key, form, label(labels.ERRORS, exc, labels.ERRORS["action"])), 400
    return redirect(url_for("inbox.item", account_id=account_id, key=key), code=303)


@bp.route("/sandbox/<int:account_id>/inbox/alert", methods=["POST"])
@access("owner")
def alert(account_id: int) -> Response:
    """Alert a named contact now, on the simulated clock."""
    try:
        crisis.alert(
            current_user, account_id, request.form.get("role", ""), request.form.get("note", "")
        )
        flash(str(labels.ALERTED), "success")
    except InboxError as exc:
        flash(label(labels.ERRORS, exc, labels.ERRORS["role"]), "error")
    return redirect(url_for("inbox.index", account_id=account_id) + "#alert-heading", code=303)


def _switch(account_id: int, post_id: int, pause: bool) -> Response:
    """Pause or resume a post, then go back to it."""
    try:
        (crisis.pause_post if pause else crisis.resume_post)(current_user, account_id, post_id)
        flash(str(labels.PAUSED if pause else labels.RESUMED), "success")
    except InboxError as exc:
        flash(label(labels.ERRORS, exc, labels.ERRORS["not-approved"]), "error")
    return redirect(
        url_for("sandbox.account", account_id=account_id) + f"/posts/{post_id}", code=303
    )


@bp.route("/sandbox/<int:account_id>/posts/<int:post_id>/pause", methods=["POST"])
@access("owner")
def pause(account_id: int, post_id: int) -> Response:
    """Hold an approved post (a crisis needs it)."""
    return _switch(account_id, post_id, True)


@bp.route("/sandbox/<int:account_id>/posts/<int:post_id>/resume", methods=["POST"])
@access("owner")
def resume(account_id: int, post_id: int) -> Response:
    """Release a paused post."""
    return _switch(account_id, post_id, False)
