"""sbx-11 in Arabic on a 360 px phone: the month and the report form, a save that keeps the
report, the printable report printed to PDF by Chromium on exactly one A4 page with no site
navigation, then the result. Run inside the A/B journey (test_abtest_journey.py), so one
browser test covers issue 16's whole path; every page passes axe and vnu there."""

from __future__ import annotations

import re
from pathlib import Path

from exercise_forms import form_for
from playwright.sync_api import expect

from e2e.journey import Journey, Learner, start_exercise
from e2e.test_exercise_journey import fill

PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def example_fields(app, user, attempt_id: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The form fields of the scorer's strong report for this attempt."""
    from app.core.extensions import db
    from app.exercises import services
    from app.exercises.data import exercise_data

    with app.test_request_context():
        attempt = services.attempt_for(db.session.get(type(user), user.id), attempt_id)
        scorer = exercise_data().scorers["sbx-11"]
        example = scorer.example(services.variant_of(attempt), attempt.task)
        return form_for("sbx-11", example, attempt.task)


def print_the_monthly_report(
    app, learner: Learner, journey: Journey, live_server: str, artifacts: Path
) -> None:  # type: ignore[no-untyped-def]
    """Hard condition: fill the report, save, print it to one A4 page, submit, read the key."""
    page, user = learner
    attempt_id = start_exercise(journey, live_server, "sbx-11", "two-anomalies")
    expect(page.locator("#cause-2")).to_be_visible()  # two anomalies to diagnose

    fill(page, example_fields(app, user, attempt_id))
    journey.click("button[name=action][value=save]", "saved")
    expect(page.locator("#rec-1-action")).not_to_have_value("")  # the report was kept

    journey.click(f"main a[href='/exercises/attempts/{attempt_id}/report']", "report")
    expect(page.locator("h1")).to_have_text("تقرير الأداء الشهري")
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".report-actions"):
        assert page.locator(selector).is_hidden(), selector
    expect(page.locator(".report-table")).to_be_visible()
    pdf = page.pdf(path=str(artifacts / "report-ar.pdf"), prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    assert len(PAGE_OBJECT.findall(pdf)) == 1, "the report must print on one page"
    assert re.search(rb"/MediaBox \[0 0 59[4-6]", pdf), "A4 is 595 points wide"
    page.emulate_media(media="screen")

    page.goto(f"{live_server}/exercises/attempts/{attempt_id}")
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(f"**/exercises/attempts/{attempt_id}/result")
    response = page.goto(page.url)
    journey.visit(response, "result")
    expect(page.locator("p.score")).to_contain_text("100")
