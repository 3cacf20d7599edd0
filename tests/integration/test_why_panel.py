"""The why panel speaks the learner's language: every factor kind, every scenario, no ids.

Posts are really simulated (composed, approved, scheduled, published by advancing the
clock) at times chosen so that every kind of factor the engine can produce appears in
every scenario; each post's page is read in Arabic and in English.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from app.core.extensions import db
from app.sandbox import clock, services
from app.sandbox.data import sandbox_data
from app.sandbox.domain.factors import calendar_factor
from app.sandbox.domain.rules import rule_data
from app.sandbox.domain.why import KINDS, read_reason
from app.sandbox.models import SandboxPost

SCENARIO_FILES = Path(__file__).resolve().parents[2] / "app/sandbox/scenarios"
KEY_VALUE = re.compile(r"[\w-]+=[\w.-]+")
EVENT_AT = re.compile(r"[a-z0-9-]+-\d{4}@\d{2}:\d{2}")


def calendar_times(scenario, calendar, after: datetime) -> dict[str, datetime]:
    """The first whole hour after `after` for each calendar kind (none, event, window)."""
    found: dict[str, datetime] = {}
    when = after.replace(minute=0) + timedelta(hours=2)
    for _ in range(24 * 200):
        kind = read_reason("calendar", calendar_factor(calendar, when).reason).kind
        found.setdefault(kind, when)
        if len(found) == 3:
            break
        when += timedelta(hours=1)
    return found


def trend_posts(scenario, start: datetime) -> list[tuple[datetime, str]]:
    """(time, trend id) for a trend in its window, one out of it, and a high-risk one."""
    trends = scenario.get("trends")
    low = [t for t in trends if t.get("risk") != "high"]
    current = next(t for t in low if int(t["day_to"]) >= 1)
    stale = max(low, key=lambda t: int(t["day_to"]))
    risky = next(t for t in trends if t.get("risk") == "high")
    day = start.replace(hour=11, minute=0)
    return [
        (day + timedelta(days=max(1, int(current["day_from"]))), current["id"]),
        (day + timedelta(days=int(stale["day_to"]) + 1), stale["id"]),
        (day + timedelta(days=1, hours=3), risky["id"]),
    ]


def publish_all(user, account, plans) -> None:
    """Compose, approve and schedule each planned post, then advance past the last one."""
    for n, (when, extra) in enumerate(sorted(plans, key=lambda p: p[0])):
        version = {
            "format": "feed",
            "text": "منشور تجريبي",
            "media_count": 1,
            "aspect": "4:5",
            "alt_text": "صورة",
            "goal": "awareness",
        } | extra
        idea = services.save_idea(user, account, f"post {n}", "", {"instagram": version})
        post = idea.posts[0]
        services.set_status(user, account, post, "submit")
        services.set_status(user, account, post, "approve")
        services.schedule(user, account, post, when)
    last = max(when for when, _ in plans)
    while account.clock <= last:
        clock.advance(user, account, 24 * 31)


def forbidden_ids(scenario, calendar) -> set[str]:
    """Every persona, pillar, trend, calendar-event and rule id the page must not show."""
    ids = {p["id"] for p in scenario.personas}
    ids |= {p["id"] for p in scenario.get("pillars") or []}
    ids |= {t["id"] for t in scenario.get("trends") or []}
    ids |= {e["id"] for e in calendar.events}
    for sets in rule_data()["platforms"].values():
        ids |= {r["id"] for rules in sets.values() for r in rules}
    return ids


def authored_names(scenario, calendar, lang: str) -> list[str]:
    """Names written by authors (they may contain a plain word that is also an id)."""
    items = [*scenario.personas, *(scenario.get("pillars") or []), *calendar.events]
    names = [str((i.get("name") or {}).get(lang, "")) for i in items]
    names += [str((t.get("title") or {}).get(lang, "")) for t in scenario.get("trends") or []]
    return sorted((n for n in names if n), key=len, reverse=True)


def panel_text(page: str) -> str:
    """The visible text of the why panel."""
    found = re.search(r'<section class="panel why".*?</section>', page, re.S)
    assert found, "the page has no why panel"
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(0)))


def test_every_factor_kind_in_every_scenario_reads_without_ids(app, client, auth):
    """All four scenarios × every factor kind × Arabic and English: names, never ids."""
    with app.app_context():
        scenarios = sandbox_data().scenarios
        calendars = sandbox_data().calendars
    assert set(scenarios) == {p.stem for p in SCENARIO_FILES.glob("*.yaml")}
    user = auth(locale="ar")  # one learner with an account in each scenario
    for scenario_id, scenario in sorted(scenarios.items()):
        calendar = calendars[scenario.country]
        with app.test_request_context():
            me = db.session.get(type(user), user.id)
            account = services.start_account(me, scenario_id, seed=11)
            start = account.clock
            pillar = scenario.get("pillars")[0]["id"]
            banned = scenario.get("voice")["banned"][0]
            plans = [(when, {}) for when in calendar_times(scenario, calendar, start).values()]
            for n, (when, trend) in enumerate(trend_posts(scenario, start)):
                extra = {"trend": trend, "pillar": pillar}
                if n == 2:  # the high-risk one also breaks the voice chart and a rule
                    extra |= {"text": f"منشور {banned}", "alt_text": ""}
                    plans.append((when + timedelta(hours=1), {}))  # a second post: fatigue
                plans.append((when, extra))
            publish_all(me, account, plans)
            posts = db.session.scalars(
                select(SandboxPost).where(SandboxPost.account_id == account.id)
            ).all()
            assert all(p.status == "published" for p in posts), scenario_id
            kinds = {
                read_reason(name, reason).kind
                for p in posts
                for name, _value, reason in p.outcome["factors"]
            }
            assert kinds == KINDS, f"{scenario_id}: missing {KINDS - kinds}, new {kinds - KINDS}"
            urls = [f"/sandbox/{account.id}/posts/{p.id}" for p in posts]
        ids = forbidden_ids(scenario, calendar)
        for lang in ("ar", "en"):
            client.post("/language", data={"lang": lang, "next": "/"})
            names = authored_names(scenario, calendar, lang)
            for url in urls:
                page = client.get(url).get_data(as_text=True)
                assert f'<html lang="{lang}"' in page
                text = panel_text(page)
                for name in names:
                    text = text.replace(name, " ")
                where = f"{scenario_id} {lang} {url}"
                assert not KEY_VALUE.search(text), f"{where}: {KEY_VALUE.search(text)}"
                assert not EVENT_AT.search(text), f"{where}: {EVENT_AT.search(text)}"
                shown = {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)}
                assert not shown, f"{where} shows ids {shown}"
                panel = page.split('id="why"', 1)[1].split("</section>", 1)[0]
                cells = re.findall(r"</bdi></td><td>(.*?)</td></tr>", panel)
                assert cells and all(c.strip() for c in cells), f"{where}: an empty detail"
