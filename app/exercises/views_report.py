"""Exercise pages III: an attempt's monthly report (sbx-11) printable on one A4 page and as
CSV, so the learner can hand it to a client. Both show what the learner wrote, as typed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Response, abort, render_template
from flask_babel import gettext as _

from app.content_runtime import library
from app.core.i18n import current_language as lang
from app.core.i18n import text
from app.core.registry import access
from app.exercises.domain.csvfile import to_csv
from app.exercises.models import ExerciseAttempt
from app.exercises.views import bp
from app.exercises.views_work import _attempt
from app.sandbox.data import sandbox_data
from app.sandbox.labels import FORMAT_NAMES, GOAL_NAMES


def _report(attempt_id: int) -> tuple[ExerciseAttempt, dict[str, Any]]:
    """The user's attempt with a report page, and what the learner wrote (404 otherwise)."""
    attempt, kind = _attempt(attempt_id)
    if "/report" not in kind.pages:
        abort(404)
    draft = attempt.draft if isinstance(attempt.draft, dict) else {}
    return attempt, draft


def _post(task: dict[str, Any], n: Any) -> dict[str, Any] | None:
    """The month's post with number `n` (None when there is none)."""
    return next((p for p in task.get("posts", []) if str(p.get("n")) == str(n)), None)


def report_rows(attempt: ExerciseAttempt, draft: dict[str, Any]) -> list[list[Any]]:
    """The report as rows of (section, item, value, note), in the page language."""
    from app.exercises.text_sbx11 import NAMES

    task = attempt.task
    scenario = sandbox_data().scenarios.get(attempt.brand)
    brand = text(scenario.data["name"].get(lang(), attempt.brand)) if scenario else attempt.brand
    start = date.fromisoformat(task["start"])
    rows: list[list[Any]] = [
        [_("Section"), _("Item"), _("Value"), _("Denominator or note")],
        [_("Report"), _("Brand"), brand, ""],
        [
            _("Report"),
            _("Period"),
            f"{start.isoformat()} / {(start + timedelta(days=27)).isoformat()}",
            "",
        ],
        [_("Report"), _("Goal"), text(GOAL_NAMES.get(task["judge_goal"], "")), ""],
        [_("Report"), _("Headline"), str(draft.get("headline") or ""), ""],
    ]
    kpis: dict[str, Any] = draft["kpis"] if isinstance(draft.get("kpis"), dict) else {}
    for kpi in task.get("kpis", []):
        mine: dict[str, Any] = kpis[kpi] if isinstance(kpis.get(kpi), dict) else {}
        den = NAMES["den"].get(str(mine.get("den")), "")
        rows.append([_("KPIs"), text(NAMES["kpi"][kpi]), str(mine.get("value") or ""), text(den)])
    for part, label in (("best", _("Best post")), ("worst", _("Weakest post"))):
        post = _post(task, draft.get(part))
        note = f"{post['date']} · {text(FORMAT_NAMES.get(post['format'], ''))}" if post else ""
        rows.append([_("Posts"), label, str(draft.get(part) or ""), note])
    causes: list[Any] = draft["causes"] if isinstance(draft.get("causes"), list) else []
    for cause in causes:
        name = NAMES["cause"].get(cause) if isinstance(cause, str) else None
        rows.append([_("Anomaly"), _("Cause"), str(name) if name else "", ""])
    recs: list[Any] = draft["recs"] if isinstance(draft.get("recs"), list) else []
    for n, rec in enumerate(recs, start=1):
        rec = rec if isinstance(rec, dict) else {}
        metric = NAMES["metric"].get(str(rec.get("metric")), "")
        rows.append([_("Recommendations"), str(n), str(rec.get("action") or ""), text(metric)])
    return rows


@bp.route("/exercises/attempts/<int:attempt_id>/report")
@access("owner")
def report(attempt_id: int) -> str:
    """The monthly report on one printable page (print CSS: A4, no navigation)."""
    attempt, draft = _report(attempt_id)
    lib = library()
    return render_template(
        "exercises/report.html",
        attempt=attempt,
        exercise=lib.exercises[attempt.exercise_id],
        rows=report_rows(attempt, draft),
        lang=lang(),
    )


@bp.route("/exercises/attempts/<int:attempt_id>/report.csv")
@access("owner")
def report_csv(attempt_id: int) -> Response:
    """The monthly report as CSV (UTF-8 with a BOM; formula-looking cells made inert)."""
    attempt, draft = _report(attempt_id)
    return Response(
        to_csv(report_rows(attempt, draft)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="report-{attempt.id}.csv"',
        },
    )
