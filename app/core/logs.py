"""Logging in UTC with a request id and user id on every line, CR/LF escaped."""

from __future__ import annotations

import logging
import time
import uuid

from flask import Flask, g, has_request_context, request
from flask_login import current_user


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
        handler.addFilter(RequestContextFilter())
        logger.addHandler(handler)
    logger.setLevel(app.config.get("LOG_LEVEL", "INFO"))

    @app.before_request
    def assign_request_id() -> None:
        """Give the request a short random id for logs and error pages."""
        g.request_id = uuid.uuid4().hex[:16]
