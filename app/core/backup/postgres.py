"""PostgreSQL: `pg_dump --format=custom` and `pg_restore`, run as child processes.

The connection reaches the tools as a libpq URL without the password (command lines are
visible to every user of the machine in `ps`); the password goes in a temporary password
file readable by us alone, named by PGPASSFILE.
"""

from __future__ import annotations

import os
import shutil

# Child processes get fixed argument lists with the tool's absolute path, never a shell.
import subprocess  # nosec B404
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from app.core.backup.archive import BackupError, Manifest, major_version, passfile_line
from app.core.backup.tables import revision, table_counts


def libpq_url(engine: Engine) -> str:
    """The engine's URL as libpq reads it: no `+psycopg` driver suffix, no password."""
    source = engine.url
    # URL.create, not url.set(password=None): set() reads None as "keep the password".
    url = URL.create(
        "postgresql",
        username=source.username,
        host=source.host,
        port=source.port,
        database=source.database,
        query=source.query,
    )
    return url.render_as_string(hide_password=False)


@contextmanager
def tool_env(engine: Engine) -> Iterator[dict[str, str]]:
    """The environment for a libpq tool: PGPASSFILE set when the URL carries a password."""
    env = dict(os.environ)
    password = engine.url.password
    if not password:
        yield env
        return
    with tempfile.TemporaryDirectory(prefix="tawasul-pg-") as folder:
        passfile = Path(folder) / "pgpass"
        passfile.touch(mode=0o600)
        passfile.write_text(passfile_line(str(password)), encoding="utf-8")
        env["PGPASSFILE"] = str(passfile)
        env.pop("PGPASSWORD", None)  # it would win over the file
        yield env


def server_major(engine: Engine) -> int:
    """The server's major version (`SHOW server_version_num` 150020 → 15)."""
    with engine.connect() as conn:
        raw = str(conn.execute(text("SHOW server_version_num")).scalar())
    found = major_version(raw)
    if found is None:
        raise BackupError(f"could not read the PostgreSQL server version ({raw!r})")
    return found


def tool(name: str, engine: Engine) -> str:
    """The path of `pg_dump`/`pg_restore`, refused when missing or older than the server."""
    path = shutil.which(name)
    server = server_major(engine)
    package = f"postgresql-client-{server}"
    if path is None:
        raise BackupError(
            f"{name} was not found on PATH: install the PostgreSQL client tools of the server's "
            f"major version {server} (Debian/Ubuntu: apt-get install {package})"
        )
    output = subprocess.run(  # noqa: S603  # nosec B603
        [path, "--version"], capture_output=True, text=True, check=False
    ).stdout
    client = major_version(output)
    if client is None:
        raise BackupError(f"could not read the version of {path} ({output.strip()!r})")
    if client < server:
        raise BackupError(
            f"{path} is version {client} but the server is PostgreSQL {server}: an older "
            f"{name} cannot read a newer server; install {package} (or newer) and put it first "
            "on PATH"
        )
    return path


def run(argv: list[str], engine: Engine, what: str) -> None:
    """Run a libpq tool; its stderr becomes the message when it fails."""
    with tool_env(engine) as env:
        done = subprocess.run(  # noqa: S603  # nosec B603
            argv, env=env, capture_output=True, text=True, check=False
        )
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise BackupError(f"{what} failed (exit {done.returncode}): {detail}")


def dump(engine: Engine, folder: Path) -> tuple[Path, Manifest]:
    """Dump the app's database into `folder`; the dump and its (unfinished) manifest.

    The row counts and pg_dump read the same snapshot: one REPEATABLE READ transaction
    exports it, counts in it and stays open while pg_dump runs with `--snapshot`, so the
    manifest describes exactly what the dump holds even while the app keeps writing.
    """
    pg_dump = tool("pg_dump", engine)
    target = folder / "database.pgdump"
    with (
        engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn,
        conn.begin(),
    ):
        snapshot = str(conn.execute(text("SELECT pg_export_snapshot()")).scalar())
        counts = table_counts(conn)
        rev = revision(conn, counts)
        server = str(conn.execute(text("SHOW server_version")).scalar())
        argv = [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"]
        run([*argv, f"--dbname={libpq_url(engine)}"], engine, "pg_dump")
    details = {"server_version": server}
    return target, Manifest("postgresql", "", counts, rev, details)


def load(engine: Engine, dumped: Path) -> None:
    """Restore the dump into the app's database in one transaction (all or nothing).

    --clean --if-exists drops the dump's tables first (a migrated but empty database has
    them already); --no-owner and --no-privileges make the restoring role own everything,
    so a dump from one host restores under another host's role names.
    """
    pg_restore = tool("pg_restore", engine)
    engine.dispose()
    argv = [
        pg_restore,
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={libpq_url(engine)}",
        str(dumped),
    ]
    run(argv, engine, "pg_restore")
