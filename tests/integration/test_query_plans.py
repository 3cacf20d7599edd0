"""Issue 19 growth: every per-learner query the signed-in pages run can use an index.

On a PostgreSQL database of its own, migrated and seeded with `flask bench seed`'s seeding
(bench/growth_seed.py), the typical learner requests each per-learner page of the growth bench
while every SELECT is recorded with its parameters. Each one is then EXPLAINed with
enable_seqscan off: the tables are small here, and PostgreSQL rightly prefers a sequential scan
on a small table, but with the switch off it still picks one only when no index can serve the
predicate. Admin pages that could grow with the learners stay bounded.
"""

from __future__ import annotations

import os
import re
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from conftest import app_config
from sqlalchemy import event, select

from app import create_app
from app.accounts.models import User
from app.core import rawread
from app.core.config import normalise_db_url
from app.core.db import utcnow, write_unit
from app.core.extensions import db
from app.core.security import hash_password

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
from growth import PAGES, learner_pages  # noqa: E402
from growth_seed import seed_learners  # noqa: E402
from seed import PASSWORD  # noqa: E402

PG = os.environ.get("TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not PG.startswith("postgres"),
    reason="query plans are PostgreSQL's: set TEST_DATABASE_URL (this run is on SQLite)",
)
LEARNERS = 60  # more than one admin page of users (PAGE_SIZE 50)
ADMIN = "plans-admin@bench.example"


@pytest.fixture(scope="module")
def world(mailbox: Any) -> Iterator[tuple[Any, str]]:
    """A migrated, seeded PostgreSQL database of its own; the app and the typical learner."""
    import psycopg
    from flask_migrate import upgrade

    admin_url = normalise_db_url(PG).replace("postgresql+psycopg://", "postgresql://")
    name = f"tawasul_plans_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = normalise_db_url(urlunsplit(urlsplit(admin_url)._replace(path="/" + name)))
    app = create_app(app_config(url, mailbox))
    try:
        with app.app_context():
            upgrade(directory=str(Path(app.root_path).parent / "migrations"))
            # Two templates (the typical one took the demo's lessons too), copied.
            result = seed_learners(LEARNERS, 40, 4, False, lambda _line: None, templates=2)
            with write_unit(db.session) as s:
                s.add(
                    User(
                        email=ADMIN,
                        display_name="Admin",
                        password_hash=hash_password(PASSWORD),
                        email_verified_at=utcnow(),
                        role="admin",
                    )
                )
        yield app, result["typical"]
    finally:
        with app.app_context():
            db.engine.dispose()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def recorded(app: Any, email: str, paths: list[str]) -> list[tuple[str, str, Any]]:
    """(path, statement, parameters) of every SELECT that GETs of `paths` run, signed in."""
    client = app.test_client()
    answer = client.post("/login", data={"email": email, "password": PASSWORD})
    assert answer.status_code in (302, 303)
    with app.app_context():
        engine = db.engine
    seen: list[tuple[str, str, Any]] = []
    current = {"path": ""}

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((current["path"], statement, parameters))

    def record_raw(statement: str, parameters: Any) -> None:
        record(None, None, statement, parameters)

    event.listen(engine, "before_cursor_execute", record)
    rawread.WATCHERS.append(record_raw)  # the one-query reads that bypass the engine's events
    try:
        for path in paths:
            current["path"] = path
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
    finally:
        event.remove(engine, "before_cursor_execute", record)
        rawread.WATCHERS.remove(record_raw)
    return seen


def scans(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every node of an EXPLAIN (FORMAT JSON) plan."""
    yield plan
    for child in plan.get("Plans", []):
        yield from scans(child)


def explain(app: Any, statement: str, parameters: Any) -> dict[str, Any]:
    """The plan PostgreSQL picks for one statement with sequential scans switched off."""
    with app.app_context():
        raw = db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
            plan = cursor.fetchone()[0][0]["Plan"]
            raw.rollback()
        finally:
            raw.close()
    return dict(plan)


def learner_tables() -> tuple[set[str], set[str]]:
    """Tables holding a learner's rows (a user_id column, and the user table), and the
    columns that tie a row to a learner (foreign keys to those tables)."""
    tables = {"user"} | {t.name for t in db.metadata.sorted_tables if "user_id" in t.c}
    keys = {
        fk.parent.name
        for t in db.metadata.sorted_tables
        if t.name in tables
        for fk in t.foreign_keys
        if fk.column.table.name in tables
    }
    return tables, keys


def unserved(node: dict[str, Any], keys: set[str]) -> str:
    """Why a scan does not serve its learner predicate by an index ('' when it does): a
    sequential scan, or an index whose condition leaves the learner's key to a filter
    (walking every learner's rows in the index's order)."""
    if node["Node Type"] == "Seq Scan":
        return "sequential scan"
    cond = node.get("Index Cond", "") + node.get("Recheck Cond", "")
    learner = [k for k in keys if re.search(rf"\b{k} = ", node.get("Filter", ""))]
    if learner and not re.search(rf"\b({'|'.join([*keys, 'id'])}) = ", cond):
        return f"index {node.get('Index Name')} with the learner's {learner[0]} left to a filter"
    return ""


def test_every_per_learner_query_of_the_signed_in_pages_uses_an_index(world):
    """Every SELECT of the per-learner pages reaches a learner's rows through an index on
    the learner's key (or the row's own id), never by scanning every learner's rows."""
    app, email = world
    with app.app_context():
        paths = list(learner_pages(email).values())
        tables, keys = learner_tables()
    assert len(paths) == len(PAGES)
    statements = recorded(app, email, paths)
    assert len(statements) >= len(paths)  # every page reads the database
    evidence, missing = set(), []
    for path, statement, parameters in statements:
        for node in scans(explain(app, statement, parameters)):
            table = node.get("Relation Name")
            if table not in tables:
                continue
            problem = unserved(node, keys)
            if problem:
                missing.append(f"{path}: {table}: {problem} ({node.get('Filter', '')})")
            else:
                index = node.get("Index Name") or node.get("Plans", [{}])[0].get("Index Name")
                cond = node.get("Index Cond") or node.get("Recheck Cond") or ""
                evidence.add(f"{table}: {index or node['Node Type']} {cond}")
    print("\n".join(sorted(evidence)))
    assert not missing, "learner rows reached without an index:\n" + "\n".join(missing)
    assert evidence


def test_admin_user_list_is_one_bounded_page_and_site_numbers_are_counts(world):
    """The admin user list fetches PAGE_SIZE accounts with a LIMIT, however many exist;
    the site numbers page runs a fixed set of COUNT queries."""
    from app.admin.services import PAGE_SIZE

    app, _email = world
    with app.app_context():
        total = db.session.scalar(select(db.func.count()).select_from(User))
    assert total > PAGE_SIZE
    statements = recorded(app, ADMIN, ["/admin/", "/admin/?page=2"])
    listing = [
        (s, p) for _path, s, p in statements if re.search(r'FROM "user"', s) and "LIMIT" in s
    ]
    assert len(listing) == 2
    assert all(PAGE_SIZE in p.values() for _s, p in listing)
    client = app.test_client()
    client.post("/login", data={"email": ADMIN, "password": PASSWORD})
    first = client.get("/admin/").get_data(as_text=True)
    rows = first.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr")
    assert rows == PAGE_SIZE
    numbers = recorded(app, ADMIN, ["/admin/numbers"])
    counted = [s for _path, s, _p in numbers if "count(" in s.lower()]
    assert len(counted) == 7
    assert len(numbers) <= len(counted) + 3  # the session, the admin, nothing per learner


def test_bench_seed_refuses_a_database_that_has_learners(world):
    """`flask bench seed` stops when learners exist, and says how to go on."""
    app, _email = world
    result = app.test_cli_runner().invoke(args=["bench", "seed", "--learners", "5"])
    assert result.exit_code != 0
    assert "has 60 learners already (--force" in result.output
