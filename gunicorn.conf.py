"""Gunicorn settings for Tawasul: `gunicorn -c gunicorn.conf.py wsgi:app` (make serve).

The app is loaded once in the master and forked (preload_app), so every worker shares the
loaded course content; each worker then drops the database connections it inherited
(post_fork), because a pooled connection must never be used by two processes. A worker that
stops writes the portfolio view counts it still holds (worker_exit).
"""

from __future__ import annotations

import os
from typing import Any

# Sync workers: each handles one request at a time, so the worker count is the concurrency.
MAX_WORKERS = 8  # beyond this a 2-core host only adds memory and database connections


def worker_count(environ: dict[str, str] | None = None, cores: int | None = None) -> int:
    """WEB_CONCURRENCY when set, else 2 x cores + 1 capped at MAX_WORKERS."""
    environ = os.environ if environ is None else environ
    raw = environ.get("WEB_CONCURRENCY", "").strip()
    if raw:
        return max(1, int(raw))
    return min(2 * (cores or os.cpu_count() or 1) + 1, MAX_WORKERS)


bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = worker_count()
worker_class = "sync"
preload_app = True
# A request still running after `timeout` seconds is killed; a restart waits for running ones.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# "-" is stdout; GUNICORN_ACCESS_LOG="" turns the access log off (the bench does).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Gunicorn 27's control socket defaults to one path per user (~/.gunicorn/gunicorn.ctl), so two
# servers on a host (make serve and the bench) would take it from each other; nothing uses it.
control_socket_disable = True
# Worker heartbeats in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108


def post_fork(server: Any, worker: Any) -> None:
    """Drop the database connections inherited from the master; the worker opens its own."""
    from app.core.extensions import db

    app = worker.app.wsgi()  # the preloaded app (loaded now when preload_app is off)
    with app.app_context():
        for engine in db.engines.values():
            # close=False: the master's connections are left alone, only forgotten here.
            engine.dispose(close=False)


def worker_exit(server: Any, worker: Any) -> None:
    """Write the portfolio view counts the worker still holds (a restart must not drop them)."""
    from app.portfolio import stats

    app = worker.app.wsgi()
    with app.app_context():
        stats.flush()
