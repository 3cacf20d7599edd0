"""Operator pages: account search, disable/enable with confirmation, sessions, audit log."""

from __future__ import annotations

from sqlalchemy import select
from support import PASSWORD

from app.accounts.models import User, UserSession
from app.admin.models import AdminAction
from app.core.db import write_unit
from app.core.extensions import db


def signed_in(app, user):
    """A fresh client signed in as `user`."""
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return client


def actions(app):
    """Every audit row as (actor kind, actor id, action, target id, details), oldest first."""
    with app.app_context():
        rows = db.session.scalars(select(AdminAction).order_by(AdminAction.id)).all()
        return [(r.actor_kind, r.actor_id, r.action, r.target_user_id, r.details) for r in rows]


def test_search_by_email_or_name_is_paged_and_takes_wildcards_literally(app, users):
    """A search matches email or name substrings; % and _ are letters; the page is bounded."""
    admin = users.create(role="admin", email="boss@example.com", locale="en")
    users.create(email="nora.k@example.com", name="نورة")
    users.create(email="omar@example.com", name="Omar_100%")
    client = signed_in(app, admin)
    page = client.get("/admin/?q=NORA").get_data(as_text=True)
    assert "nora.k@example.com" in page and "omar@example.com" not in page
    page = client.get("/admin/?q=نورة").get_data(as_text=True)
    assert "nora.k@example.com" in page and "omar@example.com" not in page
    # "%" matches a literal percent sign only, not everything.
    page = client.get("/admin/?q=100%25").get_data(as_text=True)
    assert "omar@example.com" in page and "nora.k@example.com" not in page
    page = client.get("/admin/?q=_").get_data(as_text=True)
    assert "omar@example.com" in page and "nora.k@example.com" not in page
    assert "No account matches" in client.get("/admin/?q=zzz-none").get_data(as_text=True)
    huge = client.get("/admin/?page=99999999999999999999&q=" + "x" * 5000)
    assert huge.status_code == 200


def test_search_pages_hold_at_most_the_page_size(app, users):
    """Page 1 shows 50 accounts and links to page 2, which shows the rest with the query kept."""
    admin = users.create(role="admin", email="boss@example.com")
    with app.app_context(), write_unit(db.session) as s:
        for n in range(52):
            s.add(User(email=f"bulk{n}@example.com", display_name="b", password_hash="x"))
    client = signed_in(app, admin)
    first = client.get("/admin/?q=bulk").get_data(as_text=True)
    assert first.count("@example.com</bdi>") == 50
    assert "page=2&amp;q=bulk" in first or "q=bulk&amp;page=2" in first
    second = client.get("/admin/?q=bulk&page=2").get_data(as_text=True)
    assert second.count("@example.com</bdi>") == 2


def test_disable_asks_first_then_signs_the_user_out_and_is_logged(app, users):
    """GET shows a confirmation and changes nothing; POST disables, ends sessions, logs the admin."""
    admin, learner = users.create(role="admin"), users.create()
    learner_client = signed_in(app, learner)
    assert learner_client.get("/account/").status_code == 200
    admin_client = signed_in(app, admin)
    confirm = admin_client.get(f"/admin/users/{learner.id}/disable")
    assert confirm.status_code == 200
    assert f'action="/admin/users/{learner.id}/disable"' in confirm.get_data(as_text=True)
    assert learner_client.get("/account/").status_code == 200  # nothing happened yet
    assert actions(app) == []
    done = admin_client.post(f"/admin/users/{learner.id}/disable")
    assert done.status_code == 303
    # The learner's live session stops working on its very next request.
    after = learner_client.get("/account/")
    assert after.status_code == 302 and after.headers["Location"].startswith("/login")
    with app.app_context():
        assert db.session.get(User, learner.id).disabled
        left = db.session.scalars(select(UserSession).where(UserSession.user_id == learner.id))
        assert left.all() == []
    assert actions(app) == [("admin", admin.id, "disable", learner.id, {"sessions": 1})]
    page = admin_client.get("/admin/audit").get_data(as_text=True)
    assert admin.email in page and learner.email in page


def test_a_session_cookie_of_a_disabled_user_is_refused_even_if_its_row_survived(app, users):
    """Disabling is checked on every request, not only through deleted session rows."""
    learner = users.create()
    client = signed_in(app, learner)
    with app.app_context(), write_unit(db.session) as s:
        s.get(User, learner.id).disabled = True  # no session row is deleted here
    response = client.get("/account/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_disabled_login_says_so_only_to_the_right_password(app, users):
    """Wrong password or unknown email: the usual error; right password: disabled and whom to ask."""
    learner = users.create(email="off@example.com")
    with app.app_context(), write_unit(db.session) as s:
        s.get(User, learner.id).disabled = True
    client = app.test_client()
    english = {"Accept-Language": "en"}
    wrong = client.post(
        "/login", data={"email": learner.email, "password": "not the password"}, headers=english
    )
    unknown = client.post(
        "/login", data={"email": "nobody@example.com", "password": "whatever1"}, headers=english
    )
    for response in (wrong, unknown):
        body = response.get_data(as_text=True)
        assert response.status_code == 400
        assert "The email or password is wrong." in body
        assert "disabled" not in body and app.config["SUPPORT_EMAIL"] not in body
    right = client.post(
        "/login",
        data={"email": learner.email, "password": PASSWORD},
        headers={"Accept-Language": "en"},
    )
    body = right.get_data(as_text=True)
    assert right.status_code == 403
    assert "This account is disabled" in body and app.config["SUPPORT_EMAIL"] in body
    assert 'value="off@example.com"' in body  # what they typed is kept
    assert client.get("/account/").status_code == 302  # and no session was started


def test_disabled_message_is_in_arabic_for_an_arabic_visitor(app, users):
    """The disabled notice follows the visitor's language (Arabic first)."""
    learner = users.create()
    with app.app_context(), write_unit(db.session) as s:
        s.get(User, learner.id).disabled = True
    response = app.test_client().post(
        "/login",
        data={"email": learner.email, "password": PASSWORD},
        headers={"Accept-Language": "ar"},
    )
    assert "هذا الحساب موقوف" in response.get_data(as_text=True)


def test_enable_lets_the_user_back_in_and_is_logged(app, users):
    """Enabling (after its confirmation) lets the owner sign in again."""
    admin, learner = users.create(role="admin"), users.create()
    admin_client = signed_in(app, admin)
    assert admin_client.post(f"/admin/users/{learner.id}/disable").status_code == 303
    assert "/enable" in admin_client.get(f"/admin/users/{learner.id}").get_data(as_text=True)
    assert admin_client.get(f"/admin/users/{learner.id}/enable").status_code == 200
    assert admin_client.post(f"/admin/users/{learner.id}/enable").status_code == 303
    signed_in(app, learner)
    assert [a[2] for a in actions(app)] == ["disable", "enable"]
    assert actions(app)[1] == ("admin", admin.id, "enable", learner.id, {})


def test_admin_cannot_disable_their_own_account(app, users):
    """Disabling yourself is refused: it would lock the last admin out."""
    admin = users.create(role="admin")
    client = signed_in(app, admin)
    assert client.post(f"/admin/users/{admin.id}/disable").status_code == 303
    with app.app_context():
        assert not db.session.get(User, admin.id).disabled
    assert client.get("/admin/").status_code == 200
    assert actions(app) == []


def test_disable_without_csrf_token_is_refused(app, users):
    """The confirmation POST needs its CSRF token when CSRF is on."""
    admin, learner = users.create(role="admin"), users.create()
    client = signed_in(app, admin)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post(f"/admin/users/{learner.id}/disable").status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    with app.app_context():
        assert not db.session.get(User, learner.id).disabled


def test_user_page_lists_sessions_without_their_ids_and_ends_one(app, users):
    """The admin sees each device by a digest key, ends one, and the action is logged."""
    admin, learner = users.create(role="admin"), users.create()
    phone, laptop = signed_in(app, learner), signed_in(app, learner)
    client = signed_in(app, admin)
    with app.app_context():
        ids = db.session.scalars(
            select(UserSession.id).where(UserSession.user_id == learner.id)
        ).all()
    page = client.get(f"/admin/users/{learner.id}").get_data(as_text=True)
    assert not any(sid in page for sid in ids)
    from app.admin.services import session_key

    # Each row's form ends that session by its key; no row is "this device" on another's page.
    assert all(f"/sessions/{session_key(sid)}/end" in page for sid in ids)
    assert "<strong>(" not in page
    end = client.post(f"/admin/users/{learner.id}/sessions/{session_key(ids[0])}/end")
    assert end.status_code == 303
    statuses = sorted(c.get("/account/").status_code for c in (phone, laptop))
    assert statuses == [200, 302]
    again = client.post(f"/admin/users/{learner.id}/sessions/{session_key(ids[0])}/end")
    assert again.status_code == 303  # already gone: a message, not an error
    assert actions(app) == [("admin", admin.id, "end-session", learner.id, {"sessions": 1})]


def test_end_every_session_is_logged_with_the_admin(app, users):
    """The existing "end sessions" action now writes who did it."""
    admin, learner = users.create(role="admin"), users.create()
    learner_client = signed_in(app, learner)
    client = signed_in(app, admin)
    response = client.post(f"/admin/users/{learner.id}/end-sessions", data={"back": "user"})
    assert response.headers["Location"] == f"/admin/users/{learner.id}"
    assert learner_client.get("/account/").status_code == 302
    assert actions(app) == [("admin", admin.id, "end-sessions", learner.id, {"sessions": 1})]


def test_unpublish_is_logged_with_the_admin(app, users):
    """Unpublishing a reported portfolio writes an audit row naming the admin and the owner."""
    from app.portfolio.models import Portfolio

    admin, learner = users.create(role="admin"), users.create()
    with app.app_context(), write_unit(db.session) as s:
        portfolio = Portfolio(user_id=learner.id, slug="to-take-down", status="published")
        s.add(portfolio)
        s.flush()
        portfolio_id = portfolio.id
    client = signed_in(app, admin)
    assert client.post(f"/admin/portfolios/{portfolio_id}/unpublish").status_code == 303
    assert actions(app) == [
        ("admin", admin.id, "unpublish-portfolio", learner.id, {"portfolio": portfolio_id})
    ]


def test_audit_log_is_paged_newest_first(app, users):
    """51 actions: page 1 shows 50, newest first; page 2 shows the oldest one."""
    from app.admin.audit import record

    admin, learner = users.create(role="admin", locale="en"), users.create()
    with app.app_context(), write_unit(db.session) as s:
        actor = s.get(User, admin.id)
        record(s, actor, "enable", learner.id)
        for _ in range(50):
            record(s, actor, "end-sessions", learner.id, {"sessions": 0})
    client = signed_in(app, admin)
    first = client.get("/admin/audit", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert first.count("<tr>") == 51  # header row + 50
    assert "Enabled the account" not in first and "/admin/audit?page=2" in first
    second = client.get("/admin/audit?page=2", headers={"Accept-Language": "en"})
    assert second.get_data(as_text=True).count("Enabled the account") == 1


def test_deleting_an_admin_keeps_their_actions_without_naming_them(app, users):
    """An action outlives the admin who took it, unlinked and without details."""
    from app.admin.audit import forget_user, record

    admin, learner = users.create(role="admin"), users.create()
    with app.app_context(), write_unit(db.session) as s:
        record(s, s.get(User, admin.id), "end-sessions", learner.id, {"sessions": 2})
    with app.app_context(), write_unit(db.session) as s:
        forget_user(s, s.get(User, admin.id))
    assert actions(app) == [("admin", None, "end-sessions", learner.id, {})]
