"""One-row reads on a pooled DB-API connection, for the one query of an anonymous page.

The public portfolio and the credential verification page are served to visitors from a
kept rendering, and each visit makes a single query to learn whether that rendering is
still current. Through the ORM session, or even a SQLAlchemy Connection, the machinery
around that query cost the worker several times the query itself (see `make bench`). Here
the statement is compiled once per dialect and run on a raw pooled connection; each
column's result processor still runs, so values arrive as the ORM would give them (UTC
datetimes on SQLite too). Engine events do not see these statements, so whatever counts or
explains a page's SQL (the growth bench, the query-plan test) adds itself to WATCHERS.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from typing import Any, NamedTuple

from app.core.extensions import db


class Prepared(NamedTuple):
    """A statement compiled for one dialect, with its result processors and row type."""

    sql: str
    compiled: Any
    processors: tuple[Any, ...]
    row: Any  # a namedtuple of the statement's column keys (unnamed ones renamed _0, _1...)


# Keyed by the statement object itself (compared by identity), which the key keeps alive.
_prepared: dict[tuple[Any, str], Prepared] = {}
# Called with (sql, parameters) before each statement runs, like before_cursor_execute.
WATCHERS: list[Callable[[str, Any], None]] = []


def _prepare(statement: Any) -> Prepared:
    """The statement compiled for the engine's dialect (once per statement and dialect)."""
    dialect = db.engine.dialect
    found = _prepared.get((statement, dialect.name))
    if found is not None:
        return found
    compiled = statement.compile(dialect=dialect)
    columns = statement.selected_columns
    processors = tuple(
        column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
    )
    row = namedtuple("RawRow", columns.keys(), rename=True)  # type: ignore[misc]
    prepared = Prepared(str(compiled), compiled, processors, row)
    _prepared[(statement, dialect.name)] = prepared
    return prepared


def first_row(statement: Any, params: dict[str, Any]) -> Any:
    """The first row of a Core SELECT with `params`, processed per column (a named tuple of
    the column keys), or None."""
    prepared = _prepare(statement)
    values = prepared.compiled.construct_params(params)
    if prepared.compiled.positional:
        args: Any = tuple(values[name] for name in prepared.compiled.positiontup)
    else:
        args = values
    for watch in WATCHERS:
        watch(prepared.sql, args)
    connection = db.engine.raw_connection()
    try:
        if db.engine.dialect.name == "postgresql":
            # One SELECT needs no transaction, nor its BEGIN and ROLLBACK round trips
            # (app.core.pool switches the connection back when it returns to the pool).
            connection.dbapi_connection.autocommit = True  # type: ignore[union-attr]
        cursor = connection.cursor()
        cursor.execute(prepared.sql, args)
        row = cursor.fetchone()
        cursor.close()
    finally:
        connection.close()  # back to the pool
    if row is None:
        return None
    return prepared.row._make(
        value if process is None else process(value)
        for value, process in zip(row, prepared.processors, strict=True)
    )
