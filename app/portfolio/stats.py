"""Privacy-friendly counters for the owner: views per day, referring sites, link clicks.

Nothing about the visitor is kept: no IP address, cookie or id, only a count per day and
key. Counts are gathered in the worker's memory and written in batches (every
PORTFOLIO_STATS_FLUSH_SECONDS), so a busy public page does not write on every request. A
timer writes a batch even when no further visit comes to this worker (the owner's page may
be served by another worker or server, which sees only what is written), and gunicorn's
worker_exit hook writes what is left; a crashed worker loses at most that many seconds.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from app.core.db import utcnow, write_unit
from app.core.extensions import db
from app.portfolio.models import ContactMessage, Portfolio, PortfolioItem, PortfolioStat

Key = tuple[int, int, date, str, str]
_pending: Counter[Key] = Counter()
_lock = threading.Lock()
_state: dict[str, Any] = {"flushed": time.monotonic(), "timer": None}
BOTS = ("bot", "crawl", "spider", "slurp", "preview", "facebookexternalhit", "headless")


def is_bot(user_agent: str) -> bool:
    """Whether a visit comes from a crawler or link previewer (not counted as a view)."""
    agent = (user_agent or "").lower()
    return not agent or any(word in agent for word in BOTS)


def record(portfolio_id: int, user_id: int, metric: str, key: str = "") -> None:
    """Count one event for today; written now or with the next batch."""
    interval = current_app.config.get("PORTFOLIO_STATS_FLUSH_SECONDS", 10)
    with _lock:
        _pending[(portfolio_id, user_id, utcnow().date(), metric, key[:120])] += 1
        wait = interval - (time.monotonic() - _state["flushed"])
        if wait > 0 and _state["timer"] is None:
            app = current_app._get_current_object()  # type: ignore[attr-defined]
            timer = threading.Timer(wait, _flush_later, args=(app,))
            timer.daemon = True
            _state["timer"] = timer
            timer.start()
    if wait <= 0:
        flush()


def _flush_later(app: Any) -> None:
    """The timer's end: write the batch in an app context of its own."""
    with _lock:
        _state["timer"] = None
    with app.app_context():
        flush()


def flush() -> None:
    """Write this worker's pending counts (an upsert per day and key)."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _state["flushed"] = time.monotonic()
    for (portfolio_id, user_id, day, metric, key), n in batch.items():
        where = (
            (PortfolioStat.portfolio_id == portfolio_id)
            & (PortfolioStat.day == day)
            & (PortfolioStat.metric == metric)
            & (PortfolioStat.key == key)
        )
        for _attempt in range(2):
            try:
                with write_unit(db.session) as s:
                    bump = update(PortfolioStat).where(where).values(count=PortfolioStat.count + n)
                    if s.execute(bump).rowcount == 0:
                        s.add(
                            PortfolioStat(
                                portfolio_id=portfolio_id,
                                user_id=user_id,
                                day=day,
                                metric=metric,
                                key=key,
                                count=n,
                            )
                        )
                break
            except IntegrityError:
                continue  # another worker made the row first: add to it instead


def count_visit(
    portfolio_id: int, user_id: int, *, user_agent: str, referrer: str, own_host: str
) -> None:
    """Count a page view and where it came from (bots and the site's own pages left out)."""
    from app.portfolio.domain import referrer_key

    if is_bot(user_agent):
        return
    record(portfolio_id, user_id, "view")
    came_from = referrer_key(referrer, own_host)
    if came_from:
        record(portfolio_id, user_id, "ref", came_from)


def summary(portfolio: Portfolio, days: int = 30) -> dict[str, Any]:
    """The owner's figures for the last `days` days (today included)."""
    flush()
    today = utcnow().date()
    since = today - timedelta(days=days - 1)
    rows = db.session.execute(
        select(PortfolioStat.day, PortfolioStat.metric, PortfolioStat.key, PortfolioStat.count)
        .where(PortfolioStat.portfolio_id == portfolio.id, PortfolioStat.day >= since)
        .order_by(PortfolioStat.day)
    ).all()
    views: Counter[date] = Counter()
    referrers: Counter[str] = Counter()
    clicks: Counter[str] = Counter()
    for day, metric, key, count in rows:
        if metric == "view":
            views[day] += count
        elif metric == "ref":
            referrers[key] += count
        elif metric == "click":
            clicks[key] += count
    messages = Counter(
        received.date()
        for received in db.session.scalars(
            select(ContactMessage.received_at).where(
                ContactMessage.portfolio_id == portfolio.id,
                ContactMessage.received_at >= utcnow() - timedelta(days=days),
            )
        )
    )
    # Titles only of the items clicked (none clicked: no query).
    clicked = {int(k) for k in clicks if k.isdigit()}
    titles: dict[int, str] = {}
    if clicked:
        rows_of_titles = db.session.execute(
            select(PortfolioItem.id, PortfolioItem.title).where(
                PortfolioItem.portfolio_id == portfolio.id, PortfolioItem.id.in_(clicked)
            )
        )
        # A Result has .keys(), so dict(result) would treat it as a mapping: go through list().
        titles = dict(list(rows_of_titles.tuples()))
    daily = [
        (
            since + timedelta(days=n),
            views[since + timedelta(days=n)],
            messages[since + timedelta(days=n)],
        )
        for n in range(days)
    ]
    return {
        "daily": list(reversed(daily)),
        "peak": max((v for _d, v, _m in daily), default=0),
        "total_views": sum(views.values()),
        "total_messages": sum(messages.values()),
        "referrers": referrers.most_common(10),
        # A deleted item's clicks stay counted; its title is gone (None).
        "clicks": [
            (titles.get(int(k)) if k.isdigit() else None, n) for k, n in clicks.most_common()
        ],
        "all_messages": db.session.scalar(
            select(func.count(ContactMessage.id)).where(ContactMessage.portfolio_id == portfolio.id)
        ),
    }
