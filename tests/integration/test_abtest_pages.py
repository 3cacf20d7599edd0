"""A/B tests through their pages: declare, the diff, lock before results, call before working."""

from __future__ import annotations

import re

import pytest
from flask_babel import gettext as _
from sqlalchemy import select

from app.core.extensions import db
from app.sandbox.labels_ab import ATTRIBUTE_NAMES
from app.sandbox.models import AbTest, SandboxPost


@pytest.fixture(autouse=True)
def context(app):
    """Every test reads the database directly, so it runs inside an app context."""
    with app.app_context():
        yield


def start(client) -> int:
    """Start the café account; return its id."""
    response = client.post("/sandbox/start", data={"scenario": "riyadh-cafe"})
    assert response.status_code == 303
    return int(response.headers["Location"].rsplit("/", 1)[1])


def save_draft(client, account_id: int, text: str, cta: str = "اطلبوا الآن") -> int:
    """Save one Instagram draft; return its post id."""
    data = {"title": "قهوة", "campaign": "ab", "link": "", "action": "save"}
    data |= {
        "p-instagram-include": "1",
        "p-instagram-format": "feed",
        "p-instagram-text": text,
        "p-instagram-media_count": "1",
        "p-instagram-aspect": "4:5",
        "p-instagram-alt_text": "كوب قهوة",
        "p-instagram-goal": "engagement",
        "p-instagram-cta": cta,
    }
    assert client.post(f"/sandbox/{account_id}/compose", data=data).status_code == 303
    return db.session.scalars(select(SandboxPost.id).order_by(SandboxPost.id.desc())).first()


def declaration(a: int, b: int, **extra) -> dict[str, str]:
    """A declaration form for drafts a and b."""
    return {
        "post_a": str(a),
        "post_b": str(b),
        "attribute": "first-line",
        "metric": "engaged",
        "duration_days": "7",
        "sample": "3000",
        "direction": "",
    } | extra


def two_drafts(client) -> tuple[int, int, int]:
    """An account with two drafts that differ in the first line only."""
    account = start(client)
    a = save_draft(client, account, "صباحكم قهوة\nجرّبوا قهوتنا المختصة")
    b = save_draft(client, account, "سؤال: كم كوبًا تشرب؟\nجرّبوا قهوتنا المختصة")
    return account, a, b


def test_the_diff_names_every_difference_and_keeps_the_form(app, client, auth):
    """Drafts differing in two attributes are refused with both named; nothing is stored."""
    auth()
    account = start(client)
    a = save_draft(client, account, "صباحكم قهوة\nجرّبوا قهوتنا")
    b = save_draft(client, account, "سؤال اليوم\nجرّبوا قهوتنا", cta="زورونا")
    page = client.post(f"/sandbox/{account}/abtests", data=declaration(a, b, sample="4321"))
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    with app.test_request_context():  # the default locale, as the page used
        named = [str(ATTRIBUTE_NAMES[n]) for n in ("first-line", "cta")]
    assert all(name in summary for name in named), summary
    assert 'value="4321"' in html
    assert db.session.scalar(select(AbTest)) is None


def test_results_refused_until_the_declaration_is_locked(app, client, auth):
    """Before locking there are no counts and the results page sends the learner back."""
    auth()
    account, a, b = two_drafts(client)
    made = client.post(f"/sandbox/{account}/abtests", data=declaration(a, b))
    assert made.status_code == 303
    test = db.session.scalar(select(AbTest))
    assert test.declared_at is None and test.count_a is None
    results = client.get(f"/sandbox/{account}/abtests/{test.id}/results")
    assert results.status_code == 303
    assert results.headers["Location"].endswith(f"/abtests/{test.id}")
    call = client.post(
        f"/sandbox/{account}/abtests/{test.id}/call", data={"call": "a", "next_step": "x"}
    )
    assert call.status_code == 303
    db.session.expire_all()
    assert db.session.get(AbTest, test.id).called_at is None


def test_working_hidden_until_the_call_then_shown(app, client, auth):
    """Locked: counts show, the working does not; after the call the z-test working shows."""
    auth()
    account, a, b = two_drafts(client)
    client.post(f"/sandbox/{account}/abtests", data=declaration(a, b))
    test = db.session.scalar(select(AbTest))
    locked = client.post(f"/sandbox/{account}/abtests/{test.id}/lock")
    assert locked.status_code == 303
    db.session.expire_all()
    test = db.session.get(AbTest, test.id)
    assert test.declared_at is not None
    assert 0 <= test.count_a <= test.reach_a and 0 <= test.count_b <= test.reach_b
    run_out(client, account, test)
    before = client.get(f"/sandbox/{account}/abtests/{test.id}/results").get_data(as_text=True)
    assert str(test.count_a) in before
    with app.test_request_context():
        standard_error = _("Standard error")
    assert standard_error not in before and 'id="working"' not in before
    bad = client.post(f"/sandbox/{account}/abtests/{test.id}/call", data={"call": "a"})
    assert bad.status_code == 422
    made = client.post(
        f"/sandbox/{account}/abtests/{test.id}/call",
        data={"call": "inconclusive", "next_step": "نعيد الاختبار بعينة أكبر"},
    )
    assert made.status_code == 303
    after = client.get(f"/sandbox/{account}/abtests/{test.id}/results").get_data(as_text=True)
    assert 'id="working"' in after and standard_error in after
    assert "نعيد الاختبار بعينة أكبر" in after


def run_out(client, account: int, test: AbTest) -> None:
    """Advance the simulated clock through the test page's form by the days it shows."""
    page = client.get(f"/sandbox/{account}/abtests/{test.id}").get_data(as_text=True)
    shown = re.search(r'name="clock" value="([^"]+)"', page)
    days = re.search(r'id="amount" name="amount" value="(\d+)"', page)
    assert shown and days, "a running test's page carries the clock form"
    moved = client.post(
        f"/sandbox/{account}/advance",
        data={"amount": days[1], "unit": "days", "clock": shown[1], "back": f"abtest-{test.id}"},
    )
    assert moved.status_code == 303
    assert moved.headers["Location"].endswith(f"/abtests/{test.id}")


def test_results_stay_closed_until_the_declared_days_pass(app, client, auth):
    """A locked test runs on the simulated clock: no counts and no call before its last day."""
    auth()
    account, a, b = two_drafts(client)
    client.post(f"/sandbox/{account}/abtests", data=declaration(a, b, duration_days="3"))
    test = db.session.scalar(select(AbTest))
    client.post(f"/sandbox/{account}/abtests/{test.id}/lock")
    early = client.get(f"/sandbox/{account}/abtests/{test.id}/results")
    assert early.status_code == 303 and early.headers["Location"].endswith(f"/abtests/{test.id}")
    call = {"call": "a", "next_step": "نعتمد A"}
    assert client.post(f"/sandbox/{account}/abtests/{test.id}/call", data=call).status_code == 303
    db.session.expire_all()
    assert db.session.get(AbTest, test.id).called_at is None, "a call before the end is refused"
    page = client.get(f"/sandbox/{account}/abtests/{test.id}").get_data(as_text=True)
    assert 'id="amount" name="amount" value="3"' in page
    shown = re.search(r'name="clock" value="([^"]+)"', page)
    assert shown
    client.post(
        f"/sandbox/{account}/advance",
        data={"amount": "2", "unit": "days", "clock": shown[1], "back": f"abtest-{test.id}"},
    )
    assert client.get(f"/sandbox/{account}/abtests/{test.id}/results").status_code == 303
    run_out(client, account, db.session.get(AbTest, test.id))
    opened = client.get(f"/sandbox/{account}/abtests/{test.id}/results")
    assert opened.status_code == 200 and 'name="next_step"' in opened.get_data(as_text=True)


def test_the_clock_form_goes_back_only_to_a_test_of_this_account(app, client, auth):
    """The clock form's `back` names a test id, never a URL: anything else lands on the account."""
    auth()
    account = start(client)
    page = client.get(f"/sandbox/{account}").get_data(as_text=True)
    shown = re.search(r'name="clock" value="([^"]+)"', page)
    assert shown
    for back in ("https://evil.example/", "//evil.example", "abtest-1/../../x", "abtest-"):
        moved = client.post(
            f"/sandbox/{account}/advance",
            data={"amount": "1", "unit": "hours", "clock": shown[1], "back": back},
        )
        assert moved.status_code == 303
        assert moved.headers["Location"].endswith(f"/sandbox/{account}"), back
        shown = re.search(
            r'name="clock" value="([^"]+)"',
            client.get(f"/sandbox/{account}").get_data(as_text=True),
        )
        assert shown


def test_another_learners_test_does_not_exist(app, client, auth):
    """Someone else's test answers 404 on every A/B page."""
    auth()
    account, a, b = two_drafts(client)
    client.post(f"/sandbox/{account}/abtests", data=declaration(a, b))
    test = db.session.scalar(select(AbTest))
    client.post("/logout")
    auth(email="other@example.com")
    other = start(client)
    assert client.get(f"/sandbox/{other}/abtests/{test.id}").status_code == 404
    assert client.get(f"/sandbox/{account}/abtests/{test.id}/results").status_code == 404


def test_lookalike_digits_are_refused_with_the_form_kept(app, client, auth):
    """A superscript digit in the sample is a 422 with the form, never a server error."""
    auth()
    account, a, b = two_drafts(client)
    page = client.post(f"/sandbox/{account}/abtests", data=declaration(a, b, sample="²"))
    assert page.status_code == 422
    assert db.session.scalar(select(AbTest)) is None
