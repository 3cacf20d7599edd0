"""CLI commands, the development mail outbox, and SQLite write units under contention."""

from __future__ import annotations

import threading
from pathlib import Path

from conftest import app_config
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from support import PASSWORD

from app import create_app
from app.accounts.models import User
from app.cli import DEMO_EMAIL
from app.core import ratelimit
from app.core.extensions import db
from app.core.mail import send_mail


def test_demo_is_idempotent_and_prints_a_working_login(app, runner):
    """`flask demo` twice creates one learner and prints the same working login."""
    first = runner.invoke(args=["demo"])
    second = runner.invoke(args=["demo"])
    assert first.exit_code == second.exit_code == 0, first.output
    assert "Demo learning data created" in first.output
    assert "Demo learning data created" not in second.output  # seeded once
    assert "Demo sandbox created" in first.output and "Demo portfolio published" in first.output
    assert first.output.endswith(second.output) and DEMO_EMAIL in first.output
    password = first.output.strip().rsplit(" ", 1)[1]
    with app.app_context():
        assert len(db.session.scalars(select(User).where(User.email == DEMO_EMAIL)).all()) == 1
        from app.sandbox.models import AbTest

        # One finished A/B test: locked before its results, called, with a next step.
        tests = db.session.scalars(select(AbTest)).all()
        assert len(tests) == 1 and tests[0].declared_at and tests[0].called_at
        assert 0 <= tests[0].count_a <= tests[0].reach_a and tests[0].next_step
        from app.ads.models import AdCampaign
        from app.sandbox.models import SandboxAccount

        # One finished ad campaign: launched, and its schedule over on the demo's clock.
        (campaign,) = db.session.scalars(select(AdCampaign)).all()
        demo_clock = db.session.get(SandboxAccount, campaign.account_id).clock.date()
        assert campaign.status == "active" and campaign.end_day < demo_clock
    client = app.test_client()
    assert (
        client.post("/login", data={"email": DEMO_EMAIL, "password": password}).status_code == 303
    )
    # A published portfolio with a simulated case study and one message from a client.
    page = app.test_client().get("/p/demo-cafe-manager").get_data(as_text=True)
    assert "تدريب محاكى" in page
    # The demo page is the one visitors try first: open to search engines (issue 19).
    assert '<meta name="robots" content="index, follow">' in page
    assert "مقهى الورد" in client.get("/portfolio/messages").get_data(as_text=True)
    ads = client.get(f"/sandbox/{campaign.account_id}/ads/{campaign.id}").get_data(as_text=True)
    assert 'id="days-heading"' in ads and "انتهت" in ads  # ended, with its days of results
    # One track credential, with the published case study as evidence, and it verifies.
    assert "Demo credential issued" in first.output
    assert "Demo credential issued" not in second.output
    mine = client.get("/account/credentials").get_data(as_text=True)
    assert mine.count("/credentials/") >= 1 and "linkedin.com/profile/add" in mine
    from app.credentials.models import Credential

    with app.app_context():
        (held,) = db.session.scalars(select(Credential)).all()
        assert held.kind == "track" and held.document.get("evidence")
    verified = app.test_client().get(f"/credentials/{held.public_id}").get_data(as_text=True)
    assert "credential-valid" in verified
    # An answered inbox shift: five handled messages, each with its feedback page.
    assert "Demo inbox shift answered" in first.output
    assert "Demo inbox shift answered" not in second.output
    from app.inbox.models import InboxItem

    with app.app_context():
        handled = db.session.scalars(select(InboxItem).where(InboxItem.score.is_not(None))).all()
        assert len(handled) >= 5
        page = f"/sandbox/{handled[0].account_id}/inbox/{handled[0].key}"
    feedback = client.get(page).get_data(as_text=True)
    assert 'id="feedback-heading"' in feedback and 'class="criteria"' in feedback


def test_check_command_reports_states(app, runner):
    """`flask check` prints one state per check."""
    result = runner.invoke(args=["check"])
    assert "secret key and debug" in result.output and "database" in result.output


def test_development_mail_goes_to_files(tmp_path, database_url, mailbox):
    """Without MAIL_SERVER, messages are written as .eml files, never to the log."""
    app = create_app(
        app_config(database_url, mailbox, MAIL_SERVER="", MAIL_OUTBOX_DIR=str(tmp_path))
    )
    with app.app_context():
        send_mail("learner@example.com", "مرحبا", "رابط سري: https://x/reset/SECRET")
    files = list(Path(tmp_path).glob("*.eml"))
    assert len(files) == 1 and b"learner@example.com" in files[0].read_bytes()
    assert not mailbox.messages


def test_mail_headers_refuse_line_breaks(app):
    """CR/LF in a header value is refused (no header injection)."""
    import pytest

    with app.app_context(), pytest.raises(ValueError):
        send_mail("a@example.com\r\nBcc: evil@example.com", "x", "y")


def test_sqlite_write_units_do_not_lose_or_fail(app, database_url, mailbox):
    """Concurrent read-then-write units from several app instances: no lost count, no lock error."""
    apps = [create_app(app_config(database_url, mailbox, RATELIMIT_ENABLED=True)) for _ in range(4)]
    errors: list[BaseException] = []

    def hammer(application):
        try:
            with application.test_request_context():
                for _ in range(25):
                    ratelimit.allow("reset-ip", "shared-key")
                db.session.remove()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=hammer, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    with app.app_context():
        count = db.session.execute(text("SELECT max(count) FROM rate_counter")).scalar()
    assert count == 100
    print(f"write units: 4 workers x 25 read-then-write units = {count} counted, 0 errors")


@settings(max_examples=40, deadline=None)
@given(
    email=st.text(max_size=300),
    name=st.text(max_size=300),
    password=st.text(max_size=300),
)
def test_forms_never_answer_500(app, email, name, password):
    """T16: random Unicode in the public forms gives 200/303/400/429, never a server error."""
    client = app.test_client()
    for path, data in (
        ("/register", {"email": email, "display_name": name, "password": password}),
        ("/login", {"email": email, "password": password}),
        ("/forgot", {"email": email}),
        ("/verify/resend", {"email": email}),
    ):
        assert client.post(path, data=data).status_code < 500, path


def test_users_typed_text_is_stored_as_typed(client, users, ctx):
    """A display name with mixed Arabic, Latin, @handle and #hashtag is stored unchanged."""
    user = users.create()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    name = "سارة @sara_sm #تسويق 2026"
    client.post("/account/settings", data={"display_name": name, "locale": "ar"})
    with ctx as session:
        assert session.get(User, user.id).display_name == name
    assert f"<bdi>{name}</bdi>" in client.get("/account/").get_data(as_text=True)


def test_demo_repairs_a_stale_login_file(app, runner):
    """If the saved demo password no longer matches the database, `flask demo` makes a new one."""
    from pathlib import Path

    runner.invoke(args=["demo"])
    Path(app.instance_path, "demo-login.txt").write_text("stale password from another database")
    result = runner.invoke(args=["demo"])
    password = result.output.strip().rsplit(" ", 1)[1]
    assert password != "stale password from another database"
    client = app.test_client()
    assert (
        client.post("/login", data={"email": DEMO_EMAIL, "password": password}).status_code == 303
    )
    # A published portfolio with a simulated case study and one message from a client.
    page = app.test_client().get("/p/demo-cafe-manager").get_data(as_text=True)
    assert "تدريب محاكى" in page
    assert "مقهى الورد" in client.get("/portfolio/messages").get_data(as_text=True)
