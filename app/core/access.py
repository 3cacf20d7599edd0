"""Enforce the route census: each request is checked against its endpoint's access class."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, abort, current_app, request
from flask_login import current_user

from app.core.registry import access_class

log = logging.getLogger("tawasul.access")


def check_access() -> Any:
    """Refuse a request its endpoint's class does not allow (default deny)."""
    if request.endpoint is None:
        return None  # 404/405 are raised by routing
    if request.endpoint == "static":
        return None
    kind = access_class(current_app.view_functions.get(request.endpoint))
    if kind is None:
        log.error("unclassified endpoint %s refused", request.endpoint)
        abort(403)
    if kind == "public":
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
    if kind == "admin" and not current_user.is_admin:
        log.warning("non-admin refused endpoint=%s", request.endpoint)
        abort(403)
    return None


def init_access(app: Flask) -> None:
    """Run the census check before every view."""
    app.before_request(check_access)
