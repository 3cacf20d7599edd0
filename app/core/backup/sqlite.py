"""SQLite: back up and restore through the online backup API (`sqlite3.Connection.backup`).

A file copy of a live WAL database misses what still sits in the -wal file and can catch
a half-written page; the backup API copies a consistent snapshot page by page while the
app keeps serving (in WAL mode readers and the one writer do not block each other).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import NullPool

from app.core.backup.archive import BackupError, Manifest
from app.core.backup.tables import integrity_problems, revision, table_counts

TIMEOUT_SECONDS = 15.0


def database_file(engine: Engine) -> Path:
    """The file of a SQLite engine; an in-memory database cannot be backed up."""
    name = engine.url.database
    if not name or name == ":memory:" or name.startswith("file::memory:"):
        raise BackupError(
            "the configured SQLite database is in memory: there is no file to back up"
        )
    return Path(name)


def copy(source: Path, target: Path) -> None:
    """Copy database `source` into `target` (created or overwritten) with the backup API."""
    if not source.is_file():
        raise BackupError(f"there is no database at {source}")
    with (
        closing(sqlite3.connect(source, timeout=TIMEOUT_SECONDS)) as src,
        closing(sqlite3.connect(target, timeout=TIMEOUT_SECONDS)) as dst,
    ):
        try:
            # pages=-1: one step under one read transaction, hence one consistent snapshot.
            src.backup(dst, pages=-1)
        except sqlite3.OperationalError as exc:
            raise BackupError(
                f"SQLite could not copy the database ({exc}): if the app is running a restore, "
                "stop it and try again"
            ) from exc


def inspect_file(path: Path) -> tuple[dict[str, int], str | None]:
    """Row counts and revision of a SQLite file, after `PRAGMA integrity_check` passed on it."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            problems = integrity_problems(conn)
            if not problems:
                counts = table_counts(conn)
                return counts, revision(conn, counts)
    except DatabaseError as exc:  # "file is not a database", "malformed": beyond checking
        problems = [str(exc.orig)]
    finally:
        engine.dispose()
    raise BackupError(
        f"SQLite integrity check failed on {path.name}, the copy is damaged: "
        f"{'; '.join(problems[:5])}"
    )


def dump(engine: Engine, folder: Path) -> tuple[Path, Manifest]:
    """Snapshot the app's database into `folder`; the dump and its (unfinished) manifest."""
    target = folder / "database.sqlite3"
    copy(database_file(engine), target)
    counts, rev = inspect_file(target)
    return target, Manifest(engine="sqlite", created_at="", tables=counts, revision=rev)


def load(engine: Engine, dumped: Path) -> None:
    """Replace the app's database with the checked dump `dumped`."""
    inspect_file(dumped)  # never overwrite with a damaged copy
    target = database_file(engine)
    target.parent.mkdir(parents=True, exist_ok=True)
    engine.dispose()  # our own pooled connections must not hold the file open
    copy(dumped, target)
