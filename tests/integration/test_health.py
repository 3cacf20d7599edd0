"""/healthz and /readyz, including a database that cannot be reached (T13)."""

from __future__ import annotations

import time

from conftest import app_config

from app import create_app


def test_healthz_needs_no_database(mailbox):
    """Liveness answers 200 even when the database does not exist."""
    app = create_app(app_config("sqlite:////nonexistent/dir/db.sqlite", mailbox))
    response = app.test_client().get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_readyz_reports_an_unreachable_database(mailbox):
    """Readiness answers 503 with no versions or host names when the database is down."""
    for url in (
        "sqlite:////nonexistent/dir/db.sqlite",
        "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2",
    ):
        app = create_app(app_config(url, mailbox))
        start = time.perf_counter()
        response = app.test_client().get("/readyz")
        elapsed = time.perf_counter() - start
        body = response.get_data(as_text=True)
        assert response.status_code == 503, body
        assert response.get_json()["checks"]["database"] == "unavailable"
        assert "127.0.0.1" not in body and "nonexistent" not in body
        print(f"T13 readiness flipped to 503 in {elapsed:.2f} s ({url.split(':')[0]})")


def test_readyz_says_when_migrations_are_behind(client):
    """Tables made without migrations are reported as behind the code's head."""
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["migrations"] == "behind"
