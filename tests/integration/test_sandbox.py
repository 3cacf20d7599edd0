"""The sandbox through its pages: start, compose, approve, schedule, advance, why, replay."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from support import post_version

from app.core.extensions import db
from app.sandbox.models import SandboxAccount, SandboxPost


def start(client) -> int:
    """Start the café account; return its id."""
    response = client.post("/sandbox/start", data={"scenario": "riyadh-cafe"})
    assert response.status_code == 303
    return int(response.headers["Location"].rsplit("/", 1)[1])


def shown_clock(client, account_id: int) -> str:
    """The simulated clock the account page's advance form carries."""
    page = client.get(f"/sandbox/{account_id}").get_data(as_text=True)
    found = re.search(r'name="clock" value="([^"]+)"', page)
    assert found, "the advance form carries no clock"
    return found.group(1)


def advance(client, account_id: int, amount: str, unit: str = "days"):
    """Advance as the account page's form does, with the clock it shows."""
    data = {"amount": amount, "unit": unit, "clock": shown_clock(client, account_id)}
    return client.post(f"/sandbox/{account_id}/advance", data=data)


def compose_data(**extra):
    """One idea for Instagram, X and TikTok."""
    data = {
        "title": "قهوة الصباح",
        "campaign": "launch",
        "link": "https://cafe.example/menu",
        "action": "save",
    }
    for p, fmt, aspect in (
        ("instagram", "feed", "4:5"),
        ("x", "feed", "16:9"),
        ("tiktok", "video", "9:16"),
    ):
        data |= {
            f"p-{p}-include": "1",
            f"p-{p}-format": fmt,
            f"p-{p}-text": "جرّبوا قهوتنا المختصة ☕ @tawasul",
            f"p-{p}-hashtags": "#قهوة #الرياض",
            f"p-{p}-media_count": "1",
            f"p-{p}-aspect": aspect,
            f"p-{p}-alt_text": "كوب قهوة",
            f"p-{p}-goal": "traffic",
            f"p-{p}-cta": "اطلبوا الآن",
        }
    return data | extra


def test_full_loop_from_idea_to_explained_results(app, client, auth):
    """Three versions saved; one approved, scheduled, published on advance, explained, replayed."""
    auth()
    account_id = start(client)
    page = client.get(f"/sandbox/{account_id}/compose")
    assert page.status_code == 200
    checked = client.post(f"/sandbox/{account_id}/compose", data=compose_data(action="check"))
    assert checked.status_code == 200
    body = checked.get_data(as_text=True)
    assert body.count('class="preview ') == 3  # a preview per chosen platform
    assert "utm_source=x&amp;utm_medium=social&amp;utm_campaign=launch" in body
    saved = client.post(f"/sandbox/{account_id}/compose", data=compose_data())
    assert saved.status_code == 303
    with app.app_context():
        posts = db.session.scalars(
            select(SandboxPost).where(SandboxPost.account_id == account_id)
        ).all()
        assert sorted(p.platform for p in posts) == ["instagram", "tiktok", "x"]
        post_id = next(p.id for p in posts if p.platform == "instagram")
        clock = db.session.get(SandboxAccount, account_id).clock
    url = f"/sandbox/{account_id}/posts/{post_id}"
    assert client.post(url + "/review", data={"action": "submit"}).status_code == 303
    assert client.post(url + "/review", data={"action": "approve"}).status_code == 303
    when = clock.replace(hour=21, minute=0)
    assert (
        client.post(url + "/schedule", data={"when": when.strftime("%Y-%m-%dT%H:%M")}).status_code
        == 303
    )
    moved = client.post(url + "/schedule", data={"move": "1", "back": "calendar"})
    assert moved.status_code == 303 and "/calendar" in moved.headers["Location"]
    assert advance(client, account_id, "2").status_code == 303
    detail = client.get(url).get_data(as_text=True)
    assert "Why these results" in detail or "لماذا" in detail
    assert len(re.findall(r"× \d\.\d{3}", detail)) >= 9  # base reach, 7 factors, chance
    replay = client.get(
        url + "/replay", query_string={"at": when.replace(hour=3).strftime("%Y-%m-%dT%H:%M")}
    )
    assert replay.status_code == 200
    assert 'class="changed"' in replay.get_data(as_text=True)
    for page in ("calendar", "analytics", "report", "analytics.csv"):
        assert client.get(f"/sandbox/{account_id}/{page}").status_code == 200, page
    csv = client.get(f"/sandbox/{account_id}/analytics.csv").get_data(as_text=True)
    assert (
        csv.startswith("\ufeffpost,platform") and "\ninstagram" not in csv and ",instagram," in csv
    )


def test_errors_block_approval_and_keep_what_was_typed(app, client, auth):
    """Six Instagram hashtags: saved as a draft, refused at submit; a bad form keeps the text."""
    auth()
    account_id = start(client)
    bad = compose_data(title="", **{"p-instagram-hashtags": "#a #b #c #d #e #f"})
    response = client.post(f"/sandbox/{account_id}/compose", data=bad)
    assert response.status_code == 400
    assert "جرّبوا قهوتنا المختصة" in response.get_data(as_text=True)  # nothing typed is lost
    client.post(
        f"/sandbox/{account_id}/compose",
        data=compose_data(**{"p-instagram-hashtags": "#a #b #c #d #e #f"}),
    )
    with app.app_context():
        post = db.session.scalar(
            select(SandboxPost).where(
                SandboxPost.platform == "instagram", SandboxPost.account_id == account_id
            )
        )
    url = f"/sandbox/{account_id}/posts/{post.id}"
    page = client.get(url).get_data(as_text=True)
    assert "ig-hashtag-cap" not in page  # the learner reads a sentence, not a rule id
    client.post(url + "/review", data={"action": "submit"})
    with app.app_context():
        assert db.session.get(SandboxPost, post.id).status == "draft"


def test_bad_input_never_gives_500(client, auth):
    """Nonsense dates, hours and actions get 400 or a message, never a server error."""
    auth()
    account_id = start(client)
    base = f"/sandbox/{account_id}"
    assert advance(client, account_id, "99999", "hours").status_code == 303
    assert advance(client, account_id, "x").status_code == 303
    assert client.post(f"{base}/advance", data={"amount": "1"}).status_code == 400  # no clock
    assert client.post(f"{base}/advance", data={"amount": "1", "clock": "x"}).status_code == 400
    assert client.get(f"{base}/calendar?week=zz&view=year&platform=myspace").status_code == 200
    assert client.post("/sandbox/start", data={"scenario": "nope"}).status_code == 303
    assert client.get(f"{base}/posts/999999").status_code == 404
    assert (
        client.post(
            f"{base}/compose",
            data={"p-x-include": "1", "p-x-media_count": "-5", "p-x-goal": "fame"},
        ).status_code
        == 400
    )


def test_same_seed_and_actions_give_identical_metrics(app, users):
    """Determinism on this database: two accounts with one seed and the same actions match."""
    from app.sandbox import clock, services

    user = users.create()
    outcomes = []
    with app.test_request_context():
        learner = db.session.get(type(user), user.id)
        for _ in range(2):
            account = services.start_account(learner, "riyadh-cafe", seed=20271)
            versions = {
                p: post_version(format=f, text="قهوة اليوم", aspect="9:16")
                for p, f in (("instagram", "reel"), ("tiktok", "video"), ("x", "feed"))
            }
            idea = services.save_idea(learner, account, "idea", "", versions)
            for i, post in enumerate(sorted(idea.posts, key=lambda p: p.platform)):
                services.set_status(learner, account, post, "submit")
                services.set_status(learner, account, post, "approve")
                services.schedule(learner, account, post, account.clock + timedelta(hours=3 + i))
            clock.advance(learner, account, 72)
            outcomes.append(
                [(p.platform, p.outcome) for p in sorted(idea.posts, key=lambda p: p.platform)]
            )

    # Draw keys are account-local ("i1-x"), so the two accounts match exactly, chance included.
    assert outcomes[0] == outcomes[1]


def test_replaying_without_a_change_reproduces_the_stored_results(app, users):
    """Determinism on this database: recomputing a published week gives the stored numbers."""
    from app.sandbox import clock, services
    from app.sandbox.replay import replay_week

    user = users.create()
    with app.test_request_context():
        learner = db.session.get(type(user), user.id)
        account = services.start_account(learner, "riyadh-cafe")
        version = post_version(goal="engagement")
        idea = services.save_idea(
            learner, account, "idea", "", {"instagram": version, "facebook": version}
        )
        for i, post in enumerate(idea.posts):
            services.set_status(learner, account, post, "submit")
            services.set_status(learner, account, post, "approve")
            services.schedule(learner, account, post, account.clock + timedelta(hours=5 + i))
        clock.advance(learner, account, 48)
        db.session.expire_all()
        post = db.session.get(SandboxPost, idea.posts[0].id)
        rows = replay_week(learner, account, post, post.published_at)
        assert len(rows) == 2
        for row in rows:
            assert row.after == row.before, row.post.platform


def test_analytics_follow_the_clock(app, client, auth):
    """Figures are memoised per clock: advancing shows engagement that arrived since."""
    auth()
    account_id = start(client)
    client.post(f"/sandbox/{account_id}/compose", data=compose_data())
    with app.app_context():
        post = db.session.scalar(
            select(SandboxPost).where(
                SandboxPost.account_id == account_id, SandboxPost.platform == "tiktok"
            )
        )
        clock = db.session.get(SandboxAccount, account_id).clock
    url = f"/sandbox/{account_id}/posts/{post.id}"
    client.post(url + "/review", data={"action": "submit"})
    client.post(url + "/review", data={"action": "approve"})
    slot = clock.replace(minute=0) + timedelta(hours=1)
    client.post(url + "/schedule", data={"when": slot.strftime("%Y-%m-%dT%H:%M")})
    advance(client, account_id, "2", "hours")

    def figures() -> tuple[int, str]:
        csv = client.get(f"/sandbox/{account_id}/analytics.csv").get_data(as_text=True)
        page = client.get(f"/sandbox/{account_id}/analytics").get_data(as_text=True)
        table = page[page.index('id="acc-heading"') : page.index('id="day-heading"')]
        return int(csv.splitlines()[1].split(",")[5]), table

    early = figures()
    assert figures() == early  # the same clock gives the same figures
    advance(client, account_id, "2")
    later = figures()
    assert later[0] > early[0] and later[1] != early[1]  # the page moved on with the clock


def test_an_advance_from_a_stale_page_answers_409_and_changes_nothing(app, client, auth):
    """Two tabs showed one clock: the second click gets a page saying so; the clock moved once."""
    auth()
    account_id = start(client)
    with app.app_context():
        before = db.session.get(SandboxAccount, account_id).clock
    shown = shown_clock(client, account_id)
    step = {"amount": "1", "unit": "days", "clock": shown}
    assert client.post(f"/sandbox/{account_id}/advance", data=step).status_code == 303
    stale = client.post(f"/sandbox/{account_id}/advance", data=step)
    page = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "كانت الساعة قد تقدّمت" in page  # Arabic first
    assert f'href="/sandbox/{account_id}"' in page
    with app.app_context():
        assert db.session.get(SandboxAccount, account_id).clock == before + timedelta(days=1)


def test_services_refuse_another_learners_account_and_post(app, users):
    """The user argument is enforced: another learner's account or post is not found."""
    import pytest

    from app.sandbox import clock, services
    from app.sandbox.errors import AccountNotFound
    from app.sandbox.replay import replay_week

    owner, other = users.create(), users.create()
    with app.test_request_context():
        mine = db.session.get(type(owner), owner.id)
        theirs = db.session.get(type(other), other.id)
        account = services.start_account(mine, "riyadh-cafe")
        version = {"format": "feed", "text": "قهوة", "aspect": "4:5", "goal": "awareness"}
        idea = services.save_idea(mine, account, "idea", "", {"instagram": version})
        post = idea.posts[0]
        moved = account.clock
        attempts = (
            lambda: services.set_status(theirs, account, post, "submit"),
            lambda: services.update_post(theirs, account, post, {"text": "x"}),
            lambda: services.schedule(theirs, account, post, moved + timedelta(hours=2)),
            lambda: services.save_idea(theirs, account, "x", "", {"x": version}),
            lambda: clock.advance(theirs, account, 24),
            lambda: replay_week(theirs, account, post, moved),
        )
        for attempt in attempts:
            with pytest.raises(AccountNotFound):
                attempt()
        db.session.expire_all()
        row = db.session.get(SandboxPost, post.id)
        assert (row.status, row.text, row.scheduled_at) == ("draft", "قهوة", None)
        assert db.session.get(SandboxAccount, account.id).clock == moved
