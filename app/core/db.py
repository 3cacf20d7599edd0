"""Declarative base, SQLite connection settings and the write-unit helper."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, MappedColumn, Session, mapped_column, scoped_session
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

_immediate: contextvars.ContextVar[bool] = contextvars.ContextVar("immediate", default=False)


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always returned timezone-aware (SQLite drops zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Convert to UTC before storing."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Attach UTC to values SQLite returns naive."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def user_fk(*, unique: bool = False) -> MappedColumn[Any]:
    """The `user_id` column of a learner's table: indexed, deleted with the account."""
    if unique:
        return mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True, unique=True)
    return mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)


class Base(DeclarativeBase):
    """Base class of every model, with a constraint naming convention for migrations."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    """Set SQLite pragmas and take over transaction control from pysqlite."""
    import sqlite3

    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # pysqlite would otherwise run SELECTs outside the transaction (lost updates).
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(conn: Any) -> None:
    """Emit BEGIN ourselves: IMMEDIATE inside a write unit, deferred otherwise."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _immediate.get() else "BEGIN")


class PendingChanges(RuntimeError):
    """A write unit found changes it did not make (new, dirty or deleted objects, or a flush).

    Committing them would store what a view changed only to show it again; the unit
    refuses instead, and nothing is written.
    """


_STRAY = "tawasul_stray_flush"
# Set while a write unit runs (app.core.pool reads it to give the unit a transaction).
IN_UNIT = "tawasul_in_write_unit"


@event.listens_for(Session, "after_flush")
def _note_stray_flush(session: Session, flush_context: Any) -> None:
    """Remember a flush outside a write unit: its rows sit in the transaction unseen."""
    if not session.info.get(IN_UNIT):
        session.info[_STRAY] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_stray_flush(session: Session, transaction: Any) -> None:
    """A finished transaction (commit, rollback or close) takes any flushed rows with it."""
    if transaction.parent is None:
        session.info.pop(_STRAY, None)


def pending_changes(session: Session) -> bool:
    """Whether the session holds changes no write unit made."""
    return bool(session.new or session.dirty or session.deleted or session.info.get(_STRAY))


@contextmanager
def write_unit(session: Any) -> Iterator[Any]:
    """Run one unit of work that commits once, or rolls back on any error.

    A unit writes only what happens inside it: a session with pending changes raises
    PendingChanges and nothing is committed. A read transaction the request opened is
    ended with a rollback (never a commit). On SQLite the transaction starts with BEGIN
    IMMEDIATE so that a read-then-write unit waits for the write lock instead of failing
    with "database is locked"; checks that decide the write belong inside the unit.
    """
    real = session() if isinstance(session, scoped_session) else session
    if pending_changes(real):
        raise PendingChanges(
            f"write unit refused: {len(real.new)} new, {len(real.dirty)} changed, "
            f"{len(real.deleted)} deleted objects or rows flushed outside a unit"
        )
    if real.in_transaction():
        # End the deferred read transaction: loaded rows expire and are read again inside.
        real.rollback()
    token = _immediate.set(True)
    real.info[IN_UNIT] = True
    try:
        with real.begin():
            yield real
    finally:
        real.info.pop(IN_UNIT, None)
        _immediate.reset(token)


def locked(session: Any, model: Any, ident: Any) -> Any:
    """Read a row afresh inside a write unit, locked until the unit ends (None if gone).

    PostgreSQL takes a row lock (SELECT ... FOR UPDATE); SQLite ignores the clause because
    BEGIN IMMEDIATE already serialises write units. Checks that decide the write are made
    on the row this returns, never on a copy read before the unit.
    """
    return session.get(model, ident, with_for_update=True, populate_existing=True)


# The session type services accept: a plain Session or Flask-SQLAlchemy's scoped one.
DbSession = Any
