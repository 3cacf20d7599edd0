"""T5: header crawl in production-like config, and cookie attributes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from pages import rules
from support import PASSWORD

from security.prod import HTTPS, production_app


@pytest.fixture
def prod(app, database_url, mailbox):
    """Production-like app sharing the test database."""
    return production_app(database_url, mailbox)


# Pages the site frames itself (the portfolio builder's live preview): same origin only.
SAME_ORIGIN_FRAMES = {"/portfolio/preview"}


def header_violations(response, authenticated, path=""):
    """Names of the 8 header rules a response breaks."""
    h = response.headers
    csp = h.get("Content-Security-Policy", "")
    bad = []
    framed = path in SAME_ORIGIN_FRAMES and response.status_code == 200
    framing = "'self'" if framed else "'none'"
    if h.get("X-Frame-Options") != ("SAMEORIGIN" if framing == "'self'" else "DENY"):
        bad.append("x-frame-options")
    for rule in ("object-src 'none'", "base-uri 'none'", f"frame-ancestors {framing}"):
        if rule not in csp:
            bad.append(f"csp {rule}")
    if "unsafe-inline" in csp or "unsafe-eval" in csp:
        bad.append("csp unsafe")
    if h.get("X-Content-Type-Options") != "nosniff":
        bad.append("nosniff")
    if h.get("Referrer-Policy") != "strict-origin-when-cross-origin":
        bad.append("referrer")
    hsts = h.get("Strict-Transport-Security", "")
    if "includeSubDomains" not in hsts or int(hsts.split("max-age=")[1].split(";")[0]) < 31536000:
        bad.append("hsts")
    if authenticated and "no-store" not in h.get("Cache-Control", ""):
        bad.append("no-store")
    if response.mimetype.startswith("text/") and "charset=utf-8" not in h.get("Content-Type", ""):
        bad.append("charset")
    # Headers iterates (name, value) pairs, hence .keys().
    if any(k.lower().startswith("access-control-") for k in h.keys()):  # noqa: SIM118
        bad.append("cors")
    return bad


def sign_in(prod, users, role="learner"):
    """An https client of the production-like app, signed in."""
    client = prod.test_client()
    user = users.create(role=role)
    response = client.post(
        "/login", base_url=HTTPS, data={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 303
    return client


def test_header_crawl(prod, users):
    """Every GET page as anonymous, learner and admin carries all security headers."""
    clients = {
        "anonymous": prod.test_client(),
        "learner": sign_in(prod, users),
        "admin": sign_in(prod, users, "admin"),
    }
    total, failures = 0, []
    for role, client in clients.items():
        extra = [("x", "/no-such-page"), ("y", "/static/css/app.css")]
        for _endpoint, url in [*rules(prod, "GET"), *extra]:
            response = client.get(url, base_url=HTTPS)
            total += 1
            for bad in header_violations(
                response,
                authenticated=role != "anonymous" and not url.startswith("/static"),
                path=url,
            ):
                failures.append((role, url, bad))
    assert not failures, failures
    print(f"T5 headers: {total} responses x 8 header rules: 0 violations")


def test_trace_and_source_metadata(prod):
    """TRACE is refused and no source metadata is served."""
    client = prod.test_client()
    assert client.open("/", method="TRACE", base_url=HTTPS).status_code == 405
    for path in (
        "/.git/config",
        "/.git/HEAD",
        "/static/../app/config.py",
        "/.env",
        "/pyproject.toml",
    ):
        assert client.get(path, base_url=HTTPS).status_code == 404, path


def test_production_cookie_attributes(prod, users):
    """Session and remember cookies: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/, 30 days."""
    client = prod.test_client()
    user = users.create()
    response = client.post(
        "/login", base_url=HTTPS, data={"email": user.email, "password": PASSWORD, "remember": "y"}
    )
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert set(cookies) >= {"__Host-session", "__Host-remember"}, cookies.keys()
    for name in ("__Host-session", "__Host-remember"):
        attrs = [a.strip().lower() for a in cookies[name].split(";")]
        assert "secure" in attrs and "httponly" in attrs and "samesite=lax" in attrs, name
        assert "path=/" in attrs and not any(a.startswith("domain=") for a in attrs), name
    expires = next(
        a for a in cookies["__Host-remember"].split(";") if a.strip().lower().startswith("expires=")
    )
    lifetime = parsedate_to_datetime(expires.split("=", 1)[1]) - datetime.now(UTC)
    assert timedelta(days=29) < lifetime <= timedelta(days=30)
    print("T4/T5 cookie attribute checks: all pass")


def test_signed_in_pages_are_not_cached(prod, users):
    """Authenticated responses carry Cache-Control: no-store; static files stay cacheable."""
    client = sign_in(prod, users)
    assert "no-store" in client.get("/account/", base_url=HTTPS).headers["Cache-Control"]
    assert "no-store" not in client.get("/static/css/app.css", base_url=HTTPS).headers.get(
        "Cache-Control", ""
    )
