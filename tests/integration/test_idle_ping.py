"""Pooled PostgreSQL connections are pinged only after sitting idle, and a dead one is replaced."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from app.core.config import normalise_db_url
from app.core.pool import ping_when_idle

URL = os.environ.get("TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not URL.startswith("postgres"), reason="PostgreSQL only: SQLite has no server connection"
)


def kill_pooled(engine: sa.Engine) -> None:
    """End, from another session, the server process behind the pool's one connection."""
    with engine.connect() as conn:
        pid = conn.execute(sa.text("select pg_backend_pid()")).scalar_one()
    with sa.create_engine(normalise_db_url(URL)).connect() as other:
        other.execute(sa.text("select pg_terminate_backend(:pid)"), {"pid": pid})


def test_an_idle_connection_that_died_is_replaced_before_use():
    """With the idle threshold passed, the killed connection is pinged, dropped and replaced."""
    engine = sa.create_engine(normalise_db_url(URL), pool_size=1, max_overflow=0)
    ping_when_idle(engine, 0.0)
    kill_pooled(engine)
    with engine.connect() as conn:
        assert conn.execute(sa.text("select 1")).scalar_one() == 1
    engine.dispose()


def test_a_recently_used_connection_is_not_pinged(monkeypatch):
    """Within the idle threshold no ping runs: the same dead connection reaches the query."""
    engine = sa.create_engine(normalise_db_url(URL), pool_size=1, max_overflow=0)
    ping_when_idle(engine, 3600.0)
    pings: list[object] = []
    real = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda c: pings.append(c) or real(c))
    kill_pooled(engine)
    with pytest.raises(sa.exc.OperationalError), engine.connect() as conn:
        conn.execute(sa.text("select 1"))
    assert pings == []
    engine.dispose()


def test_the_app_engine_pings_idle_connections(app):
    """The app's PostgreSQL engine has no ping on every checkout but the idle check's hooks."""
    from app.core.extensions import db

    with app.app_context():
        pool = db.engine.pool
        assert not pool._pre_ping
        names = {fn.__name__ for fn in pool.dispatch.checkout} | {
            fn.__name__ for fn in pool.dispatch.checkin
        }
        assert {"_checked_out", "_checked_in"} <= names
