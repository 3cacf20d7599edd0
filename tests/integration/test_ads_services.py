"""Ads manager services without pages: drafts, launch, pause and resume, status, results."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from app.ads import results, services
from app.ads.domain.setup import AdDraft, Setup
from app.core.extensions import db
from app.sandbox import clock
from app.sandbox import services as sandbox
from app.sandbox.errors import SandboxError


@pytest.fixture
def world(app, users):
    """A learner, their café account and a valid setup starting tomorrow."""
    with app.test_request_context():
        user = users.create()
        account = sandbox.start_account(user, "riyadh-cafe", seed=7)
        first = account.clock.date() + timedelta(days=1)
        setup = Setup(
            name="حملة",
            family="meta",
            objective="OUTCOME_TRAFFIC",
            budget="120",
            start=first.isoformat(),
            end=(first + timedelta(days=4)).isoformat(),
            city="riyadh",
            radius_km="15",
            placements=("meta-feed",),
            ads=(AdDraft("A", "قهوة مختصة", aspect="4:5"),),
        )
        yield user, account, setup


def test_a_draft_with_errors_is_not_saved(world):
    """Invalid lists every blocking problem; nothing is stored."""
    user, account, setup = world
    with pytest.raises(services.Invalid) as refused:
        services.save_campaign(user, account, replace(setup, name="", budget="0"))
    assert {p.field for p in refused.value.problems} >= {"name", "budget"}
    assert services.campaigns_of(account) == []


def test_campaign_keys_are_account_local_and_in_order(world):
    """Each new campaign's random key counts the account's campaigns."""
    user, account, setup = world
    keys = [services.save_campaign(user, account, setup).campaign.rng_key for _ in range(3)]
    assert keys == ["c1", "c2", "c3"]


def test_launch_pause_resume_and_end(world):
    """Draft → active → paused → active; once the end passes the status reads ended."""
    user, account, setup = world
    cid = services.save_campaign(user, account, setup).campaign.id
    assert services.launch(user, account, cid).status == "active"
    with pytest.raises(SandboxError):
        services.launch(user, account, cid)  # only a draft launches
    with pytest.raises(SandboxError):
        services.resume(user, account, cid)  # not paused
    assert services.pause(user, account, cid).status == "paused"
    assert services.resume(user, account, cid).status == "active"
    clock.advance(user, account, 24 * 8)
    db.session.expire_all()
    row = services.campaign_for(user, account, cid)
    assert services.status_of(row, account.clock.date()) == "ended"
    with pytest.raises(SandboxError):
        services.pause(user, account, cid)  # an ended campaign cannot be paused
    report = results.report_of(account, row, "ar")
    assert report is not None and len(report.days) == 5
    assert report.totals.spend == pytest.approx(sum(m.spend for _d, m in report.days), abs=0.05)


def test_a_draft_has_no_results(world):
    """Results exist only once launched."""
    user, account, setup = world
    row = services.save_campaign(user, account, setup).campaign
    assert results.report_of(account, row, "ar") is None
