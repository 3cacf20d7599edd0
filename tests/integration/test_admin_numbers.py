"""A learner's progress for support, and the site's numbers (one COUNT query each)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, select
from support import PASSWORD

from app.accounts.models import User
from app.core.db import utcnow, write_unit
from app.core.extensions import db


def signed_in(app, user):
    """A fresh client signed in as `user`."""
    client = app.test_client()
    assert (
        client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 303
    )
    return client


def study(app, client):
    """Complete one lesson and submit its quiz (one completed lesson, one quiz attempt)."""
    from app.quizzes.domain import lesson_items

    lib = app.extensions["tawasul_content"].library
    lesson = next(lid for lid in lib.lessons if lesson_items(lib, lid))
    assert client.post(f"/lessons/{lesson}/complete").status_code == 303
    take = client.post(f"/quiz/lesson/{lesson}").headers["Location"]
    assert client.post(take).status_code == 303


def test_user_page_shows_the_learners_progress(app, users):
    """Lessons, quiz attempts, skill levels, exercises and portfolio state, from the services."""
    from app.admin.numbers import learner_progress
    from app.portfolio.models import Portfolio

    admin = users.create(role="admin", locale="en")
    learner = users.create(email="progress@example.com")
    study(app, signed_in(app, learner))
    with app.app_context(), write_unit(db.session) as s:
        s.add(Portfolio(user_id=learner.id, slug="shown", status="published"))
    with app.test_request_context():
        progress = learner_progress(db.session.get(User, learner.id))
    assert progress.lessons_completed == 1 and progress.quiz_attempts == 1
    assert progress.skill_levels, "the quiz gave skill evidence"
    assert progress.portfolio_status == "published" and progress.exercises == {}
    page = signed_in(app, admin).get(f"/admin/users/{learner.id}").get_data(as_text=True)
    assert "progress@example.com" in page
    assert "<dt>Lessons completed</dt><dd>1</dd>" in page
    assert "<dt>Quiz attempts</dt><dd>1</dd>" in page
    assert "<dt>Portfolio published</dt><dd>Yes</dd>" in page
    assert "<dt>Exercises scored</dt><dd>0</dd>" in page


def test_user_page_of_a_new_learner_says_nothing_yet(app, users):
    """A learner with no activity: zeros, no portfolio, no skill evidence, no sessions."""
    admin, learner = users.create(role="admin", locale="en"), users.create()
    page = signed_in(app, admin).get(f"/admin/users/{learner.id}").get_data(as_text=True)
    assert "No (not started)" in page and "No skill evidence yet." in page
    assert "No device is signed in to this account." in page
    assert signed_in(app, admin).get("/admin/users/999999").status_code == 404


def test_site_numbers_count_what_happened_with_one_query_each(app, users):
    """Each number is right, and the page's numbers cost exactly seven COUNT statements."""
    from app.admin.numbers import site_numbers
    from app.credentials.models import Credential
    from app.portfolio.models import Portfolio

    admin = users.create(role="admin", locale="en")
    active, idle = users.create(), users.create()
    study(app, signed_in(app, active))
    with app.app_context(), write_unit(db.session) as s:
        s.add(Portfolio(user_id=active.id, slug="p1", status="published"))
        s.add(Portfolio(user_id=idle.id, slug="p2", status="draft"))
        old = utcnow() - timedelta(days=30)
        for n, revoked in enumerate((None, old)):
            s.add(
                Credential(
                    public_id=f"{n:032d}",
                    user_id=active.id,
                    kind="track",
                    subject_id="platforms",
                    language="ar",
                    status_index=n,
                    valid_from=old,
                    revoked_at=revoked,
                )
            )
    statements: list[str] = []
    with app.test_request_context():
        engine = db.engine

        def seen(conn, cursor, statement, *args):
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", seen)
        try:
            numbers = site_numbers()
        finally:
            event.remove(engine, "before_cursor_execute", seen)
    assert numbers == {
        "learners": 2,  # the admin is not a learner
        "active": 1,  # idle never signed in or studied
        "lessons": 1,
        "quizzes": 1,
        "exercises": 0,
        "portfolios": 1,
        "credentials": 1,
    }
    queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 7 and all(q.lower().startswith("select count(") for q in queries)
    page = signed_in(app, admin).get("/admin/numbers").get_data(as_text=True)
    assert "<dt>Portfolios published</dt><dd>1</dd>" in page


def test_active_this_week_leaves_out_older_activity(app, users):
    """A learner whose last activity is older than seven days is not counted as active."""
    from app.accounts.models import UserSession
    from app.admin.numbers import site_numbers

    learner = users.create()
    signed_in(app, learner)
    with app.app_context(), write_unit(db.session) as s:
        for row in s.scalars(select(UserSession).where(UserSession.user_id == learner.id)):
            row.last_seen_at = utcnow() - timedelta(days=8)
    with app.test_request_context():
        assert site_numbers()["active"] == 0
