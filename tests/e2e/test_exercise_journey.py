"""An exercise from gap to evidence, in Arabic on a 360 px phone: the gap report links sbx-02,
the learner starts it, writes the four versions, submits, reads the result criterion by
criterion and sees the skill's evidence change on "why this level".

Every page visited passes axe (no serious or critical finding), has no sideways scroll, and
the HTML the browser received passes vnu.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from exercise_forms import form_for
from playwright.sync_api import Page, expect

from e2e.journey import Journey
from e2e.test_portfolio_journey import sign_in

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
EXERCISE = "sbx-02"


def example_form(app, attempt_id: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The form fields of the scorer's example answer for this attempt's variant."""
    from app.core.extensions import db
    from app.exercises import services
    from app.exercises.data import exercise_data
    from app.exercises.models import ExerciseAttempt

    with app.app_context():
        attempt = db.session.get(ExerciseAttempt, attempt_id)
        scorer = exercise_data().scorers[EXERCISE]
        example = scorer.example(services.variant_of(attempt), attempt.task)
        return form_for(EXERCISE, example, attempt.task)


def fill(page: Page, fields: dict[str, str]) -> None:
    """Type or choose each field's value as a learner would."""
    for name, value in fields.items():
        box = page.locator(f"[name='{name}']")
        if box.evaluate("e => e.tagName") == "SELECT":
            box.select_option(value)
        else:
            box.fill(value)


def test_from_the_gap_report_to_a_scored_exercise_and_changed_evidence(
    app, new_context, live_server, users, artifacts: Path, tmp_path: Path
):
    """Gap report → sbx-02 → start → write → submit → result → why this level, in Arabic."""
    user = users.create(locale="ar")
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, live_server, user)
    journey = Journey(page, "ar", "exercise-ar", artifacts, tmp_path)
    visit, click = journey.visit, journey.click

    # The skill's "why this level" before: no evidence yet.
    visit(page.goto(f"{live_server}/skills/cross-platform-content"), "why-before")
    title = "رسالة واحدة لأربع منصات"
    results = page.locator("main ul.evidence li", has_text=title)
    expect(results).to_have_count(0)  # the exercise is not among the evidence yet

    visit(page.goto(f"{live_server}/skills"), "gap-report")
    click(f"main a[href='/exercises/{EXERCISE}']", "start")
    expect(page.locator("h1")).to_have_text(title)
    click("main form button[type=submit]", "work")
    attempt_id = int(page.url.rstrip("/").rsplit("/", 1)[1])

    # A first submit with nothing typed: the page explains, keeps the learner on the form.
    with page.expect_navigation() as nav:
        page.locator("button[name=action][value=submit]").click()
    assert nav.value is not None and nav.value.status == 422
    expect(page.locator(".error-summary")).to_be_visible()

    fill(page, example_form(app, attempt_id))
    click("button[name=action][value=submit]", "result")
    criteria = page.locator("ol.criteria > li")
    expect(criteria).to_have_count(
        len(app.extensions["tawasul_content"].library.exercises[EXERCISE].criteria)
    )
    score = int(re.findall(r"\d+", page.locator("p.score").inner_text())[0])
    assert score >= 80, score
    # Each criterion names its lesson.
    for i in range(criteria.count()):
        expect(criteria.nth(i).locator("a[href^='/lessons/']")).to_have_count(1)

    click("main a[href='/skills/cross-platform-content']", "why-after")
    expect(results).to_have_count(1)
    expect(results).to_contain_text(str(score))
    journey.validate()


@pytest.mark.parametrize(
    ("exercise_id", "condition"),
    [
        ("sbx-02", "plus-other-language"),
        ("sbx-05", "ramadan-three-platforms"),
        ("sbx-06", "tight-timer"),
        ("sbx-07", "borderline-comments"),
        ("sbx-08", "crisis"),
        ("sbx-09", "expiring-cards"),
        ("sbx-12", "unequal-split"),
        ("sbx-13", "two-phase-budget"),
        ("sbx-14", "too-few-results"),
    ],
)
def test_work_and_result_pages_fit_a_phone_in_arabic(
    app, new_context, live_server, users, artifacts: Path, tmp_path: Path, exercise_id, condition
):
    """Each exercise's hard condition: work page and result page at 360 px, axe and vnu clean."""
    from app.core.extensions import db
    from app.exercises import services
    from app.exercises.data import exercise_data

    user = users.create(locale="ar")
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, live_server, user)
    page.goto(f"{live_server}/exercises/{exercise_id}")
    page.locator(f"#condition-{condition}").check()
    with page.expect_navigation() as nav:
        page.locator("main form button[type=submit]").first.click()
    journey = Journey(page, "ar", f"exercise-phone-{exercise_id}", artifacts, tmp_path)
    journey.visit(nav.value, "work")
    attempt_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    with app.test_request_context():
        lib = app.extensions["tawasul_content"].library
        person = db.session.get(type(user), user.id)
        attempt = services.attempt_for(person, attempt_id)
        example = (
            exercise_data().scorers[exercise_id].example(services.variant_of(attempt), attempt.task)
        )
        services.submit_attempt(person, lib, attempt.id, attempt.token, example)
    response = page.goto(f"{live_server}/exercises/attempts/{attempt_id}/result")
    journey.visit(response, "result")
    journey.validate()
