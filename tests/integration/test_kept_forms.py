"""Pages whose forms are kept rendered (app/core/memo.render_kept_form) carry each session's
own CSRF token: the token is a slot filled per request, never the first visitor's."""

from __future__ import annotations

import re

from sqlalchemy import select
from support import PASSWORD
from test_sandbox import compose_data, start

from app.core.extensions import db
from app.sandbox.models import SandboxAccount, SandboxPost

TOKEN = re.compile(
    r'<form method="post" action="([^"]+)"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)"'
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
