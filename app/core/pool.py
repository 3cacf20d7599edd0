"""Check a pooled PostgreSQL connection before use only when it has sat idle.

SQLAlchemy's `pool_pre_ping` pings on every checkout: on PostgreSQL that is a round trip (and
an autocommit switch) before each request's first query, about a quarter of the database
work of a one-query page. A connection that was in use a moment ago is alive; the ones that
die (a restarted server, a proxy's idle timeout) are the ones that sat unused. So the ping
runs only after `idle` seconds in the pool; a dead connection found then is replaced before
the request sees it, as pre-ping would.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

IDLE_KEY = "tawasul_idle_since"


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
