"""Two app processes on one sandbox account: the clock moves once, an approval lands once.

Each worker is a separate OS process with its own app, engine and connections (as two
gunicorn workers would be), signed in as the same learner: two tabs, two clicks.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import re
import threading
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from conftest import app_config
from support import PASSWORD, post_version

from app.core.extensions import db
from app.sandbox.models import SandboxAccount, SandboxPost

# Long enough for a worker to come up on a loaded machine; never reached when all is well.
WAIT = 120


def _worker(job: dict[str, Any], ready: Any, go: Any, inside: Any, out: Any) -> None:
    """One app process: sign in, read the page, wait for the other, then send the form."""
    from app import create_app
    from app.sandbox import services

    app = create_app(app_config(job["url"], SimpleNamespace(port=job["smtp_port"])))
    if job["rendezvous"]:
        # Both workers meet between reading the post and changing it: on code that checks
        # the status before its write unit both checks pass. Code that checks inside the
        # unit holds the lock here, so the meeting times out and the other worker waits.
        checked = services.violations

        def meet(*args: Any) -> Any:
            """Wait for the other worker (a while at most), then check the rules as usual."""
            # A broken meeting (threading.BrokenBarrierError) only means the lock held.
            with contextlib.suppress(threading.BrokenBarrierError):
                inside.wait(job["meet_timeout"])
            return checked(*args)

        services.violations = meet  # type: ignore[assignment]
    client = app.test_client()
    client.post("/login", data={"email": job["email"], "password": PASSWORD})
    page = client.get(job["page"]).get_data(as_text=True)
    clock = re.search(r'name="clock" value="([^"]+)"', page)
    data = dict(job["data"]) | ({"clock": clock.group(1)} if clock else {})
    ready.wait(WAIT)
    go.wait(WAIT)
    response = client.post(job["action"], data=data)
    shown = ""
    if response.status_code == 303:
        shown = client.get(response.headers["Location"]).get_data(as_text=True)
    out.put((response.status_code, 'class="flash flash-error"' in shown))
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def race(job: dict[str, Any]) -> list[tuple[int, bool]]:
    """Run the job in two processes at once; their (status, refused) results, sorted."""
    spawn = multiprocessing.get_context("spawn")
    ready, go, inside = spawn.Barrier(3), spawn.Barrier(2), spawn.Barrier(2)
    out = spawn.Queue()
    workers = [spawn.Process(target=_worker, args=(job, ready, go, inside, out)) for _ in range(2)]
    for w in workers:
        w.start()
    ready.wait(WAIT)  # both signed in and holding the page they will send
    results = sorted(out.get(timeout=WAIT) for _ in workers)
    for w in workers:
        w.join(WAIT)
    assert [w.exitcode for w in workers] == [0, 0]
    return results


def prepare(app: Any, users: Any) -> tuple[Any, int, int]:
    """A learner with an account and one post submitted for approval."""
    from app.sandbox import services

    user = users.create()
    with app.test_request_context():
        learner = db.session.get(type(user), user.id)
        account = services.start_account(learner, "riyadh-cafe")
        idea = services.save_idea(learner, account, "idea", "", {"instagram": post_version()})
        post = idea.posts[0]
        services.set_status(learner, account, post, "submit")
        ids = (account.id, post.id)
        db.session.remove()
    return user, *ids


def job_for(database_url: str, mailbox: Any, user: Any, **extra: Any) -> dict[str, Any]:
    """What a worker needs (plain values: it runs in a fresh interpreter)."""
    return {
        "url": database_url,
        "smtp_port": mailbox.port,
        "email": user.email,
        "rendezvous": False,
        "meet_timeout": 5,
        **extra,
    }


def test_two_tabs_advancing_at_once_move_the_clock_once(app, database_url, mailbox, users):
    """Both pages showed one clock; both clicks arrive together: one moves it, one gets 409."""
    user, account_id, _post_id = prepare(app, users)
    with app.app_context():
        before = db.session.get(SandboxAccount, account_id).clock
        db.session.remove()
    base = f"/sandbox/{account_id}"
    job = job_for(
        database_url,
        mailbox,
        user,
        page=base,
        action=f"{base}/advance",
        data={"amount": "1", "unit": "days"},
    )
    assert [status for status, _ in race(job)] == [303, 409]
    with app.app_context():
        assert db.session.get(SandboxAccount, account_id).clock == before + timedelta(days=1)
        db.session.remove()


def test_two_simultaneous_approvals_land_once(app, database_url, mailbox, users):
    """Two approvals of one submitted post, checked at the same moment: one lands, one refused."""
    user, account_id, post_id = prepare(app, users)
    url = f"/sandbox/{account_id}/posts/{post_id}"
    job = job_for(
        database_url,
        mailbox,
        user,
        page=url,
        action=f"{url}/review",
        data={"action": "approve"},
        rendezvous=True,
    )
    assert race(job) == [(303, False), (303, True)]  # one approval, one "status" refusal
    with app.app_context():
        assert db.session.get(SandboxPost, post_id).status == "approved"
        db.session.remove()
