"""sbx-13 pages with the real app: the work page in ar and en (brief, minimums, every field),
a 422 that keeps every typed value, submitting the model campaign, the result with the key."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from conftest import app_config
from exercise_forms import form_for
from exercise_pages import attempt_at, signed_in, start_exercise

from app import create_app

start = partial(start_exercise, "sbx-13")
row = attempt_at


@pytest.fixture
def app_(database_url, mailbox) -> Iterator[Any]:
    """The real app."""
    yield create_app(app_config(database_url, mailbox))


def example_for(app_: Any, path: str) -> tuple[Any, dict[str, Any]]:
    """The attempt behind a path and the scorer's model campaign for it."""
    attempt = row(app_, path)
    with app_.app_context():
        from app.exercises.data import exercise_data
        from app.exercises.services import variant_of

        scorer = exercise_data().scorers["sbx-13"]
        return attempt, scorer.example(variant_of(attempt), attempt.task)


@pytest.mark.parametrize(("locale", "condition"), [("ar", "standard"), ("en", "two-phase-budget")])
def test_the_work_page_shows_the_brief_and_every_field(app_, users, locale, condition):
    """The brief, the minimums table, each phase's fields, the audience, placements, both ads."""
    client, _ = signed_in(app_, users, locale=locale)
    path = start(client, condition)
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    task = row(app_, path).task
    phases = 2 if condition == "two-phase-budget" else 1
    assert len(task["phases"]) == phases
    for n in range(1, phases + 1):
        for part in ("objective", "budget_type", "amount", "start", "end"):
            assert f'id="p{n}-{part}"' in html
    for name in ("city", "radius", "age_min", "age_max", "a-text", "b-media", "b-aspect", "test"):
        assert f'id="{name}"' in html
    for placement in task["placements"]:
        assert f'id="placement-{placement["id"]}"' in html
    assert task["brief"][locale] in html.replace("&#39;", "'")
    assert ("الحد الأدنى" if locale == "ar" else "Minimum daily budget") in html


def test_a_bad_submit_rerenders_422_keeping_every_typed_value(app_, users):
    """A non-number and a bad date are field errors; everything typed or ticked comes back."""
    client, _ = signed_in(app_, users, locale="en")
    path = start(client, "standard")
    attempt, example = example_for(app_, path)
    fields = form_for("sbx-13", example, attempt.task)
    fields |= {"p1-amount": "lots", "p1-start": "next week", "a-text": "Opening <b>soon</b>"}
    fields.pop("b-text")
    response = client.post(path, data={**fields, "action": "submit", "token": attempt.token})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="lots"' in html and 'id="p1-amount-error"' in html
    assert 'value="next week"' in html and 'id="p1-start-error"' in html
    assert 'id="b-text-error"' in html
    assert "Opening &lt;b&gt;soon&lt;/b&gt;" in html
    objective = example["phases"][0]["objective"]
    assert f'<option value="{objective}" selected>' in html
    assert f'value="{example["audience"]["radius"]}"' in html
    for box in [f"placement-{p}" for p in example["placements"]] + ["test"]:
        assert f'id="{box}" name="{box}" value="yes" checked' in html
    assert row(app_, path).status == "open"


@pytest.mark.parametrize("condition", ["standard", "two-phase-budget"])
def test_submitting_the_model_scores_100_and_shows_the_key(app_, users, condition):
    """The model campaign typed into the form scores 100; the result names every criterion,
    its lesson and the model campaign with its reasoning."""
    client, _ = signed_in(app_, users, locale="ar")
    path = start(client, condition)
    attempt, example = example_for(app_, path)
    fields = form_for("sbx-13", example, attempt.task)
    response = client.post(path, data={**fields, "action": "submit", "token": attempt.token})
    assert response.status_code == 303 and response.headers["Location"].endswith("/result")
    assert row(app_, path).score == 100
    result = client.get(f"{path}/result")
    assert result.status_code == 200
    html = result.get_data(as_text=True)
    assert "الحملة النموذجية" in html and "/lessons/ads-1" in html and "/lessons/ads-3" in html
    assert example["ads"][0]["text"] in html
    with app_.app_context():
        from sqlalchemy import select

        from app.core.extensions import db
        from app.skills.models import SkillEvidence

        rows = db.session.scalars(
            select(SkillEvidence).where(SkillEvidence.source_kind == "exercise")
        ).all()
    assert {(r.skill, r.score, r.hard_variant, r.item_id) for r in rows} == {
        (skill, 100.0, condition == "two-phase-budget", "sbx-13")
        for skill in ("paid-social", "social-strategy", "visual-content", "copywriting")
    }


def test_a_weak_submit_explains_each_miss_in_arabic(app_, users):
    """A campaign with a rejected claim and the wrong objective: the result words each reason
    (the policy rule's name and fix from the checker's data), never a raw code."""
    client, _ = signed_in(app_, users, locale="ar")
    path = start(client, "standard")
    attempt, example = example_for(app_, path)
    fields = form_for("sbx-13", example, attempt.task)
    fields |= {"a-text": "قبل وبعد: نتائج مضمونة", "b-text": "قبل وبعد: نتائج مضمونة"}
    client.post(path, data={**fields, "action": "submit", "token": attempt.token})
    html = client.get(f"{path}/result").get_data(as_text=True)
    assert row(app_, path).score < 100
    assert "policy." not in html and "قبل وبعد" in html
    assert "سيُرفض" in html or "يُرفض" in html


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "\x00\x1f", "9" * 400, "nan"])
def test_hostile_input_never_gives_500(app_, users, value):
    """Hostile values in every field re-render or save, never a server error."""
    client, _ = signed_in(app_, users, locale="ar")
    path = start(client, "two-phase-budget")
    attempt = row(app_, path)
    names = ["p1-objective", "p1-amount", "p2-start", "city", "radius", "age_min", "a-text"]
    names += ["a-cta", "b-aspect", "b-media", "lang-ar", "placement-meta-feed", "test"]
    for action in ("save", "submit"):
        data = dict.fromkeys(names, value) | {"action": action, "token": attempt.token}
        assert client.post(path, data=data).status_code in (303, 422)
    assert client.get(path).status_code in (200, 303)
