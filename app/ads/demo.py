"""The demo learner's ad campaign: a ten-day traffic campaign the demo's two weeks finish."""

from __future__ import annotations

from datetime import timedelta

from app.accounts.models import User
from app.ads import services
from app.ads.domain.setup import AdDraft, Setup
from app.sandbox.models import SandboxAccount

DEMO_TEXT = (
    "قائمة الشتاء وصلت إلى فرع الياسمين: مشروبات دافئة جديدة كل يوم حتى منتصف الليل.",
    "مشروبات الشتاء في فرع الياسمين",
)


def seed_campaign(user: User, account: SandboxAccount) -> int:
    """Save and launch a campaign starting tomorrow on the account's clock; its id.

    Called before the demo advances the clock two weeks, so the campaign runs to its end."""
    first = account.clock.date() + timedelta(days=1)
    setup = Setup(
        name="زيارات قائمة الشتاء",
        family="meta",
        objective="OUTCOME_TRAFFIC",
        budget_kind="daily",
        budget="150",
        start=first.isoformat(),
        end=(first + timedelta(days=9)).isoformat(),
        city="riyadh",
        radius_km="12",
        age_min="18",
        age_max="44",
        languages=("ar",),
        interests=("coffee", "food-dining"),
        placements=("meta-feed",),
        ads=(
            AdDraft(
                "A",
                DEMO_TEXT[0],
                DEMO_TEXT[1],
                "learn-more",
                "كوب قهوة دافئ على طاولة خشبية في الفرع",
                "4:5",
            ),
        ),
    )
    campaign = services.save_campaign(user, account, setup).campaign
    services.launch(user, account, campaign.id)
    return campaign.id
