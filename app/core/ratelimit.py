"""One fixed-window counter for every limited action, shared by all workers.

Redis is used when REDIS_URL is set; otherwise (or while Redis is down) the counter is a
database row updated atomically, so limits hold across gunicorn workers either way.
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from app.core.db import write_unit
from app.core.extensions import db
from app.core.ratelimit_models import RateCounter

log = logging.getLogger("tawasul.ratelimit")
_redis_clients: dict[str, Any] = {}


def counter_key(action: str, key: str, window: int, now: float) -> tuple[str, int]:
    """Return the storage key and the end of the current window (epoch seconds)."""
    index = int(now // window)
    digest = hashlib.sha256(f"{action}\0{key}".encode()).hexdigest()[:40]
    return f"rl:{action}:{index}:{digest}", (index + 1) * window


def allow(action: str, key: str) -> bool:
    """Count one hit of `action` by `key`; False once the window's limit is exceeded."""
    limit, window = current_app.config["RATE_LIMITS"][action]
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    storage_key, window_end = counter_key(action, key, window, time.time())
    count = _hit_redis(storage_key, window) if current_app.config.get("REDIS_URL") else None
    if count is None:
        count = _hit_database(storage_key, window_end)
    if count > limit:
        log.warning("rate limit exceeded action=%s count=%d limit=%d", action, count, limit)
        return False
    return True


def _redis() -> Any:
    """Return a Redis client for the configured URL, created on first use."""
    import redis

    url = current_app.config["REDIS_URL"]
    if url not in _redis_clients:
        _redis_clients[url] = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5
        )
    return _redis_clients[url]


def _hit_redis(storage_key: str, window: int) -> int | None:
    """Increment in Redis; None when Redis is unreachable, so the caller falls back."""
    import redis

    try:
        pipe = _redis().pipeline()
        pipe.incr(storage_key)
        pipe.expire(storage_key, window + 1)
        count, _ = pipe.execute()
        return int(count)
    except redis.RedisError as exc:
        log.error("redis unavailable, using the database counter: %s", type(exc).__name__)
        return None


def _hit_database(storage_key: str, window_end: int) -> int:
    """Increment the counter row atomically with an upsert and return the new count."""
    expires = datetime.fromtimestamp(window_end, UTC)
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    upsert = (
        insert(RateCounter)
        .values(key=storage_key, count=1, expires_at=expires)
        .on_conflict_do_update(
            index_elements=[RateCounter.key], set_={"count": RateCounter.count + 1}
        )
        .returning(RateCounter.count)
    )
    with write_unit(db.session) as session:
        count = int(session.execute(upsert).scalar_one())
        if count == 1:
            # A new window started: sweep rows whose windows have ended.
            cutoff = datetime.now(UTC) - timedelta(seconds=1)
            session.execute(delete(RateCounter).where(RateCounter.expires_at < cutoff))
    return count


def reset_clients() -> None:
    """Forget cached Redis clients (tests start and stop private servers)."""
    _redis_clients.clear()
