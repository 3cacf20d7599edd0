"""Exercise evidence through the pages: a hard-failed desk writes 0 whatever its points, the
same seed gives the same attempt and score, `flask demo` scores one exercise, and the
content check counts the scored exercises."""

from __future__ import annotations

from typing import Any

from exercise_forms import desk_steps
from sqlalchemy import select
from support import PASSWORD

from app.core.extensions import db
from app.exercises import services
from app.exercises.data import exercise_data
from app.exercises.models import ExerciseAttempt
from app.skills.models import SkillEvidence

RISKS = {"tragedy", "news-exploitation"}


def signed_in(app, user):  # type: ignore[no-untyped-def]
    """A client signed in as `user`."""
    client = app.test_client()
    assert (
        client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 303
    )
    return client


def attempt_row(app, attempt_id: int) -> ExerciseAttempt:  # type: ignore[no-untyped-def]
    """The stored attempt (detached)."""
    with app.app_context():
        found = db.session.get(ExerciseAttempt, attempt_id)
        db.session.expunge(found)
        return found


def start(client, exercise_id: str, condition: str) -> int:  # type: ignore[no-untyped-def]
    """Start an attempt through the exercise's page; its id."""
    response = client.post(f"/exercises/{exercise_id}/attempts", data={"condition": condition})
    assert response.status_code == 303, response.status_code
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def test_a_hard_failed_desk_with_high_points_writes_evidence_0(app, users):
    """Every card right but a standing go on a tragedy card: points stay, evidence is 0."""
    user = users.create(locale="en")
    client = signed_in(app, user)
    attempt_id = start(client, "sbx-09", "standard")
    attempt = attempt_row(app, attempt_id)
    with app.app_context():
        key = exercise_data().scorers["sbx-09"].key(services.variant_of(attempt), attempt.task)
    risky = next(
        c["id"] for c in attempt.task["cards"] if RISKS & {*c["flags"], *c.get("late_flags", [])}
    )
    tags = [key["cards"][0]["tags"][0]]
    steps: list[dict[str, Any]] = [
        *desk_steps(key, attempt.task),
        {"step": "decision", "card": risky, "choice": "go", "tags": tags},
    ]
    for step in steps:
        response = client.post(f"/exercises/attempts/{attempt_id}/step", data=step)
        assert response.status_code == 303, (step, response.get_data(as_text=True)[:300])
    submitted = client.post(
        f"/exercises/attempts/{attempt_id}", data={"action": "submit", "token": attempt.token}
    )
    assert submitted.status_code == 303
    done = attempt_row(app, attempt_id)
    assert done.score == 0 and done.result["hard_fail"]
    assert done.result["points"] >= 60
    with app.app_context():
        rows = db.session.scalars(
            select(SkillEvidence).where(
                SkillEvidence.user_id == user.id, SkillEvidence.source_kind == "exercise"
            )
        ).all()
    assert {r.skill for r in rows} == {
        "trend-listening",
        "decision-judgement",
        "cross-platform-content",
    }
    assert {r.score for r in rows} == {0.0}
    page = client.get(f"/exercises/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "Hard fail: this attempt counts as 0" in page
    assert f"The criteria earned {round(done.result['points'])} points" in page


def test_the_same_seed_gives_the_same_variant_task_and_score(app, users):
    """Two learners on one seed: the same brand, task and result; another seed differs."""
    results = []
    for seed in (4242, 4242, 4243):
        user = users.create()
        with app.test_request_context():
            lib = app.extensions["tawasul_content"].library
            person = db.session.get(type(user), user.id)
            attempt = services.start_attempt(person, lib, "sbx-02", "standard", seed=seed)
            scorer = exercise_data().scorers["sbx-02"]
            answer = scorer.example(services.variant_of(attempt), attempt.task)
            answer["x-caption"] = "Short."  # the same imperfection each time
            done = services.submit_attempt(person, lib, attempt.id, attempt.token, answer)
            results.append((done.brand, done.task, done.result["criteria"], done.score))
    assert results[0] == results[1]
    assert results[0][3] < 100
    assert results[2][1] != results[0][1]


def test_flask_demo_gives_the_demo_learner_scored_exercises(app, runner):
    """The demo learner has sbx-02 and an inbox shift submitted and scored (once, however often)."""
    first = runner.invoke(args=["demo"])
    runner.invoke(args=["demo"])
    assert first.exit_code == 0 and "Demo exercises scored" in first.output
    with app.app_context():
        attempts = db.session.scalars(select(ExerciseAttempt).order_by(ExerciseAttempt.id)).all()
        assert [(a.status, a.exercise_id) for a in attempts] == [
            ("submitted", "sbx-02"),
            ("submitted", "sbx-06"),
        ]
        assert all(a.score is not None and a.score >= 80 for a in attempts)


def test_content_check_counts_the_scored_exercises(runner):
    """`flask content check` names the scored exercises it checked (every registered kind)."""
    from app.exercises.catalog import KINDS

    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert f"{len(KINDS)} scored exercises" in result.output
