"""Declarative base, SQLite connection settings and the write-unit helper."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, MappedColumn, mapped_column, scoped_session
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


@contextmanager
def write_unit(session: Any) -> Iterator[Any]:
    """Run one unit of work that commits once, or rolls back on any error.

    On SQLite the transaction starts with BEGIN IMMEDIATE so that a read-then-write
    unit waits for the write lock instead of failing with "database is locked".
    """
    real = session() if isinstance(session, scoped_session) else session
    if real.in_transaction():
        # End the deferred read transaction the request may have opened.
        real.commit()
    token = _immediate.set(True)
    try:
        with real.begin():
            yield real
    finally:
        _immediate.reset(token)


# The session type services accept: a plain Session or Flask-SQLAlchemy's scoped one.
DbSession = Any
