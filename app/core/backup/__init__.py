"""Backup and restore of the whole database (`flask backup PATH`, `flask restore PATH`).

One file per backup (see archive.py); the engine modules do the copying: SQLite through
its online backup API, PostgreSQL through pg_dump and pg_restore. A restore refuses a
backup from the other engine and a database that holds data (unless forced), checks the
result and compares every table's row count with the backup's manifest.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

from sqlalchemy.engine import Engine

from app.core.backup import postgres, sqlite
from app.core.backup.archive import (
    BackupError,
    Manifest,
    check_engine,
    data_tables,
    extract_dump,
    mismatches,
    read_manifest,
    write_archive,
)
from app.core.backup.tables import integrity_problems, table_counts
from app.core.db import utcnow

ENGINES = {"sqlite": sqlite, "postgresql": postgres}

__all__ = ["BackupError", "Manifest", "Restored", "make_backup", "restore_backup"]


@dataclass(frozen=True)
class Restored:
    """What a restore found afterwards."""

    manifest: Manifest
    counts: dict[str, int]
    integrity: str  # SQLite: "ok" (anything else is raised); PostgreSQL: what was checked
    mismatched: list[str]


def _engine_module(engine: Engine) -> ModuleType:
    """The module that handles this engine's dialect."""
    module = ENGINES.get(engine.dialect.name)
    if module is None:
        raise BackupError(f"backups of {engine.dialect.name} databases are not supported")
    return module


def make_backup(engine: Engine, path: Path) -> Manifest:
    """Write a backup of the database behind `engine` to the new file `path`."""
    if path.exists():
        raise BackupError(
            f"{path} exists already: choose a new file name (backups are never overwritten)"
        )
    module = _engine_module(engine)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".tawasul-backup-", dir=path.parent) as folder:
        dumped, manifest = module.dump(engine, Path(folder))
        manifest = replace(manifest, created_at=utcnow().isoformat(timespec="seconds"))
        write_archive(path, manifest, dumped)
    return manifest


def restore_backup(engine: Engine, path: Path, *, force: bool = False) -> Restored:
    """Restore the backup at `path` into the database behind `engine`, then check it."""
    manifest = read_manifest(path)
    check_engine(manifest, engine.dialect.name)
    module = _engine_module(engine)
    # On SQLite the dump is unpacked beside the database (same disk, usually the room for it).
    folder_base = None
    if engine.dialect.name == "sqlite":
        folder_base = sqlite.database_file(engine).parent
        folder_base.mkdir(parents=True, exist_ok=True)
    with engine.connect() as conn:
        holding = data_tables(table_counts(conn))
    if holding and not force:
        shown = ", ".join(holding[:5]) + (
            f" and {len(holding) - 5} more" if len(holding) > 5 else ""
        )
        raise BackupError(
            f"the configured database holds data ({len(holding)} tables with rows: {shown}); "
            "restore replaces all of it. Point DATABASE_URL at a new, empty database, or run "
            "`flask restore --force PATH` if you really mean to overwrite this one "
            "(back it up first with `flask backup`)"
        )
    with tempfile.TemporaryDirectory(prefix=".tawasul-restore-", dir=folder_base) as folder:
        dumped = extract_dump(path, manifest, Path(folder))
        module.load(engine, dumped)
    engine.dispose()
    with engine.connect() as conn:
        problems = integrity_problems(conn)
        counts = table_counts(conn)
    if problems:
        raise BackupError(f"integrity check failed after the restore: {'; '.join(problems[:5])}")
    integrity = (
        "ok"
        if engine.dialect.name == "sqlite"
        else "no integrity_check on PostgreSQL; pg_restore rebuilt every index and constraint"
    )
    return Restored(manifest, counts, integrity, mismatches(manifest.tables, counts))
