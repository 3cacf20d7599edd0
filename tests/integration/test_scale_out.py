"""Scale-out proof (issue 19): two gunicorn servers share one PostgreSQL and one Redis, and a
visitor sent to either one by a load balancer without sticky sessions sees the same site.

Runs on the PostgreSQL + Redis leg of .ci/run (TEST_DATABASE_URL and TEST_REDIS_URL set);
skipped on SQLite. The database is a throwaway one made and dropped here (support.make_database,
as every PostgreSQL test database is), so the suite's own tables are never touched. Redis is
the suite's TEST_REDIS_URL: every counter this module makes is keyed by an address and an
email of this run only (see Browser.address), so it neither sees nor disturbs other tests'.
"""

from __future__ import annotations

import io
import os
import secrets
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import psycopg
import pytest
from conftest import app_config
from PIL import Image
from scaleout_world import (
    Browser,
    Server,
    cluster_environment,
    form_on,
    start_server,
    stop_all,
    wait_until_healthy,
)
from support import make_database

from app.core.config import CONFIGS
from app.core.ratelimit import counter_key

DATABASE = os.environ.get("TEST_DATABASE_URL", "").strip()
REDIS = os.environ.get("TEST_REDIS_URL", "").strip()
pytestmark = pytest.mark.skipif(
    not (DATABASE and REDIS),
    reason="scale-out needs TEST_DATABASE_URL and TEST_REDIS_URL (the PostgreSQL + Redis leg "
    "of .ci/run sets both)",
)
LIMITS = CONFIGS["production"].RATE_LIMITS


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, mailbox: Any) -> Iterator[dict[str, Any]]:
    """Servers A and B (one worker each) on a fresh PostgreSQL database and the test Redis."""
    import redis

    redis.Redis.from_url(REDIS).ping()  # configured but unreachable: fail, never skip
    folder = tmp_path_factory.mktemp("scaleout")
    with make_database(folder, "scaleout") as url:
        env = cluster_environment(url, REDIS, mailbox.port)
        servers: list[Server] = []
        try:
            for name in ("a", "b"):
                servers.append(start_server(name, env, folder))
            # The servers open no connection before they serve, so they boot during migration.
            migrate(url, mailbox)
            for server in servers:
                wait_until_healthy(server)
            yield {"a": servers[0], "b": servers[1], "url": url}
        finally:
            stop_all(servers)


def migrate(url: str, mailbox: Any) -> None:
    """Bring the new database to the migration head, as the deploy step does once."""
    from flask_migrate import upgrade

    from app import create_app
    from app.core.extensions import db

    app = create_app(app_config(url, mailbox))
    with app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()


def register(cluster: dict[str, Any], mailbox: Any) -> dict[str, str]:
    """Sign up on A and confirm the emailed link on B; return the account's details."""
    a, b = cluster["a"], cluster["b"]
    account = {
        "email": f"scale-{uuid.uuid4().hex[:12]}@example.com",
        "display_name": f"متعلمة {secrets.token_hex(3)}",
        "password": f"{secrets.token_urlsafe(12)} scale out",
    }
    browser = Browser()
    form = form_on(browser.get(a, "/register"), "/register")
    assert browser.submit(a, "/register", {**form, **account}).status == 303
    link = mailbox.last_link(account["email"], "/verify/")
    assert browser.get(b, link).location == "/verify"
    confirm = form_on(browser.get(b, "/verify"), "/verify")
    assert browser.submit(a, "/verify", confirm).location == "/login"
    return account


@pytest.fixture(scope="module")
def account(cluster: dict[str, Any], mailbox: Any) -> dict[str, str]:
    """One verified learner for the module (signed up through the two servers)."""
    return register(cluster, mailbox)


def sign_in(browser: Browser, form_from: Server, post_to: Server, account: dict[str, str]) -> None:
    """Open the sign-in form on one server and send it to the other (a load balancer may)."""
    form = form_on(browser.get(form_from, "/login"), "/login")
    reply = browser.submit(
        post_to, "/login", {**form, "email": account["email"], "password": account["password"]}
    )
    assert reply.status == 303, reply.text[:500]


def test_a_session_opened_on_one_server_works_on_the_other(cluster, account):
    """Signed in through A (with B's form), the learner's own page opens on B."""
    a, b = cluster["a"], cluster["b"]
    browser = Browser()
    assert browser.get(b, "/account/").location == "/login"  # nobody signed in yet
    sign_in(browser, b, a, account)
    page = browser.get(b, "/account/")
    assert page.status == 200
    assert account["display_name"] in page.text


def test_a_logout_on_one_server_ends_the_session_on_both(cluster, account):
    """After a logout on B, a copy of the old cookie is refused by A as well as by B."""
    a, b = cluster["a"], cluster["b"]
    browser = Browser()
    sign_in(browser, a, a, account)
    copied = dict(browser.cookies)
    assert Browser(cookies=dict(copied)).get(b, "/account/").status == 200  # the copy works
    logout = form_on(browser.get(b, "/account/"), "/logout")
    assert browser.submit(b, "/logout", logout).status == 303
    for server in (a, b):
        thief = Browser(cookies=dict(copied))
        assert thief.get(server, "/account/").location == "/login", server.name


def test_rate_limit_counts_are_shared_through_redis(cluster):
    """Sign-in attempts alternating between A and B trip the configured limit on the total."""
    a, b = cluster["a"], cluster["b"]
    browser = Browser()  # a fresh address: its per-address counter starts at zero
    email = f"guessed-{uuid.uuid4().hex[:12]}@example.com"
    limit, window = LIMITS["login-account"]
    # Both counters must trip on the account's limit, not the per-address one.
    assert LIMITS["login-ip"][0] > limit + 1
    # A fixed window that ended mid-loop would restart the count: start in a fresh one if
    # fewer than 20 s of this one remain.
    left = window - time.time() % window
    if left < 20:
        time.sleep(left + 0.5)
    form = form_on(browser.get(a, "/login"), "/login")
    statuses = []
    for attempt in range(limit + 1):
        server = (a, b)[attempt % 2]
        fields = {**form, "email": email, "password": f"guess {attempt}"}
        statuses.append(browser.submit(server, "/login", fields).status)
    # Per-process counters would let each server allow `limit` attempts: 2 x limit in all.
    assert statuses == [400] * limit + [429]
    storage_key, _end = counter_key("login-account", email, window, time.time())
    import redis

    assert int(redis.Redis.from_url(REDIS).get(storage_key) or 0) == limit + 1
    with psycopg.connect(cluster["url"].replace("+psycopg", "")) as conn:
        rows = conn.execute("SELECT count(*) FROM rate_counter").fetchone()
    assert rows == (0,), "Redis was configured, yet a server counted in the database"


def test_an_image_uploaded_through_one_server_is_served_by_the_other(cluster, account):
    """A photo sent to A comes back from B with the same bytes as from A and the same pixels."""
    a, b = cluster["a"], cluster["b"]
    browser = Browser()
    sign_in(browser, a, a, account)
    noise = os.urandom(48 * 32 * 3)
    upload = io.BytesIO()
    Image.frombytes("RGB", (48, 32), noise).save(upload, format="PNG")
    # The photo form appears once the portfolio has been saved: save the builder's profile.
    profile = form_on(browser.get(b, "/portfolio"), "/portfolio")
    assert browser.submit(b, "/portfolio", {**profile, "headline": "مديرة محتوى"}).status == 303
    form = form_on(browser.get(a, "/portfolio"), "/portfolio/photo")
    reply = browser.submit(a, "/portfolio/photo", form, files={"photo": upload.getvalue()})
    assert reply.status == 303
    builder = browser.get(b, "/portfolio").text
    src = builder.split('class="photo-thumb" src="', 1)[1].split('"', 1)[0]
    from_a, from_b = browser.get(a, src), browser.get(b, src)
    assert from_b.status == 200 and from_b.headers["Content-Type"] == "image/png"
    assert from_b.body == from_a.body
    with Image.open(io.BytesIO(from_b.body)) as served:
        assert served.size == (48, 32)
        assert served.convert("RGB").tobytes() == noise


def test_a_sandbox_clock_advanced_on_one_server_is_seen_by_the_other(cluster, account):
    """The clock A moves is the clock B shows, and B refuses a move from A's stale page."""
    a, b = cluster["a"], cluster["b"]
    browser = Browser()
    sign_in(browser, b, b, account)
    start = form_on(browser.get(a, "/sandbox"), "/sandbox/start")
    started = browser.submit(a, "/sandbox/start", start)
    assert started.status == 303
    page = started.location
    advance = f"{page}/advance"
    before = form_on(browser.get(a, page), advance)
    shown = datetime.fromisoformat(before["clock"])
    moved = browser.submit(a, advance, {**before, "amount": "3", "unit": "days"})
    assert moved.location == page
    seen = form_on(browser.get(b, page), advance)
    assert datetime.fromisoformat(seen["clock"]) == shown + timedelta(days=3)
    # A second click from the page that still shows the old clock, landing on B this time.
    browser.page = page
    stale = browser.submit(b, advance, {**before, "amount": "3", "unit": "days"})
    assert stale.status == 409
