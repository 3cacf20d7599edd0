"""Helpers for the backup tests: a seeded source app, counts, a restored app that signs in."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conftest import app_config
from flask_migrate import upgrade
from sqlalchemy import func, select, text
from support import Users

from app import create_app
from app.cli import DEMO_EMAIL
from app.core.extensions import db


def make_app(url: str, mailbox: Any, instance: Path, **extra: Any) -> Any:
    """An app on database `url` with its own instance folder."""
    instance.mkdir(parents=True, exist_ok=True)
    return create_app(app_config(url, mailbox, INSTANCE_PATH=str(instance), **extra))


def seeded_source(url: str, mailbox: Any, instance: Path) -> tuple[Any, str]:
    """A migrated database holding the demo learner (quizzes, sandbox, portfolio, credential)
    and two more learners; returns the app and the demo learner's password."""
    app = make_app(url, mailbox, instance)
    with app.app_context():
        upgrade()
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    password = result.output.strip().rsplit(" ", 1)[1]
    Users(app).create(email="second@example.com")
    Users(app).create(email="third@example.com")
    return app, password


def counts(app: Any) -> dict[str, int]:
    """Row count of every model table and of alembic_version, counted by the test itself."""
    with app.app_context():
        found = {
            t.name: db.session.scalar(select(func.count()).select_from(t))
            for t in db.metadata.sorted_tables
        }
        found["alembic_version"] = db.session.scalar(text("SELECT count(*) FROM alembic_version"))
        db.session.remove()
        return found


def assert_seeded(found: dict[str, int]) -> None:
    """The seed reached users, quiz answers and the sandbox (else the round trip proves little)."""
    assert found["user"] == 3
    for table in ("answer", "quiz_attempt", "sandbox_account", "sandbox_post", "portfolio_image"):
        assert found[table] > 0, table


def cli(app: Any, *args: str) -> Any:
    """Run a flask command against `app`; the click result."""
    return app.test_cli_runner().invoke(args=list(args))


def signs_in_on(app: Any, password: str) -> None:
    """The demo learner signs in through the real form, CSRF token included, and sees data."""
    client = app.test_client()
    assert client.get("/readyz").status_code == 200  # database reachable, migrations at head
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    response = client.post(
        "/login", data={"email": DEMO_EMAIL, "password": password, "csrf_token": token.group(1)}
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    # The sign-in wrote a session row (sequences restored), and restored pages serve.
    assert "مقهى الورد" in client.get("/portfolio/messages").get_data(as_text=True)
    assert client.get("/p/demo-cafe-manager").status_code == 200
    with app.app_context():
        assert db.session.scalar(text("SELECT count(*) FROM user_session")) >= 1
        db.session.remove()

    # New rows get fresh ids: the id sequences came back with the data.
    Users(app).create(email="after-restore@example.com")
