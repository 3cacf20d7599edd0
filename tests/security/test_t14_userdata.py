"""T14: every user-linked table is registered for export and deletion, and both work."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import timedelta

from sqlalchemy import func, select
from support import PASSWORD

from app.core.db import write_unit
from app.core.extensions import db
from app.core.registry import NOT_LEARNER_TEXT, USER_DATA, XSS_FIELDS

# Tables that hold no personal data linked to a user, with the reason.
NOT_USER_LINKED = {
    "rate_counter": "hashed keys, deleted when their window ends, no user id",
    "portfolio_tombstone": "SHA-256 digests of deleted addresses, no user id",
    "portfolio_report": "visitors' reports about a portfolio, deleted with it (cascade)",
    "credential_key": "the issuer's public keys",
    "credential_status_list": "the public revocation bits, no user id",
}


def user_linked_tables():
    """Tables with a foreign key to user.id, plus the user table."""
    linked = {"user"}
    for table in db.metadata.sorted_tables:
        if any(fk.column.table.name == "user" for fk in table.foreign_keys):
            linked.add(table.name)
    return linked


def user_column(table):
    """The column that links a row to its user."""
    if table.name == "user":
        return table.c.id
    return next(fk.parent for fk in table.foreign_keys if fk.column.table.name == "user")


def test_every_user_linked_table_is_registered(app):
    """A table linked to a user without export and delete handlers fails the suite."""
    with app.app_context():
        linked = user_linked_tables()
        unclassified = {t.name for t in db.metadata.sorted_tables} - linked - set(NOT_USER_LINKED)
    assert not unclassified, f"classify these tables: {unclassified}"
    assert linked == set(USER_DATA), (
        f"missing: {linked - set(USER_DATA)}; stale: {set(USER_DATA) - linked}"
    )


def test_every_text_column_is_classified_for_xss(app):
    """Each text column of a user-linked table is an XSS-harness field or declared not shown."""
    from sqlalchemy import String, Text

    with app.app_context():
        missing = []
        for table in db.metadata.sorted_tables:
            if table.name not in USER_DATA:
                continue
            for column in table.columns:
                name = f"{table.name}.{column.name}"
                if (
                    isinstance(column.type, String | Text)
                    and name not in XSS_FIELDS
                    and name not in NOT_LEARNER_TEXT
                ):
                    missing.append(name)
    assert not missing, f"register with the XSS harness or declare not learner text: {missing}"


def seed_learning(app, client):
    """Complete a lesson and submit its quiz: progress, attempts, answers, evidence, cards."""
    from app.quizzes.domain import lesson_items

    lib = app.extensions["tawasul_content"].library
    lesson = next(lid for lid in lib.lessons if lesson_items(lib, lid))
    assert client.post(f"/lessons/{lesson}/complete").status_code == 303
    take = client.post(f"/quiz/lesson/{lesson}").headers["Location"]
    assert client.post(take).status_code == 303


def seed_sandbox(client):
    """Start a sandbox account and save one idea: account, idea and post rows."""
    start = client.post("/sandbox/start", data={"scenario": "riyadh-cafe"})
    base = start.headers["Location"]
    data = {"title": "t", "action": "save", "p-x-include": "1", "p-x-format": "feed"}
    data |= {"p-x-text": "hi", "p-x-goal": "awareness", "p-x-media_count": "0"}
    assert client.post(f"{base}/compose", data=data).status_code == 303
    # An A/B test of that draft and a second one that changes its first line, locked.
    assert client.post(f"{base}/compose", data=data | {"p-x-text": "hey"}).status_code == 303
    with client.application.app_context():
        from app.sandbox.models import SandboxPost

        drafts = db.session.scalars(select(SandboxPost.id).order_by(SandboxPost.id)).all()[-2:]
    declare = {"post_a": drafts[0], "post_b": drafts[1], "attribute": "first-line"}
    declare |= {"metric": "engaged", "duration_days": "7", "sample": "500", "direction": ""}
    made = client.post(f"{base}/abtests", data=declare)
    assert made.status_code == 303
    assert client.post(f"{made.headers['Location']}/lock").status_code == 303
    # A draft ad campaign with its ad (the ads manager's two tables).
    from security.ads_cases import ads_form

    with client.application.app_context():
        from app.sandbox.models import SandboxAccount

        first = db.session.scalars(select(SandboxAccount.clock)).all()[-1].date()
    campaign = client.post(f"{base}/ads/new", data=ads_form(first + timedelta(days=1)))
    assert campaign.status_code == 303
    # An answered inbox message and an alert (the inbox's rows and events).
    page = client.get(base).get_data(as_text=True)
    clock = page.split('name="clock" value="', 1)[1].split('"', 1)[0]
    advance = {"amount": "1", "unit": "days", "clock": clock}
    assert client.post(f"{base}/advance", data=advance).status_code == 303
    inbox = client.get(f"{base}/inbox").get_data(as_text=True)
    key = inbox.split("/inbox/", 1)[1].split('"', 1)[0]
    clock = client.get(f"{base}/inbox/{key}").get_data(as_text=True)
    clock = clock.split('name="clock" value="', 1)[1].split('"', 1)[0]
    reply = {"action": "private", "text": "نعتذر، راسلناك على الخاص", "clock": clock}
    assert client.post(f"{base}/inbox/{key}", data=reply | {"do": "send"}).status_code == 303
    alert = {"role": "spokesperson", "note": "n"}
    assert client.post(f"{base}/inbox/alert", data=alert).status_code == 303

    # A portfolio with a former slug and a case study from the sandbox account.
    assert client.get("/portfolio").status_code == 200
    form = {"headline": "h", "bio": "b", "lang": "ar", "status": "published"}
    assert client.post("/portfolio", data=form | {"slug": "first-slug"}).status_code == 303
    assert client.post("/portfolio", data=form | {"slug": "second-slug"}).status_code == 303
    app = client.application
    with app.app_context(), write_unit(db.session) as s:
        from app.portfolio.models import CaseStudy, ContactMessage, Portfolio, ShareLink

        found = db.session.scalar(select(Portfolio).where(Portfolio.slug == "second-slug"))
        s.add(CaseStudy(portfolio_id=found.id, user_id=found.user_id, title="case"))
        s.add(ShareLink(portfolio_id=found.id, user_id=found.user_id, digest="d" * 64))
        from app.portfolio.models import PortfolioImage, PortfolioItem, PortfolioStat

        picture = PortfolioImage(
            user_id=found.user_id, data=b"png", mime="image/png", width=1, height=1
        )
        picture.digest = hashlib.sha256(b"png").hexdigest()
        s.add(picture)
        s.flush()
        found.photo_id = picture.id
        s.add(PortfolioItem(portfolio_id=found.id, user_id=found.user_id, kind="tool", title="t"))
        s.add(
            PortfolioStat(
                portfolio_id=found.id,
                user_id=found.user_id,
                day=found.updated_at.date(),
                metric="view",
                key="",
                count=3,
            )
        )
        s.add(
            ContactMessage(
                portfolio_id=found.id,
                user_id=found.user_id,
                sender_name="client",
                sender_email="c@example.com",
                body="hello there",
            )
        )


def seed_exercise(client):
    """Start sbx-02 through its page and submit its example answer: an attempt and evidence."""
    from exercise_forms import form_for

    from app.exercises import services
    from app.exercises.data import exercise_data
    from app.exercises.models import ExerciseAttempt

    start = client.post("/exercises/sbx-02/attempts", data={"condition": "standard"})
    assert start.status_code == 303
    work = start.headers["Location"]
    with client.application.app_context():
        attempt = db.session.get(ExerciseAttempt, int(work.rstrip("/").rsplit("/", 1)[1]))
        scorer = exercise_data().scorers["sbx-02"]
        example = scorer.example(services.variant_of(attempt), attempt.task)
        form = form_for("sbx-02", example, attempt.task) | {"action": "submit"}
        form["token"] = attempt.token
    assert client.post(work, data=form).status_code == 303


def seed_credential(app, user):
    """One track credential, issued and signed as the app does."""
    from app.accounts.models import User
    from app.credentials.domain.due import Due
    from app.credentials.issue import issue_one

    lib = app.extensions["tawasul_content"].library
    with app.test_request_context(), write_unit(db.session) as s:
        return issue_one(s, s.get(User, user.id), lib, Due("track", "platforms"), "ar").public_id


def seed_admin_action(app, users, user):
    """An audit row about the user, written by an admin (the user stays signed in)."""
    from app.accounts.models import User
    from app.admin.audit import record

    admin = users.create(role="admin")
    with app.app_context(), write_unit(db.session) as s:
        record(s, s.get(User, admin.id), "disable", user.id, {"sessions": 0})


def test_export_then_delete_covers_everything(app, users, mailbox):
    """Export holds a row of every table; deletion leaves 0 rows and no live session."""
    user = users.create()
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    client.post("/forgot", data={"email": user.email})  # an account_token row
    seed_learning(app, client)
    seed_sandbox(client)
    seed_exercise(client)
    public_id = seed_credential(app, user)
    seed_admin_action(app, users, user)
    export = client.get("/account/export")
    assert export.headers["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(export.get_data()))
    data = json.loads(archive.read("data.json"))
    for row in data["tables"]["portfolio_image"]:
        picture = archive.read(row["file"])
        assert hashlib.sha256(picture).hexdigest() == row["sha256"], row["file"]
    assert set(data["tables"]) == set(USER_DATA)
    empty = [t for t, rows in data["tables"].items() if not rows]
    assert not empty, f"seeded tables missing from the export: {empty}"
    assert b"password_hash" not in archive.read("data.json")
    response = client.post("/account/delete", data={"password": PASSWORD, "understand": "y"})
    assert response.status_code == 303
    with app.app_context():
        left = {}
        for table in db.metadata.sorted_tables:
            if table.name in USER_DATA:
                col = user_column(table)
                left[table.name] = db.session.scalar(
                    select(func.count()).select_from(table).where(col == user.id)
                )
    assert sum(left.values()) == 0, left
    with app.app_context():
        from app.credentials.models import Credential

        tombstone = db.session.scalar(select(Credential).where(Credential.public_id == public_id))
        # Revoked, kept so its page answers "revoked", with nothing personal left in it.
        assert tombstone.revoked_at is not None
        assert tombstone.user_id is None and tombstone.document is None
        from app.admin.models import AdminAction

        # The record that an admin acted stays, unlinked and without details.
        kept = db.session.scalars(select(AdminAction)).all()
        assert [(r.action, r.target_user_id, r.details) for r in kept] == [("disable", None, {})]
    assert client.get("/account/").status_code == 302
    print(
        f"T14: {len(USER_DATA)} user-linked tables: {len(USER_DATA)} covered; "
        f"after delete: 0 personal rows, 0 live sessions"
    )


def test_delete_needs_password_and_confirmation(client, users):
    """A wrong password or an unticked box deletes nothing."""
    user = users.create()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert (
        client.post(
            "/account/delete", data={"password": "wrong password", "understand": "y"}
        ).status_code
        == 400
    )
    assert client.post("/account/delete", data={"password": PASSWORD}).status_code == 400
    assert client.get("/account/").status_code == 200
