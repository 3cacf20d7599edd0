"""Sandbox pages II: the calendar, analytics (CSV and printable report) and the replay."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import timedelta

from flask import Response as FlaskResponse
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.wrappers import Response

from app.registry import access
from app.sandbox import bp, services
from app.sandbox.display import bar_chart, build_days, week_start
from app.sandbox.forms import read_when
from app.sandbox.labels import ERRORS
from app.sandbox.metrics import PostMetrics, growth_rate, judge, post_metrics
from app.sandbox.replay import replay_week
from app.sandbox.services import SandboxError
from app.sandbox.views import context


@bp.route("/sandbox/<int:account_id>/calendar")
@access("owner")
def calendar(account_id: int) -> str:
    """A week (or four) of posts with the local calendar's windows and best-time hints."""
    acc = services.account_for(current_user, account_id)
    scenario = services.scenario_of(acc)
    week = max(-52, min(52, request.args.get("week", 0, type=int)))
    view = "month" if request.args.get("view") == "month" else "week"
    platform = request.args.get("platform", "instagram")
    if platform not in services.PLATFORMS_SET:
        platform = "instagram"
    first = week_start(acc.started, acc.clock, week)
    posts = services.posts_of(acc)
    days = build_days(
        first,
        28 if view == "month" else 7,
        posts,
        services.data()[1].get(scenario.country),
        scenario,
        platform,
    )
    unscheduled = [p for p in posts if p.scheduled_at is None and p.status != "published"]
    return render_template(
        "sandbox/calendar.html",
        days=days,
        week=week,
        view=view,
        hint_platform=platform,
        unscheduled=unscheduled,
        **context(acc),
    )


def account_rows(acc: services.SandboxAccount) -> list[tuple[services.SandboxPost, PostMetrics]]:
    """Published posts with their metrics so far (one query)."""
    rows = []
    for p in services.posts_of(acc):
        if p.status == "published" and p.published_at:
            hours = (acc.clock - p.published_at).total_seconds() / 3600
            rows.append((p, post_metrics(p.outcome, p.platform, hours)))
    return rows


@bp.route("/sandbox/<int:account_id>/analytics")
@access("owner")
def analytics(account_id: int) -> str:
    """Per post and per account: reach, impressions, rates with their formulas, growth, goal fit."""
    acc = services.account_for(current_user, account_id)
    rows = account_rows(acc)
    judged = {j.key: j for j in judge([(p.id, p.goal, m) for p, m in rows])}
    per_day: dict[str, int] = defaultdict(int)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p, m in rows:
        per_day[p.published_at.date().isoformat()] += m.engagements  # type: ignore[union-attr]
        for key in ("reach", "impressions", "engagements", "clicks"):
            totals[p.platform][key] += getattr(m, key)
    start = services.scenario_of(acc).get("followers") or {}
    growth = {
        k: (int(start.get(k, 0)), v, growth_rate(int(start.get(k, 0)), v))
        for k, v in acc.followers.items()
    }
    days = sorted(per_day)
    chart = bar_chart(
        [per_day[d] for d in days],
        days,
        _("Engagements per day"),
        _("One bar per simulated day: the engagements of the posts published that day, so far."),
    )
    ranked = sorted(rows, key=lambda r: (judged[r[0].id].value - judged[r[0].id].median, r[0].id))
    return render_template(
        "sandbox/analytics.html",
        rows=rows,
        judged=judged,
        totals=totals,
        growth=growth,
        # The chart is built from escaped parts in display.bar_chart.
        chart=Markup(chart),  # noqa: S704  # nosec B704
        per_day=[(d, per_day[d]) for d in days],
        best=ranked[-3:][::-1],
        worst=ranked[:3],
        printable=request.endpoint == "sandbox.report",
        **context(acc),
    )


@bp.route("/sandbox/<int:account_id>/report")
@access("owner")
def report(account_id: int) -> str:
    """The printable monthly report (the same figures, laid out for paper or PDF)."""
    return analytics(account_id)


@bp.route("/sandbox/<int:account_id>/analytics.csv")
@access("owner")
def analytics_csv(account_id: int) -> FlaskResponse:
    """Every published post's metrics as CSV (UTF-8 with BOM so spreadsheets read Arabic)."""
    acc = services.account_for(current_user, account_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "post",
            "platform",
            "format",
            "goal",
            "published",
            "reach",
            "impressions",
            "likes",
            "comments",
            "shares",
            "saves",
            "clicks",
            "engagements",
            "er_by_reach_pct",
            "er_by_impressions_pct",
            "ctr_pct",
        ]
    )
    for p, m in account_rows(acc):
        writer.writerow(
            [
                p.id,
                p.platform,
                p.format,
                p.goal,
                p.published_at.isoformat(timespec="minutes") if p.published_at else "",
                m.reach,
                m.impressions,
                m.likes,
                m.comments,
                m.shares,
                m.saves,
                m.clicks,
                m.engagements,
                f"{m.rate('er_reach'):.2f}",
                f"{m.rate('er_impressions'):.2f}",
                f"{m.rate('ctr'):.2f}",
            ]
        )
    return FlaskResponse(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="sandbox-{acc.id}-analytics.csv"'},
    )


@bp.route("/sandbox/<int:account_id>/posts/<int:post_id>/replay")
@access("owner")
def replay(account_id: int, post_id: int) -> str | Response:
    """Rerun the post's week with the post at another time; compare side by side."""
    acc = services.account_for(current_user, account_id)
    item = services.post_for(current_user, acc, post_id)
    when = read_when(request.args.get("at"))
    if when is None:
        abort(400)
    try:
        rows = replay_week(current_user, acc, item, when)
    except SandboxError as exc:
        flash(str(ERRORS[str(exc)]), "error")
        return redirect(url_for("sandbox.post", account_id=acc.id, post_id=item.id), code=303)
    return render_template(
        "sandbox/replay.html",
        rows=rows,
        changed=item,
        when=when,
        week=timedelta(days=7),
        **context(acc),
    )
