"""Readiness checks: database, migration head, Redis."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import text

from app.core.extensions import db


def code_head() -> str | None:
    """Return the migration head revision shipped with the code (read once per process)."""
    cached = current_app.extensions.get("tawasul_code_head")
    if cached is None:
        cached = current_app.extensions["tawasul_code_head"] = (_read_head(),)
    return cached[0]


def _read_head() -> str | None:
    """Parse the migration scripts for their head revision."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", current_app.extensions["migrate"].directory)
    return ScriptDirectory.from_config(cfg).get_current_head()


def readiness() -> dict[str, str]:
    """Return a state per dependency: 'ok' or a short reason (no versions or hosts)."""
    states: dict[str, str] = {}
    try:
        db.session.execute(text("SELECT 1"))
        states["database"] = "ok"
    except Exception:
        states["database"] = "unavailable"
    finally:
        db.session.rollback()
    if states["database"] == "ok":
        try:
            row = db.session.execute(text("SELECT version_num FROM alembic_version")).first()
            states["migrations"] = "ok" if row and row[0] == code_head() else "behind"
        except Exception:
            states["migrations"] = "behind"
        finally:
            db.session.rollback()
    if current_app.config.get("REDIS_URL"):
        from app.core.ratelimit import _redis

        try:
            _redis().ping()
            states["redis"] = "ok"
        except Exception:
            states["redis"] = "unavailable"
    return states
