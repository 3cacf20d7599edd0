"""Retention: the privacy page and `flask retention run` read one table of rules, every table
has a rule, and each enforced period deletes what is older and keeps what is younger."""

from __future__ import annotations

import os
from datetime import timedelta

from flask_babel import force_locale
from markupsafe import escape
from sqlalchemy import func, select

from app.accounts.models import AccountToken, UserSession
from app.core import retention
from app.core.db import utcnow, write_unit
from app.core.extensions import db
from app.core.mail import outbox_dir
from app.core.ratelimit_models import RateCounter
from app.core.registry import USER_DATA
from app.core.retention.parts import months_before
from app.core.sessions import session_expired
from app.portfolio.models import ContactMessage, Portfolio, PortfolioReport, PortfolioStat

# The rules `run` enforces, each with its test below: a new enforced rule needs one.
TESTED_PURGES = {
    "sessions",
    "tokens",
    "rate-limits",
    "contact-messages",
    "portfolio-stats",
    "abuse-reports",
    "admin-actions",
    "dev-mail",
}


def rule(name):
    """The retention rule called `name`."""
    return next(r for r in retention.RULES if r.name == name)


def english(app, name):
    """The rule's "How long" cell as the English page shows it."""
    with app.test_request_context(), force_locale("en"):
        return rule(name).how_long_text(app.config)


def purge(app, now):
    """Run every enforced rule at `now`; return the counts by rule name."""
    with app.app_context():
        counts = {o.rule.name: o.count for o in retention.run(app.config, now)}
        db.session.remove()
    return counts


def count(ctx, model):
    """Rows of a model."""
    with ctx as s:
        return s.scalar(select(func.count()).select_from(model))


def test_every_table_has_exactly_one_rule(app):
    """Each table of the database (so each user-data table) is in one rule, none is stale."""
    listed = [t for r in retention.RULES for t in r.tables]
    with app.app_context():
        tables = {t.name for t in db.metadata.sorted_tables}
    assert len(listed) == len(set(listed)), "a table is in two rules"
    assert set(listed) == tables, (
        f"add a rule for: {tables - set(listed)}; stale: {set(listed) - tables}"
    )
    assert set(USER_DATA) <= set(listed)


def test_every_enforced_rule_is_tested():
    """A rule that `run` enforces has a deletion test in this file."""
    assert {r.name for r in retention.RULES if r.purge is not None} == TESTED_PURGES


def test_privacy_page_lists_every_rule_in_both_languages(app, client):
    """Each rule's data, reason and period appear on /privacy, translated in Arabic."""
    cells = {}
    for lang in ("ar", "en"):
        client.set_cookie("lang", lang)
        page = client.get("/privacy").get_data(as_text=True)
        with app.test_request_context(), force_locale(lang):
            cells[lang] = retention.page_rows(app.config)
        assert len(cells[lang]) == len(retention.RULES)
        for row in cells[lang]:
            for cell in row:
                assert f"<td>{escape(cell)}</td>" in page, (lang, cell)
    untranslated = [
        en
        for ar_row, en_row in zip(cells["ar"], cells["en"], strict=True)
        for ar, en in zip(ar_row, en_row, strict=True)
        if ar == en
    ]
    assert not untranslated


def test_privacy_page_says_server_logs_are_the_operators_job(client):
    """Server-log retention is stated as the operator's, outside the application."""
    client.set_cookie("lang", "en")
    page = client.get("/privacy").get_data(as_text=True)
    assert "Set by the site&#39;s operator outside the application" in page


def test_expired_sessions_deleted_live_ones_kept(app, ctx, users):
    """Sessions past the idle or absolute limit go; live ones stay, as sign-in judges them."""
    text = english(app, "sessions")
    assert "2 hours" in text and "12 hours" in text and "30 days" in text
    user = users.create()
    now = utcnow()
    m = timedelta(minutes=5)
    shapes = {
        "idle-expired": (now - timedelta(hours=3), now - timedelta(hours=2) - m, False),
        "absolute-expired": (now - timedelta(hours=12) - m, now, False),
        "live": (now - timedelta(hours=12) + m, now - timedelta(hours=2) + m, False),
        "remember-expired": (now - timedelta(days=30) - m, now, True),
        "remember-live": (now - timedelta(days=30) + m, now - timedelta(days=3), True),
    }
    with ctx as s, write_unit(s) as w:
        for sid, (created, seen, remember) in shapes.items():
            w.add(
                UserSession(
                    id=sid,
                    user_id=user.id,
                    created_at=created,
                    last_seen_at=seen,
                    remember=remember,
                )
            )
    assert purge(app, now)["sessions"] == 3
    with ctx as s:
        left = set(s.scalars(select(UserSession.id)))
        expected = {sid for sid, shape in shapes.items() if not session_expired(*shape, now)}
    assert left == {"live", "remember-live"} == expected


def test_used_and_expired_tokens_deleted_live_ones_kept(app, ctx, users):
    """A link that was used or has expired is deleted; one that still works stays."""
    assert "60 minutes" in english(app, "tokens")
    user = users.create()
    now = utcnow()
    with ctx as s, write_unit(s) as w:
        for n, (expires, used) in enumerate(
            [
                (now + timedelta(minutes=30), now - timedelta(minutes=1)),
                (now - timedelta(minutes=1), None),
                (now + timedelta(minutes=30), None),
            ]
        ):
            w.add(
                AccountToken(
                    token_hash=f"{n:064d}",
                    user_id=user.id,
                    purpose="reset",
                    expires_at=expires,
                    used_at=used,
                )
            )
    assert purge(app, now)["tokens"] == 2
    with ctx as s:
        assert list(s.scalars(select(AccountToken.token_hash))) == [f"{2:064d}"]


def test_rate_counters_deleted_after_their_window(app, ctx):
    """A counter whose window has ended is deleted; a running one stays."""
    assert "24 hours" in english(app, "rate-limits")
    now = utcnow()
    with ctx as s, write_unit(s) as w:
        w.add(RateCounter(key="ended", count=3, expires_at=now - timedelta(seconds=1)))
        w.add(RateCounter(key="running", count=3, expires_at=now + timedelta(seconds=60)))
    assert purge(app, now)["rate-limits"] == 1
    with ctx as s:
        assert list(s.scalars(select(RateCounter.key))) == ["running"]


def portfolio_of(ctx, users):
    """A new learner's portfolio: (user id, portfolio id)."""
    user = users.create()
    with ctx as s, write_unit(s) as w:
        found = Portfolio(user_id=user.id, slug=f"learner-{user.id}", status="published")
        w.add(found)
        w.flush()
        return user.id, found.id


def test_contact_messages_deleted_after_12_months(app, ctx, users):
    """A message received more than 12 months ago is deleted; a younger one stays."""
    assert english(app, "contact-messages").startswith("12 months after they arrive")
    user_id, portfolio_id = portfolio_of(ctx, users)
    now = utcnow()
    cutoff = months_before(now, 12)
    with ctx as s, write_unit(s) as w:
        for body, received in (
            ("old", cutoff - timedelta(hours=1)),
            ("young", cutoff + timedelta(hours=1)),
        ):
            w.add(
                ContactMessage(
                    portfolio_id=portfolio_id,
                    user_id=user_id,
                    sender_name="n",
                    sender_email="n@example.com",
                    body=body,
                    received_at=received,
                )
            )
    assert purge(app, now)["contact-messages"] == 1
    with ctx as s:
        assert list(s.scalars(select(ContactMessage.body))) == ["young"]


def test_portfolio_counts_deleted_after_13_months(app, ctx, users):
    """Daily counts of a day before the 13-month cutoff go; the cutoff's own day stays."""
    assert "13 months" in english(app, "portfolio-stats")
    user_id, portfolio_id = portfolio_of(ctx, users)
    now = utcnow()
    cutoff_day = months_before(now, 13).date()
    with ctx as s, write_unit(s) as w:
        for day in (cutoff_day - timedelta(days=1), cutoff_day):
            for metric, key in (("view", ""), ("ref", "example.com"), ("click", "7")):
                w.add(
                    PortfolioStat(
                        portfolio_id=portfolio_id,
                        user_id=user_id,
                        day=day,
                        metric=metric,
                        key=key,
                        count=4,
                    )
                )
    assert purge(app, now)["portfolio-stats"] == 3
    with ctx as s:
        assert set(s.scalars(select(PortfolioStat.day))) == {cutoff_day}
    assert count(ctx, PortfolioStat) == 3


def test_abuse_reports_deleted_after_12_months(app, ctx, users):
    """A report received more than 12 months ago is deleted; a younger one stays."""
    assert english(app, "abuse-reports").startswith("12 months after they arrive")
    _user_id, portfolio_id = portfolio_of(ctx, users)
    now = utcnow()
    cutoff = months_before(now, 12)
    with ctx as s, write_unit(s) as w:
        for reason, received in (
            ("old", cutoff - timedelta(hours=1)),
            ("young", cutoff + timedelta(hours=1)),
        ):
            w.add(PortfolioReport(portfolio_id=portfolio_id, reason=reason, received_at=received))
    assert purge(app, now)["abuse-reports"] == 1
    with ctx as s:
        assert list(s.scalars(select(PortfolioReport.reason))) == ["young"]


def test_admin_actions_deleted_after_24_months(app, ctx, users):
    """An audit row older than 24 months is deleted; a younger one stays."""
    from app.admin.models import AdminAction

    assert english(app, "admin-actions").startswith("24 months, then deleted")
    target = users.create()
    now = utcnow()
    cutoff = months_before(now, 24)
    with ctx as s, write_unit(s) as w:
        for action, at in (
            ("disable", cutoff - timedelta(hours=1)),
            ("enable", cutoff + timedelta(hours=1)),
        ):
            w.add(
                AdminAction(
                    actor_kind="cli", action=action, target_user_id=target.id, created_at=at
                )
            )
    assert purge(app, now)["admin-actions"] == 1
    with ctx as s:
        assert list(s.scalars(select(AdminAction.action))) == ["enable"]


def test_development_mail_files_deleted_after_7_days(app):
    """.eml files older than 7 days leave the development outbox; younger ones stay."""
    assert english(app, "dev-mail").startswith("7 days")
    now = utcnow()
    with app.app_context():
        folder = outbox_dir()
    folder.mkdir(parents=True, exist_ok=True)
    old, young, other = (
        folder / "retention-old.eml",
        folder / "retention-young.eml",
        folder / "notes.txt",
    )
    for path, age in (
        (old, timedelta(days=7, hours=1)),
        (young, timedelta(days=6, hours=23)),
        (other, timedelta(days=30)),
    ):
        path.write_text("x", encoding="utf-8")
        stamp = (now - age).timestamp()
        os.utime(path, (stamp, stamp))
    try:
        assert purge(app, now)["dev-mail"] >= 1
        assert not old.exists() and young.exists() and other.exists()
    finally:
        for path in (old, young, other):
            path.unlink(missing_ok=True)


def test_dry_run_prints_and_deletes_nothing(app, ctx, runner):
    """`--dry-run` prints what would go and keeps it; a real run then deletes it."""
    with ctx as s, write_unit(s) as w:
        w.add(RateCounter(key="ended", count=1, expires_at=utcnow() - timedelta(minutes=1)))
    dry = runner.invoke(args=["retention", "run", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "rate-limits: would delete 1" in dry.output and "nothing was deleted" in dry.output
    assert count(ctx, RateCounter) == 1
    real = runner.invoke(args=["retention", "run"])
    assert real.exit_code == 0, real.output
    assert "rate-limits: deleted 1" in real.output
    assert count(ctx, RateCounter) == 0
