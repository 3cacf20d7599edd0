"""Tawasul application factory: it only wires configuration, extensions and blueprints."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: config, extensions, blueprints, CLI. No database or network I/O."""
    overrides = config or {}
    # Tests and tools may give their own instance folder (secrets, mail, demo login).
    app = Flask(__name__, instance_path=overrides.get("INSTANCE_PATH"))
    _load_config(app, overrides)

    from app import cli
    from app.core import assets, chrome, errors, hosts, i18n, logs, meta, security, sessions
    from app.core.extensions import babel, csrf, db, limiter, login_manager, migrate

    logs.init_logging(app)
    db.init_app(app)
    _ping_idle_connections(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    if app.config.get("RATELIMIT_DEFAULT"):
        # Flask-Limiter is a best-effort extra for a site-wide default limit; the limits that
        # must hold across workers use app.ratelimit. Without a default it would only add
        # per-request work.
        limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    sessions.init_sessions(app, login_manager)
    security.init_security(app)
    assets.init_assets(app)
    i18n.init_i18n(app)
    chrome.init_chrome(app)
    meta.init_meta(app)
    errors.init_errors(app)
    hosts.init_hosts(app)

    from app.accounts import bp as accounts_bp
    from app.admin import bp as admin_bp
    from app.ads.views import bp as ads_bp
    from app.courses import bp as courses_bp
    from app.credentials import bp as credentials_bp
    from app.exercises import bp as exercises_bp
    from app.inbox import bp as inbox_bp
    from app.main import bp as main_bp
    from app.portfolio import bp as portfolio_bp
    from app.quizzes import bp as quizzes_bp
    from app.sandbox import bp as sandbox_bp
    from app.skills import bp as skills_bp

    for blueprint in (
        main_bp,
        accounts_bp,
        admin_bp,
        courses_bp,
        quizzes_bp,
        skills_bp,
        sandbox_bp,
        inbox_bp,
        ads_bp,
        exercises_bp,
        portfolio_bp,
        credentials_bp,
    ):
        app.register_blueprint(blueprint)

    from app import content_runtime
    from app.core import access

    content_runtime.init_content(app)
    access.init_access(app)
    cli.init_cli(app)

    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    return app


def _load_config(app: Flask, overrides: dict[str, Any]) -> None:
    """Pick the config class from TAWASUL_ENV (or overrides) and apply overrides."""
    from app.core.config import CONFIGS, check_production, production_defaults

    name = overrides.get("ENV_NAME") or os.environ.get("TAWASUL_ENV", "development")
    if overrides.get("TESTING") and "ENV_NAME" not in overrides:
        name = "testing"
    if name not in CONFIGS:
        raise RuntimeError(f"TAWASUL_ENV must be one of {sorted(CONFIGS)}, not {name!r}")
    os.makedirs(app.instance_path, exist_ok=True)
    cfg = CONFIGS[name](app.instance_path)
    app.config.from_object(cfg)
    app.config.update({k: v for k, v in overrides.items() if k != "ENV_NAME"})
    app.config["ENV_NAME"] = name
    if name == "production":
        production_defaults(app.config)
        problems = check_production(app.config)
        if problems:
            raise RuntimeError("refusing to start: " + "; ".join(problems))


def _ping_idle_connections(app: Flask) -> None:
    """On a server database: ping pooled connections that sat idle, and run reads outside
    transactions (app.core.pool)."""
    from app.core.extensions import db
    from app.core.pool import ping_when_idle, reads_outside_transactions

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return  # a file: nothing to lose between requests
    with app.app_context():
        ping_when_idle(db.engine, float(app.config.get("DB_PING_AFTER_IDLE", 10.0)))
        reads_outside_transactions(db.engine)
