"""sbx-02 pages with the real app: start, work page in ar and en, 422 keeps typing, result."""

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
from app.skills.models import SkillEvidence

start = partial(start_exercise, "sbx-02")
row = attempt_at


@pytest.fixture
def app_(database_url, mailbox) -> Iterator[Any]:
    """The real app."""
    yield create_app(app_config(database_url, mailbox))


@pytest.mark.parametrize("locale", ["ar", "en"])
def test_the_work_page_renders_with_the_card_and_every_field(app_, users, locale):
    """Card, voice chart, one fieldset per version (and the fifth in the hard condition)."""
    client, _ = signed_in(app_, users, locale=locale)
    path = start(client, "plus-other-language")
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    task = row(app_, path).task
    assert task["card"]["link"]["url"] in html
    for name in (
        "instagram-caption",
        "x-format",
        "linkedin-hashtags",
        "tiktok-hook",
        "other-platform",
        "other-caption",
    ):
        assert f'id="{name}"' in html
    assert 'class="sbx02-card"' in html


def test_a_bad_save_rerenders_422_keeping_the_typed_text(app_, users):
    """A missing caption is a field error; everything typed comes back escaped."""
    client, _ = signed_in(app_, users, locale="en")
    path = start(client, "standard")
    data = {
        "instagram-caption": "مرحبا <b>نص</b>",
        "instagram-format": "reel",
        "action": "submit",
        "token": row(app_, path).token,
    }
    response = client.post(path, data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "مرحبا &lt;b&gt;نص&lt;/b&gt;" in html
    assert 'id="x-caption-error"' in html and "Write the caption" in html
    assert row(app_, path).status == "open"


@pytest.mark.parametrize("condition", ["standard", "plus-other-language"])
def test_submitting_the_example_shows_every_criterion_and_writes_evidence(app_, users, condition):
    """The example scores ≥ 90; the result page names every criterion; evidence rows exist."""
    client, user = signed_in(app_, users, locale="en")
    path = start(client, condition)
    attempt = row(app_, path)
    with app_.app_context():
        from app.exercises.data import exercise_data
        from app.exercises.services import variant_of

        scorer = exercise_data().scorers["sbx-02"]
        example = scorer.example(variant_of(attempt), attempt.task)
        exercise = scorer.exercise
    response = client.post(path, data={**example, "action": "submit", "token": attempt.token})
    assert response.status_code == 303 and response.headers["Location"].endswith("/result")
    assert row(app_, path).score >= 90
    html = client.get(f"{path}/result").get_data(as_text=True)
    for criterion in exercise.criteria:
        assert criterion.title["en"] in html.replace("&#39;", "'")
    assert "Model version" in html
    with app_.app_context():
        skills = db.session.scalars(
            select(SkillEvidence.skill).where(SkillEvidence.user_id == user.id)
        ).all()
    assert sorted(skills) == sorted(exercise.primary)
    ar_client, _ = signed_in(app_, users, locale="ar")
    ar_path = start(ar_client, condition)
    assert ar_client.get(ar_path).status_code == 200
