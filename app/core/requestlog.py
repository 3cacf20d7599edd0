"""Structured request logs: one JSON line per request on the "tawasul.requests" logger.

Enabled by REQUEST_LOG. Each line holds the request id, the UTC time, the user id (or null),
the endpoint (never the path with its query string, which may carry tokens), the method,
the status and the duration in milliseconds.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, request

LOGGER = "tawasul.requests"
log = logging.getLogger(LOGGER)


def request_user_id() -> int | None:
    """The signed-in user's id when this request loaded one, else None (no extra query)."""
    # Flask-Login keeps the user it loaded in g. A request that never looked at the user (a
    # static file, say) logs null rather than pay a session lookup just for its log line.
    user = g.get("_login_user")
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return int(user.id)


def request_line(response: Response) -> dict[str, Any]:
    """The fields of one request's log line."""
    started = g.get("request_started")
    duration = (time.perf_counter() - started) * 1000 if started is not None else None
    return {
        "request_id": g.get("request_id"),
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "user_id": request_user_id(),
        "endpoint": request.endpoint,
        "method": request.method,
        "status": response.status_code,
        "duration_ms": round(duration, 1) if duration is not None else None,
    }


def init_request_log(app: Flask) -> None:
    """Log every request as JSON when REQUEST_LOG is on."""
    if not app.config.get("REQUEST_LOG"):
        return
    if not any(getattr(h, "tawasul_requests", False) for h in log.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.tawasul_requests = True  # type: ignore[attr-defined]
        log.addHandler(handler)
    log.setLevel(logging.INFO)

    @app.after_request
    def log_request(response: Response) -> Response:
        """Write the request's JSON line."""
        log.info(json.dumps(request_line(response), ensure_ascii=True, separators=(",", ":")))
        return response
