"""An A/B test of two posts in Arabic on a 360 px phone: write two drafts that differ in the
first line, declare and lock the test, run its days on the clock, read the counts, make the
call, read the working; then fill sbx-11's monthly report and print it to one A4 page
(report_print.py): issue 16's whole path in one browser test.

Every page visited passes axe (no serious or critical finding), has no sideways scroll, and
the HTML the browser received passes vnu.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.journey import Journey, Learner, looked_at, start_exercise
from e2e.report_print import print_the_monthly_report

pytestmark = pytest.mark.browser
BODY = "مشروبات دافئة جديدة كل يوم حتى منتصف الليل."


def write_draft(page: Page, journey: Journey, first_line: str, name: str) -> None:
    """Save one Instagram draft from the composer."""
    journey.click("ul.tabs a[href$='/compose']", f"{name}-compose")
    page.locator("#title").fill("قائمة الشتاء")
    page.locator("#p-instagram-include").check()
    page.locator("#p-instagram-text").fill(f"{first_line}\n{BODY}")
    page.locator("#p-instagram-alt_text").fill("كوب مشروب شتوي على طاولة خشبية")
    journey.click("button[value=save]", f"{name}-saved")


def test_an_ab_test_of_two_posts_then_the_monthly_report_in_arabic(
    app, phone_learner: Learner, live_server, artifacts: Path, tmp_path: Path
):
    """Two drafts → declaration → lock → the clock runs the days → counts → call → working;
    then sbx-11's monthly report, printed to one A4 page."""
    page = phone_learner.page
    journey = Journey(page, "ar", "abtest-ar", artifacts, tmp_path)
    journey.visit(page.goto(f"{live_server}/sandbox"), "sandbox")
    journey.click("form:has(input[value=riyadh-cafe]) button", "account")
    write_draft(page, journey, "قائمة الشتاء وصلت إلى فرع الياسمين", "a")
    write_draft(page, journey, "أي مشروب شتوي تجربون أولًا؟", "b")

    journey.click("ul.tabs a[href$='/abtests']", "abtests")
    page.locator("#post_a").select_option(index=0)
    page.locator("#post_b").select_option(index=1)
    page.locator("#attribute").select_option("cta")  # a wrong declaration first
    with page.expect_navigation() as refused:  # a 422 page: Journey.visit expects 2xx
        page.locator("form[action$='/abtests'] button[type=submit]").click()
    assert refused.value is not None and refused.value.status == 422
    expect(page.locator(".error-summary")).to_contain_text("السطر الأول")
    looked_at(page, "ar", artifacts / "abtest-ar-declare-refused.png")
    page.locator("#attribute").select_option("first-line")
    page.locator("#sample").fill("3000")
    journey.click("form[action$='/abtests'] button[type=submit]", "declared")
    expect(page.locator("tr.changed")).to_have_count(1)

    journey.click("form[action$='/lock'] button", "running")
    expect(page.locator("#amount")).to_have_value("7")  # no results before the declared days
    journey.click("form[action$='/advance'] button", "ran")
    journey.click("a[href$='/results']", "results")
    expect(page.locator("table tbody tr")).to_have_count(2)
    expect(page.locator("#working")).to_have_count(0)
    page.get_by_label("النتيجة غير حاسمة").check()
    page.locator("#next_step").fill("نعيد الاختبار بعينة أكبر لأسبوعين قبل أن نغيّر السطر الأول.")
    journey.click("form[action$='/call'] button", "working")
    working = page.locator("#working")
    expect(working).to_contain_text("الخطأ المعياري")
    expect(working).to_contain_text("قيمة z")
    expect(working).to_contain_text("الحكم عند ثقة 95%")
    expect(page.locator("#working table tbody tr")).to_have_count(6)
    print_the_monthly_report(app, phone_learner, journey, live_server, artifacts)
    journey.validate()


def test_sbx12_declare_call_and_result_on_a_phone(
    phone_learner: Learner, live_server, artifacts: Path, tmp_path: Path
):
    """sbx-12's hard variant: declare by the form, counts without working, call, the result."""
    page = phone_learner.page
    journey = Journey(page, "ar", "sbx12-ar", artifacts, tmp_path)
    start_exercise(journey, live_server, "sbx-12", "unequal-split")
    page.locator("#b_first_line").fill("أي مشروب تجربون أولًا هذا الصباح؟")
    page.locator("#attribute").select_option("first-line")
    page.locator("#duration_days").fill("7")
    page.locator("#sample").fill("3000")
    journey.click("input[value=declare] ~ button[type=submit]", "declared")
    expect(page.locator("#desk table tbody tr")).to_have_count(2)
    expect(page.locator("th", has_text="الخطأ المعياري")).to_have_count(0)
    page.get_by_label("النتيجة غير حاسمة").check()
    page.get_by_label("أعد الاختبار بعدد أكبر من الناس أو بأيام أكثر").check()
    page.locator("#next_step").fill("نعيد الاختبار بعينة أكبر قبل أن نعتمد أي سطر أول.")
    journey.click("input[value=call] ~ button[type=submit]", "called")
    journey.click("button[value=submit]", "result")
    expect(page.locator("ol.criteria > li")).to_have_count(4)
    expect(page.locator("th", has_text="الخطأ المعياري")).to_have_count(2)
    journey.validate()
