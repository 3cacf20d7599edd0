"""sbx-14 "Ad review and optimisation" pages with the real app: start, the work page in ar and
en, a 422 that keeps what was typed, submitting, and the result page with the key."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from conftest import app_config
from exercise_forms import form_for
from exercise_pages import attempt_at, signed_in, start_exercise
from sqlalchemy import select

from app import create_app
from app.core.extensions import db
from app.skills.models import SkillEvidence

start = partial(start_exercise, "sbx-14")
row = attempt_at


@pytest.fixture
def app_(database_url, mailbox) -> Iterator[Any]:
    """The real app (sbx-14 is registered by app.exercises.kinds)."""
    yield create_app(app_config(database_url, mailbox))


@pytest.mark.parametrize(("locale", "condition"), [("ar", "standard"), ("en", "too-few-results")])
def test_the_work_page_shows_every_draft_rule_and_ad_set(app_, users, locale, condition):
    """Eight drafts with a tick per rule and "no problem", two rewrites, three ad sets."""
    client, _ = signed_in(app_, users, locale=locale)
    path = start(client, condition)
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    task = row(app_, path).task
    assert len(task["drafts"]) == 8 and len(task["sets"]) == 3
    for d in task["drafts"]:
        assert f'id="d-{d["id"]}-none"' in html
        for r in task["rules"]:
            assert f'id="d-{d["id"]}-{r["id"]}"' in html
        assert f'lang="{d["lang"]}"' in html
    for name in ("fix-1-draft", "fix-1-headline", "fix-2-text"):
        assert f'id="{name}"' in html
    for s in task["sets"]:
        assert f'id="s-{s["id"]}-decision"' in html and f'id="s-{s["id"]}-why"' in html
    rule = task["rules"][0]["name"][locale]
    assert rule in html
    if locale == "ar":
        assert "الجزء الأول" in html


def test_a_bad_submit_rerenders_422_keeping_every_typed_value(app_, users):
    """A draft ticked both ways, blanks on submit: errors by field; the typed text comes back
    escaped and the ticks stay ticked."""
    client, _ = signed_in(app_, users, locale="en")
    path = start(client, "standard")
    attempt = row(app_, path)
    first, second = (d["id"] for d in attempt.task["drafts"][:2])
    ad_set = attempt.task["sets"][0]["id"]
    data = {
        f"d-{first}-personal-attributes": "yes",
        f"d-{first}-none": "yes",
        f"d-{second}-before-after": "yes",
        "fix-1-draft": second,
        "fix-1-text": "نص <b>جديد</b> للإعلان",
        f"s-{ad_set}-decision": "pause",
        f"s-{ad_set}-why": "Cost per result is far above target",
        "action": "submit",
        "token": attempt.token,
    }
    response = client.post(path, data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "نص &lt;b&gt;جديد&lt;/b&gt; للإعلان" in html
    assert "Cost per result is far above target" in html
    assert f'id="d-{first}-none-error"' in html
    assert 'id="fix-2-draft-error"' in html
    assert (
        f'id="d-{second}-before-after" name="d-{second}-before-after" value="yes" checked' in html
    )
    assert '<option value="pause" selected>' in html
    assert row(app_, path).status == "open"


def test_saving_half_done_work_keeps_it_without_errors(app_, users):
    """Save stores blanks as they are and scores nothing."""
    client, _ = signed_in(app_, users, locale="ar")
    path = start(client, "standard")
    attempt = row(app_, path)
    first = attempt.task["drafts"][0]["id"]
    data = {f"d-{first}-none": "yes", "action": "save", "token": attempt.token}
    response = client.post(path, data=data)
    assert response.status_code in (200, 303)
    saved = row(app_, path)
    assert saved.status == "open" and saved.draft["flags"][first] == ["none"]


@pytest.mark.parametrize("condition", ["standard", "too-few-results"])
def test_submitting_the_example_shows_the_key_and_writes_evidence(app_, users, condition):
    """The example scores 100; the result names every criterion, the drafts' key, the model
    rewrites and the rule key's call on each ad set, and links the lessons."""
    client, user = signed_in(app_, users, locale="en")
    path = start(client, condition)
    attempt = row(app_, path)
    with app_.app_context():
        from app.exercises.data import exercise_data
        from app.exercises.services import variant_of

        scorer = exercise_data().scorers["sbx-14"]
        example = scorer.example(variant_of(attempt), attempt.task)
        exercise = scorer.exercise
    fields = form_for("sbx-14", example, attempt.task)
    response = client.post(path, data={**fields, "action": "submit", "token": attempt.token})
    assert response.status_code == 303 and response.headers["Location"].endswith("/result")
    assert row(app_, path).score == 100
    html = client.get(f"{path}/result").get_data(as_text=True).replace("&#39;", "'")
    for c in exercise.criteria:
        assert c.title["en"] in html
    assert "The drafts and their key" in html and "The ad sets and the rule key" in html
    assert "/courses/lessons/ads-3" in html or "ads-3" in html
    assert example["fixes"][0]["text"] in html
    if condition == "too-few-results":
        assert "wait before changing anything" in html
    with app_.app_context():
        evidence = db.session.scalars(
            select(SkillEvidence).where(SkillEvidence.user_id == user.id)
        ).all()
    assert sorted(e.skill for e in evidence) == sorted(exercise.primary + exercise.secondary)
    assert all(e.hard_variant == (condition == "too-few-results") for e in evidence)
    ar_client, _ = signed_in(app_, users, locale="ar")
    ar_path = start(ar_client, condition)
    assert ar_client.get(ar_path).status_code == 200
