"""sbx-09 "Trend desk" pages with the real app: start, the desk in ar and en, steps through
the step route (a refused step is a 422 that keeps the typed concept), submit, the result."""

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

start = partial(start_exercise, "sbx-09")
row = attempt_at


@pytest.fixture
def desk_app(database_url, mailbox) -> Iterator[Any]:
    """The real app (sbx-09 is registered by app.exercises.kinds)."""
    yield create_app(app_config(database_url, mailbox))


@pytest.mark.parametrize("condition", ["standard", "expiring-cards"])
def test_the_desk_renders_in_both_languages(desk_app, users, condition):
    """The work page shows the desk, the clock and six cards, in Arabic and English."""
    for locale, marker in (("ar", 'lang="ar"'), ("en", "Desk time: 0 minutes")):
        client, _ = signed_in(desk_app, users, locale)
        path = start(client, condition)
        page = client.get(path)
        html = page.get_data(as_text=True)
        assert page.status_code == 200
        assert 'id="desk"' in html and marker in html
        assert html.count('class="trend-card') == 6
        assert html.count('name="step" value="decision"') == 6


def test_a_refused_step_is_a_422_that_keeps_the_typed_concept(desk_app, users):
    """No choice → 422 with the message; a concept without a caption keeps what was typed."""
    client, _ = signed_in(desk_app, users)
    path = start(client)
    task = row(desk_app, path).task
    first = task["cards"][0]["id"]
    refused = client.post(
        f"{path}/step", data={"step": "decision", "card": first, "tags": "rising"}
    )
    assert refused.status_code == 422 and "Choose go or no-go." in refused.get_data(as_text=True)
    # The ticked reason comes back ticked on the refused card.
    assert f'id="tags-{first}-rising" name="tags" value="rising" checked' in refused.get_data(
        as_text=True
    )
    ok = client.post(
        f"{path}/step", data={"step": "decision", "card": first, "choice": "go", "tags": ["rising"]}
    )
    assert ok.status_code == 303
    typed = "<b>ربط</b> بالعلامة"
    bad = client.post(
        f"{path}/step",
        data={"step": "concept", "card": first, "platform": "x", "format": "feed", "tie_in": typed},
    )
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "Write the caption of the concept." in html
    assert "&lt;b&gt;ربط&lt;/b&gt; بالعلامة" in html
    assert row(desk_app, path).draft["clock"] == 10


@pytest.mark.parametrize("condition", ["standard", "expiring-cards"])
def test_driving_the_desk_and_submitting_shows_the_result(desk_app, users, condition):
    """Every step of the example through the step route, then submit: the result page."""
    client, user = signed_in(desk_app, users)
    path = start(client, condition)
    attempt = row(desk_app, path)
    with desk_app.app_context():
        example = exercise_data().scorers["sbx-09"].example(variant_of(attempt), attempt.task)
    for step in example["steps"]:
        form = {k: v for k, v in step.items() if k not in ("at", "n")}
        response = client.post(f"{path}/step", data=form)
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    desk = client.get(path).get_data(as_text=True)
    assert f"Desk time: {example['clock']} minutes" in desk and "Your decision:" in desk
    submitted = client.post(path, data={"action": "submit", "token": attempt.token})
    assert submitted.status_code == 303 and submitted.headers["Location"].endswith("/result")
    done = row(desk_app, path)
    assert done.status == "submitted" and done.score >= 90
    page = client.get(f"{path}/result").get_data(as_text=True)
    for title in (
        "Go or no-go decisions against the key",
        "Reason tags against the gold reasons",
        "Concept submitted inside the trend&#39;s window",
        "Concept fields: brand tie-in, platform and format, call to action",
    ):
        assert title in page
    assert "Model concept" in page and "The key" in page
    with desk_app.app_context():
        evidence = db.session.scalars(
            select(SkillEvidence.skill).where(SkillEvidence.user_id == user.id)
        ).all()
    assert sorted(evidence) == ["cross-platform-content", "decision-judgement", "trend-listening"]


def test_hard_desk_hides_the_late_flag_then_shows_it_and_refuses_a_closed_card(desk_app, users):
    """Hard condition: no late flag before N decisions, shown after; a closed card is a 422."""
    client, _ = signed_in(desk_app, users)
    path = start(client, "expiring-cards")
    task = row(desk_app, path).task
    after = task["flags_after"]
    closing = min((c for c in task["cards"] if c["expires"]), key=lambda c: c["ends"])
    others = [c["id"] for c in task["cards"] if not c["late_flags"] and c["id"] != closing["id"]]
    assert "appeared after decision" not in client.get(path).get_data(as_text=True)
    for card in others[:after]:
        step = {"step": "decision", "card": card, "choice": "no-go", "tags": ["off-brand"]}
        assert client.post(f"{path}/step", data=step).status_code == 303
    assert f"appeared after decision {after}" in client.get(path).get_data(as_text=True)
    for card in others[after:4]:
        step = {"step": "decision", "card": card, "choice": "no-go", "tags": ["off-brand"]}
        client.post(f"{path}/step", data=step)
    assert row(desk_app, path).draft["clock"] >= closing["ends"]
    late = {"step": "decision", "card": closing["id"], "choice": "go", "tags": ["rising"]}
    refused = client.post(f"{path}/step", data=late)
    assert refused.status_code == 422
    assert "window has closed on the desk clock" in refused.get_data(as_text=True)
