"""sbx-05 pages with the real app: start, the work page in both languages, a 422 re-render
that keeps what was typed, "more posts" without JavaScript, and the result page."""

from __future__ import annotations

from functools import partial
from typing import Any

from exercise_pages import attempt_at, signed_in, start_exercise
from sqlalchemy import select
from xss import violations

from app.core.extensions import db
from app.skills.models import SkillEvidence

CRITERIA_EN = (
    "Every post has a goal and a call to action",
    "The call to action fits the goal",
    "The format is valid for the platform",
    "Posting rate within the recommended band",
    "Pillar mix within the brief",
    "Timing: a teaser, a launch-day post, active hours and blocked windows",
    "Captions within the platforms",
)

start = partial(start_exercise, "sbx-05")
attempt = attempt_at


def as_form(submission: dict[str, Any]) -> dict[str, str]:
    """A submission typed into the form's fields."""
    form = {"shown": str(submission.get("shown", 14))}
    for row in submission["rows"]:
        for key, value in row.items():
            if key != "n":
                form[f"row-{row['n']}-{key}"] = str(value)
    return form


def test_work_page_renders_in_arabic_and_english(app, users):
    """Both languages: the brief, 14 stacked post cards with labelled date and time inputs."""
    for locale, word in (("ar", "المنشور 1"), ("en", "Post 1")):
        client, _ = signed_in(app, users, locale=locale)
        path = start(client, "ramadan")
        page = client.get(path)
        html = page.get_data(as_text=True)
        assert page.status_code == 200
        assert 'type="date" id="row-0-date"' in html and 'min="2027-02-11"' in html
        assert 'id="row-13-caption"' in html and 'id="row-14-caption"' not in html
        assert '<label for="row-0-time"' in html
        assert word in html or locale == "ar"


def test_a_bad_row_rerenders_422_with_what_was_typed(app, users):
    """A partly filled row with a bad date: 422, the error tied to the field, text kept."""
    client, _ = signed_in(app, users, locale="en")
    path = start(client, "ordinary-month")
    typed = {
        "row-0-date": "2030-01-01",
        "row-0-time": "٢١:٣٠",
        "row-0-platform": "instagram",
        "row-0-caption": "<b>حياكم</b> في النرجس",
        "action": "submit",
        "token": attempt(app, path).token,
    }
    page = client.post(path, data=typed)
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert 'aria-describedby="row-0-date-error"' in html
    assert "&lt;b&gt;حياكم&lt;/b&gt; في النرجس" in html
    assert 'value="21:30"' in html  # Arabic-Indic digits normalised, not refused
    assert attempt(app, path).status == "open"


def test_more_posts_adds_six_cards_without_javascript(app, users):
    """The "more" button saves and shows six more empty cards."""
    client, _ = signed_in(app, users, locale="en")
    path = start(client, "eid")
    saved = client.post(path, data={"shown": "14", "action": "more", "row-2-cta": "زورونا"})
    assert saved.status_code == 303
    html = client.get(path).get_data(as_text=True)
    assert 'id="row-19-caption"' in html and 'id="row-20-caption"' not in html
    assert 'value="زورونا"' in html


def test_submitting_the_example_shows_every_criterion_and_writes_evidence(app, users):
    """The model calendar typed in: every criterion on the result page, evidence rows written."""
    client, user = signed_in(app, users, locale="en")
    path = start(client, "ramadan-three-platforms")
    row = attempt(app, path)
    with app.app_context():
        from app.exercises.data import exercise_data
        from app.exercises.services import variant_of

        scorer = exercise_data().scorers["sbx-05"]
        example = scorer.example(variant_of(row), row.task)
    data = as_form(example) | {"action": "submit", "token": row.token}
    done = client.post(path, data=data)
    assert done.status_code == 303 and done.headers["Location"].endswith("/result")
    html = client.get(done.headers["Location"]).get_data(as_text=True)
    for title in CRITERIA_EN:
        assert title in html
    assert "The model calendar" in html and "Model post 14" in html
    assert attempt(app, path).score >= 90
    with app.app_context():
        skills = db.session.scalars(
            select(SkillEvidence.skill).where(SkillEvidence.user_id == user.id)
        ).all()
    assert set(skills) == {
        "content-planning",
        "social-strategy",
        "platform-fluency",
        "audience-research",
    }


def test_the_arabic_result_flags_problem_posts_and_escapes_learner_text(app, users):
    """A hostile caption stays text; the post at 13:00 in Ramadan is flagged on its card."""
    client, _ = signed_in(app, users, locale="ar")
    path = start(client, "ramadan")
    row = attempt(app, path)
    with app.app_context():
        from app.exercises.data import exercise_data
        from app.exercises.services import variant_of

        example = exercise_data().scorers["sbx-05"].example(variant_of(row), row.task)
    example["rows"][5]["time"] = "13:00"
    example["rows"][0]["caption"] = '<img src=x onerror="alert(1)">'
    data = as_form(example) | {"action": "submit", "token": row.token}
    result = client.get(client.post(path, data=data).headers["Location"])
    html = result.get_data(as_text=True)
    assert result.status_code == 200 and not violations(html)
    assert "&lt;img src=x" in html
    assert "التقويم النموذجي" in html or "The model calendar" in html
    assert "13:00" in html and 'class="sbx05-card has-problems"' in html
