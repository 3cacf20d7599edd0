"""A/B test services: declare a test of two drafts, lock it (the simulator runs), make the call.

A test is declared (drafts, attribute, metric, duration, sample, direction), then locked:
locking stamps `declared_at` and runs the split in the same unit, so results never exist
before the declaration is fixed. The counts open only once the account's simulated clock has
passed the declared days (no peeking: reading a test early is the classic A/B mistake).
The call is made once; the working is shown after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.core.db import DbSession, locked, utcnow, write_unit
from app.core.extensions import db
from app.sandbox.data import sandbox_data
from app.sandbox.domain import abtest
from app.sandbox.domain.factors import Plan, factors_for
from app.sandbox.errors import SandboxError, SandboxNotFound
from app.sandbox.models import AbTest, SandboxAccount, SandboxPost
from app.sandbox.services import own_account, scenario_of, violations

CALLS = ("a", "b", "inconclusive")
NEXT_STEP_MAX = 1000


class AbTestNotFound(SandboxNotFound):
    """No such test in this user's account."""


class Differences(SandboxError):
    """The drafts do not differ in exactly the declared attribute; names every difference."""

    def __init__(self, found: tuple[str, ...]) -> None:
        """Keep the differences the diff found."""
        super().__init__("ab-differences")
        self.found = found


@dataclass(frozen=True)
class Declaration:
    """What the learner declares before any result exists."""

    post_a: int
    post_b: int
    attribute: str
    metric: str
    duration_days: int
    sample: int
    direction: str = ""


def snapshot(post: SandboxPost) -> dict[str, str]:
    """A post's comparable attributes."""
    return abtest.attributes_of({f: getattr(post, f) for f in abtest_fields()})


def abtest_fields() -> tuple[str, ...]:
    """The post columns the snapshot reads."""
    return (
        "text",
        "format",
        "scheduled_at",
        "cta",
        "media_count",
        "aspect",
        "media_description",
        "alt_text",
        "hashtags",
        "link",
        "pillar",
        "trend",
        "hook",
        "goal",
        "platform",
    )


def rate_of(account: SandboxAccount, post: SandboxPost, metric: str) -> float:
    """The model's underlying rate for a draft, at its scheduled time (or the account clock)."""
    scenario = scenario_of(account)
    calendar = sandbox_data().calendars.get(scenario.country)
    when = post.scheduled_at or account.clock
    plan = Plan(post.platform, post.text, when, post.pillar, post.trend)
    day = (when.date() - account.started.date()).days
    factors = factors_for(scenario, calendar, plan, violations(account, post), 0, day)
    return abtest.underlying_rate(post.platform, post.format, factors, bool(post.link), metric)


def check(declaration: Declaration) -> None:
    """Refuse values outside the lists and ranges (the form checks them first)."""
    low, high = abtest.DURATION_DAYS
    s_low, s_high = abtest.SAMPLE
    if (
        declaration.attribute not in abtest.ATTRIBUTES
        or declaration.metric not in abtest.METRICS
        or declaration.direction not in abtest.DIRECTIONS
        or not low <= declaration.duration_days <= high
        or not s_low <= declaration.sample <= s_high
    ):
        raise SandboxError("ab-invalid")
    if declaration.post_a == declaration.post_b:
        raise SandboxError("ab-same-post")


def declare_test(user: User, account_id: int, declaration: Declaration) -> AbTest:
    """Store a declared test of two of the account's drafts (not locked yet, no results)."""
    check(declaration)
    with write_unit(db.session) as s:
        account = own_account(s, user, account_id)
        posts = []
        for post_id in (declaration.post_a, declaration.post_b):
            post = s.get(SandboxPost, post_id)
            if post is None or post.account_id != account.id or post.user_id != user.id:
                raise SandboxError("ab-not-draft")
            if post.status == "published":
                raise SandboxError("ab-not-draft")
            posts.append(post)
        draft_a, draft_b = snapshot(posts[0]), snapshot(posts[1])
        found = abtest.diff(draft_a, draft_b)
        if found != (declaration.attribute,):
            raise Differences(found)
        test = AbTest(
            account_id=account.id,
            user_id=user.id,
            post_a_id=posts[0].id,
            post_b_id=posts[1].id,
            draft_a=draft_a,
            draft_b=draft_b,
            rate_a=rate_of(account, posts[0], declaration.metric),
            rate_b=rate_of(account, posts[1], declaration.metric),
            attribute=declaration.attribute,
            metric=declaration.metric,
            duration_days=declaration.duration_days,
            sample=declaration.sample,
            direction=declaration.direction,
            call="",
            next_step="",
        )
        s.add(test)
    return test


def _own_test(s: DbSession, user: User, account_id: int, test_id: int) -> AbTest:
    """The account (locked first) and its test, locked."""
    account = own_account(s, user, account_id)
    test = locked(s, AbTest, test_id)
    if test is None or test.user_id != user.id or test.account_id != account.id:
        raise AbTestNotFound(test_id)
    return test


def lock_test(user: User, account_id: int, test_id: int) -> AbTest:
    """Lock the declaration and run the split: seeded by the account seed and the test id."""
    with write_unit(db.session) as s:
        test = _own_test(s, user, account_id, test_id)
        if test.declared_at is not None:
            return test  # locking twice changes nothing
        account = s.get(SandboxAccount, account_id)
        test.declared_at = utcnow()
        test.started = account.clock
        delivery = abtest.deliver(
            account.seed, f"ab-{test.id}", (test.rate_a, test.rate_b), test.sample, test.direction
        )
        test.reach_a, test.count_a = delivery.n_a, delivery.x_a
        test.reach_b, test.count_b = delivery.n_b, delivery.x_b
    return test


def make_call(user: User, account_id: int, test_id: int, call: str, next_step: str) -> AbTest:
    """Record the learner's call and next step once, after the results exist."""
    text = next_step.strip()
    if call not in CALLS or not text or len(text) > NEXT_STEP_MAX:
        raise SandboxError("ab-call-invalid")
    with write_unit(db.session) as s:
        test = _own_test(s, user, account_id, test_id)
        account = s.get(SandboxAccount, account_id)
        if not test.locked:
            raise SandboxError("ab-not-locked")
        if not results_open(test, account.clock):
            raise SandboxError("ab-running")
        if test.called_at is None:
            test.call, test.next_step, test.called_at = call, text, utcnow()
    return test


def test_for(user: User, account: SandboxAccount, test_id: int) -> AbTest:
    """A test of the user's account."""
    test = db.session.get(AbTest, test_id)
    if test is None or test.user_id != user.id or test.account_id != account.id:
        raise AbTestNotFound(test_id)
    return test


def tests_of(account: SandboxAccount) -> list[AbTest]:
    """The account's tests, newest first."""
    query = select(AbTest).where(AbTest.account_id == account.id).order_by(AbTest.id.desc())
    return list(db.session.scalars(query))


def drafts_of(account: SandboxAccount) -> list[SandboxPost]:
    """The account's unpublished posts, the ones a test can compare."""
    query = select(SandboxPost).where(
        SandboxPost.account_id == account.id, SandboxPost.status != "published"
    )
    return list(db.session.scalars(query.order_by(SandboxPost.id)))


def results_open(test: AbTest, clock: datetime) -> bool:
    """Whether the test is locked and the simulated clock has passed its declared days."""
    ends = ends_of(test)
    return bool(test.locked and ends is not None and clock >= ends)


def outcome_of(test: AbTest, clock: datetime) -> abtest.Delivery | None:
    """The delivered counts and the z-test, once the test has run its declared days."""
    if not results_open(test, clock):
        return None
    from app.sandbox.domain.ztest import z_test

    assert test.count_a is not None and test.reach_a is not None  # nosec B101
    assert test.count_b is not None and test.reach_b is not None  # nosec B101
    result = z_test(
        test.count_a,
        test.reach_a,
        test.count_b,
        test.reach_b,
        abtest.alternative_of(test.direction),
    )
    return abtest.Delivery(test.reach_a, test.count_a, test.reach_b, test.count_b, result)


def ends_of(test: AbTest) -> datetime | None:
    """The simulated time the test's days end."""
    return test.started + timedelta(days=test.duration_days) if test.started else None
