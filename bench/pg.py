"""`make bench-pg`: the bench against a fresh PostgreSQL database, with Redis as production has.

Creates a uniquely named database on BENCH_PG_ADMIN_URL's server (default: user postgres on
127.0.0.1:5432, trust authentication), runs bench/run.py against it with the Redis at
BENCH_REDIS_URL, and drops the database afterwards, whether the bench passed, failed or was
interrupted. Extra arguments go to bench/run.py (--repeats, --seconds).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def database_url(name: str) -> str:
    """The SQLAlchemy URL of database `name` on the admin URL's server."""
    base = ADMIN_URL.rsplit("/", 1)[0]
    return base.replace("postgresql://", "postgresql+psycopg://", 1) + "/" + name


def admin(statement: sql.Composable) -> None:
    """Run one statement on the server's maintenance database (outside a transaction)."""
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(statement)


def stop(signum: int, _frame: Any) -> None:
    """Turn SIGTERM into an exception, so the database is still dropped."""
    raise SystemExit(128 + signum)


def main() -> int:
    """Create the database, run the bench, drop the database; the bench's exit status."""
    name = f"tawasul_bench_{time.strftime('%Y%m%d_%H%M%S', time.gmtime())}_{os.getpid()}"
    signal.signal(signal.SIGTERM, stop)
    admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    print(f"bench-pg: created database {name}", flush=True)
    try:
        command = [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--database-url",
            database_url(name),
            "--redis-url",
            REDIS_URL,
            *sys.argv[1:],
        ]
        bench = subprocess.Popen(command, cwd=ROOT)
        try:
            return bench.wait()
        finally:
            if bench.poll() is None:  # interrupted: let the bench stop its gunicorn first
                bench.terminate()
                try:
                    bench.wait(30)
                except subprocess.TimeoutExpired:
                    bench.kill()
    finally:
        # FORCE ends connections a crashed bench left open (PostgreSQL 13 or later).
        admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        print(f"bench-pg: dropped database {name}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
