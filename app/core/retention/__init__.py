"""How long each kind of data is kept: the one table the privacy page shows and
`flask retention run` enforces, so the two cannot drift apart.

Each rule names the tables it covers; a test fails when a table of the database is in no
rule (or in two). A feature that adds a table (the sandbox inbox, exercises, ...) adds its
rule here in the same change: a period that `run` enforces, or "until you delete your
account" when the data lives exactly as long as the account (the account deletion in
app/accounts/lifecycle.py then removes it through the user-data registry).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Table, and_, not_, or_
from sqlalchemy.sql.elements import ColumnElement

from app.core.retention.parts import (
    OutboxPurge,
    Outcome,
    Period,
    RowPurge,
    Rule,
    fixed,
    older,
)


def _session_periods(config: Mapping[str, Any]) -> dict[str, Period]:
    """The session timeouts, as configured (app/core/sessions.py enforces them per request)."""
    return {
        "idle": Period.of(config["SESSION_IDLE_TIMEOUT"], "hours"),
        "absolute": Period.of(config["SESSION_ABSOLUTE_LIFETIME"], "hours"),
        "remember": Period.of(config["REMEMBER_ABSOLUTE_LIFETIME"], "days"),
    }


def _token_periods(config: Mapping[str, Any]) -> dict[str, Period]:
    """How long emailed links work, as configured."""
    return {
        "link": Period.of(config["TOKEN_LIFETIME"], "minutes"),
        "verify": Period.of(config["VERIFY_TOKEN_LIFETIME"], "hours"),
    }


def _rate_periods(config: Mapping[str, Any]) -> dict[str, Period]:
    """The longest rate-limit window: no counter outlives it."""
    longest = max(window for _limit, window in config["RATE_LIMITS"].values())
    return {"window": Period(math.ceil(longest / 3600), "hours")}


def _expired_sessions(t: Table, now: datetime, cut: dict[str, datetime]) -> ColumnElement[bool]:
    """The same test as sessions.session_expired, in SQL."""
    return or_(
        and_(t.c.remember, t.c.created_at < cut["remember"]),
        and_(
            not_(t.c.remember),
            or_(t.c.created_at < cut["absolute"], t.c.last_seen_at < cut["idle"]),
        ),
    )


def _spent_tokens(t: Table, now: datetime, cut: dict[str, datetime]) -> ColumnElement[bool]:
    """Links already used or past their expiry: they can never work again."""
    return or_(t.c.used_at.is_not(None), t.c.expires_at < now)


UNTIL_DELETED = _l("Until you delete your account")

# The privacy page shows these rows in this order.
RULES: tuple[Rule, ...] = (
    Rule(
        "account",
        _l("Email address, display name, language and the role you aim for"),
        _l("To sign you in, send account emails, show your name and measure your skill gaps"),
        UNTIL_DELETED,
        tables=("user",),
    ),
    Rule(
        "password",
        _l("Password"),
        _l("Stored only as a slow one-way hash, never as text"),
        _l("Until you change it or delete your account"),
    ),
    Rule(
        "sessions",
        _l("Signed-in devices (browser name, sign-in time, last activity)"),
        _l("So you can see and sign out your devices"),
        _l(
            "Until you sign out, after %(idle)s without activity or %(absolute)s in all "
            "(%(remember)s with “keep me signed in”); then deleted"
        ),
        tables=("user_session",),
        periods=_session_periods,
        purge=RowPurge("user_session", _expired_sessions),
    ),
    Rule(
        "tokens",
        _l("Email links (stored only as a hash)"),
        _l("To confirm your email and reset your password"),
        _l(
            "Until the link is used or expires (after %(link)s; %(verify)s for email "
            "confirmation); then deleted"
        ),
        tables=("account_token",),
        periods=_token_periods,
        purge=RowPurge("account_token", _spent_tokens),
    ),
    Rule(
        "rate-limits",
        _l("Counters of recent attempts (hashed address, no raw IP)"),
        _l("To slow down password guessing and spam"),
        _l("Until their time window ends, at most %(window)s; then deleted"),
        tables=("rate_counter",),
        periods=_rate_periods,
        purge=RowPurge("rate_counter", lambda t, now, cut: t.c.expires_at < now),
    ),
    Rule(
        "learning",
        _l("Your learning: lessons completed, quiz answers, skill levels and review schedule"),
        _l("To show your progress, your skill gap report and what to review next"),
        UNTIL_DELETED,
        tables=(
            "lesson_progress",
            "quiz_attempt",
            "answer",
            "skill_evidence",
            "skill_state",
            "review_card",
        ),
    ),
    Rule(
        "sandbox",
        _l(
            "Your practice sandbox: simulated accounts, the ideas and posts you wrote, and "
            "their simulated results; your A/B tests, calls and next steps; your ad "
            "campaigns and their ads; your inbox replies, alerts and their scores; your "
            "exercise attempts, answers and scores"
        ),
        _l(
            "To run the simulation, show your results, score your exercises and build "
            "simulated case studies"
        ),
        UNTIL_DELETED,
        tables=(
            "sandbox_account",
            "sandbox_idea",
            "sandbox_post",
            "inbox_item",
            "sandbox_event",
            "exercise_attempt",
            "ab_test",
            "ad_campaign",
            "ad_creative",
        ),
    ),
    Rule(
        "portfolio",
        _l(
            "Your portfolio: its text, case studies, pictures (re-encoded without location or "
            "camera data), former addresses and secret links"
        ),
        _l("To publish the portfolio you build"),
        _l("Until you remove it or delete your account"),
        tables=(
            "portfolio",
            "portfolio_slug",
            "case_study",
            "portfolio_item",
            "portfolio_image",
            "share_link",
        ),
    ),
    Rule(
        "contact-messages",
        _l("Messages visitors send through your portfolio (their name, email address and message)"),
        _l("So you can read and answer them"),
        _l("%(period)s after they arrive, then deleted; at once if you delete your account"),
        tables=("contact_message",),
        periods=fixed(period=Period(12, "months")),
        purge=RowPurge("contact_message", older("received_at")),
    ),
    Rule(
        "portfolio-stats",
        _l(
            "Visits to your portfolio per day, referring sites (host name only) and link "
            "clicks: no IP address, cookie or visitor id"
        ),
        _l("To show you how your portfolio is found and used"),
        _l("Each day's counts for %(period)s, then deleted"),
        tables=("portfolio_stat",),
        periods=fixed(period=Period(13, "months")),
        purge=RowPurge("portfolio_stat", lambda t, now, cut: t.c.day < cut["period"].date()),
    ),
    Rule(
        "abuse-reports",
        _l("Reports of abuse on a portfolio (the reason the visitor gave)"),
        _l("So the site's operators can check the portfolio and act"),
        _l("%(period)s after they arrive, then deleted; at once if the portfolio is deleted"),
        tables=("portfolio_report",),
        periods=fixed(period=Period(12, "months")),
        purge=RowPurge("portfolio_report", older("received_at")),
    ),
    Rule(
        "credentials",
        _l(
            "Your verifiable credentials: the signed badge (with your email address only as a "
            "salted hash), its evidence, and whether you show it on your portfolio"
        ),
        _l("So clients can check the credentials you earned"),
        _l(
            "Until you delete your account; then each is revoked and only a record without "
            "personal data is kept, so its page says “revoked”"
        ),
        tables=("credential",),
    ),
    Rule(
        "credential-issuer",
        _l("The issuer's public keys and the public revocation list (no personal data)"),
        _l("So anyone can verify a credential and learn whether it was revoked"),
        _l("For good"),
        tables=("credential_key", "credential_status_list"),
    ),
    Rule(
        "tombstones",
        _l("Addresses of deleted portfolios, only as a one-way digest"),
        _l("So an old address answers “gone” and is never given to someone else"),
        _l("For good"),
        tables=("portfolio_tombstone",),
    ),
    Rule(
        "admin-actions",
        _l(
            "Records of what the site's administrators did to your account (disabled or "
            "enabled it, ended its sessions, unpublished its portfolio), with the time"
        ),
        _l("So every administrator's action can be checked afterwards"),
        _l(
            "%(period)s, then deleted; if you delete your account, the records stay without "
            "any link to you or detail about you"
        ),
        tables=("admin_action",),
        periods=fixed(period=Period(24, "months")),
        purge=RowPurge("admin_action", older("created_at")),
    ),
    Rule(
        "dev-mail",
        _l(
            "Copies of outgoing emails saved as files (only on development installations "
            "without a mail server)"
        ),
        _l("So developers can read account emails without sending them"),
        _l("%(period)s, then deleted"),
        periods=fixed(period=Period(7, "days")),
        purge=OutboxPurge(),
    ),
    Rule(
        "server-logs",
        _l("Server logs (time, page, account number, no passwords or links)"),
        _l("To find and fix errors and abuse"),
        _l("Set by the site's operator outside the application; we ask for 30 days at most"),
    ),
    Rule(
        "cookies",
        _l(
            "Cookies: a session cookie and, if you ask for it, a 30-day “keep me signed in” "
            "cookie and your language choice"
        ),
        _l("To keep you signed in and remember your language"),
        _l("Session, 30 days, one year"),
    ),
)


def page_rows(config: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(data, why, how long) for every rule, in the current language."""
    return [(str(r.data), str(r.why), r.how_long_text(config)) for r in RULES]


def run(config: Mapping[str, Any], now: datetime, dry_run: bool = False) -> list[Outcome]:
    """Delete what is past its period, rule by rule (or only count it), one unit each."""
    outcomes = []
    for rule in RULES:
        if rule.purge is None:
            continue
        periods = rule.periods(config)
        cutoffs = {name: period.before(now) for name, period in periods.items()}
        outcomes.append(Outcome(rule, rule.purge.apply(now, cutoffs, dry_run), periods))
    return outcomes
