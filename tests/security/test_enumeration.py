"""Registration and sign-in do the same password work whether or not the email exists."""

from __future__ import annotations

from collections import Counter

from support import PASSWORD

from app.core import security


def count_hashing(monkeypatch) -> Counter[str]:  # type: ignore[no-untyped-def]
    """Count calls to the password hasher and checker behind app.core.security."""
    calls: Counter[str] = Counter()
    make, check = security.generate_password_hash, security.check_password_hash

    def counted_make(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["hash"] += 1
        return make(*args, **kwargs)

    def counted_check(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["check"] += 1
        return check(*args, **kwargs)

    monkeypatch.setattr(security, "generate_password_hash", counted_make)
    monkeypatch.setattr(security, "check_password_hash", counted_check)
    return calls


def work_of(calls: Counter[str], action) -> Counter[str]:  # type: ignore[no-untyped-def]
    """The hashing calls one action made."""
    before = Counter(calls)
    action()
    return calls - before


def test_registration_hashes_whether_or_not_the_email_exists(client, users, mailbox, monkeypatch):
    """A taken email costs one password hash, as a new account does (work, not wall time)."""
    users.create(email="taken@example.com")
    calls = count_hashing(monkeypatch)

    def register(email: str):  # type: ignore[no-untyped-def]
        """Post the registration form and check it answers as usual."""

        def post() -> None:
            form = {"email": email, "display_name": "نور", "password": PASSWORD}
            assert client.post("/register", data=form).status_code == 303

        return post

    taken = work_of(calls, register("taken@example.com"))
    fresh = work_of(calls, register("fresh@example.com"))
    assert taken == fresh == Counter({"hash": 1})
    assert len(mailbox.to("taken@example.com")) == len(mailbox.to("fresh@example.com")) == 1


def test_sign_in_checks_a_hash_whether_or_not_the_email_exists(app, client, users, monkeypatch):
    """An unknown email is checked against a dummy hash, as a wrong password is."""
    user = users.create()
    with app.app_context():  # the dummy hash is made once per policy, before counting
        from app.accounts.services import authenticate

        authenticate("nobody@example.com", "x")
    calls = count_hashing(monkeypatch)

    def sign_in(email: str):  # type: ignore[no-untyped-def]
        """Post a wrong password for `email`."""
        return lambda: client.post("/login", data={"email": email, "password": "wrong " * 3})

    unknown = work_of(calls, sign_in("nobody@example.com"))
    known = work_of(calls, sign_in(user.email))
    assert unknown == known == Counter({"check": 1})
