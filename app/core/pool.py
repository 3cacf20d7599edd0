"""PostgreSQL connection handling: pings only after idle time, reads outside transactions.

Idle pings:

SQLAlchemy's `pool_pre_ping` pings on every checkout: on PostgreSQL that is a round trip (and
an autocommit switch) before each request's first query, about a quarter of the database
work of a one-query page. A connection that was in use a moment ago is alive; the ones that
die (a restarted server, a proxy's idle timeout) are the ones that sat unused. So the ping
runs only after `idle` seconds in the pool; a dead connection found then is replaced before
the request sees it, as pre-ping would.

Reads outside transactions: psycopg opens a transaction with its own BEGIN round trip before
a request's first query, and the pool ends it with a ROLLBACK: two of a typical page's five
to eight round trips, each about 0.1 ms of the worker's CPU and some of the server's. Under
READ COMMITTED every statement takes its own snapshot anyway, so a request's reads run on an
autocommit connection and see exactly what they saw inside a read transaction. A write unit
(app.core.db.write_unit) still gets a real transaction: the connection is switched back
before its first statement. A flush on a read connection would be stored at once, so it is
refused (every write belongs in a unit; the tests already flag stray flushes).
"""

from __future__ import annotations

import time
from typing import Any

from flask import has_request_context
from psycopg.pq import TransactionStatus
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session

from app.core.db import IN_UNIT, PendingChanges

IDLE_KEY = "tawasul_idle_since"
READS = "tawasul_autocommit_reads"


def ping_when_idle(engine: Engine, idle: float) -> None:
    """Ping a connection at checkout when it was checked in more than `idle` seconds ago."""

    @event.listens_for(engine, "checkin")
    def _checked_in(dbapi_connection: Any, record: Any) -> None:
        record.info[IDLE_KEY] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        since = record.info.pop(IDLE_KEY, None)
        if since is None or time.monotonic() - since < idle:
            return  # new, or busy a moment ago
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # any failure means the link is unusable
            raise DisconnectionError("idle connection is gone") from exc
        if not alive:
            raise DisconnectionError("idle connection is gone")


def reads_outside_transactions(engine: Engine) -> None:
    """Run a request's reads on autocommit connections; write units keep their transaction."""
    if not event.contains(Session, "after_begin", _choose_mode):
        event.listen(Session, "after_begin", _choose_mode)
        event.listen(Session, "after_transaction_end", _forget_mode)
        event.listen(Session, "before_flush", _refuse_flush_on_reads)
    # Whatever used it last, a connection goes back to the pool transactional (migrations,
    # backups and scripts that take one straight from the engine expect that).
    event.listen(engine, "checkin", _transactional_again)


def _choose_mode(session: Session, transaction: Any, connection: Any) -> None:
    """At a session transaction's start: autocommit for a request's reads, else a transaction."""
    if connection.dialect.name != "postgresql" or transaction.parent is not None:
        return
    dbapi = connection.connection.dbapi_connection
    if dbapi.info.transaction_status != TransactionStatus.IDLE:
        return  # already inside a transaction someone else opened (a test's outer one)
    reads = has_request_context() and not session.info.get(IN_UNIT)
    if dbapi.autocommit != reads:
        dbapi.autocommit = reads  # a local switch: nothing is sent to the server
    if reads:
        session.info[READS] = True


def _forget_mode(session: Session, transaction: Any) -> None:
    """The session's transaction ended: its next one chooses again."""
    if transaction.parent is None:
        session.info.pop(READS, None)


def _refuse_flush_on_reads(session: Session, flush_context: Any, instances: Any) -> None:
    """A flush outside a write unit would be committed at once on a read connection."""
    if session.info.get(READS):
        raise PendingChanges("a flush outside a write unit, on a read connection: refused")


def _transactional_again(dbapi_connection: Any, record: Any) -> None:
    """Switch a returned connection back to transactions (the pool rolled it back already)."""
    if (
        dbapi_connection is not None
        and getattr(dbapi_connection, "autocommit", False)
        and dbapi_connection.info.transaction_status == TransactionStatus.IDLE
    ):
        dbapi_connection.autocommit = False
