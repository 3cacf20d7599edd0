"""T3: CSRF on every state-changing route, no writes from GET, no open redirects."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import app_config
from itsdangerous import TimestampSigner
from pages import row_counts, rules
from support import PASSWORD

from app import create_app
from app.core.extensions import db

EVIL_NEXT = [
    "//evil.example",
    "https://evil.example",
    "http:evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/\t/evil.example",
    " //evil.example",
    "%2F%2Fevil.example",
    "/%2F/evil.example/..",
    "////evil.example",
    "https:/evil.example",
    "data:text/html,x",
    "/\r\nLocation: https://evil.example",
]


def same_site(location: str) -> bool:
    """True when a browser would resolve `location` to our own origin."""
    resolved = urlsplit(urljoin("https://tawasul.example/page", location))
    return (
        resolved.scheme == "https" and resolved.netloc == "tawasul.example" and "\\" not in location
    )


@pytest.fixture
def csrf_app(app, database_url, mailbox):
    """The app with CSRF protection switched on, sharing the test database."""
    return create_app(app_config(database_url, mailbox, WTF_CSRF_ENABLED=True))


def signed_in(app, users):
    """A client signed in through the real form (with its token)."""
    client = app.test_client()
    user = users.create()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 303
    return client


def page_token(client, path="/"):
    """The token embedded in a page for this client's session."""
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


# Public forms bound to a page by a signed token instead of the session's CSRF token: a
# visitor has no account, so a forged request gains nothing a visitor could not do directly.
CSRF_EXEMPT = {
    "app.portfolio.views.contact": "contact form on a public portfolio (signed page token)",
    "app.portfolio.views_share.report": "abuse report on a public portfolio (signed page token)",
    "app.credentials.views.verify_again": "re-checks a credential, changes nothing (signed token)",
}


def test_forged_posts_are_rejected(csrf_app, users, monkeypatch):
    """Every POST route rejects a missing, a foreign and an expired token with 400."""
    victim = signed_in(csrf_app, users)
    other = signed_in(csrf_app, users)
    foreign = page_token(other)
    real_ts = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real_ts(self) - 5 * 3600)
    expired = page_token(victim)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", real_ts)
    post_rules = rules(csrf_app, "POST")
    with csrf_app.app_context():
        before = row_counts(db)
    exempt = {f"{view.__module__}.{view.__name__}" for view in csrf_app.view_functions.values()}
    exempt &= csrf_app.extensions["csrf"]._exempt_views
    assert exempt == set(CSRF_EXEMPT), "a view left CSRF protection without a stated reason"
    for endpoint, url in post_rules:
        for variant, token in (("missing", None), ("foreign", foreign), ("expired", expired)):
            data = {"csrf_token": token} if token else {}
            response = victim.post(url, data=data)
            view = csrf_app.view_functions[endpoint]
            if f"{view.__module__}.{view.__name__}" in CSRF_EXEMPT:
                # No session to ride: refused without the page's own signed token (or 404).
                assert response.status_code in (400, 404), (endpoint, variant)
                continue
            assert response.status_code == 400, (endpoint, variant, response.status_code)
    with csrf_app.app_context():
        assert row_counts(db) == before
    # Control: the victim's own fresh token is accepted.
    assert victim.post("/logout", data={"csrf_token": page_token(victim)}).status_code == 303
    print(f"T3 CSRF: {len(post_rules)} state-changing endpoints x 3 forged variants: 100% rejected")


def test_get_requests_write_nothing(app, users):
    """Crawling every GET route as a signed-in learner leaves every table's row count unchanged."""
    client = app.test_client()
    user = users.create()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    get_rules = rules(app, "GET")
    with app.app_context():
        before = row_counts(db)
    for endpoint, url in get_rules:
        # /readyz answers 503 here on purpose: the suite's tables are not made by migrations.
        assert client.get(url).status_code < 500 or endpoint == "main.readyz", url
    with app.app_context():
        assert row_counts(db) == before
    print(f"T3 GET crawl: {len(get_rules)} GET routes crawled: 0 writes")


@pytest.mark.parametrize("target", EVIL_NEXT)
def test_login_next_never_leaves_the_site(client, users, target):
    """next= after login only ever redirects to a same-site path."""
    user = users.create()
    response = client.post(
        "/login", query_string={"next": target}, data={"email": user.email, "password": PASSWORD}
    )
    assert same_site(response.headers["Location"]), target


@pytest.mark.parametrize("target", EVIL_NEXT)
def test_language_switch_next_never_leaves_the_site(client, target):
    """The language switch's next= only ever redirects to a same-site path."""
    response = client.post("/language", data={"lang": "en", "next": target})
    assert same_site(response.headers["Location"]), target


def test_same_site_next_is_kept(client, users):
    """A relative next= is honoured after login (control for the cases above)."""
    user = users.create()
    response = client.post(
        "/login?next=/account/sessions", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/account/sessions"
    print(f"T3 open redirects: 0 in {2 * len(EVIL_NEXT)} cases")


def test_state_changes_refuse_get(client, users):
    """Logout, deletion and session ending are POST-only (GET is 405 or a form page)."""
    assert client.get("/logout").status_code == 405
    assert client.get("/language").status_code == 405
    assert client.get("/account/sessions/x/end").status_code in (302, 405)
