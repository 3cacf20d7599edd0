"""The inbox in Arabic on a 360 px phone: a complaint answered on time with per-criterion
feedback and the model answer, a deadline missed by moving the clock, then an inbox shift
(sbx-06) played to its result.

Every page visited passes axe (no serious or critical finding), has no sideways scroll, and
the HTML the browser received passes vnu.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.journey import Journey
from e2e.test_portfolio_journey import sign_in

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
ACTIONS = {"reply-then-dm": "private", "dm": "private", "ignore": "none"}


def complaint_and_hours(app, account_id: int):  # type: ignore[no-untyped-def]
    """The café's first complaint with a follow-up, and the hours until it arrives."""
    from app.core.extensions import db
    from app.inbox.domain.items import arrival
    from app.sandbox.data import sandbox_data
    from app.sandbox.models import SandboxAccount

    with app.app_context():
        account = db.session.get(SandboxAccount, account_id)
        bank = sandbox_data().scenarios["riyadh-cafe"].get("inbox")
        m = next(m for m in bank if m["kind"] == "complaint" and m.get("follow_up"))
        at = arrival(account.seed, account.started, m)
        wait = max(1, math.ceil((at - account.clock).total_seconds() / 3600))
        return m, wait


def advance(page: Page, journey: Journey, hours: int, name: str) -> None:
    """Move the clock forward from the account page's form."""
    journey.click("ul.tabs li:first-child a", name)
    page.locator("#amount").fill(str(hours))
    page.locator("#unit").select_option("hours")
    journey.click("form.advance-form button", f"{name}-advanced")


def test_a_complaint_answered_then_a_deadline_missed(
    app, new_context, live_server, users, artifacts: Path, tmp_path: Path
):
    """Start → advance → inbox → answer → feedback and model answer → advance → missed."""
    user = users.create(locale="ar")
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, live_server, user)
    journey = Journey(page, "ar", "inbox-ar", artifacts, tmp_path)
    journey.visit(page.goto(f"{live_server}/sandbox"), "sandbox")
    journey.click("form:has(input[value=riyadh-cafe]) button", "account")
    account_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    m, wait = complaint_and_hours(app, account_id)

    advance(page, journey, wait, "arrival")
    journey.click("ul.tabs a[href$='/inbox']", "inbox")
    key = f"b-{m['id']}"
    journey.click(f"main a[href$='/inbox/{key}']", "complaint")
    expect(page.locator("blockquote.inbox-message")).to_contain_text(m["text"][:20])
    page.locator(f"#action-{ACTIONS.get(m['expected'], m['expected'])}").check()
    if m.get("escalate_to"):
        page.locator("#role").select_option(m["escalate_to"])
    page.locator("#text").fill(m["model_reply"]["ar"])
    journey.click("button[name=do][value=send]", "feedback")
    expect(page.locator("#feedback-heading")).to_have_text("الملاحظات")
    expect(page.locator("ul.criteria > li")).to_have_count(8)
    expect(page.locator(".side-by-side")).to_contain_text("الإجابة النموذجية")
    expect(page.locator("ul.criteria a[href='/lessons/com-3']").first).to_be_visible()
    score = page.locator("p.score strong").inner_text()
    assert int("".join(ch for ch in score.split(":")[1] if ch.isdigit())[:3]) >= 70, score

    # Another message left alone until its deadline passes: the inbox says it was missed.
    journey.click("a[href$='/inbox']", "inbox-again")
    waiting = page.locator("li.inbox-item:not(.done) a").first
    other = waiting.get_attribute("href")
    advance(page, journey, 24 * 3, "three-days")
    journey.visit(page.goto(f"{live_server}{other}"), "missed")
    expect(page.locator("#message-heading + p.meta strong")).to_have_text("فات الموعد النهائي")
    journey.visit(page.goto(f"{live_server}/sandbox/{account_id}/inbox"), "inbox-missed")
    expect(page.locator("li.inbox-item.missed").first).to_be_visible()

    # Then an inbox shift (sbx-06), played step by step on its own clock, and its result.
    journey.visit(page.goto(f"{live_server}/exercises/sbx-06"), "shift-start")
    page.locator("#condition-standard").check()
    journey.click("main form button[type=submit]", "shift")
    attempt_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    for n, form in enumerate(shift_steps(app, attempt_id)):
        if form["step"] == "wait":
            journey.click("form.desk-step:has(input[value=wait]) button", f"shift-wait-{n}")
            continue
        item = form["item"]
        page.locator(f"#action-{item}-{form['action']}").check()
        if form.get("role"):
            page.locator(f"#role-{item}").select_option(form["role"])
        if form.get("text"):
            page.locator(f"#text-{item}").fill(form["text"])
        journey.click(f"#item-{item} form button[type=submit]", f"shift-answer-{n}")
    journey.click("button[name=action][value=submit]", "shift-result")
    expect(page.locator("main")).to_contain_text("الإجابة النموذجية")
    journey.validate()


def shift_steps(app, attempt_id: int) -> list[dict]:  # type: ignore[no-untyped-def]
    """The step forms of the shift's example answer (the model answers, played on time)."""
    from exercise_forms import desk_forms

    from app.core.extensions import db
    from app.exercises import services
    from app.exercises.data import exercise_data
    from app.exercises.models import ExerciseAttempt

    with app.app_context():
        attempt = db.session.get(ExerciseAttempt, attempt_id)
        example = (
            exercise_data().scorers["sbx-06"].example(services.variant_of(attempt), attempt.task)
        )
        return desk_forms(example)
