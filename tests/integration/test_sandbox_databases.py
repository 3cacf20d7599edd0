"""Determinism across databases: the same seed and actions give identical metrics on SQLite
and on PostgreSQL (both run here, in one test, and are compared directly)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from conftest import app_config, need
from sqlalchemy import select

from app import create_app
from app.core.extensions import db

PG = os.environ.get("TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/test"


def pg_reachable() -> bool:
    """Whether the PostgreSQL server answers."""
    try:
        import psycopg

        with psycopg.connect(PG.replace("+psycopg", ""), connect_timeout=3):
            return True
    except Exception:
        return False


@contextmanager
def fresh_pg(label: str) -> Iterator[str]:
    """A new empty PostgreSQL database's URL, dropped afterwards."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    from app.core.config import normalise_db_url

    admin = PG.replace("+psycopg", "")
    name = f"tawasul_{label}_{os.getpid()}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield normalise_db_url(urlunsplit(urlsplit(admin)._replace(path="/" + name)))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def play(url: str, mailbox: Any, tmp_path: Any) -> list[tuple[str, Any, dict[str, int]]]:
    """Scripted actions on a fresh account with a fixed seed; every published outcome."""
    from app.accounts.models import User
    from app.core.security import hash_password
    from app.sandbox import clock, services

    app = create_app(app_config(url, mailbox, INSTANCE_PATH=str(tmp_path)))
    with app.test_request_context():
        db.create_all()
        user = User(email="d@example.com", display_name="D", password_hash=hash_password("x" * 12))
        db.session.add(user)
        db.session.commit()
        account = services.start_account(user, "riyadh-cafe", seed=777)
        ideas = [
            {"instagram": ("reel", "9:16"), "tiktok": ("video", "9:16")},
            {"x": ("feed", "16:9"), "linkedin": ("feed", "1.91:1")},
            {"instagram": ("carousel", "4:5"), "facebook": ("feed", "1.91:1")},
        ]
        for n, versions in enumerate(ideas):
            fields = {
                p: {
                    "format": f,
                    "text": f"منشور {n}: أرخص قهوة" if n == 1 else f"منشور {n}",
                    "media_count": 3 if f == "carousel" else 1,
                    "aspect": a,
                    "alt_text": "صورة",
                    "goal": "engagement",
                }
                for p, (f, a) in versions.items()
            }
            idea = services.save_idea(user, account, f"idea {n}", "c", fields)
            for i, post in enumerate(sorted(idea.posts, key=lambda p: p.platform)):
                services.set_status(user, account, post, "submit")
                services.set_status(user, account, post, "approve")
                services.schedule(
                    user, account, post, account.clock + timedelta(hours=5 + 9 * n + i)
                )
        clock.advance(user, account, 24 * 5)
        rows = [
            (p.rng_key, p.outcome, dict(account.followers))
            for p in sorted(services.posts_of(account), key=lambda p: p.rng_key)
        ]
        from app.inbox.models import InboxItem

        queue = [
            (row.key, row.message, row.arrives_at.isoformat())
            for row in db.session.scalars(select(InboxItem).order_by(InboxItem.key))
        ]
        db.session.remove()
        db.drop_all()
    return [*rows, ("queue", queue, {})]


def test_same_seed_and_actions_identical_on_sqlite_and_postgresql(mailbox, tmp_path):
    """Every outcome (counts, factors, followers) and the complaint queue match exactly."""
    need(pg_reachable(), f"PostgreSQL is not reachable at {PG}")
    on_sqlite = play(f"sqlite:///{tmp_path / 'd.db'}", mailbox, tmp_path / "a")
    with fresh_pg("determinism") as url:
        on_pg = play(url, mailbox, tmp_path / "b")
    assert len(on_sqlite) == 7  # six posts and the queue
    assert on_sqlite == on_pg
    assert any(o and o.get("negative") for _k, o, _f in on_sqlite[:-1])  # the off-voice post
