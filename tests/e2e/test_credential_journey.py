"""A credential from track to revocation, in Arabic on a 360 px phone.

The demo learner (sandbox, lessons and published portfolio seeded as `flask demo` does)
marks the rest of the "platforms" track's core lessons complete on the lesson pages, takes
the track test on the quiz pages, finds the new credential on the portfolio, opens its
verification page from the "verified" mark and presses "Verify again": valid. The operator
then revokes it with `flask credentials revoke ID`; reloaded, the page says revoked, and so
does "Verify again"; the portfolio no longer lists it.

Every page visited passes axe (no serious or critical finding), has no sideways scroll, and
the HTML the browser received passes vnu.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from e2e.journey import Journey
from e2e.test_portfolio_journey import seed_demo, sign_in

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
TRACK = "platforms"
MARK = "شارة موثّقة"


def answer_correctly(app: Any, page: Page) -> None:
    """Answer every item of the open quiz page with its model answer, as a learner would."""
    from app.core.extensions import db
    from app.quizzes.domain import model_answer
    from app.quizzes.models import QuizAttempt

    token = page.url.rstrip("/").rsplit("/", 1)[1]
    lib = app.extensions["tawasul_content"].library
    with app.app_context():
        attempt = db.session.query(QuizAttempt).filter_by(token=token).one()
        item_ids = list(attempt.item_ids)
    for item_id in item_ids:
        item, name = lib.items[item_id], f"q-{item_id}"
        answer = model_answer(item)
        if item.type in ("single", "truefalse"):
            page.locator(f"input[name='{name}'][value='{answer}']").check()
        elif item.type == "multiple":
            for value in answer:
                page.locator(f"input[name='{name}'][value='{value}']").check()
        elif item.type in ("short", "numeric"):
            page.locator(f"input[name='{name}']").fill(str(answer))
        elif item.type == "ordering":
            for rank, option in enumerate(answer, start=1):
                page.locator(f"select[name='{name}-{option}']").select_option(str(rank))
        else:  # matching
            for pair, value in answer.items():
                page.locator(f"select[name='{name}-{pair}']").select_option(value)


def test_track_to_credential_verified_then_revoked_by_the_cli(
    app, new_context, live_server, users, artifacts: Path, tmp_path: Path
):
    """Lessons → track test → portfolio → verification page → verify again → CLI revoke."""
    from app.core.extensions import db
    from app.credentials.domain.due import core_lessons
    from app.credentials.models import Credential
    from app.portfolio.models import Portfolio

    user = users.create(locale="ar")
    seed_demo(app, user, portfolio=True)
    with app.app_context():
        slug = db.session.query(Portfolio.slug).filter_by(user_id=user.id).scalar()
        assert db.session.query(Credential).filter_by(user_id=user.id).count() == 0
    lib = app.extensions["tawasul_content"].library
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, live_server, user)
    journey = Journey(page, "ar", "credential-ar", artifacts, tmp_path)
    visit, click = journey.visit, journey.click

    # The portfolio has no credentials section yet.
    visit(page.goto(f"{live_server}/p/{slug}"), "portfolio-before")
    expect(page.locator("#credentials-heading")).to_have_count(0)

    # Every core lesson of the track, marked complete on its own page.
    for lesson in core_lessons(lib.tracks[TRACK]):
        visit(page.goto(f"{live_server}/lessons/{lesson}"), f"lesson-{lesson}")
        done = page.locator(f"main form[action='/lessons/{lesson}/complete'] button")
        if done.count():
            click(f"main form[action='/lessons/{lesson}/complete'] button", f"done-{lesson}")

    # The track test, answered on the quiz page.
    visit(page.goto(f"{live_server}/learn/{TRACK}"), "track")
    click(f"main form[action='/quiz/track/{TRACK}'] button", "track-test")
    expect(page.locator("form.quiz")).to_be_visible()
    answer_correctly(app, page)
    click("form.quiz button[type=submit]", "track-test-result")

    # The new credential is on the portfolio, with its verified mark.
    visit(page.goto(f"{live_server}/p/{slug}"), "portfolio-after")
    section = page.locator("section[aria-labelledby='credentials-heading']")
    expect(section.locator("li")).to_have_count(1)
    expect(section).to_contain_text(MARK)
    click("section[aria-labelledby='credentials-heading'] a.verified-mark", "verification")
    public_id = page.url.rstrip("/").rsplit("/", 1)[1]
    status = page.locator("main .credential-status")
    expect(status).to_contain_text("صالحة")
    click("main form[action$='/verify'] button[type=submit]", "verified-again")
    expect(status).to_contain_text("صالحة")

    # The operator revokes it; the page, reloaded, says so, and so does "Verify again".
    result = app.test_cli_runner().invoke(args=["credentials", "revoke", public_id])
    assert result.exit_code == 0, result.output
    visit(page.reload(), "revoked")
    expect(status).to_contain_text("ملغاة")
    click("main form[action$='/verify'] button[type=submit]", "revoked-verified-again")
    expect(status).to_contain_text("ملغاة")

    # Gone from the portfolio: its only credential was revoked, so the section goes too.
    visit(page.goto(f"{live_server}/p/{slug}"), "portfolio-revoked")
    expect(page.locator("#credentials-heading")).to_have_count(0)
    journey.validate()
