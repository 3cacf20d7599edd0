"""Configuration classes, read from the environment when the app is created."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping, MutableMapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from werkzeug.sansio.utils import host_is_trusted

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


def env_list(name: str) -> list[str]:
    """Return a comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


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
        # Host headers Flask accepts (None: any). Production defaults to PUBLIC_BASE_URL's host.
        self.TRUSTED_HOSTS: list[str] | None = env_list("TRUSTED_HOSTS") or None
        self.LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
        # One JSON line per request on the "tawasul.requests" logger (app/core/requestlog.py).
        self.REQUEST_LOG = env_bool("REQUEST_LOG", True)
        # Where a learner whose account is disabled is told to write.
        self.SUPPORT_EMAIL = env_str("SUPPORT_EMAIL", "support@tawasul.invalid")
        self.RATELIMIT_DEFAULT = env_str("RATELIMIT_DEFAULT")
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        # The issuer's Ed25519 secret (secretKeyMultibase): never in the database or repository.
        self.CREDENTIAL_SIGNING_KEY = env_str("CREDENTIAL_SIGNING_KEY")

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
        self.CREDENTIAL_SIGNING_KEY = self.CREDENTIAL_SIGNING_KEY or dev_signing_key(instance_path)
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
        self.REQUEST_LOG = False  # tests that read it turn it on
        self.MAIL_OUTBOX_DIR = str(Path(instance_path) / "test-mail")
        self.CREDENTIAL_SIGNING_KEY = self.CREDENTIAL_SIGNING_KEY or dev_signing_key(instance_path)


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
    # No pool_pre_ping: app.core.pool pings only connections that sat idle (DB_PING_AFTER_IDLE).
    return {"pool_recycle": 1800, "pool_size": 5, "max_overflow": 5}


def dev_secret(instance_path: str) -> str:
    """Return a stable random secret for this checkout, made once."""
    import secrets

    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def dev_signing_key(instance_path: str) -> str:
    """Return this checkout's credential signing key (a secretKeyMultibase), made once."""
    from app.credentials.domain.keys import generate_key_pair

    path = Path(instance_path) / "credential_signing_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate_key_pair().secret_multibase, encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def signing_key_problem(secret: str) -> str:
    """What is wrong with CREDENTIAL_SIGNING_KEY ("" when it is a usable Ed25519 secret)."""
    if not secret:
        return (
            "CREDENTIAL_SIGNING_KEY must be set: run `flask credentials keygen` and put the "
            "secret in the environment"
        )
    from app.credentials.domain.keys import private_key

    try:
        private_key(secret)
    except ValueError:
        return "CREDENTIAL_SIGNING_KEY is not an Ed25519 secretKeyMultibase ('z3u2…')"
    return ""


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1), which only this machine
    can reach."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def public_host(cfg: Mapping[str, Any]) -> str:
    """The host name of PUBLIC_BASE_URL ("" when it has none)."""
    return urlsplit(str(cfg.get("PUBLIC_BASE_URL") or "")).hostname or ""


def production_defaults(cfg: MutableMapping[str, Any]) -> None:
    """Fill in what production derives from other settings: trusted hosts from the base URL."""
    if not cfg.get("TRUSTED_HOSTS") and public_host(cfg):
        cfg["TRUSTED_HOSTS"] = [public_host(cfg)]


def production_checks(cfg: Mapping[str, Any]) -> dict[str, str]:
    """Each setting production needs, with what is wrong with it ("" when it is fine)."""
    secret = cfg.get("SECRET_KEY") or ""
    secret_problems = []
    if secret in WEAK_SECRETS or len(secret) < 32:
        secret_problems.append("SECRET_KEY must be set to a random value of at least 32 characters")
    if cfg.get("DEBUG") or env_bool("FLASK_DEBUG"):
        secret_problems.append("debug must be off in production")
    return {
        "secret key and debug": "; ".join(secret_problems),
        "mail server": "" if cfg.get("MAIL_SERVER") else NO_MAIL,
        "public base url": base_url_problem(str(cfg.get("PUBLIC_BASE_URL") or "")),
        "trusted hosts": trusted_hosts_problem(cfg),
        "credential signing key": signing_key_problem(str(cfg.get("CREDENTIAL_SIGNING_KEY") or "")),
    }


NO_MAIL = "MAIL_SERVER must be set: production sends mail through SMTP, never to files"


def base_url_problem(url: str) -> str:
    """What is wrong with a PUBLIC_BASE_URL: links must not point at plain http elsewhere."""
    base = urlsplit(url)
    if not base.hostname or base.username or base.query or base.fragment:
        return "PUBLIC_BASE_URL must be an address such as https://tawasul.example"
    if base.scheme == "https" or (base.scheme == "http" and is_loopback(base.hostname)):
        return ""
    return (
        "PUBLIC_BASE_URL must start with https:// (http:// only on a loopback address, "
        "for example http://127.0.0.1:8000)"
    )


def trusted_hosts_problem(cfg: Mapping[str, Any]) -> str:
    """What is wrong with TRUSTED_HOSTS: it must be set, and admit PUBLIC_BASE_URL's host."""
    trusted = cfg.get("TRUSTED_HOSTS") or []
    if not trusted:
        return "TRUSTED_HOSTS is empty: every Host header is accepted"
    host = public_host(cfg)
    # Werkzeug compares the part before the first colon, so an IPv6 literal never matches:
    # a local run uses 127.0.0.1 or localhost instead.
    if host and not host_is_trusted(host, trusted):
        return f"TRUSTED_HOSTS must admit {host}, the host of PUBLIC_BASE_URL"
    return ""


def check_production(cfg: Mapping[str, Any]) -> list[str]:
    """List the reasons a production config must not start."""
    return [problem for problem in production_checks(cfg).values() if problem]
