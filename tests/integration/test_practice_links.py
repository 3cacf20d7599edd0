"""Gap report and lesson page offer exercises by the one practice-link rule."""

from __future__ import annotations

from conftest import app_config
from support import PASSWORD

from app import create_app
from app.core.registry import SCORERS


def report_and_lesson(application, users, lesson_id: str) -> tuple[str, str]:
    """The gap report (with the default role) and a lesson page, for a new learner, in English."""
    user = users.create(locale="en")
    client = application.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    return (
        client.get("/skills").get_data(as_text=True),
        client.get(f"/lessons/{lesson_id}").get_data(as_text=True),
    )


def test_without_scorers_exercises_are_named_as_coming_soon(app, users):
    """No exercise has a scorer yet: pages name them as coming soon, with no link."""
    report, lesson = report_and_lesson(app, users, "plt-1")
    for page in (report, lesson):
        assert "(coming soon)" in page
        assert "opens with the practice sandbox" not in page
        assert "/exercises/" not in page
    flat = " ".join(lesson.split())
    assert 'Exercise: Competitor and platform audit <span class="meta">(coming soon)</span>' in flat


def test_a_registered_scorer_with_a_start_page_becomes_a_link(app, database_url, mailbox, users):
    """Once sbx-01 has a scorer and a start page, the lesson links to it instead."""
    application = create_app(app_config(database_url, mailbox))
    application.add_url_rule(
        "/exercises/<exercise_id>", "exercises.start", lambda exercise_id: exercise_id
    )
    SCORERS["sbx-01"] = object
    try:
        _report, lesson = report_and_lesson(application, users, "plt-1")
    finally:
        del SCORERS["sbx-01"]
    assert '<a href="/exercises/sbx-01">Competitor and platform audit</a>' in lesson  # in English
    # A scorer without its start page is not offered as a link.
    SCORERS["sbx-01"] = object
    try:
        _report, lesson = report_and_lesson(app, users, "plt-1")
    finally:
        del SCORERS["sbx-01"]
    assert "/exercises/sbx-01" not in lesson and "(coming soon)" in lesson
