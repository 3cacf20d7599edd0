"""The backup file: a tar holding manifest.json and the engine's own dump (pure).

The manifest records the engine the dump came from and the row count of every table at
the moment of the dump, so a restore can refuse the wrong engine before touching anything
and prove afterwards that every table came back whole. The dump inside is the engine's
native format (a SQLite database file, a `pg_dump --format=custom` archive), checked by
its magic bytes as well, so an operator can still take it out with `tar` and use it alone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "tawasul-backup"
VERSION = 1
MANIFEST = "manifest.json"
# The dump's member name per engine, and the first bytes of that engine's own format.
MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MAGIC = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Not application data: a freshly migrated, empty database has a row here.
BOOKKEEPING_TABLES = frozenset({"alembic_version"})


class BackupError(Exception):
    """A backup or restore we refuse or cannot do; the message says what to do."""


@dataclass(frozen=True)
class Manifest:
    """What a backup holds: its engine and the row count of each table when it was made."""

    engine: str
    created_at: str
    tables: dict[str, int]
    revision: str | None = None
    details: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> bytes:
        """The manifest as UTF-8 JSON."""
        return json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "engine": self.engine,
                "created_at": self.created_at,
                "revision": self.revision,
                "tables": self.tables,
                "details": self.details,
            },
            indent=2,
            sort_keys=True,
        ).encode("utf-8")


def engine_name(engine: str) -> str:
    """The engine's name for people ("SQLite", "PostgreSQL")."""
    return ENGINE_NAMES.get(engine, engine)


def sniff(path: Path) -> str | None:
    """The engine whose native file this is by its magic bytes, or None."""
    with path.open("rb") as handle:
        head = handle.read(16)
    for engine, magic in MAGIC.items():
        if head.startswith(magic):
            return engine
    return None


def parse_manifest(raw: bytes) -> Manifest:
    """Read a manifest, refusing anything that is not one this version understands."""
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BackupError(f"the backup's manifest is not valid JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("this file is not a Tawasul backup (no Tawasul manifest inside)")
    if data.get("version") != VERSION:
        raise BackupError(
            f"this backup has format version {data.get('version')!r}; "
            f"this release reads version {VERSION}: restore it with the release that made it"
        )
    engine, tables = data.get("engine"), data.get("tables")
    if engine not in MEMBERS or not isinstance(tables, dict):
        raise BackupError("the backup's manifest names no known engine or no tables")
    if not all(isinstance(k, str) and type(v) is int for k, v in tables.items()):
        raise BackupError("the backup's manifest has a malformed table count")
    return Manifest(
        engine=engine,
        created_at=str(data.get("created_at", "")),
        tables=dict(tables),
        revision=data.get("revision"),
        details={str(k): str(v) for k, v in (data.get("details") or {}).items()},
    )


def write_archive(path: Path, manifest: Manifest, dump: Path) -> None:
    """Write manifest and dump to `path` atomically, readable by its owner only.

    The tar is built under a temporary name beside `path` and renamed at the end, so an
    interrupted backup never leaves a half-written file under the real name.
    """
    if path.exists():
        raise BackupError(
            f"{path} exists already: choose a new file name (backups are never overwritten)"
        )
    if sniff(dump) != manifest.engine:
        raise BackupError(f"the {engine_name(manifest.engine)} dump came out unreadable")
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file with mode 0600: the dump holds password hashes and messages.
    fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
            info = tarfile.TarInfo(MANIFEST)
            body = manifest.to_json()
            info.size, info.mode, info.mtime = len(body), 0o600, int(time.time())
            tar.addfile(info, _bytes_reader(body))
            info = tarfile.TarInfo(MEMBERS[manifest.engine])
            info.size, info.mode, info.mtime = dump.stat().st_size, 0o600, int(time.time())
            with dump.open("rb") as source:
                tar.addfile(info, source)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _bytes_reader(body: bytes) -> Any:
    """A file object over bytes (tarfile reads members from file objects)."""
    import io

    return io.BytesIO(body)


def read_manifest(path: Path) -> Manifest:
    """The manifest of the backup at `path`, with a clear refusal for anything else."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file")
    bare = sniff(path)
    if bare is not None:
        raise BackupError(
            f"{path} is a bare {engine_name(bare)} file, not a backup made by `flask backup` "
            "(no manifest): make one with `flask backup`, or restore this file by hand"
        )
    if not tarfile.is_tarfile(path):
        raise BackupError(f"{path} is not a Tawasul backup (not a tar archive)")
    with tarfile.open(path, mode="r:") as tar:
        member = _member(tar, MANIFEST)
        handle = tar.extractfile(member)
        if handle is None:
            raise BackupError("the backup's manifest is not a regular file")
        return parse_manifest(handle.read(1_000_000))


def extract_dump(path: Path, manifest: Manifest, folder: Path) -> Path:
    """Copy the dump out of the backup into `folder` and check it is the manifest's engine.

    Only the one member we expect is read, by name, into a name we choose: nothing in the
    archive decides where bytes are written (no extractall).
    """
    target = folder / MEMBERS[manifest.engine]
    with tarfile.open(path, mode="r:") as tar:
        handle = tar.extractfile(_member(tar, MEMBERS[manifest.engine]))
        if handle is None:
            raise BackupError("the backup's dump is not a regular file")
        with target.open("wb") as out:
            shutil.copyfileobj(handle, out, 1024 * 1024)
    if sniff(target) != manifest.engine:
        raise BackupError(
            f"the backup says {engine_name(manifest.engine)} but its dump is not one: "
            "the file is damaged; use another backup"
        )
    return target


def _member(tar: tarfile.TarFile, name: str) -> tarfile.TarInfo:
    """The regular-file member `name`, or a refusal naming what is missing."""
    try:
        member = tar.getmember(name)
    except KeyError:
        raise BackupError(
            f"this file is not a complete Tawasul backup ({name} is missing)"
        ) from None
    if not member.isfile():
        raise BackupError(f"the backup's {name} is not a regular file")
    return member


def check_engine(manifest: Manifest, target_engine: str) -> None:
    """Refuse a backup from another engine than the configured database's."""
    if manifest.engine != target_engine:
        raise BackupError(
            f"this backup comes from {engine_name(manifest.engine)} but the configured database "
            f"(DATABASE_URL) is {engine_name(target_engine)}: restore it into a "
            f"{engine_name(manifest.engine)} database (set DATABASE_URL accordingly); "
            "moving data between engines is not something restore does"
        )


def data_tables(counts: dict[str, int]) -> list[str]:
    """The application tables that hold rows (bookkeeping tables aside), sorted."""
    return sorted(t for t, n in counts.items() if n and t not in BOOKKEEPING_TABLES)


def mismatches(expected: dict[str, int], found: dict[str, int]) -> list[str]:
    """Each table whose row count differs from the backup's (or is missing), described."""
    problems = []
    for table in sorted(expected.keys() | found.keys()):
        want, got = expected.get(table), found.get(table)
        if want != got:
            problems.append(
                f"{table}: backup {'missing' if want is None else want}, "
                f"restored {'missing' if got is None else got}"
            )
    return problems


def major_version(text: str) -> int | None:
    """The major version in `pg_dump --version` output or a server_version_num, or None.

    "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" → 15; "150020" → 15;
    "9.6.24" → 9 (the major of releases before 10 is 9.6, but only >= 10 matters here).
    """
    text = text.strip()
    if text.isdigit() and len(text) >= 5:
        return int(text) // 10000
    found = re.search(r"\(PostgreSQL\)\s+(\d+)", text) or re.match(r"(\d+)", text)
    return int(found.group(1)) if found else None


def passfile_line(password: str) -> str:
    """A ~/.pgpass line matching any host, port, database and user for `password`.

    libpq reads `\\` and `:` escaped with a backslash in a password file.
    """
    escaped = password.replace("\\", "\\\\").replace(":", "\\:")
    return f"*:*:*:*:{escaped}\n"
