"""Fixture ladder: database → app → client/runner → auth, plus a real SMTP server.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set (a
database is created for the run and dropped at the end). Every test starts with empty
tables. With CI=true, a configured but unreachable service fails instead of skipping.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import delete
from support import Mailbox, Users, make_database, start_smtp

from app import create_app
from app.core.config import engine_options
from app.core.db import pending_changes, utcnow, write_unit
from app.core.extensions import db

# Import every feature package now, so the registries (routes, user data, XSS fields) are
# complete when tests are collected, whichever test file runs first or alone.
for _feature in sorted(
    p.parent.name for p in (Path(__file__).parents[1] / "app").glob("*/__init__.py")
):
    __import__(f"app.{_feature}")

settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci")

IN_CI = os.environ.get("CI", "").lower() == "true"
TEST_INSTANCE = tempfile.mkdtemp(prefix="tawasul-test-instance-")
# Requests that ended holding unsaved changes: a view changed a loaded row outside a unit.
STRAY_CHANGES: list[str] = []
PASSWORD = "correct horse battery staple"


def need(condition: bool, reason: str) -> None:
    """Skip with a visible reason on a developer machine; fail in CI."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI requires it: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh database for this run: SQLite file, or a PostgreSQL database per run."""
    with make_database(tmp_path_factory.mktemp("db"), "suite") as url:
        yield url


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    """A real SMTP server (aiosmtpd) on loopback collecting every message."""
    box, controller = start_smtp()
    yield box
    controller.stop()


def app_config(database_url: str, mailbox: Mailbox, **extra: Any) -> dict[str, Any]:
    """The testing config pointing at the run's database and SMTP server."""
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        # As production: on PostgreSQL, idle connections are pinged by app.core.pool.
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url),
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": mailbox.port,
        "MAIL_USE_TLS": False,
        "PUBLIC_BASE_URL": "http://127.0.0.1:5000",
        # Limits are switched on by the rate-limit tests; elsewhere many logins share 127.0.0.1.
        "RATELIMIT_ENABLED": False,
        # Never the repository's instance/ folder (the developer's secret and demo login).
        "INSTANCE_PATH": TEST_INSTANCE,
        **extra,
    }


@pytest.fixture(scope="session")
def app(database_url: str, mailbox: Mailbox):  # type: ignore[no-untyped-def]
    """The application under test, with its tables created once and its own instance folder
    (so `flask demo` in tests never touches the developer's demo login)."""
    application = create_app(app_config(database_url, mailbox))
    with application.app_context():
        db.create_all()

    @application.teardown_request
    def _no_stray_changes(exc: BaseException | None) -> None:
        """Note a request that changed rows it never saved (every write is a write unit)."""
        from flask import request

        if exc is None and pending_changes(db.session()):
            STRAY_CHANGES.append(f"{request.method} {request.path}")

    return application


@pytest.fixture(autouse=True)
def _clean(request: pytest.FixtureRequest, mailbox: Mailbox) -> Iterator[None]:
    """Empty every table and the mailbox after each test."""
    mailbox.clear()
    STRAY_CHANGES.clear()
    yield
    if "app" in request.fixturenames or "live_server" in request.fixturenames:
        application = request.getfixturevalue("app")
        with application.app_context():
            db.session.remove()
            with write_unit(db.session) as s:
                for table in reversed(db.metadata.sorted_tables):
                    s.execute(delete(table))
            db.session.remove()
    assert not STRAY_CHANGES, f"requests left unsaved changes in the session: {STRAY_CHANGES}"


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    """A test client. No app context is held around requests: Flask would share `g`
    (the cached user and locale) between requests if one were."""
    return app.test_client()


@pytest.fixture
def ctx(app):  # type: ignore[no-untyped-def]
    """An app context for direct database checks; closed before the next request."""

    class Ctx:
        def __enter__(self):  # type: ignore[no-untyped-def]
            self._cm = app.app_context()
            self._cm.push()
            return db.session

        def __exit__(self, *exc):  # type: ignore[no-untyped-def]
            db.session.remove()
            self._cm.pop()

    return Ctx()


@pytest.fixture
def runner(app):  # type: ignore[no-untyped-def]
    """A CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def users(app) -> Users:  # type: ignore[no-untyped-def]
    """Factory for accounts with sensible defaults (verified learners)."""
    return Users(app)


@pytest.fixture
def auth(client, users):  # type: ignore[no-untyped-def]
    """Sign a client in as a new learner; returns (client, user)."""

    def sign_in(c: Any = None, **kwargs: Any) -> Any:
        c = c or client
        user = users.create(**kwargs)
        response = c.post(
            "/login", data={"email": user.email, "password": kwargs.get("password", PASSWORD)}
        )
        assert response.status_code == 303, response.data[:500]
        return user

    return sign_in


@pytest.fixture
def artifacts() -> Path:
    """The folder for screenshots and reports kept after the run."""
    path = Path("artifacts")
    path.mkdir(exist_ok=True)
    return path


__all__ = ["PASSWORD", "need", "utcnow"]
