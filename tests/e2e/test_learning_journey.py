"""The learning loop in Arabic, in Chromium: diagnostic → gap report → lesson → quiz → retake → review.

Every page visited is checked with axe and for horizontal overflow at the viewport's width,
and photographed under artifacts/learning-<viewport>-<nn>-<step>.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from a11y import check_arabic_page
from playwright.sync_api import Page, expect
from support import PASSWORD

pytestmark = pytest.mark.browser
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


def checked(page: Page, viewport: str, step: int, name: str, artifacts: Path) -> None:
    """Arabic and right to left, no horizontal scrollbar, axe clean, screenshot."""
    check_arabic_page(page, artifacts / f"learning-{viewport}-{step:02d}-{name}.png")


def answer_some(page: Page, count: int) -> None:
    """Pick the first choice of the first `count` radio questions (others stay unanswered)."""
    groups = page.locator("fieldset.question:has(input[type=radio])")
    for i in range(min(count, groups.count())):
        groups.nth(i).locator("input[type=radio]").first.check()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_learning_loop_in_arabic(new_context, live_server, users, artifacts, viewport):
    """Diagnostic, radar report, recommended lesson, completion, quiz, retake, review card."""
    user = users.create(locale="ar")
    page = new_context(viewport=VIEWPORTS[viewport]).new_page()
    steps = iter(range(1, 50))

    def check(name: str) -> None:
        checked(page, viewport, next(steps), name, artifacts)

    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server}/quiz/diagnostic")
    check("diagnostic-intro")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("fieldset.question")).to_have_count(32)
    check("diagnostic")
    answer_some(page, 20)
    page.locator("form.quiz button[type=submit]").click()
    expect(page.locator("ol.review > li")).to_have_count(32)
    check("diagnostic-result")

    page.goto(f"{live_server}/skills")
    expect(page.locator("svg.radar")).to_be_visible()
    expect(page.locator("#groups-caption")).to_be_attached()
    check("gap-report")
    page.locator("ol.gaps a[href^='/lessons/']").first.click()
    expect(page.locator("article.lesson h1")).to_be_visible()
    check("recommended-lesson")
    lesson_url = page.url

    page.goto(f"{live_server}/lessons/plt-1")
    page.locator("form[action$='/complete'] button").click()
    expect(page.locator(".flash")).to_be_visible()
    check("lesson-completed")
    page.locator("form[action^='/quiz/lesson/'] button").click()
    expect(page.locator("form.quiz")).to_be_visible()  # the quiz page, not the lesson still
    questions = page.locator("fieldset.question").count()
    check("lesson-quiz")
    answer_some(page, 2)
    page.locator("form.quiz button[type=submit]").click()
    expect(page.locator("ol.review")).to_be_visible()  # wait for the result page to load
    check("lesson-quiz-result")
    missed = page.locator("ol.review > li:not(.right)").count()
    assert missed > 0
    page.locator("form[action$='/retake'] button").click()
    expect(page.locator("fieldset.question")).to_have_count(missed)
    assert missed <= questions
    check("retake")

    page.goto(f"{live_server}/")
    card = page.locator("form.review-card")
    expect(card).to_be_visible()
    check("home-with-review")
    choice = card.locator("input[type=radio], input[type=checkbox]")
    if choice.count():
        choice.first.check()
    card.locator("button[type=submit]").click()
    expect(page.locator(".flash")).to_be_visible()
    check("review-answered")
    assert lesson_url.startswith(live_server)
