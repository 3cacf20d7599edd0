"""The why panel's lesson states what the engine gives for the same post with that one change."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from sqlalchemy import select

from app.core.extensions import db
from app.sandbox import clock, services
from app.sandbox.data import sandbox_data
from app.sandbox.domain.engine import PostInput, simulate
from app.sandbox.domain.factors import Plan, factors_for
from app.sandbox.domain.rules import check_draft
from app.sandbox.models import SandboxPost

FORMAT_EN = {"Feed post": "feed", "Carousel": "carousel", "Reel": "reel", "Story": "story"}
LESSON = re.compile(
    r"(?:At (?P<hour>\d\d:\d\d) instead of (?P<was_hour>\d\d:\d\d)"
    r"|In the format (?P<format>[\w ]+?) instead of (?P<was_format>[\w ]+?)"
    r"|On the pillar «(?P<pillar>[^»]+)»(?: instead of «(?P<was_pillar>[^»]+)»)?)"
    r", this post would have reached about (?P<percent>\d+)% more people "
    r"\((?P<after>\d+) instead of (?P<before>\d+)\)\."
)


def publish(user, account, when, **extra) -> SandboxPost:
    """One Instagram post for awareness, approved, scheduled and published by the clock."""
    version = {
        "format": "feed",
        "text": "قهوة مختصة في حي النرجس",
        "media_count": 1,
        "aspect": "4:5",
        "alt_text": "كوب",
        "goal": "awareness",
    } | extra
    post = services.save_idea(user, account, "t", "", {"instagram": version}).posts[0]
    services.set_status(user, account, post, "submit")
    services.set_status(user, account, post, "approve")
    services.schedule(user, account, post, when)
    clock.advance(user, account, int((when - account.clock).total_seconds() // 3600) + 1)
    return db.session.get(SandboxPost, post.id)


def engine_reach(account, post, *, when=None, fmt=None, pillar=None) -> int:
    """The engine called directly for the post with the given change (nothing else moves)."""
    scenario = services.scenario_of(account)
    when, fmt = when or post.published_at, fmt or post.format
    plan = Plan(post.platform, post.text, when, post.pillar if pillar is None else pillar, "")
    found = check_draft(
        post.platform, fmt, services.draft_of(post), services.facts(), when.date().isoformat()
    )
    others = db.session.scalars(
        select(SandboxPost.published_at).where(
            SandboxPost.account_id == account.id,
            SandboxPost.platform == post.platform,
            SandboxPost.published_at < post.published_at,
        )
    ).all()
    recent = sum(1 for t in others if when - timedelta(hours=24) <= t < when)
    day = (when.date() - account.started.date()).days
    factors = factors_for(
        scenario, sandbox_data().calendars[scenario.country], plan, found, recent, day
    )
    outcome = simulate(
        account.seed,
        PostInput(post.rng_key, post.platform, fmt, post.outcome["followers"], factors, False),
    )
    return outcome.reach


def stated(client, account, post) -> re.Match[str]:
    """The lesson sentence of the post's page, in English."""
    page = client.get(f"/sandbox/{account.id}/posts/{post.id}").get_data(as_text=True)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())
    found = LESSON.search(text)
    assert found, "no lesson sentence on the page"
    return found


def test_stated_gain_equals_the_engine_replayed_with_that_one_change(app, client, auth):
    """Hour, format or pillar: the figures on the page are the engine's, for the same draws."""
    user = auth(locale="en")
    with app.test_request_context():
        me = db.session.get(type(user), user.id)
        account = services.start_account(me, "riyadh-cafe", seed=5)
        start = account.clock.replace(hour=0)
        pillars = {p["name"]["en"]: p["id"] for p in services.scenario_of(account).get("pillars")}
        posts = [
            publish(me, account, start + timedelta(days=1, hours=3)),  # nobody is online
            publish(me, account, start + timedelta(days=3, hours=22), pillar="behind-the-bar"),
        ]
        kinds = set()
        for post in posts:
            found = stated(client, account, post)
            assert engine_reach(account, post) == post.reach == int(found["before"])
            if found["hour"]:
                hour = int(found["hour"][:2])
                assert found["was_hour"] == post.published_at.strftime("%H:%M")
                change = {"when": post.published_at.replace(hour=hour)}
                kinds.add("hour")
            elif found["format"]:
                assert FORMAT_EN[found["was_format"]] == post.format
                change = {"fmt": FORMAT_EN[found["format"]]}
                kinds.add("format")
            else:
                change = {"pillar": pillars[found["pillar"]]}
                kinds.add("pillar")
            after = engine_reach(account, post, **change)
            assert after == int(found["after"])
            assert round((after - post.reach) * 100 / post.reach) == int(found["percent"])
        assert "hour" in kinds and len(kinds) == 2, kinds
