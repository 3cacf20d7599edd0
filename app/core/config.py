"""Configuration classes, read from the environment when the app is created."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

# Values that must never be used as a production SECRET_KEY.
WEAK_SECRETS = frozenset({"", "dev", "change-me", "secret", "development", "test"})


def env_str(name: str, default: str = "") -> str:
    """Return an environment variable as a stripped string."""
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    """Return an environment variable parsed as a boolean (1/true/yes/on)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Return an environment variable parsed as an integer."""
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


class Config:
    """Settings shared by every environment; subclasses override what differs."""

    ENV_NAME = "base"
    DEBUG = False
    TESTING = False

    def __init__(self, instance_path: str) -> None:
        """Read the environment now, so nothing is read at import time."""
        self.SECRET_KEY = env_str("SECRET_KEY")
        self.PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
        default_db = "sqlite:///" + str(Path(instance_path) / "tawasul.db")
        self.SQLALCHEMY_DATABASE_URI = normalise_db_url(env_str("DATABASE_URL") or default_db)
        self.SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = engine_options(
            self.SQLALCHEMY_DATABASE_URI
        )
        self.REDIS_URL = env_str("REDIS_URL")
        self.MAIL_SERVER = env_str("MAIL_SERVER")
        self.MAIL_PORT = env_int("MAIL_PORT", 587)
        self.MAIL_USERNAME = env_str("MAIL_USERNAME")
        self.MAIL_PASSWORD = env_str("MAIL_PASSWORD")
        self.MAIL_USE_TLS = env_bool("MAIL_USE_TLS", True)
        self.MAIL_FROM = env_str("MAIL_FROM", "Tawasul <no-reply@tawasul.invalid>")
        self.TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
        self.LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
        self.RATELIMIT_DEFAULT = env_str("RATELIMIT_DEFAULT")
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"

    # Not from the environment: security policy lives in code.
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024
    BABEL_DEFAULT_LOCALE = "ar"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    LANGUAGES = ("ar", "en")
    # Portfolio view counters are written in batches at most this many seconds apart.
    PORTFOLIO_STATS_FLUSH_SECONDS = 10
    PASSWORD_HASH_METHOD = "scrypt:32768:8:3"  # noqa: S105 - a method name, not a secret
    SESSION_COOKIE_NAME = "tawasul_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_NAME = "tawasul_remember"
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    PERMANENT_SESSION_LIFETIME = timedelta(days=30)
    SESSION_IDLE_TIMEOUT = timedelta(hours=2)
    SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)
    REMEMBER_ABSOLUTE_LIFETIME = timedelta(days=30)
    TOKEN_LIFETIME = timedelta(minutes=60)
    VERIFY_TOKEN_LIFETIME = timedelta(hours=48)
    WTF_CSRF_TIME_LIMIT = 3600 * 4
    HSTS = False
    # (limit, window seconds) per action and key kind; one generic counter serves all.
    RATE_LIMITS = {
        "login-ip": (50, 600),
        "login-account": (10, 900),
        "register-ip": (10, 3600),
        "reset-ip": (10, 3600),
        "reset-account": (3, 3600),
        "verify-ip": (20, 3600),
        "contact-ip": (5, 3600),
        "contact-portfolio": (20, 86400),
        "report-ip": (5, 3600),
    }
    SQLITE_BUSY_TIMEOUT_MS = 15000
    MAIL_OUTBOX_DIR = ""


class DevelopmentConfig(Config):
    """Local development: debug toolbar off, mail written to files."""

    ENV_NAME = "development"

    def __init__(self, instance_path: str) -> None:
        """Use a per-checkout secret from the instance folder when none is set."""
        super().__init__(instance_path)
        self.SECRET_KEY = self.SECRET_KEY or dev_secret(instance_path)
        self.MAIL_OUTBOX_DIR = str(Path(instance_path) / "mail")


class TestingConfig(Config):
    """Fast, isolated tests: cheap hashing, no CSRF unless a test asks for it."""

    ENV_NAME = "testing"
    TESTING = True
    WTF_CSRF_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # noqa: S105 - a method name, not a secret
    RATELIMIT_ENABLED = True
    PORTFOLIO_STATS_FLUSH_SECONDS = 0  # tests read the counters right after a visit

    def __init__(self, instance_path: str) -> None:
        """Testing never talks to a configured mail server or Redis by accident."""
        super().__init__(instance_path)
        self.SECRET_KEY = "testing-secret-key-not-for-production-0123456789"  # noqa: S105
        self.MAIL_SERVER = ""
        self.REDIS_URL = ""
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.MAIL_OUTBOX_DIR = str(Path(instance_path) / "test-mail")


class ProductionConfig(Config):
    """Production: secure cookies, HSTS, and refusal to start when misconfigured."""

    ENV_NAME = "production"
    SESSION_COOKIE_NAME = "__Host-session"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_NAME = "__Host-remember"
    REMEMBER_COOKIE_SECURE = True
    HSTS = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def normalise_db_url(url: str) -> str:
    """Route plain postgres URLs through psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def engine_options(url: str) -> dict[str, Any]:
    """Pool settings per database kind."""
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 15}}
    return {"pool_pre_ping": True, "pool_recycle": 1800, "pool_size": 5, "max_overflow": 5}


def dev_secret(instance_path: str) -> str:
    """Return a stable random secret for this checkout, made once."""
    import secrets

    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def check_production(cfg: Mapping[str, Any]) -> list[str]:
    """List the reasons a production config must not start."""
    problems = []
    secret = cfg.get("SECRET_KEY") or ""
    if secret in WEAK_SECRETS or len(secret) < 32:
        problems.append("SECRET_KEY must be set to a random value of at least 32 characters")
    if cfg.get("DEBUG") or env_bool("FLASK_DEBUG"):
        problems.append("debug must be off in production")
    return problems
