"""Sandbox pages III: the brief of an account (goals with targets, audience, voice, market)."""

from __future__ import annotations

from datetime import date

from babel.dates import get_day_names
from flask import current_app, render_template
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from app.core.i18n import current_language
from app.core.registry import access
from app.sandbox import services
from app.sandbox.data import sandbox_data
from app.sandbox.domain import brief as b
from app.sandbox.domain.platforms import WEEKDAYS
from app.sandbox.domain.scenarios import Scenario
from app.sandbox.views import bp, context

CACHED_BODIES = 256  # scenarios × languages × days: a few kilobytes each


def day_names() -> dict[str, str]:
    """Weekday codes → the day's name in the page language (Babel's CLDR names)."""
    names = get_day_names("wide", locale=get_locale())
    return {code: names[i] for i, code in enumerate(WEEKDAYS)}  # Babel: 0 = Monday


@bp.route("/sandbox/<int:account_id>/brief")
@access("owner")
def brief(account_id: int) -> str:
    """The scenario's brief: brand, goals with targets, personas, voice, competitors, calendar."""
    acc = services.account_for(current_user, account_id)
    scenario = services.scenario_of(acc)
    start, today = acc.started.date(), acc.clock.date()
    # The sections hold scenario content only, the same for every learner on that day: render
    # them once per scenario, language, start and simulated day (a long page of loops).
    cache = current_app.extensions.setdefault("tawasul_brief_bodies", {})
    key = (scenario.id, current_language(), start, today)
    body = cache.get(key)
    if body is None:
        if len(cache) >= CACHED_BODIES:
            cache.clear()
        body = cache[key] = Markup(render_body(scenario, start, today))  # noqa: S704  # nosec B704
    return render_template("sandbox/brief.html", body=body, **context(acc))


def render_body(scenario: Scenario, start: date, today: date) -> str:
    """The brief's sections for an account started on `start`, seen on `today`."""
    calendar = sandbox_data().calendars.get(scenario.country)
    first, last = b.horizon(scenario, start)
    order = b.week_order(calendar.weekend if calendar else ())
    return render_template(
        "sandbox/_brief_body.html",
        scenario=scenario,
        start=start,
        period=(first, last),
        pillar_names={p["id"]: p.get("name") for p in scenario.get("pillars") or []},
        persona_hours={
            p["id"]: b.weekly_hours(p.get("active_hours") or {}, order) for p in scenario.personas
        },
        histories=[(c, b.competitor_history(c)) for c in scenario.get("competitors") or []],
        events=[
            (e, date.fromisoformat(str(e["start"])), date.fromisoformat(str(e["end"])))
            for e in b.events_between(calendar, first, last)
        ],
        day_names=day_names(),
        trends=[(t, b.trend_window(t, start, today)) for t in scenario.get("trends") or []],
        liked=b.liked,
    )
