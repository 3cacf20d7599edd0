"""sbx-07 pages with the real app: start, the work page in ar and en, a 422 keeps what was
typed, and the result page with the model guidelines and the key beside the answer."""

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

start = partial(start_exercise, "sbx-07")
row = attempt_at


@pytest.fixture
def app_(database_url, mailbox) -> Iterator[Any]:
    """The real app."""
    yield create_app(app_config(database_url, mailbox))


@pytest.mark.parametrize(
    ("locale", "condition"), [("ar", "standard"), ("en", "borderline-comments")]
)
def test_the_work_page_has_every_field_and_all_ten_comments(app_, users, locale, condition):
    """Six sections, eight rules, the welcome post, and a decision and rule per comment."""
    client, _ = signed_in(app_, users, locale=locale)
    path = start(client, condition)
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    task = row(app_, path).task
    assert len(task["comments"]) == 10
    for name in ("sec-purpose", "sec-privacy", "rule-1-text", "rule-8-category", "welcome"):
        assert f'id="{name}"' in html
    for comment in task["comments"]:
        assert f'id="c-{comment["id"]}-decision"' in html
        assert f'id="c-{comment["id"]}-rule"' in html
    if locale == "ar":
        assert "قواعد المجتمع" in html or 'lang="ar"' in html


def test_a_bad_submit_rerenders_422_keeping_every_typed_value(app_, users):
    """A half-written rule and missing decisions are field errors; the typed text comes back."""
    client, _ = signed_in(app_, users, locale="en")
    path = start(client, "standard")
    attempt = row(app_, path)
    first = attempt.task["comments"][0]["id"]
    data = {
        "sec-purpose": "مساحة <b>لمحبي</b> القهوة",
        "rule-2-text": "No insults",
        "welcome": "What is your favourite cup?",
        f"c-{first}-decision": "hide",
        f"c-{first}-rule": "2",
        "action": "submit",
        "token": attempt.token,
    }
    response = client.post(path, data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "مساحة &lt;b&gt;لمحبي&lt;/b&gt; القهوة" in html
    assert 'value="No insults"' in html and "What is your favourite cup?" in html
    assert 'id="rule-2-category-error"' in html
    second = attempt.task["comments"][1]["id"]
    assert f'id="c-{second}-decision-error"' in html
    assert '<option value="hide" selected>' in html
    assert row(app_, path).status == "open"


@pytest.mark.parametrize("condition", ["standard", "borderline-comments"])
def test_submitting_the_example_shows_the_key_and_writes_evidence(app_, users, condition):
    """The example scores 100; the result names every criterion, the model and the key."""
    client, user = signed_in(app_, users, locale="en")
    path = start(client, condition)
    attempt = row(app_, path)
    with app_.app_context():
        from app.exercises.data import exercise_data
        from app.exercises.services import variant_of

        scorer = exercise_data().scorers["sbx-07"]
        example = scorer.example(variant_of(attempt), attempt.task)
        exercise = scorer.exercise
    fields = form_for("sbx-07", example, attempt.task)
    response = client.post(path, data={**fields, "action": "submit", "token": attempt.token})
    assert response.status_code == 303 and response.headers["Location"].endswith("/result")
    assert row(app_, path).score == 100
    html = client.get(f"{path}/result").get_data(as_text=True).replace("&#39;", "'")
    for criterion in exercise.criteria:
        assert criterion.title["en"] in html
    assert "Model guidelines" in html and "The moderation round and its key" in html
    assert "/courses/lessons/com-2" in html or "com-2" in html
    with app_.app_context():
        skills = db.session.scalars(
            select(SkillEvidence.skill).where(SkillEvidence.user_id == user.id)
        ).all()
    assert sorted(skills) == sorted(exercise.primary)
    ar_client, _ = signed_in(app_, users, locale="ar")
    ar_path = start(ar_client, condition)
    assert ar_client.get(ar_path).status_code == 200


def test_citing_a_rule_never_written_is_named_on_the_result_page(app_, users):
    """The result page says which comment cited a rule the learner never wrote."""
    client, _ = signed_in(app_, users, locale="en")
    path = start(client, "standard")
    attempt = row(app_, path)
    with app_.app_context():
        from app.exercises.data import exercise_data
        from app.exercises.services import variant_of

        example = exercise_data().scorers["sbx-07"].example(variant_of(attempt), attempt.task)
    example["rules"] = example["rules"][:7]  # rule 8 is gone
    for mine in example["decisions"].values():
        mine["rule"] = "8"
    fields = form_for("sbx-07", example, attempt.task)
    client.post(path, data={**fields, "action": "submit", "token": attempt.token})
    html = client.get(f"{path}/result").get_data(as_text=True)
    assert "but your guidelines have no rule" in html
