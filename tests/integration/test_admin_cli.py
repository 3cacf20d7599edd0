"""`flask users list|disable|enable` and `flask admin create`, each change audited as "cli"."""

from __future__ import annotations

from sqlalchemy import select
from support import PASSWORD

from app.accounts.models import User
from app.admin.models import AdminAction
from app.core.db import write_unit
from app.core.extensions import db


def audit_rows(app):
    """(actor kind, actor id, action, target id) of every audit row, oldest first."""
    with app.app_context():
        rows = db.session.scalars(select(AdminAction).order_by(AdminAction.id)).all()
        return [(r.actor_kind, r.actor_id, r.action, r.target_user_id) for r in rows]


def test_list_filters_by_email_and_pages(app, runner, users):
    """--email keeps the matching accounts; --page/--size walk them a page at a time."""
    for n in range(3):
        users.create(email=f"team{n}@example.com")
    users.create(email="other@example.com")
    result = runner.invoke(args=["users", "list", "--email", "TEAM", "--size", "2"])
    assert result.exit_code == 0, result.output
    assert "team0@" in result.output and "team1@" in result.output
    assert "team2@" not in result.output and "other@" not in result.output
    assert "page 1 of 2; 3 matching account(s)" in result.output
    second = runner.invoke(args=["users", "list", "--email", "team", "--size", "2", "--page", "2"])
    assert "team2@" in second.output and "team0@" not in second.output
    everyone = runner.invoke(args=["users", "list"])
    assert "other@example.com" in everyone.output and "4 matching" in everyone.output
    too_big = runner.invoke(args=["users", "list", "--size", "100000"])
    assert too_big.exit_code != 0  # the page size is bounded


def test_disable_ends_sessions_blocks_sign_in_and_is_audited(app, runner, users):
    """Disabling from the CLI signs the user out now and logs actor "cli"."""
    learner = users.create(email="cli-off@example.com")
    client = app.test_client()
    client.post("/login", data={"email": learner.email, "password": PASSWORD})
    assert client.get("/account/").status_code == 200
    result = runner.invoke(args=["users", "disable", "CLI-OFF@example.com"])
    assert result.exit_code == 0, result.output
    assert "1 session(s) ended" in result.output
    assert client.get("/account/").status_code == 302
    refused = app.test_client().post("/login", data={"email": learner.email, "password": PASSWORD})
    assert refused.status_code == 403
    assert audit_rows(app) == [("cli", None, "disable", learner.id)]
    assert "cli-off@example.com" in runner.invoke(args=["users", "list"]).output
    assert "disabled" in runner.invoke(args=["users", "list", "--email", "cli-off"]).output


def test_enable_lets_the_user_sign_in_and_is_audited(app, runner, users):
    """Enabling from the CLI clears the flag; the row says "cli"."""
    learner = users.create()
    with app.app_context(), write_unit(db.session) as s:
        s.get(User, learner.id).disabled = True
    result = runner.invoke(args=["users", "enable", learner.email])
    assert result.exit_code == 0, result.output
    response = app.test_client().post("/login", data={"email": learner.email, "password": PASSWORD})
    assert response.status_code == 303
    assert audit_rows(app) == [("cli", None, "enable", learner.id)]


def test_unknown_email_is_a_clean_error_and_logs_nothing(app, runner):
    """A missing account gives exit code 1 and a message, not a traceback."""
    for verb in ("disable", "enable"):
        result = runner.invoke(args=["users", verb, "nobody@example.com"])
        assert result.exit_code == 1
        assert "no account with the email nobody@example.com" in result.output
    assert audit_rows(app) == []


def test_admin_create_is_audited(app, runner):
    """`flask admin create` writes a "create-admin" row for the new account."""
    result = runner.invoke(args=["admin", "create", "new-admin@example.com"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == "new-admin@example.com"))
        assert admin.is_admin
        details = db.session.scalar(select(AdminAction.details))
    assert audit_rows(app) == [("cli", None, "create-admin", admin.id)]
    assert set(details) <= {"os_user"}  # the operator's login when readable, nothing else
