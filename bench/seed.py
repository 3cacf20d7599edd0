"""Seed a benchmark database and count SQL queries per request, in process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench passphrase for learners"  # noqa: S105 - a throwaway benchmark account
LONG_HISTORY = 5000


def seed_database(env: dict[str, str], work: Path) -> dict[str, Any]:
    """Migrate the database, create learners with a short and a 5,000-answer history."""
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app:create_app", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    os.environ.update(
        {k: v for k, v in env.items() if k in ("TAWASUL_ENV", "SECRET_KEY", "DATABASE_URL")}
    )
    from app import create_app

    app = create_app({"WTF_CSRF_ENABLED": False})
    with app.app_context():
        short = make_learner(app, "short@bench.example", 50)
        long_ = make_learner(app, "long@bench.example", LONG_HISTORY)
    pages = [
        ("lesson page (signed in)", "/lessons/plt-1", "long", 0.25),
        ("gap report (5,000 answers)", "/skills", "long", 0.15),
        ("home (5,000 answers)", "/", "long", 0.15),
        ("catalogue", "/learn", "long", 0.25),
    ]
    queries = [
        (label, count_queries(app, short, path), count_queries(app, long_, path))
        for label, path, _who, _floor in pages
    ]
    return {"accounts": {"long": "long@bench.example"}, "pages": pages, "queries": queries}


def make_learner(app: Any, email: str, answers: int) -> str:
    """A verified learner whose history holds `answers` graded answers (as evidence too)."""
    from app.accounts.models import User
    from app.content_runtime import library
    from app.db import utcnow, write_unit
    from app.extensions import db
    from app.quizzes.domain import model_answer, rng
    from app.quizzes.models import Answer, QuizAttempt
    from app.security import hash_password
    from app.skills.models import SkillEvidence
    from app.skills.services import rebuild_states

    lib = library()
    items = [i for i in lib.items.values() if not i.review]
    draw = rng("bench", email)
    with write_unit(db.session) as s:
        user = User(
            email=email,
            display_name="Bench",
            password_hash=hash_password(PASSWORD),
            email_verified_at=utcnow(),
            locale="ar",
            target_role="social-media-manager",
        )
        s.add(user)
        s.flush()
        per_attempt = 20
        for start in range(0, answers, per_attempt):
            chunk = [
                items[(start + k) % len(items)] for k in range(min(per_attempt, answers - start))
            ]
            attempt = QuizAttempt(
                user_id=user.id,
                token=f"{email}-{start}",
                kind="lesson",
                ref="bench",
                item_ids=[i.id for i in chunk],
                status="submitted",
                score=0.7,
            )
            s.add(attempt)
            s.flush()
            for position, item in enumerate(chunk):
                score = 1.0 if draw.random() < 0.7 else 0.0
                s.add(
                    Answer(
                        attempt_id=attempt.id,
                        user_id=user.id,
                        item_id=item.id,
                        position=position,
                        response=model_answer(item),
                        score=score,
                    )
                )
                for skill in item.skills:
                    s.add(
                        SkillEvidence(
                            user_id=user.id,
                            skill=skill,
                            source_kind="quiz",
                            source_id=str(attempt.id),
                            item_id=item.id,
                            score=score,
                            level_tag=item.level,
                        )
                    )
        s.flush()
        rebuild_states(s, user, lib)
    return email


def count_queries(app: Any, email: str, path: str) -> int:
    """SQL statements one GET of `path` runs for a signed-in learner."""
    from app.extensions import db

    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    client.get(path)  # warm caches (rendered Markdown, session touch)
    with app.app_context():
        engine = db.engine
    counter = {"n": 0}

    def count(*_args: Any) -> None:
        counter["n"] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return counter["n"]
