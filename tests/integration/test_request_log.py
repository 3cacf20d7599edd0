"""Structured request logs: one JSON line per request, and the X-Request-ID header."""

from __future__ import annotations

import json
import logging

import pytest
from conftest import app_config
from support import PASSWORD

from app import create_app

LOGGER = "tawasul.requests"


@pytest.fixture(scope="module")
def logged_app(app, database_url, mailbox):
    """The app with REQUEST_LOG on (the session app keeps it off), on the same database."""
    return create_app(app_config(database_url, mailbox, REQUEST_LOG=True))


def request_lines(caplog):
    """The JSON objects logged on the request logger."""
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == LOGGER]


def test_one_json_line_per_request_with_every_field(logged_app, caplog):
    """A request gives exactly one line: id, UTC time, user, endpoint, method, status, duration."""
    client = logged_app.test_client()
    with caplog.at_level(logging.INFO, logger=LOGGER):
        response = client.get("/privacy")
        client.get("/no-such-page")
    lines = request_lines(caplog)
    assert len(lines) == 2
    first, second = lines
    assert set(first) == {
        "request_id",
        "time",
        "user_id",
        "endpoint",
        "method",
        "status",
        "duration_ms",
    }
    assert first["endpoint"] == "main.privacy" and first["method"] == "GET"
    assert first["status"] == 200 and first["user_id"] is None
    assert first["time"].endswith("Z") and "T" in first["time"]
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] >= 0
    assert first["request_id"] == response.headers["X-Request-ID"]
    assert second["status"] == 404 and second["endpoint"] is None
    assert second["request_id"] != first["request_id"]


def test_signed_in_requests_carry_the_user_id(logged_app, users, caplog):
    """The line of a signed-in request names the user's id, never their email."""
    user = users.create()
    client = logged_app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=LOGGER):
        client.get("/account/")
    (line,) = request_lines(caplog)
    assert line["user_id"] == user.id and line["endpoint"] == "accounts.overview"
    assert user.email not in caplog.text


def test_a_well_formed_request_id_is_kept_and_echoed(logged_app, caplog):
    """X-Request-ID from the proxy is used in the log and sent back."""
    client = logged_app.test_client()
    with caplog.at_level(logging.INFO, logger=LOGGER):
        response = client.get("/privacy", headers={"X-Request-ID": "edge-42.abc_DEF"})
    assert response.headers["X-Request-ID"] == "edge-42.abc_DEF"
    assert request_lines(caplog)[0]["request_id"] == "edge-42.abc_DEF"


@pytest.mark.parametrize(
    "given", ["short", "x" * 65, "has space inside", "bad\\r\\ninjected-line", "ü-not-ascii-123"]
)
def test_a_malformed_request_id_is_replaced(logged_app, caplog, given):
    """Too short, too long, spaces, line breaks or other characters: a fresh id instead."""
    client = logged_app.test_client()
    with caplog.at_level(logging.INFO, logger=LOGGER):
        response = client.get("/privacy", headers={"X-Request-ID": given})
    echoed = response.headers["X-Request-ID"]
    assert echoed != given and len(echoed) == 16
    assert request_lines(caplog)[0]["request_id"] == echoed


def test_without_the_setting_no_request_lines_are_written(app, caplog):
    """REQUEST_LOG off (the session app): nothing on the request logger, the id still echoed."""
    with caplog.at_level(logging.INFO, logger=LOGGER):
        response = app.test_client().get("/privacy")
    assert request_lines(caplog) == []
    assert len(response.headers["X-Request-ID"]) == 16
