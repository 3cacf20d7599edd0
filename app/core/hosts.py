"""The Host header is never trusted: absolute links come from PUBLIC_BASE_URL, and in
production a request naming another host (TRUSTED_HOSTS) is refused with a plain 400."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, current_app, has_request_context, request, url_for
from werkzeug.exceptions import SecurityError

from app.core.errors import MESSAGES

log = logging.getLogger("tawasul.errors")


def public_url(endpoint: str, **values: Any) -> str:
    """The absolute address of an endpoint under PUBLIC_BASE_URL, whatever Host was sent."""
    path = url_for(endpoint, **values)
    if has_request_context() and request.script_root:
        path = path.removeprefix(request.script_root)
    return str(current_app.config["PUBLIC_BASE_URL"]) + path


def refuse_host(_exc: SecurityError) -> Response:
    """A Host header outside TRUSTED_HOSTS: a short 400 in plain text.

    Flask could not bind the URL map to that host, so no template that builds a URL can be
    rendered (our error page would end in a 500).
    """
    log.warning("refused status=400 untrusted host")
    title, message = MESSAGES[400]
    return Response(f"{title}\n{message}\n", 400, mimetype="text/plain")


def init_hosts(app: Flask) -> None:
    """Offer public_url to templates and answer an untrusted Host with 400."""
    app.add_template_global(public_url)
    app.register_error_handler(SecurityError, refuse_host)
