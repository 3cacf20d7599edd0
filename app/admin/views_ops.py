"""Admin views for the site as a whole: its numbers, the audit log, the content check."""

from __future__ import annotations

from flask import render_template

from app.admin.audit import AUDIT_PAGE_SIZE, audit_page, count_actions
from app.admin.numbers import ACTIVE_DAYS, site_numbers
from app.admin.views import bp, page_arg
from app.core.registry import access


@bp.route("/numbers")
@access("admin")
def numbers() -> str:
    """The site's numbers: learners, activity, lessons, quizzes, exercises, portfolios, badges."""
    return render_template("admin/numbers.html", numbers=site_numbers(), days=ACTIVE_DAYS)


@bp.route("/audit")
@access("admin")
def audit() -> str:
    """Every operator action, newest first, a page at a time."""
    page = page_arg()
    return render_template(
        "admin/audit.html",
        rows=audit_page(page),
        page=page,
        total=count_actions(),
        page_size=AUDIT_PAGE_SIZE,
    )


@bp.route("/content")
@access("admin")
def content() -> str:
    """Content problems found at start-up (development shows them here instead of crashing)."""
    from app.content_runtime import library, problems

    return render_template("admin/content.html", problems=problems(), lib=library())
