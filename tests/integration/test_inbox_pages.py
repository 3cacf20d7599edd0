"""The inbox through its pages: arrivals on the clock, draft, send, feedback, follow-up, deadlines."""

from __future__ import annotations

import math
import re

from sqlalchemy import select

from app.accounts.models import User
from app.core.extensions import db
from app.inbox import services
from app.inbox.domain.items import arrival, deadline
from app.inbox.models import InboxItem, SandboxEvent
from app.sandbox.data import sandbox_data
from app.sandbox.models import SandboxAccount

ACTIONS = {"reply-then-dm": "private", "dm": "private", "ignore": "none"}


def start(client) -> int:
    """Start the café account; return its id."""
    response = client.post("/sandbox/start", data={"scenario": "riyadh-cafe"})
    assert response.status_code == 303
    return int(response.headers["Location"].rsplit("/", 1)[1])


def clock_of(client, account_id: int) -> str:
    """The clock the account page's forms carry."""
    page = client.get(f"/sandbox/{account_id}").get_data(as_text=True)
    return re.search(r'name="clock" value="([^"]+)"', page).group(1)


def advance_hours(client, account_id: int, hours: int) -> None:
    """Advance the clock as the account page does."""
    data = {"amount": str(hours), "unit": "hours", "clock": clock_of(client, account_id)}
    assert client.post(f"/sandbox/{account_id}/advance", data=data).status_code == 303


def first_complaint(app, account_id: int):
    """The first complaint with a follow-up, its arrival and deadline in this account."""
    with app.app_context():
        account = db.session.get(SandboxAccount, account_id)
        bank = sandbox_data().scenarios["riyadh-cafe"].get("inbox")
        m = next(m for m in bank if m["kind"] == "complaint" and m.get("follow_up"))
        at = arrival(account.seed, account.started, m)
        return m, at, deadline(at, m), account.clock


def test_answer_in_time_scores_shows_feedback_and_brings_the_follow_up(app, client, auth):
    """A model answer sent before the deadline scores well; the customer writes back an hour on."""
    auth()
    account_id = start(client)
    m, at, _due, now = first_complaint(app, account_id)
    hours = max(1, math.ceil((at - now).total_seconds() / 3600))
    advance_hours(client, account_id, hours)
    key = f"b-{m['id']}"
    inbox = client.get(f"/sandbox/{account_id}/inbox").get_data(as_text=True)
    assert f"/inbox/{key}" in inbox
    page = f"/sandbox/{account_id}/inbox/{key}"
    reply = m["model_reply"][m["lang"]]
    action = ACTIONS.get(m["expected"], m["expected"])
    form = {"action": action, "role": m.get("escalate_to", ""), "text": reply}
    draft = client.post(page, data=form | {"do": "draft"})
    assert draft.status_code == 303
    assert reply in client.get(page).get_data(as_text=True)  # the draft is kept, not sent
    sent = client.post(page, data=form | {"do": "send", "clock": clock_of(client, account_id)})
    assert sent.status_code == 303
    body = client.get(page).get_data(as_text=True)
    assert "Model answer" in body or "الإجابة النموذجية" in body
    assert "/lessons/com-3" in body
    with app.app_context():
        row = db.session.scalar(select(InboxItem).where(InboxItem.key == key))
        assert row.score >= 70, row.detail
        follow = db.session.scalar(select(InboxItem).where(InboxItem.key == f"f-{key}"))
        assert follow is not None and follow.arrives_at > row.handled_at
    assert f"/inbox/f-{key}" not in client.get(f"/sandbox/{account_id}/inbox").get_data(
        as_text=True
    )
    advance_hours(client, account_id, 1)
    assert f"/inbox/f-{key}" in client.get(f"/sandbox/{account_id}/inbox").get_data(as_text=True)


def test_advancing_past_the_deadline_misses_it(app, client, auth):
    """A message left unanswered past its own deadline shows as missed, and a late reply scores so."""
    auth()
    account_id = start(client)
    m, _at, due, now = first_complaint(app, account_id)
    advance_hours(client, account_id, math.ceil((due - now).total_seconds() / 3600) + 1)
    key = f"b-{m['id']}"
    page = client.get(f"/sandbox/{account_id}/inbox/{key}").get_data(as_text=True)
    assert "Deadline missed" in page or "فات الموعد" in page
    form = {
        "action": ACTIONS.get(m["expected"], m["expected"]),
        "role": m.get("escalate_to", ""),
        "text": m["model_reply"][m["lang"]],
        "clock": clock_of(client, account_id),
        "do": "send",
    }
    assert client.post(f"/sandbox/{account_id}/inbox/{key}", data=form).status_code == 303
    with app.app_context():
        row = db.session.scalar(select(InboxItem).where(InboxItem.key == key))
        timeliness = next(c for c in row.detail["criteria"] if c["id"] == "timeliness")
        assert timeliness["level"] < 3


def test_refused_reply_keeps_what_was_typed(app, client, auth):
    """An empty reply, an unknown action or an escalation without a role: 400, text kept."""
    auth()
    account_id = start(client)
    advance_hours(client, account_id, 24)
    with app.app_context():
        account = db.session.get(SandboxAccount, account_id)
        user = db.session.get(User, account.user_id)
        key = services.items_of(user, account)[0].key
    page = f"/sandbox/{account_id}/inbox/{key}"
    clock = clock_of(client, account_id)
    for form in (
        {"action": "reply", "text": "   "},
        {"action": "shout", "text": "نص محفوظ ١"},
        {"action": "escalate", "role": "", "text": "نص محفوظ ٢"},
        {"action": "reply", "text": "x" * 2001},
    ):
        response = client.post(page, data=form | {"clock": clock, "do": "send"})
        assert response.status_code == 400
        body = response.get_data(as_text=True)
        assert 'role="alert"' in body
        if form["text"].strip() and len(form["text"]) < 100:
            assert form["text"] in body
    with app.app_context():
        row = db.session.scalar(select(InboxItem).where(InboxItem.key == key))
        assert row is None or row.handled_at is None


def test_alert_pause_and_resume_are_stamped_on_the_clock(app, client, auth):
    """Alerting a contact and pausing a post record the simulated time; paused posts wait."""
    auth()
    account_id = start(client)
    response = client.post(
        f"/sandbox/{account_id}/inbox/alert", data={"role": "spokesperson", "note": "أزمة"}
    )
    assert response.status_code == 303
    refused = client.post(f"/sandbox/{account_id}/inbox/alert", data={"role": "nobody"})
    assert refused.status_code == 303
    with app.app_context():
        events = db.session.scalars(select(SandboxEvent)).all()
        account = db.session.get(SandboxAccount, account_id)
        assert [(e.kind, e.target, e.at) for e in events] == [
            ("alert", "spokesperson", account.clock)
        ]


def test_a_long_inbox_pages_most_urgent_first_and_counts_every_message(app, client, auth):
    """Past one page the list goes on to the next, in the service's order; out-of-range pages clamp."""
    from app.inbox.listing import PAGE_SIZE

    auth()
    account_id = start(client)
    advance_hours(client, account_id, 24 * 30)
    with app.app_context():
        account = db.session.get(SandboxAccount, account_id)
        items = services.items_of(db.session.get(User, account.user_id), account)
        states = [i.status(account.clock) for i in items]
    keys = [i.key for i in items]
    assert len(keys) > PAGE_SIZE

    def listed(query: str) -> tuple[list[str], str]:
        body = client.get(f"/sandbox/{account_id}/inbox{query}").get_data(as_text=True)
        return re.findall(rf'href="/sandbox/{account_id}/inbox/([^"/]+)"', body), body

    first, body = listed("")
    assert first == keys[:PAGE_SIZE]
    assert "inbox?page=2" in body and "page=0" not in body
    counts = re.search(r'class="inbox-counts">([^<]*)</p>', body).group(1)
    expected = [states.count(st) for st in ("open", "missed", "done")]
    assert [int(n) for n in re.findall(r"\d+", counts)] == expected
    second, _ = listed("?page=2")
    assert second == keys[PAGE_SIZE : 2 * PAGE_SIZE]
    last_number = -(-len(keys) // PAGE_SIZE)
    assert (
        listed("?page=999")[0]
        == listed(f"?page={last_number}")[0]
        == keys[(last_number - 1) * PAGE_SIZE :]
    )
    assert listed("?page=abc")[0] == listed("?page=-3")[0] == first
