"""What one statement costs the worker's CPU on each engine: the floor under every page.

`python bench/roundtrip.py [--database-url URL]` (PostgreSQL: a database of its own on
BENCH_PG_ADMIN_URL's server, made and dropped; SQLite: a file in a temporary folder) times, in this process, the
same small statements through each layer the app uses: libpq alone (PostgreSQL only), the
DB-API driver, SQLAlchemy Core, and the ORM's session lookup by primary key. It prints CPU
microseconds per statement (user and system time of this process), the server's own work
aside, and whether a read opened a transaction first.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, String, create_engine, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

ROUNDS = 3000


class Base(DeclarativeBase):
    """A throwaway schema."""


class Row(Base):
    """One small table, like a session row."""

    __tablename__ = "roundtrip_row"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))


def cpu_us(run: Callable[[], Any], rounds: int = ROUNDS) -> float:
    """This process's CPU microseconds (user and system) per call of `run`, after a warm-up."""
    for _ in range(50):
        run()
    before = time.process_time()
    for _ in range(rounds):
        run()
    return (time.process_time() - before) / rounds * 1e6


def layers(url: str) -> list[tuple[str, float]]:
    """CPU per statement through each layer, on the engine at `url`."""
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    with Session(engine) as s, s.begin():
        s.merge(Row(id=1, name="one"))
    rows: list[tuple[str, float]] = []
    raw = engine.raw_connection()
    try:
        dbapi: Any = raw.dbapi_connection
        if engine.dialect.name == "postgresql":
            dbapi.autocommit = True
            pg = dbapi.pgconn
            rows.append(("libpq: SELECT 1 (no driver)", cpu_us(lambda: pg.exec_(b"SELECT 1"))))
        cursor = dbapi.cursor()
        rows.append(
            ("driver: SELECT 1", cpu_us(lambda: (cursor.execute("SELECT 1"), cursor.fetchone())))
        )
    finally:
        if engine.dialect.name == "postgresql":
            raw.dbapi_connection.autocommit = False  # type: ignore[union-attr]
        raw.close()
    one = text("SELECT 1")
    by_id = select(Row.id, Row.name).where(Row.id == 1)
    with engine.connect() as conn:
        rows.append(("Core: SELECT 1", cpu_us(lambda: conn.execute(one).scalar())))
        rows.append(("Core: one row by key", cpu_us(lambda: conn.execute(by_id).first())))

        def read_transaction() -> None:
            """A read inside its own transaction: BEGIN, the SELECT, ROLLBACK."""
            conn.execute(one).scalar()
            conn.rollback()

        rows.append(("Core: SELECT 1 + BEGIN/ROLLBACK", cpu_us(read_transaction)))
    with Session(engine) as s:

        def entity() -> None:
            """The ORM's lookup by key, the identity map emptied first (as a new request)."""
            s.expunge_all()
            s.get(Row, 1)

        rows.append(("ORM: entity by key", cpu_us(entity, ROUNDS // 3)))
    Base.metadata.drop_all(engine)
    engine.dispose()
    return rows


def on_own_database() -> list[tuple[str, float]]:
    """The layers on a PostgreSQL database made for this run and dropped after it."""
    from pg import admin, database_url
    from psycopg import sql

    name = f"tawasul_roundtrip_{uuid.uuid4().hex[:10]}"
    admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        return layers(database_url(name))
    finally:
        admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def main() -> None:
    """Time both engines (PostgreSQL when reachable) and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL URL (default: a database of its own)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tawasul-roundtrip-"))
    results = {"sqlite": layers(f"sqlite:///{folder / 'rt.db'}")}
    try:
        if args.database_url:
            results["postgresql"] = layers(args.database_url)
        else:
            results["postgresql"] = on_own_database()
    except Exception as exc:  # no server: SQLite alone is still worth printing
        print(f"PostgreSQL skipped: {type(exc).__name__}: {exc}")
    print(
        f"CPU µs per statement in this process ({ROUNDS} rounds; sqlite3 {sqlite3.sqlite_version})"
    )
    names = [name for name, _ in results["sqlite"]] + [
        name for name, _ in results.get("postgresql", []) if name.startswith("libpq")
    ]
    print(f"{'statement':38} {'SQLite':>8} {'PostgreSQL':>11}")
    for name in names:
        lite = dict(results["sqlite"]).get(name)
        pg = dict(results.get("postgresql", [])).get(name)
        show = [f"{v:8.0f}" if v is not None else f"{'-':>8}" for v in (lite, pg)]
        print(f"{name:38} {show[0]} {show[1]:>11}")


if __name__ == "__main__":
    main()
