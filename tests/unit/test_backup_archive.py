"""The backup file format and its small parsers, without an app or a database."""

from __future__ import annotations

import io
import json
import tarfile

import pytest

from app.core.backup.archive import (
    BackupError,
    Manifest,
    data_tables,
    extract_dump,
    major_version,
    mismatches,
    parse_manifest,
    passfile_line,
    read_manifest,
    write_archive,
)


def pg_dump_file(folder):
    """A file that starts like a pg_dump custom-format archive."""
    path = folder / "dump"
    path.write_bytes(b"PGDMP\x01\x0e\x00" + b"rows" * 10)
    return path


def test_archive_round_trip_keeps_manifest_and_dump(tmp_path):
    """What write_archive stores, read_manifest and extract_dump give back unchanged."""
    manifest = Manifest("postgresql", "2026-12-06T00:00:00+00:00", {"user": 3}, "abc", {"k": "v"})
    dump = pg_dump_file(tmp_path)
    write_archive(tmp_path / "b.tar", manifest, dump)
    assert read_manifest(tmp_path / "b.tar") == manifest
    out = tmp_path / "out"
    out.mkdir()
    assert extract_dump(tmp_path / "b.tar", manifest, out).read_bytes() == dump.read_bytes()


def test_archive_refuses_a_dump_of_another_engine_than_its_manifest(tmp_path):
    """A manifest saying SQLite over a pg_dump file is refused on writing and on reading."""
    dump = pg_dump_file(tmp_path)
    with pytest.raises(BackupError, match="unreadable"):
        write_archive(tmp_path / "b.tar", Manifest("sqlite", "", {}), dump)
    assert not (tmp_path / "b.tar").exists()
    manifest = Manifest("sqlite", "", {}).to_json()
    with tarfile.open(tmp_path / "c.tar", "w") as tar:
        for name, body in (("manifest.json", manifest), ("database.sqlite3", dump.read_bytes())):
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    with pytest.raises(BackupError, match="damaged"):
        extract_dump(tmp_path / "c.tar", read_manifest(tmp_path / "c.tar"), tmp_path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "other"}, "not a Tawasul backup"),
        ({"version": 2}, "format version 2"),
        ({"engine": "mysql"}, "no known engine"),
        ({"tables": {"user": "3"}}, "malformed table count"),
    ],
)
def test_manifest_refusals_name_the_problem(change, message):
    """A foreign, newer or malformed manifest is refused with a message that says which."""
    data = json.loads(Manifest("sqlite", "", {"user": 3}).to_json())
    data.update(change)
    with pytest.raises(BackupError, match=message):
        parse_manifest(json.dumps(data).encode())


@pytest.mark.parametrize(
    ("text", "major"),
    [
        ("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)", 15),
        ("pg_restore (PostgreSQL) 17.2", 17),
        ("150020", 15),
        ("90624", 9),
        ("16.4 (Ubuntu 16.4-1)", 16),
        ("no version here", None),
    ],
)
def test_major_version_reads_tool_output_and_server_numbers(text, major):
    """`--version` output and server_version_num both give the major version."""
    assert major_version(text) == major


def test_passfile_line_escapes_colons_and_backslashes():
    """libpq's password file syntax: `:` and `\\` are escaped with a backslash."""
    assert passfile_line("a:b\\c") == "*:*:*:*:a\\:b\\\\c\n"


def test_counts_helpers_ignore_bookkeeping_and_name_every_difference():
    """alembic_version alone is no data; every changed or missing table is reported."""
    assert data_tables({"alembic_version": 1, "user": 0}) == []
    assert data_tables({"alembic_version": 1, "user": 2, "answer": 5}) == ["answer", "user"]
    assert mismatches({"user": 2, "answer": 5}, {"user": 2, "answer": 4, "extra": 0}) == [
        "answer: backup 5, restored 4",
        "extra: backup missing, restored 0",
    ]
