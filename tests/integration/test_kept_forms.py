"""Pages whose forms are kept rendered (app/core/memo.render_kept_form) carry each session's
own CSRF token: the token is a slot filled per request, never the first visitor's."""

from __future__ import annotations

import re

from sqlalchemy import select
from support import PASSWORD
from test_sandbox import compose_data, start

from app.core.db import write_unit
from app.core.extensions import db
from app.sandbox.models import SandboxAccount, SandboxPost

# A form's first field: its CSRF token, written out or drawn by a form's hidden_tag().
TOKEN = re.compile(
    r'<form method="post" action="([^"]+)"[^>]*>\s*'
    r'<input (?:type="hidden" name="csrf_token"|id="csrf_token" name="csrf_token" type="hidden") '
    r'value="([^"]+)"'
)


def device(app, user):
    """A new session for `user` (its own CSRF secret)."""
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 303
    return client


def forms(client, path: str, endpoint: str) -> list[str]:
    """The CSRF tokens of the forms posting to `endpoint` on the page at `path`."""
    page = client.get(path)
    assert page.status_code == 200
    return [
        token for action, token in TOKEN.findall(page.get_data(as_text=True)) if endpoint in action
    ]


def test_campaign_form_token_is_the_sessions_own(app, users):
    """Two devices open the same untouched campaign form: each page carries its own token,
    and the second device's estimate, posted with it, passes the CSRF check."""
    user = users.create()
    first, second = device(app, user), device(app, user)
    account_id = start(first)
    path = f"/sandbox/{account_id}/ads/new"
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        (mine,) = forms(first, path, "/ads/new")
        (theirs,) = forms(second, path, "/ads/new")  # served from the kept rendering
        assert mine != theirs
        answer = second.post(path, data={"csrf_token": theirs, "action": "estimate"})
        assert answer.status_code == 200
        assert second.post(path, data={"action": "estimate"}).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_calendar_move_forms_carry_the_sessions_token(app, users):
    """The calendar's move buttons (kept rendered) post with the viewing session's token."""
    user = users.create()
    first, second = device(app, user), device(app, user)
    account_id = start(first)
    assert first.post(f"/sandbox/{account_id}/compose", data=compose_data()).status_code == 303
    with app.app_context():
        post_id = db.session.scalars(
            select(SandboxPost.id).where(SandboxPost.account_id == account_id)
        ).first()
        clock = db.session.get(SandboxAccount, account_id).clock
    url = f"/sandbox/{account_id}/posts/{post_id}"
    assert first.post(url + "/review", data={"action": "submit"}).status_code == 303
    assert first.post(url + "/review", data={"action": "approve"}).status_code == 303
    when = clock.replace(hour=21, minute=0).strftime("%Y-%m-%dT%H:%M")
    assert first.post(url + "/schedule", data={"when": when}).status_code == 303
    calendar = f"/sandbox/{account_id}/calendar"
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        mine, theirs = forms(first, calendar, "/schedule"), forms(second, calendar, "/schedule")
        assert len(mine) == len(theirs) == 1 and mine != theirs
        moved = second.post(
            url + "/schedule", data={"csrf_token": theirs[0], "move": "1", "back": "calendar"}
        )
        assert moved.status_code == 303
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_quiz_result_retake_carries_the_sessions_token(app, users):
    """A submitted attempt's review is kept rendered; its retake button still posts with
    the viewing session's token and opens a new attempt."""
    user = users.create()
    first, second = device(app, user), device(app, user)
    take = first.post("/quiz/diagnostic").headers["Location"]
    result = first.post(take, data={}).headers["Location"]
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        (mine,) = forms(first, result, "/retake")
        (theirs,) = forms(second, result, "/retake")
        assert mine != theirs
        retake = second.post(result + "/retake", data={"csrf_token": theirs})
        assert retake.status_code == 303 and "/quiz/" in retake.headers["Location"]
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_gap_report_role_form_carries_the_sessions_token(app, users):
    """The gap report's role picker (kept rendered per report) posts with the viewing
    session's token, and the saved role shows at once (the role is in the key)."""
    user = users.create()
    first, second = device(app, user), device(app, user)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        (mine,) = forms(first, "/skills", "/skills/target")
        (theirs,) = forms(second, "/skills", "/skills/target")  # served from the kept rendering
        assert mine != theirs
        saved = second.post(
            "/skills/target", data={"csrf_token": theirs, "role": "community-specialist"}
        )
        assert saved.status_code == 303
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    page = first.get("/skills").get_data(as_text=True)
    assert '<option value="community-specialist" selected>' in page


def test_home_review_form_carries_the_sessions_token(app, users, ctx):
    """The home page's due review card (kept rendered) posts with the viewing session's
    token; a new display name shows at once (it is in the key)."""
    from test_learning import lib_of, right_answers

    from app.accounts.models import User
    from app.skills.models import ReviewCard

    user = users.create()
    first, second = device(app, user), device(app, user)
    take = first.post("/quiz/lesson/plt-1").headers["Location"]
    first.post(take, data={})  # every item missed: review cards are due
    with ctx as session:
        card = session.scalars(select(ReviewCard).order_by(ReviewCard.due, ReviewCard.id)).first()
        item = lib_of(app).items[card.item_id]
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        (mine,) = forms(first, "/", f"/review/{card.id}")
        (theirs,) = forms(second, "/", f"/review/{card.id}")  # served from the kept rendering
        assert mine != theirs
        answer = {**right_answers(item), "next": "/", "csrf_token": theirs}
        assert second.post(f"/review/{card.id}", data=answer).status_code == 303
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    with ctx as session, write_unit(session) as s:
        s.get(User, user.id).display_name = "Renamed Learner"
    assert "Renamed Learner" in first.get("/").get_data(as_text=True)


def test_builder_forms_carry_the_sessions_token_and_follow_every_change(app, users):
    """The portfolio builder (kept rendered per version) carries each session's own token;
    a saved headline and a new secret link show at once on the other device."""
    user = users.create()
    first, second = device(app, user), device(app, user)
    profile = {
        "headline": "First headline",
        "bio": "",
        "slug": "kept-builder",
        "lang": "en",
        "status": "draft",
        "theme": "classic",
        "indexable": "n",
    }
    assert first.post("/portfolio", data=profile).status_code == 303
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        mine = forms(first, "/portfolio", "/portfolio/links")
        theirs = forms(second, "/portfolio", "/portfolio/links")  # the kept rendering
        assert mine and theirs and mine != theirs
        made = second.post(
            "/portfolio/links", data={"csrf_token": theirs[0], "label": "Café client"}
        )
        assert made.status_code == 303
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert "Café client" in first.get("/portfolio").get_data(as_text=True)
    assert first.post("/portfolio", data={**profile, "headline": "Second"}).status_code == 303
    assert 'value="Second"' in second.get("/portfolio").get_data(as_text=True)


def test_exercise_start_form_carries_the_sessions_token_and_lists_new_attempts(app, users):
    """An exercise's start page (kept rendered per attempts and unlocks) posts with the
    viewing session's token, and the attempt it opens is listed on the next visit."""
    from app.content_runtime import library, takeable

    with app.app_context():
        exercise_id = sorted(takeable())[0]
        condition = library().exercises[exercise_id].conditions[0].id
    user = users.create()
    first, second = device(app, user), device(app, user)
    path = f"/exercises/{exercise_id}"
    assert "/attempts/" not in first.get(path).get_data(as_text=True)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        (mine,) = forms(first, path, "/attempts")
        (theirs,) = forms(second, path, "/attempts")  # served from the kept rendering
        assert mine != theirs
        begun = second.post(path + "/attempts", data={"csrf_token": theirs, "condition": condition})
        assert begun.status_code == 303
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    attempt = begun.headers["Location"]
    assert attempt.rsplit("/", 1)[0].endswith("/exercises/attempts")
    assert f'href="{attempt}"' in first.get(path).get_data(as_text=True)


# The page's own form (the header's sign-out form has an action; this one posts to itself).
OWN_FORM = re.compile(
    r'<form method="post" novalidate>\s*<input id="csrf_token" name="csrf_token" type="hidden" '
    r'value="([^"]+)"'
)


def own_token(client, path: str) -> str:
    """The CSRF token of the one form on `path` that posts to the page itself."""
    (token,) = OWN_FORM.findall(client.get(path).get_data(as_text=True))
    return token


def test_settings_and_password_forms_carry_the_sessions_token(app, users):
    """The untouched settings and password forms (kept rendered) post with the viewing
    session's token; saved settings show at once, and the kept password form works."""
    user = users.create()
    first, second = device(app, user), device(app, user)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        for path in ("/account/settings", "/account/password"):
            assert own_token(first, path) != own_token(second, path)  # the second one kept
        sent = {"display_name": "Layla Kept", "locale": "en", "target_role": ""}
        token = own_token(second, "/account/settings")
        saved = second.post("/account/settings", data={"csrf_token": token, **sent})
        assert saved.status_code == 303
        token = own_token(second, "/account/password")
        wrong = {"current": "not the password", "password": "a new long password", "confirm": "x"}
        refused = second.post("/account/password", data={"csrf_token": token, **wrong})
        assert refused.status_code == 400
        page = refused.get_data(as_text=True)
        # The form's own checks answered (the new password typed twice differs), not CSRF.
        assert 'href="#confirm"' in page and 'href="#csrf_token"' not in page
        tokenless = second.post("/account/password", data=wrong)
        assert tokenless.status_code == 400 and 'href="#confirm"' not in tokenless.get_data(
            as_text=True
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    page = first.get("/account/settings").get_data(as_text=True)
    assert 'value="Layla Kept"' in page


def test_email_and_delete_forms_carry_the_sessions_token_and_the_current_address(app, users):
    """The untouched change-email and delete-account forms (kept rendered) post with the
    viewing session's token; the email page names each learner's own current address."""
    user, other = users.create(), users.create()
    first, second, third = device(app, user), device(app, user), device(app, other)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        for path in ("/account/email", "/account/delete"):
            assert own_token(first, path) != own_token(second, path)  # the second one kept
        assert user.email in second.get("/account/email").get_data(as_text=True)
        shown = third.get("/account/email").get_data(as_text=True)
        assert other.email in shown and user.email not in shown
        token = own_token(second, "/account/email")
        wrong = {"new_email": "new-address@example.com", "password": "not the password"}
        refused = second.post("/account/email", data={"csrf_token": token, **wrong})
        page = refused.get_data(as_text=True)
        # The form's own check answered (the password is wrong), not CSRF; nothing typed lost.
        assert refused.status_code == 400 and 'href="#password"' in page
        assert 'value="new-address@example.com"' in page and user.email in page
        token = own_token(second, "/account/delete")
        refused = second.post("/account/delete", data={"csrf_token": token, "understand": "y"})
        assert refused.status_code == 400 and 'href="#password"' in refused.get_data(as_text=True)
        assert 'href="#csrf_token"' not in refused.get_data(as_text=True)
        tokenless = second.post("/account/delete", data={"password": PASSWORD, "understand": "y"})
        assert tokenless.status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert first.get("/account/").status_code == 200  # the account is still there
