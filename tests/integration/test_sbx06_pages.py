"""sbx-06 "Inbox shift" pages with the real app: start, the shift in ar and en, answers and
waits through the step route (a refused answer is a 422 that keeps what was typed), submit,
the result with every message's rubric breakdown and model answer."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from conftest import app_config
from exercise_pages import attempt_at, signed_in, start_exercise
from sqlalchemy import select

from app import create_app
from app.core.extensions import db
from app.exercises.data import exercise_data
from app.exercises.services import variant_of
from app.skills.models import SkillEvidence

start = partial(start_exercise, "sbx-06")
row = attempt_at


@pytest.fixture
def shift_app(database_url, mailbox) -> Iterator[Any]:
    """The real app (sbx-06 is registered by app.exercises.kinds)."""
    yield create_app(app_config(database_url, mailbox))


@pytest.mark.parametrize("condition", ["standard", "tight-timer"])
def test_the_shift_renders_in_both_languages(shift_app, users, condition):
    """The work page shows the shift clock, the first message with its form, and a wait."""
    for locale, marker in (
        ("ar", "الساعة المحاكاة"),
        ("en", "Simulated clock: shift minute 0"),
    ):
        client, _ = signed_in(shift_app, users, locale)
        path = start(client, condition)
        page = client.get(path)
        html = page.get_data(as_text=True)
        assert page.status_code == 200
        assert 'id="desk"' in html and marker in html
        assert html.count('name="step" value="answer"') >= 1
        assert 'name="step" value="wait"' in html
        assert f'lang="{locale}"' in html


def test_a_refused_answer_is_a_422_that_keeps_what_was_typed(shift_app, users):
    """No action → 422 with the message and the typed reply and role kept; the clock stays."""
    client, _ = signed_in(shift_app, users)
    path = start(client)
    task = row(shift_app, path).task
    first = task["items"][0]
    role = task["roles"][0]["id"]
    typed = "<b>نعتذر</b> عن التأخير"
    refused = client.post(
        f"{path}/step", data={"step": "answer", "item": first["id"], "role": role, "text": typed}
    )
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Choose an action for this message." in html
    assert "&lt;b&gt;نعتذر&lt;/b&gt; عن التأخير" in html
    assert f'value="{role}" selected' in html
    assert html.count('id="step"') == 1
    assert row(shift_app, path).draft in ({}, None) or row(shift_app, path).draft["clock"] == 0
    last = task["items"][-1]
    if last["arrives"] > 0:
        early = client.post(
            f"{path}/step", data={"step": "answer", "item": last["id"], "action": "hide"}
        )
        assert early.status_code == 422
        assert "has not arrived yet" in early.get_data(as_text=True)
    waited = client.post(f"{path}/step", data={"step": "wait"})
    assert waited.status_code == 303
    assert row(shift_app, path).draft["clock"] == task["minutes"]["wait"]


@pytest.mark.parametrize(("condition", "locale"), [("standard", "en"), ("tight-timer", "ar")])
def test_driving_the_shift_and_submitting_shows_the_result(shift_app, users, condition, locale):
    """Every step of the example through the step route, then submit: the result page with
    the per-criterion feedback, the rubric per message and the model answers."""
    client, user = signed_in(shift_app, users, locale)
    path = start(client, condition)
    attempt = row(shift_app, path)
    with shift_app.app_context():
        example = exercise_data().scorers["sbx-06"].example(variant_of(attempt), attempt.task)
    for step in example["steps"]:
        form = {k: v for k, v in step.items() if k in ("step", "item", "action", "role", "text")}
        response = client.post(f"{path}/step", data=form)
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    assert row(shift_app, path).draft["clock"] == example["clock"]
    submitted = client.post(path, data={"action": "submit", "token": attempt.token})
    assert submitted.status_code == 303 and submitted.headers["Location"].endswith("/result")
    done = row(shift_app, path)
    assert done.status == "submitted" and done.score >= 80
    page = client.get(f"{path}/result").get_data(as_text=True)
    if locale == "en":
        for title in (
            "Action against the key, with partial credit for acceptable alternatives",
            "Reply checks: the specific issue, empathy, accuracy, next step, privacy and voice",
            "Response time inside each message&#39;s deadline",
            "Escalation to the right role",
            "Model answer",
            "The reply rubric:",
        ):
            assert title in page
    assert page.count('class="trend-card"') == len(attempt.task["items"])
    assert "/lessons/com-3" in page or "com-3" in page
    with shift_app.app_context():
        evidence = db.session.scalars(
            select(SkillEvidence.skill).where(SkillEvidence.user_id == user.id)
        ).all()
    assert sorted(evidence) == [
        "community-engagement",
        "copywriting",
        "customer-care",
        "decision-judgement",
    ]


def test_an_answer_is_sent_once_and_shown_as_sent(shift_app, users):
    """An answered message shows what was sent and refuses a second answer."""
    client, _ = signed_in(shift_app, users)
    path = start(client)
    first = row(shift_app, path).task["items"][0]["id"]
    form = {"step": "answer", "item": first, "action": "reply", "text": "شكرًا لك، نتابع طلبك الآن"}
    assert client.post(f"{path}/step", data=form).status_code == 303
    html = client.get(path).get_data(as_text=True)
    assert "Handled at shift minute 6:" in html and "شكرًا لك، نتابع طلبك الآن" in html
    again = client.post(f"{path}/step", data=form)
    assert again.status_code == 422
    assert "already been handled" in again.get_data(as_text=True)


def test_a_safety_report_left_unescalated_writes_evidence_0(shift_app, users):
    """Every message hidden, the safety report too: a hard fail, evidence rows of 0, and the
    result page says why."""
    client, user = signed_in(shift_app, users)
    path = start(client)
    attempt = row(shift_app, path)
    for item in sorted(attempt.task["items"], key=lambda i: i["arrives"]):
        while row(shift_app, path).draft.get("clock", 0) < item["arrives"]:
            client.post(f"{path}/step", data={"step": "wait"})
        step = {"step": "answer", "item": item["id"], "action": "hide"}
        assert client.post(f"{path}/step", data=step).status_code == 303
    client.post(path, data={"action": "submit", "token": attempt.token})
    done = row(shift_app, path)
    assert done.score == 0 and done.result["hard_fail"]
    codes = [r["code"] for r in done.result["hard_fails"]]
    assert "hardfail.safety-not-escalated" in codes
    page = client.get(f"{path}/result").get_data(as_text=True)
    assert "Hard fail: this attempt counts as 0" in page and "is a safety report" in page
    with shift_app.app_context():
        scores = db.session.scalars(
            select(SkillEvidence.score).where(SkillEvidence.user_id == user.id)
        ).all()
    assert scores and set(scores) == {0}
