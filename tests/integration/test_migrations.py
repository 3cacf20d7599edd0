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


def test_complaints_queued_on_accounts_move_into_inbox_rows_and_back(tmp_path, mailbox):
    """The inbox migration keeps every queued complaint as an inbox row; downgrade restores it."""
    with make_database(tmp_path, "inbox-queue") as url:
        app = create_app(app_config(url, mailbox))
        with app.app_context():
            upgrade(revision="d348e3cbef47")
            db.session.execute(
                text(
                    'INSERT INTO "user" (id, email, password_hash, display_name, role, created_at, '
                    "password_changed_at, disabled) VALUES (7, 'q@example.com', 'x', 'ق', 'learner', "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, false)"
                )
            )
            queue = '[{"message": "m30", "post": 4, "at": "2027-02-01T11:00"}]'
            db.session.execute(
                text(
                    "INSERT INTO sandbox_account (id, user_id, scenario_id, seed, clock, started, "
                    "followers, inbox_queue, created_at) VALUES (3, 7, 'riyadh-cafe', 1, "
                    "'2027-02-02 09:00:00', '2027-01-31 09:00:00', '{}', :queue, CURRENT_TIMESTAMP)"
                ),
                {"queue": queue},
            )
            db.session.execute(
                text(
                    "INSERT INTO sandbox_idea (id, account_id, user_id, title, campaign, created_at)"
                    " VALUES (5, 3, 7, 'فكرة', '', CURRENT_TIMESTAMP)"
                )
            )
            db.session.commit()
            upgrade()
            ideas = db.session.execute(text("SELECT count(*) FROM sandbox_idea")).scalar()
            assert ideas == 1  # the account's ideas survive the column's removal
            rows = db.session.execute(
                text("SELECT account_id, user_id, key, message, origin, post_id FROM inbox_item")
            ).all()
            assert [tuple(r) for r in rows] == [(3, 7, "p4-m30", "m30", "post", 4)]
            db.session.commit()
            downgrade(revision="d348e3cbef47")
            back = db.session.execute(text("SELECT inbox_queue FROM sandbox_account")).scalar()
            assert "m30" in str(back) and "2027-02-01T11:00" in str(back)
            assert db.session.execute(text("SELECT count(*) FROM sandbox_idea")).scalar() == 1
            db.session.remove()
            db.engine.dispose()
