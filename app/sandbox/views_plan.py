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

from app.core.i18n import current_language
from app.core.memo import Memo, render_kept, render_kept_form
from app.core.registry import access
from app.sandbox import services
from app.sandbox.data import sandbox_data
from app.sandbox.domain.display import bar_chart, build_days, week_start
from app.sandbox.domain.metrics import PostMetrics, growth_rate, judge
from app.sandbox.domain.platforms import PLATFORMS
from app.sandbox.errors import SandboxError
from app.sandbox.forms import read_when
from app.sandbox.labels import ERRORS
from app.sandbox.read import Published, calendar_posts, published, so_far
from app.sandbox.replay import replay_week
from app.sandbox.views import bp, context

CALENDARS = Memo(256)


@bp.route("/sandbox/<int:account_id>/calendar")
@access("owner")
def calendar(account_id: int) -> str:
    """A week (or four) of posts with the local calendar's windows and best-time hints."""
    acc = services.account_for(current_user, account_id)
    scenario = services.scenario_of(acc)
    week = max(-52, min(52, request.args.get("week", 0, type=int)))
    view = "month" if request.args.get("view") == "month" else "week"
    platform = request.args.get("platform", "instagram")
    if platform not in PLATFORMS:
        platform = "instagram"
    first = week_start(acc.started, acc.clock, week)
    count = 28 if view == "month" else 7
    shown, waiting = calendar_posts(acc, first, count)
    values = {"week": week, "view": view, "hint_platform": platform, **context(acc)}
    holidays = sandbox_data().calendars.get(scenario.country)
    # Fixed by the view and the posts in it (plain frozen rows) and the simulated date.
    key = (acc.id, acc.scenario_id, id(scenario), acc.clock.date(), first, count, platform)
    body = render_kept_form(
        CALENDARS,
        (*key, id(holidays), week, tuple(shown), tuple(waiting)),
        "sandbox/_calendar_body.html",
        lambda: {
            "days": build_days(first, count, shown, holidays, scenario, platform),
            "unscheduled": waiting,
            **values,
        },
    )
    return render_template("sandbox/calendar.html", body=body, **values)


ROWS_SHOWN = 25


def account_rows(acc: services.SandboxAccount) -> list[tuple[Published, PostMetrics]]:
    """Published posts with their metrics so far (one query, plain columns)."""
    return [(p, so_far(p, acc.clock)) for p in published(acc)]


# Published posts never change and new ones appear only when the clock moves, so an
# account's figures are fixed for a given clock: keep the latest few per process.
FIGURES = Memo(256)  # an account's figures at its clock
PAGES = Memo(256)  # the rendered figures, per figures' key and layout


def figures_key(acc: services.SandboxAccount) -> tuple[object, ...]:
    """What an account's figures depend on: the account and its clock (and the language)."""
    return (acc.id, acc.user_id, acc.seed, acc.created_at, acc.clock, current_language())


def figures(acc: services.SandboxAccount) -> dict[str, object]:
    """The analytics page's numbers for the account at its current clock (memoised)."""
    return FIGURES.get_or_make(figures_key(acc), lambda: work_out_figures(acc))


def work_out_figures(acc: services.SandboxAccount) -> dict[str, object]:
    """The analytics page's numbers for the account at its current clock."""
    rows = account_rows(acc)
    judged = {j.key: j for j in judge([(p.id, p.goal, m) for p, m in rows])}
    per_day: dict[str, int] = defaultdict(int)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p, m in rows:
        per_day[p.published_at.date().isoformat()] += m.engagements
        for name in ("reach", "impressions", "engagements", "clicks"):
            totals[p.platform][name] += getattr(m, name)
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
    found: dict[str, object] = {
        # The table shows the latest posts; every post is in the CSV (the page stays light).
        "rows": rows[::-1][:ROWS_SHOWN],
        "total_rows": len(rows),
        "judged": judged,
        "totals": totals,
        "growth": growth,
        # The chart is built from escaped parts in display.bar_chart.
        "chart": Markup(chart),  # noqa: S704  # nosec B704
        "per_day": [(d, per_day[d]) for d in days],
        "best": ranked[-3:][::-1],
        "worst": ranked[:3],
    }
    return found


@bp.route("/sandbox/<int:account_id>/analytics")
@access("owner")
def analytics(account_id: int) -> str:
    """Per post and per account: reach, impressions, rates with their formulas, growth, goal fit."""
    acc = services.account_for(current_user, account_id)
    values = {"printable": request.endpoint == "sandbox.report", **context(acc)}
    body = render_kept(
        PAGES,
        (*figures_key(acc), values["printable"], id(values["scenario"])),
        "sandbox/_analytics_body.html",
        lambda: {**figures(acc), **values},
    )
    return render_template("sandbox/analytics.html", body=body, **values)


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


REPLAYS = Memo(256)


@bp.route("/sandbox/<int:account_id>/posts/<int:post_id>/replay")
@access("owner")
def replay(account_id: int, post_id: int) -> str | Response:
    """Rerun the post's week with the post at another time; compare side by side."""
    acc = services.account_for(current_user, account_id)
    item = services.post_for(current_user, acc, post_id)
    when = read_when(request.args.get("at"))
    if when is None:
        abort(400)
    # Posts are published only by advancing the clock, so a week's replay is fixed by the
    # account's clock, the post and the new time: kept rendered.
    key = (acc.id, acc.seed, acc.started, acc.clock, acc.scenario_id, item.id, when)
    values = {"changed": item, "when": when, "week": timedelta(days=7), **context(acc)}
    try:
        body = render_kept(
            REPLAYS,
            (*key, id(values["scenario"])),
            "sandbox/_replay_body.html",
            lambda: {"rows": replay_week(current_user, acc, item, when), **values},
        )
    except SandboxError as exc:
        flash(str(ERRORS[str(exc)]), "error")
        return redirect(url_for("sandbox.post", account_id=acc.id, post_id=item.id), code=303)
    return render_template("sandbox/replay.html", body=body, **values)
