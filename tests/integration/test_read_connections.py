"""Issue 19, round trips on PostgreSQL: a request's reads run outside a transaction, writes in one.

app.core.pool switches a request's read connection to autocommit (no BEGIN or ROLLBACK round
trip), gives every write unit a real transaction, refuses a flush on a read connection, and
hands connections back to the pool transactional.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from psycopg.pq import TransactionStatus
from sqlalchemy import func, select, text

from app.accounts.models import User
from app.core.db import PendingChanges, write_unit
from app.core.extensions import db

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="read connections are PostgreSQL's: set TEST_DATABASE_URL (this run is on SQLite)",
)


def dbapi_of(session: Any) -> Any:
    """The psycopg connection under the session's current transaction."""
    return session.connection().connection.dbapi_connection


def count_users(app: Any) -> int:
    """How many user rows the database holds, read on a fresh connection."""
    with app.app_context(), db.engine.connect() as conn:
        return int(conn.scalar(select(func.count(User.id))))


def test_a_requests_reads_open_no_transaction(app: Any, users: Any) -> None:
    """After a read in a request the server sees no open transaction (nothing to roll back)."""
    users.create(name="Reader")
    with app.test_request_context("/"):
        assert db.session.scalar(select(func.count(User.id))) == 1
        conn = dbapi_of(db.session)
        assert conn.autocommit is True
        assert conn.info.transaction_status == TransactionStatus.IDLE
        db.session.remove()


def test_reads_outside_a_request_keep_their_transaction(app: Any, users: Any) -> None:
    """Scripts and commands (no request) read inside a transaction, as before."""
    users.create(name="Script")
    with app.app_context():
        db.session.scalar(select(func.count(User.id)))
        conn = dbapi_of(db.session)
        assert conn.autocommit is False
        assert conn.info.transaction_status == TransactionStatus.INTRANS
        db.session.remove()


def test_a_write_unit_in_a_request_is_one_transaction(app: Any, users: Any) -> None:
    """A unit that fails after its first insert stores nothing: the unit had a transaction."""
    users.create(name="Existing")
    with app.test_request_context("/"):
        db.session.scalar(select(func.count(User.id)))  # a read first, on a read connection
        with pytest.raises(RuntimeError), write_unit(db.session) as s:
            s.add(User(email="half@example.com", display_name="Half", password_hash="x"))
            s.flush()
            assert dbapi_of(s).info.transaction_status == TransactionStatus.INTRANS
            raise RuntimeError("the second half of the unit failed")
        db.session.remove()
    assert count_users(app) == 1
    with app.test_request_context("/"):
        with write_unit(db.session) as s:
            s.add(User(email="whole@example.com", display_name="Whole", password_hash="x"))
        db.session.remove()
    assert count_users(app) == 2


def test_a_flush_outside_a_unit_is_refused_on_a_read_connection(app: Any, users: Any) -> None:
    """A stray flush in a request would be committed at once: it raises and stores nothing."""
    user = users.create(name="Before")
    with app.test_request_context("/"):
        db.session.get(User, user.id).display_name = "Stray"
        with pytest.raises(PendingChanges):
            db.session.flush()
        db.session.rollback()
        db.session.remove()
    with app.app_context():
        assert db.session.get(User, user.id).display_name == "Before"
        db.session.remove()


def test_connections_go_back_to_the_pool_transactional(app: Any, users: Any) -> None:
    """The connection a request read on is transactional again for the next engine user."""
    users.create(name="Pooled")
    with app.app_context():
        db.engine.dispose()  # one connection in the pool from here: the request's
    with app.test_request_context("/"):
        db.session.execute(text("SELECT 1"))
        pid = dbapi_of(db.session).info.backend_pid
        assert dbapi_of(db.session).autocommit is True
        db.session.remove()
    with app.app_context():
        raw = db.engine.raw_connection()
        try:
            assert raw.dbapi_connection.info.backend_pid == pid
            assert raw.dbapi_connection.autocommit is False
        finally:
            raw.close()
