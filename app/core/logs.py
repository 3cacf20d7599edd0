"""Logging in UTC with a request id and user id on every line, CR/LF escaped."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, has_request_context, request
from flask_login import current_user

# An X-Request-ID we pass on: letters, digits, dot, dash, underscore; 8 to 64 of them. Anything
# else (too long, spaces, CR/LF) is replaced, so it can neither flood nor split a log line.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
REQUEST_LOGGER = "tawasul.requests"  # app/core/requestlog.py


def not_request_log(record: logging.LogRecord) -> bool:
    """Keep request lines out of the text handler (they are JSON on their own handler)."""
    return record.name != REQUEST_LOGGER


class RequestContextFilter(logging.Filter):
    """Attach request id, user id and path; escape line breaks in the message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Fill the context fields and neutralise log injection."""
        record.request_id = "-"
        record.user_id = "-"
        record.path = "-"
        if has_request_context():
            record.request_id = g.get("request_id", "-")
            record.path = _escape(request.path)
            try:
                if current_user and current_user.is_authenticated:
                    record.user_id = str(current_user.id)
            except Exception:
                record.user_id = "?"
        record.msg = _escape(record.getMessage())
        record.args = None
        return True


def _escape(text: str) -> str:
    """Make CR and LF visible so one event is one line."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


class UTCFormatter(logging.Formatter):
    """ISO 8601 timestamps in UTC."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        """Format the record time as UTC ISO 8601."""
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + "Z"


FORMAT = (
    "%(asctime)s %(levelname)s %(name)s req=%(request_id)s user=%(user_id)s "
    "path=%(path)s %(message)s"
)


def init_logging(app: Flask) -> None:
    """Configure the tawasul logger and give every request an id."""
    logger = logging.getLogger("tawasul")
    if not any(isinstance(h, logging.StreamHandler) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(UTCFormatter(FORMAT))
        # Request lines have their own JSON handler: turned away before any context is read.
        handler.addFilter(not_request_log)
        handler.addFilter(RequestContextFilter())
        logger.addHandler(handler)
    logger.setLevel(app.config.get("LOG_LEVEL", "INFO"))

    @app.before_request
    def assign_request_id() -> None:
        """Take the proxy's well-formed X-Request-ID, or make a short random id."""
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex[:16]
        g.request_started = time.perf_counter()

    @app.after_request
    def echo_request_id(response: Response) -> Response:
        """Send the request id back, so a user's report can be matched with the logs."""
        response.headers["X-Request-ID"] = g.get("request_id", "-")
        return response

    from app.core.requestlog import init_request_log

    init_request_log(app)
