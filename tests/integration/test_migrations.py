"""T12: migrations round-trip with data, and models do not drift from migrations."""

from __future__ import annotations

import os

from conftest import app_config
from flask_migrate import check, downgrade, upgrade
from sqlalchemy import inspect, text
from support import make_database

from app import create_app
from app.core.extensions import db


def test_upgrade_downgrade_upgrade_and_no_drift(tmp_path, mailbox):
    """upgrade → seed → downgrade base → upgrade works, and `flask db check` finds no drift."""
    engine_name = "postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite"
    with make_database(tmp_path, "migrations") as url:
        app = create_app(app_config(url, mailbox))
        with app.app_context():
            upgrade()
            db.session.execute(
                text(
                    'INSERT INTO "user" (email, password_hash, display_name, role, created_at, '
                    "password_changed_at, disabled) VALUES ('seed@example.com', 'x', 'بذرة', 'learner', "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, false)"
                )
            )
            db.session.commit()
            downgrade(revision="base")
            assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
            upgrade()
            tables = set(inspect(db.engine).get_table_names())
            assert {t.name for t in db.metadata.sorted_tables} <= tables
            check()  # raises when autogenerate would produce operations
            ready = app.test_client().get("/readyz")
            assert ready.status_code == 200, ready.get_json()
            db.session.remove()
            db.engine.dispose()
    print(f"T12 migrations round-trip: pass on {engine_name}; drift: none")
