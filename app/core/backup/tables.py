"""Row counts, the data check and the integrity check, on either engine."""

from __future__ import annotations

from sqlalchemy import Connection, func, inspect, select, table, text


def table_counts(conn: Connection) -> dict[str, int]:
    """The row count of every table in the connection's schema (alembic_version included)."""
    counts = {}
    for name in sorted(inspect(conn).get_table_names()):
        # table() quotes the name per dialect ("user" is a reserved word in PostgreSQL).
        counts[name] = int(conn.execute(select(func.count()).select_from(table(name))).scalar_one())
    return counts


def revision(conn: Connection, counts: dict[str, int]) -> str | None:
    """The migration revision the database is at, or None without Alembic's table."""
    if not counts.get("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def integrity_problems(conn: Connection) -> list[str]:
    """SQLite's `PRAGMA integrity_check` findings (empty when "ok"); PostgreSQL: none to run."""
    if conn.dialect.name != "sqlite":
        return []
    rows = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check").all()]
    return [] if rows == ["ok"] else rows
