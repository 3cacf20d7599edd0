"""Error pages in the user's language: no traceback, a reference id for server errors."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, g, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger("tawasul.errors")

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (_l("Not allowed"), _l("You do not have permission to open this page.")),
    404: (_l("Page not found"), _l("Check the address, or go back to the home page.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    410: (_l("Gone"), _l("This page was removed on purpose and will not come back.")),
    413: (_l("Too large"), _l("What you sent is too large. Send something smaller.")),
    429: (
        _l("Too many attempts"),
        _l("You tried this too many times. Wait a few minutes, then try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l(
            "It is our fault, not yours. Try again in a moment; if it keeps happening, "
            "tell us the reference below."
        ),
    ),
}


def render_error(code: int, message: str | None = None) -> tuple[str, int]:
    """Render the error page for `code`."""
    title, default = MESSAGES.get(code, MESSAGES[400])
    return (
        render_template(
            "errors/error.html",
            code=code,
            title=title,
            message=message or default,
            reference=g.get("request_id") if code >= 500 else None,
        ),
        code,
    )


def init_errors(app: Flask) -> None:
    """Register handlers for HTTP errors, CSRF failures and unexpected exceptions."""

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> tuple[str, int]:
        """Explain an expired or forged form and log the attempt."""
        log.warning("csrf rejected: %s", exc.description)
        return render_error(
            400,
            str(
                _l(
                    "This form expired or was sent from another site. "
                    "Reload the page and send it again."
                )
            ),
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        """Render our page for an HTTP error; refusals are logged."""
        code = exc.code or 500
        if code in (403, 405, 429):
            log.warning("refused status=%d", code)
        if code < 400:
            return exc
        return render_error(code)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> tuple[str, int]:
        """Log the traceback server-side and show only a reference id."""
        if isinstance(exc, HTTPException):
            return http_error(exc)
        log.exception("unhandled error: %s", type(exc).__name__)
        from app.core.extensions import db

        db.session.rollback()
        return render_error(InternalServerError.code)
