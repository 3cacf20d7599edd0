"""Registration, verification, sign-in and sign-out through the test client."""

from __future__ import annotations

from sqlalchemy import select
from support import PASSWORD

from app.accounts.models import User, UserSession


def register(client, email="nour@example.com", name="نور", password=PASSWORD):
    """Post the registration form."""
    return client.post(
        "/register", data={"email": email, "display_name": name, "password": password}
    )


def test_register_verify_login_logout(client, mailbox, ctx):
    """A new account is verified by its emailed link, then signs in and out."""
    assert register(client).status_code == 303
    link = mailbox.last_link("nour@example.com", "/verify/")
    follow = client.get(link)
    assert follow.status_code == 303 and follow.headers["Location"] == "/verify"
    assert client.post("/verify").headers["Location"] == "/login"
    response = client.post("/login", data={"email": "NOUR@example.com ", "password": PASSWORD})
    assert response.status_code == 303
    assert client.get("/account/").status_code == 200
    with ctx as session:
        assert session.scalar(select(UserSession)) is not None
    assert client.post("/logout").status_code == 303
    with ctx as session:
        assert session.scalar(select(UserSession)) is None
    assert client.get("/account/").status_code == 302


def test_verification_link_is_single_use(client, mailbox):
    """A verification link works once; a second use shows the invalid-link page."""
    register(client)
    link = mailbox.last_link("nour@example.com", "/verify/")
    client.get(link)
    client.post("/verify")
    client.get(link)
    assert client.post("/verify").status_code == 400


def test_unverified_account_cannot_sign_in(client, users):
    """Signing in before confirming the email sends the user to the resend page."""
    user = users.create(verified=False)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/register/check-inbox"
    assert client.get("/account/").status_code == 302


def test_registration_does_not_reveal_existing_email(client, users, mailbox, ctx):
    """Registering a taken email answers like a new one and mails the owner a notice."""
    user = users.create(email="taken@example.com")
    first = register(client, email="taken@example.com", name="غريب")
    second = register(client, email="fresh@example.com", name="جديد")
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert len(mailbox.to(user.email)) == 1
    with ctx as session:
        assert session.scalar(select(User).where(User.display_name == "غريب")) is None


def test_invalid_registration_keeps_what_was_typed(client):
    """A rejected form re-renders with messages and keeps the email and name typed."""
    response = register(client, email="nour@example.com", name="نور الهدى", password="short")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="nour@example.com"' in page and 'value="نور الهدى"' in page
    assert 'aria-invalid="true"' in page


def test_wrong_password_and_unknown_email_answer_the_same(client, users):
    """Login failures give one message whether or not the email exists."""
    user = users.create()
    wrong = client.post("/login", data={"email": user.email, "password": "not the password"})
    unknown = client.post("/login", data={"email": "nobody@example.com", "password": "whatever1"})
    assert wrong.status_code == unknown.status_code == 400

    def main_part(response, email):
        body = response.get_data(as_text=True).replace(email, "EMAIL")
        return body[body.index("<main") :]

    assert main_part(wrong, user.email) == main_part(unknown, "nobody@example.com")
