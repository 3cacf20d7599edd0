"""Batched portfolio view counts reach the database without waiting for another visit to the
same worker: the owner's statistics may be served by any worker on any server, which reads
only what is written. A timer writes each batch; gunicorn's worker_exit writes what is left."""

from __future__ import annotations

import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select
from test_gunicorn_conf import load_conf

from app.core.extensions import db
from app.portfolio import stats
from app.portfolio.models import Portfolio, PortfolioStat

PROFILE = {"headline": "مديرة محتوى", "bio": "نص", "slug": "batch-counts", "lang": "ar"}


@pytest.fixture
def portfolio(app, client, auth) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """A signed-in learner's saved portfolio: (portfolio id, user id)."""
    user = auth()
    assert client.post("/portfolio", data=PROFILE).status_code == 303
    with app.app_context():
        return db.session.scalar(select(Portfolio.id)), user.id


@pytest.fixture
def batches(app, monkeypatch) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """Set the batch interval (tests write at once otherwise); no timer outlives the test."""
    yield lambda seconds: monkeypatch.setitem(app.config, "PORTFOLIO_STATS_FLUSH_SECONDS", seconds)
    timer = stats._state["timer"]
    if timer is not None:
        timer.cancel()
        stats._state["timer"] = None
    stats._pending.clear()


def views(app) -> int:  # type: ignore[no-untyped-def]
    """The views written to the database so far."""
    with app.app_context():
        rows = db.session.scalars(select(PortfolioStat).where(PortfolioStat.metric == "view"))
        return sum(row.count for row in rows)


def test_a_batch_is_written_by_its_timer_without_another_visit(app, portfolio, batches):
    """Two views held by a worker reach the database once the interval ends, with no further
    visit and no statistics page opened on that worker."""
    batches(2)
    with app.app_context():
        stats.flush()  # a batch was just written: the next counts wait for the interval
        stats.record(*portfolio, "view")
        stats.record(*portfolio, "view")
    assert views(app) == 0  # still held in this worker's memory
    deadline = time.monotonic() + 15
    while views(app) == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert views(app) == 2


def test_worker_exit_writes_the_counts_the_worker_still_holds(app, portfolio, batches, monkeypatch):
    """A worker stopped mid-interval (a restart, a scale-down) writes its counts first."""
    batches(3600)
    with app.app_context():
        stats.flush()
        stats.record(*portfolio, "view")
    assert views(app) == 0
    conf = load_conf(monkeypatch, "1")
    conf.worker_exit(SimpleNamespace(), SimpleNamespace(app=SimpleNamespace(wsgi=lambda: app)))
    assert views(app) == 1
