"""A production-like app (Secure cookies, HSTS, no debug) on the test database.

It passes production's start-up checks as a local run does: PUBLIC_BASE_URL is plain http on
127.0.0.1, mail goes to the suite's aiosmtpd server, and TRUSTED_HOSTS (derived from the base
URL) admits 127.0.0.1 only, so requests use HTTPS below rather than the client's "localhost".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import app_config

from app import create_app
from app.credentials.domain.keys import generate_key_pair

SECRET = "k3y-for-production-like-tests-0123456789abcdef"
HTTPS = "https://127.0.0.1"
# A fresh Ed25519 secret per run: production refuses to start without one.
SIGNING_KEY = generate_key_pair().secret_multibase


def production_app(database_url: str, mailbox: Any, **extra: Any) -> Any:
    """Create the app with ProductionConfig (cheap hashing, CSRF off: T3 tests CSRF)."""
    settings = {
        "ENV_NAME": "production",
        "SECRET_KEY": SECRET,
        "CREDENTIAL_SIGNING_KEY": SIGNING_KEY,
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        # Production refuses invalid content; these tests use the small valid tree.
        "CONTENT_ROOT": str(Path(__file__).resolve().parents[1] / "content" / "valid"),
        **extra,
    }
    cfg = app_config(database_url, mailbox, **settings)
    cfg.pop("TESTING")
    return create_app(cfg)
