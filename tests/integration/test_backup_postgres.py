"""T15 on PostgreSQL: pg_dump/pg_restore round trip into a database of its own, refusals,
and the client-tool checks. The shared `test` database is never restored into."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from backup_world import assert_seeded, cli, counts, make_app, seeded_source, signs_in_on
from conftest import need
from sqlalchemy import create_engine, text

from app.core.backup.archive import Manifest, write_archive
from app.core.backup.postgres import libpq_url, tool_env
from app.core.config import normalise_db_url

PG = os.environ.get("TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/test"


def pg_reachable() -> bool:
    """Whether the PostgreSQL server answers."""
    try:
        import psycopg

        with psycopg.connect(PG.replace("+psycopg", ""), connect_timeout=3):
            return True
    except Exception:
        return False


@contextmanager
def new_database(label: str) -> Iterator[str]:
    """A new empty PostgreSQL database with a unique name, dropped afterwards; its URL."""
    import psycopg

    admin = PG.replace("+psycopg", "")
    name = f"tawasul_backup_{label}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield normalise_db_url(urlunsplit(urlsplit(admin)._replace(path="/" + name)))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def source(tmp_path_factory, mailbox):
    """A seeded PostgreSQL database of its own and a backup of it."""
    need(pg_reachable(), f"PostgreSQL is not reachable at {PG}")
    need(shutil.which("pg_dump") is not None, "pg_dump is not installed (postgresql-client-15)")
    folder = tmp_path_factory.mktemp("backup-pg")
    with new_database("src") as url:
        app, password = seeded_source(url, mailbox, folder / "src")
        path = folder / "tawasul.backup"
        result = cli(app, "backup", str(path))
        assert result.exit_code == 0, result.output
        yield app, path, password, counts(app)


def test_round_trip_into_a_new_database_keeps_every_row_and_signs_in(source, tmp_path, mailbox):
    """pg_restore into a new database: equal counts per table, a second restore is refused
    until forced, and the learner signs in on the restored copy."""
    _app, path, password, before = source
    assert_seeded(before)
    with new_database("dst") as url:
        restored = make_app(url, mailbox, tmp_path / "dst", WTF_CSRF_ENABLED=True)
        result = cli(restored, "restore", str(path))
        assert result.exit_code == 0, result.output
        assert f"all {len(before)} tables match the backup" in result.output
        after = counts(restored)
        mismatched = [t for t in before if before[t] != after.get(t)]
        print(f"T15 restore (PostgreSQL): 0 errors, {len(mismatched)} tables with count mismatch")
        assert after == before
        signs_in_on(restored, password)

        refused = cli(restored, "restore", str(path))
        assert refused.exit_code == 1
        assert "holds data" in refused.output and "--force" in refused.output
        assert counts(restored)["user"] == before["user"] + 1  # the sign-in test's new user
        forced = cli(restored, "restore", "--force", str(path))
        assert forced.exit_code == 0, forced.output
        assert counts(restored)["user"] == before["user"]
        with restored.app_context():
            from app.core.extensions import db

            db.session.remove()
            db.engine.dispose()  # let DROP DATABASE go without waiting on our pool


def test_a_sqlite_backup_is_refused_on_postgresql(source, tmp_path, mailbox):
    """A backup made on SQLite names its engine and PostgreSQL refuses it, touching nothing."""
    app, _path, _password, _before = source
    dump = tmp_path / "tiny.db"
    with closing(sqlite3.connect(dump)) as conn:
        conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY)")
    made = tmp_path / "sqlite.backup"
    write_archive(made, Manifest("sqlite", "2026-01-01T00:00:00+00:00", {"note": 0}), dump)
    before = counts(app)
    result = cli(app, "restore", "--force", str(made))
    assert result.exit_code == 1
    assert "comes from SQLite" in result.output and "is PostgreSQL" in result.output
    assert counts(app) == before


def fake_tool(folder: Path, name: str, version: str) -> None:
    """A stand-in for a PostgreSQL client tool that only reports `version`."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f'#!/bin/sh\necho "{name} (PostgreSQL) {version}"\n', encoding="utf-8")
    script.chmod(0o755)


def test_missing_or_older_client_tools_are_refused_with_the_package_to_install(
    source, tmp_path, monkeypatch
):
    """No pg_dump on PATH, or one older than the server: refused, naming postgresql-client-N."""
    app, _path, _password, _before = source
    with app.app_context():
        from app.core.extensions import db

        server = db.session.execute(text("SHOW server_version_num")).scalar()
        db.session.remove()
    major = int(server) // 10000
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    missing = cli(app, "backup", str(tmp_path / "a.backup"))
    assert missing.exit_code == 1
    assert "pg_dump was not found" in missing.output
    assert f"postgresql-client-{major}" in missing.output
    fake_tool(tmp_path / "old", "pg_dump", "9.6.24")
    monkeypatch.setenv("PATH", str(tmp_path / "old"))
    older = cli(app, "backup", str(tmp_path / "b.backup"))
    assert older.exit_code == 1
    assert f"is version 9 but the server is PostgreSQL {major}" in older.output
    assert not (tmp_path / "a.backup").exists() and not (tmp_path / "b.backup").exists()


def test_the_password_reaches_the_tools_in_a_file_never_on_the_command_line():
    """The libpq URL has no driver suffix and no password (command lines are public); the
    password sits in a PGPASSFILE readable by its owner only, removed afterwards."""
    engine = create_engine("postgresql+psycopg://app:s3cr%3At@db.example:6543/tawasul")
    url = libpq_url(engine)
    assert url == "postgresql://app@db.example:6543/tawasul"
    assert "s3cr" not in url
    with tool_env(engine) as env:
        passfile = Path(env["PGPASSFILE"])
        assert passfile.read_text(encoding="utf-8") == "*:*:*:*:s3cr\\:t\n"
        assert passfile.stat().st_mode & 0o077 == 0
        assert "PGPASSWORD" not in env
    assert not passfile.exists()
    # libpq options in the query (TLS mode, a socket folder) reach the tools unchanged.
    socket = create_engine(
        "postgresql+psycopg://app:pw@/tawasul?host=/run/postgresql&sslmode=disable"
    )
    assert libpq_url(socket) == "postgresql://app@/tawasul?host=%2Frun%2Fpostgresql&sslmode=disable"
