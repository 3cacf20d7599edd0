"""T2: route census and IDOR matrix (Kolibri/Moodle style)."""

from __future__ import annotations

from pages import census, rules
from sqlalchemy import select
from support import PASSWORD

from app.accounts.models import UserSession
from app.core.extensions import db
from app.core.registry import ACCESS_CLASSES


def login(client, user):
    """Sign a test client in."""
    assert (
        client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 303
    )


def test_every_endpoint_is_classified(app):
    """Each endpoint declares public, signed-in, owner or admin; none is unclassified."""
    table = census(app)
    unclassified = sorted(e for e, kind in table.items() if kind is None)
    assert not unclassified, f"unclassified endpoints: {unclassified}"
    assert set(table.values()) <= set(ACCESS_CLASSES)
    print(
        f"T2 census: {len(table)} endpoints, 100% classified "
        f"({', '.join(f'{k}={list(table.values()).count(k)}' for k in ACCESS_CLASSES)})"
    )


def test_unclassified_view_is_refused(app):
    """The access hook denies by default when a view has no class."""
    view = app.view_functions["main.privacy"]
    saved = view.access_class
    try:
        del view.access_class
        assert app.test_client().get("/privacy").status_code == 403
    finally:
        view.access_class = saved


def test_anonymous_is_sent_to_login_everywhere_but_public(app):
    """Anonymous requests to signed-in, owner and admin routes redirect to the login page."""
    table = census(app)
    client = app.test_client()
    checked = 0
    for method in ("GET", "POST"):
        for endpoint, url in rules(app, method):
            if table[endpoint] == "public":
                continue
            response = client.open(url, method=method)
            assert response.status_code == 302, (method, url, response.status_code)
            assert response.headers["Location"].startswith("/login?next="), url
            checked += 1
    assert checked >= 10


def test_learner_cannot_reach_admin_routes(app, users):
    """A learner gets 403 from every admin route, and changes nothing."""
    table = census(app)
    victim = users.create()
    client = app.test_client()
    login(client, users.create())
    with app.app_context():
        before = db.session.scalar(select(UserSession).where(UserSession.user_id == victim.id))
    for method in ("GET", "POST"):
        for endpoint, url in rules(app, method):
            if table[endpoint] == "admin":
                url = url.replace("999999", str(victim.id))
                assert client.open(url, method=method).status_code == 403, url
    assert before is None


def owner_cases(app, a):
    """Owner routes with objects of learner `a`: (endpoint, method, url, state, owner_changes)."""
    from sqlalchemy import func

    from app.quizzes import services as quiz
    from app.quizzes.domain import lesson_items
    from app.quizzes.models import QuizAttempt
    from app.skills.models import ReviewCard

    lib = app.extensions["tawasul_content"].library
    items = next(ids for lid in lib.lessons if (ids := lesson_items(lib, lid)))
    with app.test_request_context():
        sid = db.session.scalars(select(UserSession.id).where(UserSession.user_id == a.id)).first()
        user = db.session.get(type(a), a.id)
        open_attempt = quiz.start_attempt(user, "lesson", "x", items)
        viewed = quiz.start_attempt(user, "lesson", "x", items)
        done = quiz.submit_attempt(user, lib, viewed.token, {})
        card = db.session.scalar(select(ReviewCard).where(ReviewCard.user_id == a.id))
        token, done_id, card_id = open_attempt.token, done.id, card.id

    def state(query):
        def read():
            with app.app_context():
                return db.session.execute(query).all()

        return read

    attempts = select(func.count(QuizAttempt.id)).where(QuizAttempt.user_id == a.id)
    from security.sandbox_cases import sandbox_cases

    sandbox = sandbox_cases(app, a, state)
    from security.exercise_cases import exercise_cases

    sandbox += exercise_cases(app, a, state)
    from security.abtest_cases import abtest_cases

    sandbox += abtest_cases(app, a, state)
    from security.ads_cases import ads_cases

    sandbox += ads_cases(app, a, state)
    from security.inbox_cases import inbox_cases

    sandbox += inbox_cases(app, a, state)
    from security.credential_cases import credential_cases

    sandbox += credential_cases(app, a, state)
    # Ending the session comes last: it signs the owner's own client out.
    return [
        *[case[:5] if case[5] is None else case for case in sandbox],
        ("quizzes.take", "GET", f"/quiz/{token}", state(attempts), False),
        ("quizzes.result", "GET", f"/quiz/attempts/{done_id}", state(attempts), False),
        ("quizzes.retake", "POST", f"/quiz/attempts/{done_id}/retake", state(attempts), True),
        (
            "skills.answer",
            "POST",
            f"/review/{card_id}",
            state(select(ReviewCard.reviews).where(ReviewCard.id == card_id)),
            True,
        ),
        (
            "quizzes.submit",
            "POST",
            f"/quiz/{token}",
            state(select(QuizAttempt.status).where(QuizAttempt.token == token)),
            True,
        ),
        (
            "accounts.end_session",
            "POST",
            f"/account/sessions/{sid}/end",
            state(select(UserSession.id).where(UserSession.id == sid)),
            True,
        ),
    ]


def test_idor_matrix(app, users):
    """Owner routes refuse another learner (404) and anonymous visitors; the owner succeeds."""
    a, b = users.create(), users.create()
    client_a, client_b = app.test_client(), app.test_client()
    login(client_a, a)
    login(client_b, b)
    cases = owner_cases(app, a)
    owner_endpoints = {e for e, kind in census(app).items() if kind == "owner"}
    assert {c[0] for c in cases} == owner_endpoints, "every owner route needs an IDOR case"
    intrusions = 0
    for endpoint, method, url, state, owner_changes, *rest in cases:
        data = rest[0] if rest else None
        before = state()
        assert client_b.open(url, method=method, data=data).status_code in (403, 404), endpoint
        assert state() == before, f"{endpoint}: learner B changed A's data"
        anon = app.test_client().open(url, method=method, data=data)
        assert anon.status_code == 302 and anon.headers["Location"].startswith("/login"), endpoint
        assert state() == before, endpoint
        intrusions += 2
        expected = 200 if method == "GET" else 303
        assert client_a.open(url, method=method, data=data).status_code == expected, endpoint
        assert (state() != before) == owner_changes, f"{endpoint}: the owner's request misbehaved"
    print(
        f"T2 IDOR: {len(cases)} owner (endpoint, method) pairs x 2 intruders: "
        f"0 successes in {intrusions} tries; controls 100% succeeded"
    )
