"""Lessons, quizzes, the gap report and review through the test client."""

from __future__ import annotations

import json
import re

from sqlalchemy import func, select
from support import PASSWORD

from app.quizzes.domain import diagnostic_items, lesson_items
from app.quizzes.models import Answer, QuizAttempt
from app.skills.models import ReviewCard, SkillEvidence, SkillState


def lib_of(app):
    """The content library the app loaded."""
    return app.extensions["tawasul_content"].library


def signed_in(app, users, **kw):
    """A client signed in as a new learner, and the learner."""
    user = users.create(**kw)
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    return client, user


def right_answers(item):
    """Form fields that answer an item correctly."""
    name, spec = f"q-{item.id}", item.spec
    if item.type in ("single", "truefalse"):
        return {name: str(spec["answer"]).lower()}
    if item.type == "multiple":
        return {name: list(spec["answer"])}
    if item.type == "short":
        return {name: spec["accept"][0]["text"]}
    if item.type == "numeric":
        a = spec["accept"][0]
        return {name: str(a.get("value", a.get("min")))}
    if item.type == "ordering":
        return {f"{name}-{oid}": str(i + 1) for i, oid in enumerate(spec["answer"])}
    return {f"{name}-{p['id']}": p["id"] for p in spec["pairs"]}


def test_lesson_page_shows_content_and_marks_complete(app, users):
    """A lesson shows objectives, rendered body, sources and completes with one click."""
    client, _ = signed_in(app, users)
    page = client.get("/lessons/plt-1").get_data(as_text=True)
    lesson = lib_of(app).lessons["plt-1"]
    assert lesson.text("ar").title in page and lesson.text("ar").objectives[0] in page
    assert 'class="fact"' in page and 'rel="noopener noreferrer"' in page
    assert client.post("/lessons/plt-1/complete").status_code == 303
    assert client.post("/lessons/plt-1/complete").status_code == 303  # a double click is harmless
    assert "plt-2" in client.get("/").get_data(as_text=True)  # continue with the next lesson


def test_missing_language_falls_back_with_a_notice(app, users):
    """A lesson missing in one language is shown in the other, with a visible notice."""
    lib = lib_of(app)
    lesson = lib.lessons["plt-1"]
    saved = lesson.texts
    object.__setattr__(lesson, "texts", {"ar": saved["ar"]})
    try:
        page = (
            app.test_client()
            .get("/lessons/plt-1", headers={"Accept-Language": "en"})
            .get_data(as_text=True)
        )
    finally:
        object.__setattr__(lesson, "texts", saved)
    assert 'class="notice"' in page and saved["ar"].title in page


def test_quiz_never_sends_the_answer_key_and_scores_once(app, users, ctx):
    """The quiz page holds no answers or rationales; replayed submissions score once."""
    client, _user = signed_in(app, users)
    lib = lib_of(app)
    items = [lib.items[i] for i in lesson_items(lib, "plt-1")]
    take = client.post("/quiz/lesson/plt-1").headers["Location"]
    page = client.get(take).get_data(as_text=True)
    for item in items:
        assert item.text("rationale", "ar") not in page
    form = {k: v for item in items for k, v in right_answers(item).items()}
    first = client.post(take, data=form)
    again = client.post(take, data={})
    assert first.headers["Location"] == again.headers["Location"]
    with ctx as session:
        assert session.scalar(select(func.count(Answer.id))) == len(items)
        attempt = session.scalar(select(QuizAttempt))
        assert attempt.score == 1.0 and attempt.status == "submitted"
    result = client.get(first.headers["Location"]).get_data(as_text=True)
    assert items[0].text("rationale", "ar") in result


def test_retake_only_what_was_missed(app, users, ctx):
    """After a wrong answer, one click starts an attempt with only the missed items."""
    client, _ = signed_in(app, users)
    lib = lib_of(app)
    items = [lib.items[i] for i in lesson_items(lib, "plt-1")]
    take = client.post("/quiz/lesson/plt-1").headers["Location"]
    form = {k: v for item in items[1:] for k, v in right_answers(item).items()}
    result = client.post(take, data=form).headers["Location"]
    retake = client.post(result + "/retake").headers["Location"]
    page = client.get(retake).get_data(as_text=True)
    assert f'id="q-{items[0].id}"' in page and f'id="q-{items[1].id}"' not in page
    with ctx as session:
        assert session.scalar(select(func.count(ReviewCard.id))) == 1


def test_diagnostic_seeds_the_gap_report_and_rebuild_is_identical(app, users, runner, ctx):
    """The diagnostic's answers become evidence; `flask skills rebuild` reproduces the states."""
    client, _user = signed_in(app, users)
    lib = lib_of(app)
    ids = diagnostic_items(lib)
    assert len(ids) == 2 * len(lib.skills)
    take = client.post("/quiz/diagnostic").headers["Location"]
    form = {k: v for i in ids[::2] for k, v in right_answers(lib.items[i]).items()}
    client.post(take, data=form)
    with ctx as session:
        before = sorted(
            (s.skill, s.level, round(s.p_know, 9), json.dumps(s.items, sort_keys=True))
            for s in session.scalars(select(SkillState))
        )
        assert session.scalar(select(func.count(SkillEvidence.id))) >= len(ids)
    assert runner.invoke(args=["skills", "rebuild"]).exit_code == 0
    with ctx as session:
        after = sorted(
            (s.skill, s.level, round(s.p_know, 9), json.dumps(s.items, sort_keys=True))
            for s in session.scalars(select(SkillState))
        )
    assert before == after and len(before) == len(lib.skills)
    report = client.get("/skills").get_data(as_text=True)
    assert "<svg" in report and "<table" in report


def test_target_role_changes_the_report(app, users, ctx):
    """Choosing a role saves it and the report compares against it."""
    client, _user = signed_in(app, users)
    assert client.post("/skills/target", data={"role": "freelance-manager"}).status_code == 303
    page = client.get("/skills").get_data(as_text=True)
    assert (
        'value="freelance-manager" selected' in page or 'selected value="freelance-manager"' in page
    )
    assert client.post("/skills/target", data={"role": "astronaut"}).status_code == 400


def test_review_card_answered_in_place(app, users, ctx):
    """A missed item becomes a due card on the home page; answering reschedules it."""
    client, _ = signed_in(app, users)
    take = client.post("/quiz/lesson/plt-1").headers["Location"]
    client.post(take, data={})
    home = client.get("/").get_data(as_text=True)
    assert "/review/" in home
    with ctx as session:
        card = session.scalar(select(ReviewCard))
        item = lib_of(app).items[card.item_id]
    response = client.post(f"/review/{card.id}", data={**right_answers(item), "next": "/"})
    assert response.headers["Location"] == "/"
    with ctx as session:
        card = session.get(ReviewCard, card.id)
        assert card.reviews == 1 and card.due > card.created_at


def test_search_matches_arabic_spelling_variants(client):
    """Search ignores hamza, taa marbuta and diacritics, in both languages."""
    lib = client.application.extensions["tawasul_content"].library
    word = "المنصات"
    assert any(word in t.body for lesson in lib.lessons.values() for t in lesson.texts.values())
    page = client.get("/learn/search", query_string={"q": "المنصّات"}).get_data(as_text=True)
    assert "/lessons/" in page
    english = client.get("/learn/search", query_string={"q": "LinkedIn"}).get_data(as_text=True)
    assert "/lessons/plt-3" in english
    assert client.get("/learn/search", query_string={"q": "<script>"}).status_code == 200


def test_target_role_is_a_setting_too(app, users, ctx):
    """The settings page saves or clears the target role and refuses unknown roles."""
    from app.accounts.models import User

    client, user = signed_in(app, users)
    form = {"display_name": "ليلى", "locale": "ar", "target_role": "community-specialist"}
    assert client.post("/account/settings", data=form).status_code == 303
    with ctx as session:
        assert session.get(User, user.id).target_role == "community-specialist"
    assert (
        client.post("/account/settings", data={**form, "target_role": "astronaut"}).status_code
        == 400
    )
    assert client.post("/account/settings", data={**form, "target_role": ""}).status_code == 303
    with ctx as session:
        assert session.get(User, user.id).target_role is None


def test_catalogue_counts_follow_each_learners_completions(app, users):
    """The catalogue (kept rendered per progress) shows each learner's own count, moves at
    once when a lesson is completed, and shows visitors the lesson totals only."""
    lib = lib_of(app)
    track = next(t for t in lib.ordered_tracks() if "plt-1" in t.lesson_ids)
    total = sum(1 for lid in track.lesson_ids if lid in lib.lessons)
    first, _ = signed_in(app, users)
    second, _ = signed_in(app, users)

    def done_of(client) -> int:
        """The count the catalogue's progress bar shows for the track of plt-1."""
        page = client.get("/learn").get_data(as_text=True)
        bars = re.findall(r'<progress max="(\d+)" value="(\d+)"', page)
        assert len(bars) == len(lib.tracks)
        index = [t.id for t in lib.ordered_tracks()].index(track.id)
        assert int(bars[index][0]) == total
        return int(bars[index][1])

    assert done_of(first) == done_of(second) == 0
    assert first.post("/lessons/plt-1/complete").status_code == 303
    assert done_of(first) == 1
    assert done_of(second) == 0
    visitor = app.test_client().get("/learn").get_data(as_text=True)
    assert "<progress" not in visitor
