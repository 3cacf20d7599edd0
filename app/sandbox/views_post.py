"""Sandbox pages II: one post (preview, checks, approval, results and the why panel) and
its edit form."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.memo import Memo, render_kept_form
from app.core.registry import access
from app.sandbox import services
from app.sandbox.domain.metrics import post_metrics
from app.sandbox.errors import SandboxError
from app.sandbox.forms import read_version
from app.sandbox.views import bp, context, refuse
from app.sandbox.why_panel import why_panel


@bp.route("/sandbox/<int:account_id>/posts/<int:post_id>")
@access("owner")
def post(account_id: int, post_id: int) -> str:
    """A post: preview, rule checks, approval, schedule, results so far and the why panel."""
    acc = services.account_for(current_user, account_id)
    item = services.post_for(current_user, acc, post_id)
    shared = context(acc)

    def values() -> dict[str, Any]:
        """The body's values: results so far at the account's clock and the why panel."""
        hours = (acc.clock - item.published_at).total_seconds() / 3600 if item.published_at else 0
        return {
            "post": item,
            "why": why_panel(acc, item) if item.status == "published" else None,
            "default_when": item.scheduled_at or services.next_slot(acc),
            "checks": services.violations(acc, item),
            "metrics": post_metrics(item.outcome, item.platform, hours),
            "errors": {},
            **shared,
        }

    if item.status != "published":
        return render_template("sandbox/post.html", **values())
    # A published post's row never changes (edits are refused), and its results move only
    # with the clock; the key still names every column it shows, and the account's creation
    # time, so that no two posts can share a rendering.
    idea = item.idea
    shown = tuple(getattr(item, c.key) for c in PLAIN_COLUMNS)
    key = (acc.id, acc.created_at, acc.scenario_id, acc.clock, idea.title, idea.campaign, shown)
    body = render_kept_form(POSTS, key, "sandbox/_post_body.html", values)
    return render_template("sandbox/post.html", body=body, post=item, **shared)


# Published posts' pages as last drawn.
POSTS = Memo(256)
# The post's columns a page can show, the JSON outcome aside (fixed when it was published).
PLAIN_COLUMNS = [c for c in services.SandboxPost.__table__.columns if c.key != "outcome"]


def typed_copy(item: services.SandboxPost, typed: dict[str, object]) -> SimpleNamespace:
    """A plain copy of the post with what was typed, to show again (the row stays untouched)."""
    columns = {c.key: getattr(item, c.key) for c in services.SandboxPost.__table__.columns}
    return SimpleNamespace(**(columns | typed), idea=item.idea)


@bp.route("/sandbox/<int:account_id>/posts/<int:post_id>/edit", methods=["POST"])
@access("owner")
def edit(account_id: int, post_id: int) -> str | Response | tuple[str, int]:
    """Save changes to a post; errors re-render the page with what was typed."""
    acc = services.account_for(current_user, account_id)
    item = services.post_for(current_user, acc, post_id)
    errors: dict[str, str] = {}
    fields = read_version(request.form, "", item.platform, services.scenario_of(acc), errors)
    if errors:
        page = render_template(
            "sandbox/post.html",
            post=typed_copy(item, fields),
            default_when=item.scheduled_at or services.next_slot(acc),
            checks=[],
            metrics=post_metrics(None, item.platform, 0),
            errors=errors,
            **context(acc),
        )
        return page, 400
    try:
        services.update_post(current_user, acc, item, fields)
    except SandboxError as exc:
        return refuse(exc, url_for("sandbox.post", account_id=acc.id, post_id=item.id))
    flash(_("Changes saved."), "success")
    return redirect(url_for("sandbox.post", account_id=acc.id, post_id=item.id), code=303)
