"""Benchmark seeding for the ads manager: five running campaigns in the big account, and the
CPU to read their results once the clock has moved (results are computed on read)."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

CAMPAIGNS = 5


def launch_campaigns(user: Any, account: Any) -> list[int]:
    """Five campaigns launched to start tomorrow and run the whole simulated month, and a
    draft."""
    from app.ads import services
    from app.ads.domain.setup import AdDraft, Setup

    first = account.clock.date() + timedelta(days=1)
    ids = []
    for n in range(CAMPAIGNS):
        aspect = "4:5" if n % 2 == 0 else "9:16"  # Meta's feed, TikTok's in-feed
        setup = Setup(
            name=f"حملة {n + 1}",
            family="meta" if n % 2 == 0 else "tiktok",
            objective="OUTCOME_TRAFFIC" if n % 2 == 0 else "TRAFFIC",
            budget_kind="daily",
            budget=str(100 + 20 * n),
            start=first.isoformat(),
            end=(first + timedelta(days=29)).isoformat(),
            city="riyadh",
            radius_km=str(10 + n),
            interests=("coffee",),
            placements=("meta-feed",) if n % 2 == 0 else ("tiktok-in-feed",),
            is_test=n == 0,
            ads=tuple(
                AdDraft(v, f"قهوة مختصة {v} في الرياض", "", "learn-more", "", aspect)
                for v in (("A", "B") if n == 0 else ("A",))
            ),
        )
        campaign = services.save_campaign(user, account, setup).campaign
        services.launch(user, account, campaign.id)
        ids.append(campaign.id)
    ids.append(services.save_campaign(user, account, setup).campaign.id)  # a draft, to edit
    return ids


def read_results_ms(account_id: int) -> tuple[int, int, float]:
    """(a running campaign's id, the draft's id, CPU ms to compute every campaign's results
    afresh, cache emptied)."""
    from sqlalchemy import select

    from app.ads import results
    from app.ads.models import AdCampaign
    from app.core.extensions import db
    from app.sandbox.models import SandboxAccount

    account = db.session.get(SandboxAccount, account_id)
    rows = list(db.session.scalars(select(AdCampaign).where(AdCampaign.account_id == account_id)))
    results.RUNS.clear()
    results.REPORTS.clear()
    start = time.process_time()
    for row in rows:
        results.report_of(account, row, "ar")
    spent = (time.process_time() - start) * 1000
    draft = next(r.id for r in rows if r.status == "draft")
    return rows[0].id, draft, spent
