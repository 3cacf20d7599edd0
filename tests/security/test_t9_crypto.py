"""T9: password hashing policy, rehash on login, SHA-256 signing, CSPRNG tokens."""

from __future__ import annotations

import hashlib
import statistics
import time

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from support import PASSWORD

from app.accounts.models import AccountToken, User
from app.core.config import ProductionConfig
from app.core.extensions import db
from app.core.security import SHA256SessionInterface, hash_password
from security.prod import HTTPS, SECRET, production_app


def test_production_hash_policy(app, database_url, mailbox):
    """Production hashes with scrypt N=32768 r=8 p=3; report the time of one hash."""
    assert ProductionConfig.PASSWORD_HASH_METHOD == "scrypt:32768:8:3"
    prod = production_app(
        database_url, mailbox, PASSWORD_HASH_METHOD=ProductionConfig.PASSWORD_HASH_METHOD
    )
    times = []
    with prod.app_context():
        for _ in range(3):
            start = time.perf_counter()
            stored = hash_password("a long enough passphrase")
            times.append((time.perf_counter() - start) * 1000)
    assert stored.startswith("scrypt:32768:8:3$")
    print(f"T9 hash policy: pass; login hash time p50 = {statistics.median(times):.0f} ms")


def test_old_hash_is_upgraded_at_login(app, database_url, mailbox, users):
    """A hash made under an older policy is replaced at the next successful login."""
    user = users.create()  # hashed with the cheap testing method
    prod = production_app(database_url, mailbox, PASSWORD_HASH_METHOD="pbkdf2:sha256:1000000")
    client = prod.test_client()
    assert (
        client.post(
            "/login", base_url=HTTPS, data={"email": user.email, "password": PASSWORD}
        ).status_code
        == 303
    )
    with prod.app_context():
        assert db.session.get(User, user.id).password_hash.startswith("pbkdf2:sha256:1000000$")


def test_session_cookie_signed_with_sha256(app, database_url, mailbox, users):
    """The session cookie verifies with HMAC-SHA256 and not with Flask's default SHA-1."""
    prod = production_app(database_url, mailbox)
    assert isinstance(prod.session_interface, SHA256SessionInterface)
    client = prod.test_client()
    client.get("/login", base_url=HTTPS)
    cookie = client.get_cookie("__Host-session", domain="127.0.0.1").value
    kwargs = {"salt": "cookie-session", "signer_kwargs": {"key_derivation": "hmac"}}
    good = URLSafeTimedSerializer(
        SECRET,
        **{**kwargs, "signer_kwargs": {"key_derivation": "hmac", "digest_method": hashlib.sha256}},
    )
    assert "csrf_token" in good.loads(cookie)
    legacy = URLSafeTimedSerializer(
        SECRET,
        **{**kwargs, "signer_kwargs": {"key_derivation": "hmac", "digest_method": hashlib.sha1}},
    )
    try:
        legacy.loads(cookie)
        raise AssertionError("cookie verified with SHA-1")
    except BadSignature:
        pass


def test_csrf_tokens_signed_with_sha256(app):
    """Flask-WTF's CSRF serializer is the SHA-256 one."""
    import flask_wtf.csrf

    serializer = flask_wtf.csrf.URLSafeTimedSerializer("k", salt="wtf-csrf-token")
    assert serializer.make_signer().digest_method is hashlib.sha256


def test_emailed_tokens_are_random_and_stored_hashed(client, users, mailbox, ctx):
    """Reset tokens carry 256 bits from secrets and only their SHA-256 is stored."""
    user = users.create()
    client.post("/forgot", data={"email": user.email})
    token = mailbox.last_link(user.email, "/reset/").rsplit("/", 1)[1]
    assert len(token) >= 43
    with ctx as session:
        stored = session.scalar(select(AccountToken.token_hash))
    assert stored == hashlib.sha256(token.encode()).hexdigest() and token not in stored
