"""T11: error pages without leaks, safe logs, no default accounts, refusal to misstart."""

from __future__ import annotations

import logging

import pytest
from conftest import app_config
from flask import Flask
from support import PASSWORD

from app import create_app
from app.core.config import WEAK_SECRETS
from app.core.logs import FORMAT, RequestContextFilter, UTCFormatter
from app.core.registry import access
from security.prod import HTTPS, production_app

LEAKS = ("Traceback", 'File "', "sqlalchemy", "werkzeug", "/work/", "SELECT ", "secret-detail")


@pytest.fixture
def prod(app, database_url, mailbox):
    """A production-like app with a route that fails on purpose."""
    application = production_app(database_url, mailbox, MAX_CONTENT_LENGTH=1024)

    @application.route("/boom")
    @access("public")
    def boom() -> str:
        raise RuntimeError("secret-detail SELECT * FROM user /work/main")

    return application


def test_error_pages_leak_nothing(prod, users, caplog):
    """400/403/404/405/413/429/500 render our page in the user's language, with no internals."""
    learner = prod.test_client()
    user = users.create()
    learner.post("/login", base_url=HTTPS, data={"email": user.email, "password": PASSWORD})
    csrf_app = production_app(
        prod.config["SQLALCHEMY_DATABASE_URI"], type("M", (), {"port": 25})(), WTF_CSRF_ENABLED=True
    )
    cases = {
        400: lambda: csrf_app.test_client().post("/login", base_url=HTTPS, data={}),
        403: lambda: learner.get("/admin/", base_url=HTTPS),
        404: lambda: learner.get("/missing", base_url=HTTPS),
        405: lambda: learner.get("/logout", base_url=HTTPS),
        413: lambda: learner.post(
            "/account/settings", base_url=HTTPS, data={"display_name": "x" * 5000}
        ),
        500: lambda: learner.get("/boom", base_url=HTTPS),
    }
    with prod.app_context():
        prod.config["RATE_LIMITS"] = {**prod.config["RATE_LIMITS"], "reset-ip": (0, 60)}
        prod.config["RATELIMIT_ENABLED"] = True
    cases[429] = lambda: prod.test_client().post(
        "/forgot", base_url=HTTPS, data={"email": "x@example.com"}
    )
    for code, call in cases.items():
        response = call()
        body = response.get_data(as_text=True)
        assert response.status_code == code, (code, response.status_code)
        assert '<html lang="ar" dir="rtl">' in body, code
        assert not [leak for leak in LEAKS if leak in body], (code, body[:300])
    english = prod.test_client().get("/missing", base_url=HTTPS, headers={"Accept-Language": "en"})
    assert '<html lang="en" dir="ltr">' in english.get_data(as_text=True)
    print(f"T11 errors: {len(cases)} error kinds: 0 leaks")


def test_500_is_logged_once_with_a_reference(prod, caplog):
    """An unexpected error is logged with its traceback and the page shows only a reference."""
    caplog.set_level(logging.INFO, logger="tawasul")
    response = prod.test_client().get("/boom", base_url=HTTPS)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info
    reference = errors[0].request_id
    assert reference != "-" and reference in response.get_data(as_text=True)


def test_logs_hold_no_passwords_or_tokens(client, users, mailbox, caplog):
    """Passwords and emailed tokens never reach the log; lines carry UTC time and ids."""
    caplog.set_level(logging.DEBUG)
    user = users.create()
    client.post("/login", data={"email": user.email, "password": "wrong-" + PASSWORD})
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    client.post("/forgot", data={"email": user.email})
    token = mailbox.last_link(user.email, "/reset/").rsplit("/", 1)[1]
    client.get(f"/reset/{token}")
    lines = [UTCFormatter(FORMAT).format(r) for r in caplog.records if r.name.startswith("tawasul")]
    text = "\n".join(lines)
    assert PASSWORD not in text and token not in text
    assert "login failed" in text and "login succeeded" in text
    assert all(line[:20].endswith("Z") for line in lines)
    print(f"T11 logs: 0 secrets in {len(lines)} log lines")


def test_log_lines_cannot_be_split():
    """CR/LF in a logged value or a path is escaped, so one event stays one line."""
    app = Flask(__name__)
    with app.test_request_context("/x%0d%0aFORGED line"):
        record = logging.LogRecord(
            "tawasul", logging.WARNING, __file__, 1, "user said %s", ("a\r\nFAKE entry",), None
        )
        RequestContextFilter().filter(record)
        line = UTCFormatter(FORMAT).format(record)
    assert "\n" not in line and "\r" not in line and "FAKE" in line


def test_production_refuses_weak_secret_or_debug(database_url, mailbox, monkeypatch):
    """Production does not start without a real SECRET_KEY or with debug on."""
    for weak in [*WEAK_SECRETS, "short"]:
        with pytest.raises(RuntimeError, match="SECRET_KEY"):
            create_app(
                app_config(
                    database_url, mailbox, ENV_NAME="production", SECRET_KEY=weak, TESTING=False
                )
            )
    with pytest.raises(RuntimeError, match="debug"):
        create_app(
            app_config(
                database_url,
                mailbox,
                ENV_NAME="production",
                SECRET_KEY="s" * 40,
                DEBUG=True,
                TESTING=False,
            )
        )
    monkeypatch.setenv("TAWASUL_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


def test_no_default_accounts_and_admin_password_is_random(app, runner):
    """A new database has no accounts; `flask admin create` prints a fresh random password."""
    from app.accounts.services import count_users

    with app.app_context():
        assert count_users() == 0
    first = runner.invoke(args=["admin", "create", "ops1@example.com"])
    second = runner.invoke(args=["admin", "create", "ops2@example.com"])
    assert first.exit_code == second.exit_code == 0, first.output
    pw1, pw2 = (r.output.strip().rsplit(" ", 1)[1] for r in (first, second))
    assert pw1 != pw2 and len(pw1) >= 20
    again = runner.invoke(args=["admin", "create", "ops1@example.com"])
    assert again.exit_code != 0 and "exists" in again.output
