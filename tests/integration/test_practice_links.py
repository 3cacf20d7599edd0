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


def flat(page: str) -> str:
    """The page with runs of white space folded."""
    return " ".join(page.split())


def test_a_lesson_whose_own_exercise_is_not_ready_links_one_for_its_skills(app, users):
    """plt-1's own sbx-01 has no scorer: the rule offers sbx-02 (platform fluency, primary)."""
    _report, lesson = report_and_lesson(app, users, "plt-1")
    assert 'Exercise: <a href="/exercises/sbx-02">One message, four platforms</a>' in flat(lesson)
    assert "/exercises/sbx-01" not in lesson


def test_a_lesson_with_no_takeable_exercise_for_its_skills_says_coming_soon(app, users):
    """ads-1 (paid social, strategy): its own sbx-13 is not scored, and paid social is
    practised with it primary by sbx-14, so it links there;
    anl-1 links its own sbx-11 now that it is scored; car-6 (self-marketing, freelance
    business) has nothing takeable yet and names sbx-15 as coming soon."""
    _report, ads = report_and_lesson(app, users, "ads-1")
    assert '<a href="/exercises/sbx-14">' in ads
    _report, analytics = report_and_lesson(app, users, "anl-1")
    assert 'Exercise: <a href="/exercises/sbx-11">Monthly performance report</a>' in flat(analytics)
    _report, career = report_and_lesson(app, users, "car-6")
    assert (
        'Exercise: 30-day account sprint and case study <span class="meta">(coming soon)</span>'
        in flat(career)
    )
    assert "/exercises/" not in career.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_gap_report_links_the_takeable_exercise_for_each_top_gap(app, users):
    """A new learner's junior-coordinator gaps: copywriting leads to sbx-02."""
    report, _lesson = report_and_lesson(app, users, "plt-1")
    assert '<a href="/exercises/sbx-02">One message, four platforms</a>' in report


def test_a_registered_scorer_without_a_start_page_is_not_a_link(app, database_url, mailbox, users):
    """sbx-01 with a scorer becomes the lesson's own link; without the start page, no link."""
    SCORERS["sbx-01"] = object
    try:
        _report, lesson = report_and_lesson(app, users, "plt-1")
        assert '<a href="/exercises/sbx-01">Competitor and platform audit</a>' in lesson
        application = create_app(app_config(database_url, mailbox))
        application.view_functions.pop("exercises.start")
        _report, lesson = report_and_lesson(application, users, "plt-1")
    finally:
        del SCORERS["sbx-01"]
    assert "/exercises/sbx-01" not in lesson and "(coming soon)" in lesson
