"""A small ad campaign in Arabic on a 360 px phone: the empty ads manager, a refused setup
that keeps what was typed, a saved draft, the launch, days on the clock, the results with
their formulas and the why panel, the printable report; then sbx-13 (set up a paid campaign)
typed into its form and submitted, to its scored result: issue 15's path in one test.

Every page visited passes axe (no serious or critical finding), has no sideways scroll, and
the HTML the browser received passes vnu.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.journey import Journey, Learner, looked_at, start_exercise

pytestmark = pytest.mark.browser


def fill_campaign(page: Page, budget: str) -> None:
    """The setup form: a Meta traffic campaign in Riyadh with one ad (the dates are prefilled)."""
    page.locator("#name").fill("زيارات قائمة الشتاء")
    page.locator("#objective").select_option("OUTCOME_TRAFFIC")
    page.locator("#budget").fill(budget)
    page.get_by_label("القهوة", exact=True).check()
    page.locator("#a_primary_text").fill(
        "قائمة الشتاء وصلت إلى فرع الياسمين: مشروبات دافئة كل يوم."
    )
    page.locator("#a_headline").fill("مشروبات الشتاء")
    page.locator("#a_cta").select_option("learn-more")
    page.locator("#a_aspect").fill("4:5")


def type_fields(page: Page, fields: dict[str, str]) -> None:
    """Fill a work form as a learner would: boxes ticked as listed (the rest cleared), lists
    chosen, text typed."""
    for box in page.locator("main form input[type=checkbox]").all():
        box.uncheck()
    for name, value in fields.items():
        field = page.locator(f"[name='{name}']")
        kind = field.evaluate("e => e.tagName + ':' + (e.type || '')")
        if kind == "INPUT:checkbox":
            field.check()
        elif kind.startswith("SELECT"):
            field.select_option(value)
        else:
            field.fill(value)


def finish_sbx13(app, learner: Learner, journey: Journey, live_server: str) -> None:  # type: ignore[no-untyped-def]
    """sbx-13 in its standard condition: the model campaign typed in, submitted, scored 100."""
    from exercise_forms import form_for

    from app.core.extensions import db
    from app.exercises import services
    from app.exercises.data import exercise_data

    page, user = learner
    attempt_id = start_exercise(journey, live_server, "sbx-13", "standard")
    with app.test_request_context():
        attempt = services.attempt_for(db.session.get(type(user), user.id), attempt_id)
        example = (
            exercise_data().scorers["sbx-13"].example(services.variant_of(attempt), attempt.task)
        )
        fields = form_for("sbx-13", example, attempt.task)
    type_fields(page, fields)
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(f"**/exercises/attempts/{attempt_id}/result")
    journey.visit(page.goto(page.url), "sbx13-result")
    expect(page.locator("p.score")).to_contain_text("100")


def test_a_small_campaign_then_sbx13_in_arabic(
    app, phone_learner: Learner, live_server, artifacts: Path, tmp_path: Path
):
    """Empty list → refused setup (values kept) → draft → launch → 3 days → results → report
    → sbx-13 submitted and scored."""
    page = phone_learner.page
    journey = Journey(page, "ar", "ads-ar", artifacts, tmp_path)
    journey.visit(page.goto(f"{live_server}/sandbox"), "sandbox")
    journey.click("form:has(input[value=riyadh-cafe]) button", "account")
    journey.click("ul.tabs a[href$='/ads']", "ads-empty")
    journey.click("a[href$='/ads/new']", "new")

    fill_campaign(page, "1")  # below the minimum: refused, nothing lost
    with page.expect_navigation() as refused:  # a 422 page: Journey.visit expects 2xx
        page.locator("button[value=save]").click()
    assert refused.value is not None and refused.value.status == 422
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#budget-error")).to_contain_text("الحد الأدنى")
    expect(page.locator("#a_headline")).to_have_value("مشروبات الشتاء")
    looked_at(page, "ar", artifacts / "ads-ar-refused.png")
    page.locator("#budget").fill("150")
    journey.click("button[value=save]", "draft")

    journey.click("form[action$='/launch'] button", "launched")
    page.locator("#amount").fill("4")  # tomorrow's start, then three whole days
    journey.click("form[action$='/advance'] button", "results")
    expect(page.locator("#days-heading + .table-wrap tbody tr")).to_have_count(3)
    expect(page.locator("#totals-heading + .table-wrap")).to_contain_text("÷")
    expect(page.locator("#why-heading + ul li").first).to_be_visible()
    journey.click("a[href$='/report']", "report")
    expect(page.locator(".ads-report")).to_contain_text("زيارات قائمة الشتاء")
    page.emulate_media(media="print")
    expect(page.locator(".ads-report .no-print")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    (artifacts / "ads-ar-report.pdf").write_bytes(pdf)
    page.emulate_media(media="screen")
    finish_sbx13(app, phone_learner, journey, live_server)
    journey.validate()
