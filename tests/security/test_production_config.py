"""Production by default under gunicorn, and refusal to start without mail or a safe base URL."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from conftest import app_config

from app import create_app
from security.prod import SECRET, SIGNING_KEY, production_app

WSGI = Path(__file__).resolve().parents[2] / "wsgi.py"
ENV = {
    "SECRET_KEY": SECRET,
    "MAIL_SERVER": "127.0.0.1",
    "PUBLIC_BASE_URL": "http://127.0.0.1:8000",
    "CREDENTIAL_SIGNING_KEY": SIGNING_KEY,
}


def load_wsgi(monkeypatch, tmp_path, **env: str):  # type: ignore[no-untyped-def]
    """Import wsgi.py afresh (as gunicorn does) with exactly these settings in the environment."""
    for name in (
        "TAWASUL_ENV",
        "SECRET_KEY",
        "MAIL_SERVER",
        "PUBLIC_BASE_URL",
        "TRUSTED_HOSTS",
        "CREDENTIAL_SIGNING_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'wsgi.db'}")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    # wsgi.py passes its own settings; the instance folder only is moved out of the checkout.
    monkeypatch.setattr(
        "app.create_app",
        lambda config=None: create_app(
            {**(config or {}), "INSTANCE_PATH": str(tmp_path / "instance")}
        ),
    )
    return runpy.run_path(str(WSGI))["app"]


def test_wsgi_starts_in_production_unless_told_otherwise(monkeypatch, tmp_path):
    """gunicorn's wsgi:app is production without TAWASUL_ENV, and refuses to start half-set."""
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        load_wsgi(monkeypatch, tmp_path)
    served = load_wsgi(monkeypatch, tmp_path, **ENV)
    assert served.config["ENV_NAME"] == "production"
    assert served.config["SESSION_COOKIE_SECURE"] and served.config["HSTS"]
    assert served.config["TRUSTED_HOSTS"] == ["127.0.0.1"]
    told = load_wsgi(monkeypatch, tmp_path, TAWASUL_ENV="development")
    assert told.config["ENV_NAME"] == "development"


def test_flask_run_stays_development(monkeypatch, tmp_path):
    """`make run` (flask run, FLASK_APP=app:create_app) builds a development app by default."""
    monkeypatch.delenv("TAWASUL_ENV", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'dev.db'}")
    dev = create_app({"INSTANCE_PATH": str(tmp_path / "instance")})
    assert dev.config["ENV_NAME"] == "development" and dev.config["TRUSTED_HOSTS"] is None
    assert dev.config["MAIL_OUTBOX_DIR"]  # development still writes mail to files


def test_production_refuses_to_start_without_mail(app, database_url, mailbox):
    """Without MAIL_SERVER, production refuses to start instead of writing mail to files."""
    with pytest.raises(RuntimeError, match="MAIL_SERVER"):
        production_app(database_url, mailbox, MAIL_SERVER="")


@pytest.mark.parametrize(
    "url",
    [
        "http://tawasul.example",
        "http://10.0.0.5:8000",
        "http://127.0.0.1.evil.example",
        "ftp://tawasul.example",
        "tawasul.example",
        "",
    ],
)
def test_production_refuses_a_base_url_that_is_not_https(app, database_url, mailbox, url):
    """PUBLIC_BASE_URL must be https, or plain http on a loopback address only."""
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        production_app(database_url, mailbox, PUBLIC_BASE_URL=url)


@pytest.mark.parametrize(
    "url",
    [
        "https://tawasul.example",
        "http://127.0.0.1:8000",
        "http://127.8.9.10",
        "http://localhost:5000",
        "http://[::1]:8000",
    ],
)
def test_https_and_loopback_base_urls_are_accepted(url):
    """https anywhere; http only where nobody else can listen (127.0.0.0/8, ::1, localhost)."""
    from app.core.config import base_url_problem

    assert base_url_problem(url) == ""


def test_loopback_means_this_machine_only():
    """Loopback covers 127.0.0.0/8, ::1 and localhost, nothing else."""
    from app.core.config import is_loopback

    assert all(is_loopback(h) for h in ("127.0.0.1", "127.255.0.9", "::1", "[::1]", "LOCALHOST"))
    outside = ("10.0.0.1", "0.0.0.0", "localhost.evil", "::")  # noqa: S104 - nothing binds
    assert not any(is_loopback(h) for h in outside)


def test_trusted_hosts_must_admit_the_public_host(app, database_url, mailbox):
    """TRUSTED_HOSTS defaults to PUBLIC_BASE_URL's host; a list without it is refused."""
    prod = production_app(database_url, mailbox, PUBLIC_BASE_URL="https://tawasul.example")
    assert prod.config["TRUSTED_HOSTS"] == ["tawasul.example"]
    with pytest.raises(RuntimeError, match=r"TRUSTED_HOSTS must admit tawasul\.example"):
        production_app(
            database_url,
            mailbox,
            PUBLIC_BASE_URL="https://tawasul.example",
            TRUSTED_HOSTS=["www.tawasul.example"],
        )
    # Werkzeug cannot match an IPv6 literal, so such a base URL would refuse every request.
    with pytest.raises(RuntimeError, match="TRUSTED_HOSTS"):
        production_app(database_url, mailbox, PUBLIC_BASE_URL="http://[::1]:8000")


def test_flask_check_lists_the_production_settings(app, database_url, mailbox):
    """`flask check` shows mail, base URL and trusted hosts: warnings in development."""
    dev = create_app(app_config(database_url, mailbox, ENV_NAME="development", MAIL_SERVER=""))
    output = dev.test_cli_runner().invoke(args=["check"]).output
    assert "OK        secret key and debug" in output
    assert "WARNING   mail server: MAIL_SERVER must be set" in output
    assert "OK        public base url" in output
    assert "WARNING   trusted hosts: TRUSTED_HOSTS is empty" in output
    prod = production_app(database_url, mailbox)
    output = prod.test_cli_runner().invoke(args=["check"]).output
    for name in ("secret key and debug", "mail server", "public base url", "trusted hosts"):
        assert f"OK        {name}" in output
