"""T15 on SQLite: `flask backup` / `flask restore` round trip, refusals and a live backup."""

from __future__ import annotations

import io
import json
import sqlite3
import stat
import tarfile
from contextlib import closing
from types import SimpleNamespace

import pytest
from backup_world import assert_seeded, cli, counts, make_app, seeded_source, signs_in_on
from flask_migrate import upgrade
from support import Users


@pytest.fixture(scope="module")
def source(tmp_path_factory, mailbox):
    """A seeded SQLite database and a backup of it: app, file, path, password, counts."""
    folder = tmp_path_factory.mktemp("backup-sqlite")
    app, password = seeded_source(f"sqlite:///{folder / 'source.db'}", mailbox, folder / "src")
    path = folder / "tawasul.backup"
    result = cli(app, "backup", str(path))
    assert result.exit_code == 0, result.output
    return SimpleNamespace(
        app=app, file=folder / "source.db", path=path, password=password, counts=counts(app)
    )


def test_round_trip_into_a_new_database_keeps_every_row_and_signs_in(source, tmp_path, mailbox):
    """Restore into a new file: integrity ok, equal counts per table, the learner signs in."""
    path, password, before = source.path, source.password, source.counts
    assert_seeded(before)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # password hashes inside
    target = tmp_path / "restored" / "tawasul.db"
    restored = make_app(f"sqlite:///{target}", mailbox, tmp_path / "dst", WTF_CSRF_ENABLED=True)
    result = cli(restored, "restore", str(path))
    assert result.exit_code == 0, result.output
    assert "Integrity check: ok" in result.output
    assert f"all {len(before)} tables match the backup" in result.output
    after = counts(restored)
    mismatched = [t for t in before if before[t] != after.get(t)]
    print(f"T15 restore (SQLite): integrity ok, {len(mismatched)} tables with count mismatch")
    assert after == before
    with closing(sqlite3.connect(target)) as conn:  # checked again, outside our code
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    signs_in_on(restored, password)


def test_restore_refuses_a_database_with_data_unless_forced(source, tmp_path, mailbox):
    """A migrated empty database is restored into; one holding data is refused without --force."""
    path, before = source.path, source.counts
    app = make_app(f"sqlite:///{tmp_path / 'target.db'}", mailbox, tmp_path / "t")
    with app.app_context():
        upgrade()
    assert cli(app, "restore", str(path)).exit_code == 0  # only alembic_version had a row
    Users(app).create(email="keeper@example.com")
    refused = cli(app, "restore", str(path))
    assert refused.exit_code == 1
    assert "holds data" in refused.output and "--force" in refused.output
    assert counts(app)["user"] == before["user"] + 1  # untouched: the keeper is still there
    forced = cli(app, "restore", "--force", str(path))
    assert forced.exit_code == 0, forced.output
    assert counts(app) == before


def test_backup_of_a_live_database_is_a_consistent_snapshot(tmp_path, mailbox):
    """Committed rows still in the WAL are in the backup; an open transaction's rows are not."""
    db_file = tmp_path / "live.db"
    app = make_app(f"sqlite:///{db_file}", mailbox, tmp_path / "i")
    with app.app_context():
        upgrade()
    Users(app).create(email="first@example.com")
    insert = (
        'INSERT INTO "user" (email, password_hash, display_name, role, created_at, '
        "password_changed_at, disabled) VALUES (?, 'x', 'ن', 'learner', CURRENT_TIMESTAMP, "
        "CURRENT_TIMESTAMP, 0)"
    )
    with (
        closing(sqlite3.connect(db_file, isolation_level=None)) as committed,
        closing(sqlite3.connect(db_file, isolation_level=None)) as open_txn,
    ):
        committed.execute("PRAGMA wal_autocheckpoint=0")  # keep the row in the -wal file
        committed.execute(insert, ("in-wal@example.com",))
        open_txn.execute("BEGIN IMMEDIATE")  # a writer mid-request while the backup runs
        open_txn.execute(insert, ("uncommitted@example.com",))
        result = cli(app, "backup", str(tmp_path / "live.backup"))
        open_txn.execute("ROLLBACK")
    assert result.exit_code == 0, result.output
    with tarfile.open(tmp_path / "live.backup") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        (tmp_path / "copy.db").write_bytes(tar.extractfile("database.sqlite3").read())
    with closing(sqlite3.connect(tmp_path / "copy.db")) as conn:
        emails = {r[0] for r in conn.execute('SELECT email FROM "user"')}
    assert emails == {"first@example.com", "in-wal@example.com"}
    assert manifest["engine"] == "sqlite" and manifest["tables"]["user"] == 2


def rewritten(path, folder, manifest_change=None, dump_bytes=None):
    """A copy of the backup at `path` with its manifest or its dump replaced."""
    with tarfile.open(path) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        dump = tar.extractfile("database.sqlite3").read()
    manifest.update(manifest_change or {})
    out = folder / "changed.backup"
    with tarfile.open(out, "w") as tar:
        for name, body in (
            ("manifest.json", json.dumps(manifest).encode()),
            ("database.sqlite3", dump if dump_bytes is None else dump_bytes(dump)),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return out


def test_restore_refuses_another_engine_a_bare_file_and_a_damaged_dump(source, tmp_path):
    """Wrong engine, a bare database file, a non-backup and a corrupt dump (even with --force)
    are refused before anything is written: the database keeps its rows."""
    app, path, before = source.app, source.path, counts(source.app)
    postgres = rewritten(path, tmp_path, {"engine": "postgresql"})
    result = cli(app, "restore", "--force", str(postgres))
    assert result.exit_code == 1
    assert "comes from PostgreSQL" in result.output and "is SQLite" in result.output

    bare = cli(app, "restore", str(source.file))
    assert bare.exit_code == 1 and "bare SQLite file" in bare.output
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    other = cli(app, "restore", str(tmp_path / "notes.txt"))
    assert other.exit_code == 1 and "not a Tawasul backup" in other.output

    def corrupt(dump: bytes) -> bytes:
        """Keep the header, overwrite the pages after it (the schema and the rows)."""
        return dump[:100] + b"\xff" * (len(dump) - 100)

    damaged = cli(app, "restore", "--force", str(rewritten(path, tmp_path, dump_bytes=corrupt)))
    assert damaged.exit_code == 1, damaged.output
    assert "the copy is damaged" in damaged.output
    assert counts(app) == before


def test_backup_never_overwrites_an_existing_file(source, tmp_path):
    """An existing file at PATH is kept and the command says to choose another name."""
    app = source.app
    existing = tmp_path / "old.backup"
    existing.write_bytes(b"an older backup")
    result = cli(app, "backup", str(existing))
    assert result.exit_code == 1 and "choose a new file name" in result.output
    assert existing.read_bytes() == b"an older backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.backup"]  # no partial file left
