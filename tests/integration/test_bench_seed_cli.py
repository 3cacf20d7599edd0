"""`flask bench seed` refuses where it must not run: production settings and SQLite (the
PostgreSQL refusal of a database with learners is in test_query_plans.py)."""

from __future__ import annotations

import pytest

from app.core.extensions import db


def test_bench_seed_refuses_production_settings(app, runner, monkeypatch):
    """With production settings nothing is seeded, whatever the database."""
    monkeypatch.setitem(app.config, "ENV_NAME", "production")
    result = runner.invoke(args=["bench", "seed", "--learners", "5"])
    assert result.exit_code != 0
    assert "refusing to seed benchmark learners in production" in result.output


def test_bench_seed_refuses_sqlite(app, runner):
    """The copies are made with PostgreSQL's generate_series: SQLite is refused by name."""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("this run is on PostgreSQL (test_query_plans.py seeds there)")
    result = runner.invoke(args=["bench", "seed", "--learners", "5"])
    assert result.exit_code != 0
    assert "PostgreSQL" in result.output
