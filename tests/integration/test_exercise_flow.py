"""The exercise engine end to end with a small stand-in scorer: start on a seeded variant,
keep what was typed, refuse and re-render on bad input, submit once, write evidence.

The stand-in runs on the catalogue's sbx-03 entry (no scorer of its own yet), so these tests
prove the engine without depending on any one exercise's scoring; each real exercise has its
own tests (tests/exercises/).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import app_config
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import func, select
from support import PASSWORD

from app import create_app
from app.core.extensions import db
from app.core.registry import SCORERS
from app.exercises.catalog import KINDS, Kind
from app.exercises.domain.engine import CriterionScore, Reason, Scorer, finish
from app.exercises.models import ExerciseAttempt
from app.skills.models import SkillEvidence, SkillState

WORK = """{% from "exercises/_fields.html" import text %}
<p id="brand-{{ task.brand }}">{{ task.draw }}</p>
{{ text("text", "Text", draft.get("text"), errors.get("text"), rows=3) }}"""


class StandIn(Scorer):
    """Words (60): five or more; visit (40): the word "visit"; a hard fail on "password"."""

    exercise_id = "sbx-03"
    criteria = (("words", 60), ("visit", 40))

    def task(self, variant):  # type: ignore[no-untyped-def]
        """The brand and a seeded number."""
        return {"brand": variant.brand, "draw": variant.rng("draw").randrange(1000)}

    def key(self, variant, task):  # type: ignore[no-untyped-def]
        """A model answer."""
        return {"answer": "visit us today at the new branch please"}

    def score(self, variant, task, submission):  # type: ignore[no-untyped-def]
        """Score the one text field."""
        text = str(submission.get("text", ""))
        words = CriterionScore("words", 60 if len(text.split()) >= 5 else 0, 60)
        visit = CriterionScore("visit", 40 if "visit" in text else 0, 40, (Reason("v"),))
        fails = [Reason("password")] if "password" in text else []
        return finish(self.exercise, variant, [words, visit], fails)


def parse(form, task):  # type: ignore[no-untyped-def]
    """One text field; empty is an error."""
    text = str(form.get("text", ""))[:5000]
    return {"text": text}, ({} if text.strip() else {"text": "empty"})


@pytest.fixture
def engine_app(database_url, mailbox) -> Iterator[Any]:
    """An app with the stand-in registered for sbx-03 (removed afterwards)."""
    KINDS["sbx-03"] = Kind("sbx-03", StandIn, lambda *a: {}, parse, "standin.html", {})
    SCORERS["sbx-03"] = StandIn
    try:
        application = create_app(app_config(database_url, mailbox))
        application.jinja_env.loader = ChoiceLoader(
            [DictLoader({"standin.html": WORK}), application.jinja_env.loader]
        )
        yield application
    finally:
        KINDS.pop("sbx-03", None)
        SCORERS.pop("sbx-03", None)


def signed_in(application, users, **fields):  # type: ignore[no-untyped-def]
    """A test client signed in as a new learner."""
    user = users.create(**fields)
    client = application.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    return client, user


def start(client, condition="standard") -> str:  # type: ignore[no-untyped-def]
    """Start an attempt; the work page's path."""
    response = client.post("/exercises/sbx-03/attempts", data={"condition": condition})
    assert response.status_code == 303, response.status_code
    return response.headers["Location"]


def attempt_row(application, path: str) -> ExerciseAttempt:
    """The attempt behind a work or result path."""
    attempt_id = int(path.rstrip("/").split("/")[3])
    with application.app_context():
        return db.session.get(ExerciseAttempt, attempt_id)


def test_start_stores_the_seeded_variant_and_its_task(engine_app, users):
    """The attempt keeps seed, brand and condition; its task is the one that seed builds."""
    client, _ = signed_in(engine_app, users)
    path = start(client, "bilingual-voice")
    row = attempt_row(engine_app, path)
    assert row.hard and row.condition == "bilingual-voice" and row.status == "open"
    page = client.get(path).get_data(as_text=True)
    assert f'id="brand-{row.brand}"' in page and str(row.task["draw"]) in page
    with engine_app.app_context():
        from app.exercises.data import exercise_data
        from app.exercises.services import variant_of

        again = exercise_data().scorers["sbx-03"].task(variant_of(row))
    assert again == row.task


def test_an_unknown_condition_or_exercise_is_refused_with_a_message(engine_app, users):
    """A condition the exercise lacks flashes a message; an exercise without a scorer too."""
    client, _ = signed_in(engine_app, users, locale="en")
    bad = client.post("/exercises/sbx-03/attempts", data={"condition": "nope"})
    assert bad.status_code == 303 and bad.headers["Location"].endswith("/exercises/sbx-03")
    assert "cannot be taken yet" in client.get("/exercises/sbx-03").get_data(as_text=True)
    other = client.post("/exercises/sbx-13/attempts", data={"condition": "standard"})
    assert other.status_code == 303
    assert client.post("/exercises/no-such/attempts", data={"condition": "x"}).status_code == 404


def test_a_draft_is_kept_and_a_bad_submission_rerenders_with_what_was_typed(engine_app, users):
    """Save keeps the text; submitting an empty answer is a 422 page that keeps the form."""
    client, _ = signed_in(engine_app, users)
    path = start(client)
    saved = client.post(path, data={"text": "مرحبا <b>draft</b>", "action": "save"})
    assert saved.status_code == 303
    assert "مرحبا &lt;b&gt;draft&lt;/b&gt;" in client.get(path).get_data(as_text=True)
    refused = client.post(path, data={"text": "   ", "action": "submit", "token": "x"})
    assert refused.status_code == 422
    assert 'aria-invalid="true"' in refused.get_data(as_text=True)
    assert attempt_row(engine_app, path).status == "open"


def test_submitting_twice_scores_once_and_writes_one_evidence_row_per_skill(engine_app, users):
    """The same token twice: one result, one set of evidence rows (idempotent)."""
    client, user = signed_in(engine_app, users)
    path = start(client, "bilingual-voice")
    token = attempt_row(engine_app, path).token
    data = {"text": "visit us today at the new branch", "action": "submit", "token": token}
    first = client.post(path, data=data)
    second = client.post(path, data=data | {"text": "changed afterwards"})
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"].endswith("/result")
    row = attempt_row(engine_app, path)
    assert row.status == "submitted" and row.score == 100 and row.draft["text"].startswith("visit")
    with engine_app.app_context():
        evidence = db.session.execute(
            select(
                SkillEvidence.skill,
                SkillEvidence.role,
                SkillEvidence.score,
                SkillEvidence.hard_variant,
                SkillEvidence.source_kind,
            ).where(SkillEvidence.user_id == user.id)
        ).all()
    assert sorted(evidence) == [
        ("audience-research", "secondary", 100.0, True, "exercise"),
        ("copywriting", "primary", 100.0, True, "exercise"),
    ]


def test_a_hard_fail_stores_zero_evidence_and_the_result_page_explains_it(engine_app, users):
    """Points earned but a hard fail: evidence 0, the page shows the points and why not."""
    client, user = signed_in(engine_app, users, locale="en")
    path = start(client)
    token = attempt_row(engine_app, path).token
    text = "visit us and tell me your password now"
    client.post(path, data={"text": text, "action": "submit", "token": token})
    row = attempt_row(engine_app, path)
    assert row.score == 0 and row.result["points"] == 100 and row.result["hard_fail"]
    with engine_app.app_context():
        scores = db.session.scalars(
            select(SkillEvidence.score).where(SkillEvidence.user_id == user.id)
        ).all()
    assert scores and set(scores) == {0.0}
    page = client.get(f"{path}/result").get_data(as_text=True)
    assert "Hard fail" in page and "100" in page


def test_a_submitted_attempt_cannot_change_and_a_retake_gets_a_new_attempt(engine_app, users):
    """Saving after submit leaves the result; the retake button opens a new attempt."""
    client, _ = signed_in(engine_app, users)
    path = start(client)
    token = attempt_row(engine_app, path).token
    client.post(path, data={"text": "one two three four five", "action": "submit", "token": token})
    after = client.post(path, data={"text": "new", "action": "save"})
    assert after.status_code == 303 and after.headers["Location"].endswith("/result")
    assert attempt_row(engine_app, path).draft["text"] == "one two three four five"
    again = start(client)
    assert again != path


def test_another_learner_gets_404_everywhere(engine_app, users):
    """Work, save and result pages of someone else's attempt do not exist for you."""
    owner, _ = signed_in(engine_app, users)
    path = start(owner)
    intruder, _ = signed_in(engine_app, users)
    assert intruder.get(path).status_code == 404
    assert intruder.post(path, data={"text": "x", "action": "save"}).status_code == 404
    assert intruder.get(f"{path}/result").status_code == 404
    with engine_app.app_context():
        assert db.session.scalar(select(func.count(SkillState.id))) is not None


def test_the_kept_work_page_carries_each_sessions_token_and_the_latest_draft(engine_app, users):
    """Two devices open one attempt's work page (kept rendered per draft): each form carries
    its own session's token, and a draft saved on one shows on the other at once."""
    import re

    from test_kept_forms import device

    def forms(client, path, _endpoint):  # type: ignore[no-untyped-def]
        """The CSRF tokens of the work page's forms (drawn by hidden_tag)."""
        page = client.get(path).get_data(as_text=True)
        return re.findall(r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', page)

    user = users.create()
    first, second = device(engine_app, user), device(engine_app, user)
    path = start(first)
    engine_app.config["WTF_CSRF_ENABLED"] = True
    try:
        (mine,) = forms(first, path, path)
        (theirs,) = forms(second, path, path)  # served from the kept rendering
        assert mine != theirs
        saved = second.post(
            path, data={"csrf_token": theirs, "text": "from the phone", "action": "save"}
        )
        assert saved.status_code == 303
        assert second.post(path, data={"text": "no token", "action": "save"}).status_code == 400
    finally:
        engine_app.config["WTF_CSRF_ENABLED"] = False
    assert "from the phone" in first.get(path).get_data(as_text=True)


def test_a_kept_rendering_holding_a_real_token_is_refused(engine_app, users):
    """A partial that draws the session's own CSRF token (a real form) is never kept: the
    guard in render_kept_form raises under test and the memo stays empty."""
    from app.accounts.forms import ConfirmForm
    from app.core.memo import Memo, SlotForm, TokenInKeptPage, render_kept_form

    engine_app.jinja_env.loader = ChoiceLoader(
        [
            DictLoader({"leaky.html": "<form>{{ form.hidden_tag() }}</form>"}),
            engine_app.jinja_env.loader,
        ]
    )
    memo = Memo(4)
    engine_app.config["WTF_CSRF_ENABLED"] = True
    try:
        with engine_app.test_request_context("/"):
            with pytest.raises(TokenInKeptPage):
                render_kept_form(memo, ("k",), "leaky.html", lambda: {"form": ConfirmForm()})
            assert not memo.items
            safe = render_kept_form(memo, ("k",), "leaky.html", lambda: {"form": SlotForm()})
            assert 'name="csrf_token"' in str(safe) and len(memo.items) == 1
    finally:
        engine_app.config["WTF_CSRF_ENABLED"] = False
