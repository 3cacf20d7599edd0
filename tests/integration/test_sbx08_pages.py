"""sbx-08 "Crisis drill" pages with the real app: the desk in Arabic and English, steps through
the step route (a refused step is a 422 that keeps what was typed), submit, the result."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from conftest import app_config
from exercise_forms import desk_steps
from exercise_pages import attempt_at, signed_in, start_exercise
from sqlalchemy import select

from app import create_app
from app.core.extensions import db
from app.exercises.data import exercise_data
from app.exercises.services import variant_of
from app.skills.models import SkillEvidence

start = partial(start_exercise, "sbx-08", condition="crisis")
row = attempt_at


@pytest.fixture
def crisis_app(database_url, mailbox) -> Iterator[Any]:
    """The real app (sbx-08 is registered by app.exercises.kinds)."""
    yield create_app(app_config(database_url, mailbox))


def test_the_desk_renders_in_both_languages(crisis_app, users):
    """The work page shows the clock, the post's minute, the first mentions and every form."""
    for locale, marker in (("ar", 'lang="ar"'), ("en", "Simulated clock: minute 0")):
        client, _ = signed_in(crisis_app, users, locale)
        path = start(client)
        task = row(crisis_app, path).task
        html = client.get(path).get_data(as_text=True)
        assert 'id="desk"' in html and marker in html
        assert html.count('class="mention"') == 3
        for step in ("pause", "alert", "statement", "reply", "wait"):
            assert f'name="step" value="{step}"' in html
        assert f"<bdi>{task['mentions'][0]['author']}</bdi>" in html
        if locale == "en":
            assert f"Goes out at minute {task['promo']['at']}" in html


def test_a_refused_step_is_a_422_that_keeps_what_was_typed(crisis_app, users):
    """A reply without an action comes back with its text; an alert without a contact too."""
    client, _ = signed_in(crisis_app, users)
    path = start(client)
    first = row(crisis_app, path).task["mentions"][0]["id"]
    typed = "<b>نعتذر</b> منك"
    refused = client.post(
        f"{path}/step", data={"step": "reply", "mention": first, "action": "", "text": typed}
    )
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Choose an action for this mention." in html
    assert "&lt;b&gt;نعتذر&lt;/b&gt; منك" in html
    alert = client.post(f"{path}/step", data={"step": "alert", "role": "", "note": "ملخص قصير"})
    assert alert.status_code == 422 and "ملخص قصير" in alert.get_data(as_text=True)
    assert row(crisis_app, path).draft in ({}, None) or not row(crisis_app, path).draft.get("steps")


def test_driving_the_desk_and_submitting_shows_the_result(crisis_app, users):
    """The strong run through the step route, then submit: ≥ 80, the result page, evidence."""
    client, user = signed_in(crisis_app, users)
    path = start(client)
    attempt = row(crisis_app, path)
    with crisis_app.app_context():
        key = exercise_data().scorers["sbx-08"].key(variant_of(attempt), attempt.task)
    for step in desk_steps(key, attempt.task):
        response = client.post(f"{path}/step", data=step)
        assert response.status_code == 303, (step, response.get_data(as_text=True)[:500])
    desk = client.get(path).get_data(as_text=True)
    assert "Paused at minute 2." in desk and "Published at minute 15." in desk
    submitted = client.post(path, data={"action": "submit", "token": attempt.token})
    assert submitted.status_code == 303 and submitted.headers["Location"].endswith("/result")
    done = row(crisis_app, path)
    assert done.status == "submitted" and done.score >= 80 and done.hard
    for locale, titles in (
        ("en", ("Scheduled post paused before its time", "Model statement", "Model reply")),
        ("ar", ("إيقاف المنشور المجدول قبل موعده",)),
    ):
        client.post("/language", data={"lang": locale})
        page = client.get(f"{path}/result").get_data(as_text=True)
        assert all(t in page for t in titles), locale
    with crisis_app.app_context():
        evidence = db.session.scalars(
            select(SkillEvidence.skill).where(SkillEvidence.user_id == user.id)
        ).all()
    assert sorted(evidence) == [
        "customer-care",
        "decision-judgement",
        "project-coordination",
        "trend-listening",
    ]


def test_an_unpaused_post_goes_out_and_the_attempt_counts_0(crisis_app, users):
    """Waiting past the post's minute: the page says it went out; submitting scores 0."""
    client, _ = signed_in(crisis_app, users, "en")
    path = start(client)
    attempt = row(crisis_app, path)
    for _ in range(3):
        assert client.post(f"{path}/step", data={"step": "wait"}).status_code == 303
    html = client.get(path).get_data(as_text=True)
    assert f"The post went out at minute {attempt.task['promo']['at']}." in html
    refused = client.post(f"{path}/step", data={"step": "pause"})
    assert refused.status_code == 422
    client.post(path, data={"action": "submit", "token": attempt.token})
    done = row(crisis_app, path)
    assert done.score == 0 and done.result["hard_fail"]
    page = client.get(f"{path}/result").get_data(as_text=True)
    assert "Hard fail" in page and "went out at desk minute" in page
