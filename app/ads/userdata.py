"""Ad campaigns and ads in the user-data registry (export, deletion) and the XSS harness."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.ads.models import AdCampaign, AdCreative
from app.core.registry import XssField, register_table, register_xss_field

register_table(
    AdCreative,
    export=(
        "id",
        "campaign_id",
        "variant",
        "primary_text",
        "headline",
        "cta",
        "media_description",
        "aspect",
    ),
    order=18,  # before the campaigns they belong to
    not_learner_text={
        "variant": "'A' or 'B', set by the form",
        "cta": "a button id checked against the list",
        "aspect": "a ratio checked as digits and a colon",
    },
)
register_table(
    AdCampaign,
    export=(
        "id",
        "account_id",
        "family",
        "objective",
        "name",
        "budget_kind",
        "budget_cents",
        "start_day",
        "end_day",
        "status",
        "pauses",
        "is_test",
        "category",
        "partnership",
        "city",
        "radius_km",
        "age_min",
        "age_max",
        "languages",
        "interests",
        "placements",
        "launched_at",
        "created_at",
        "updated_at",
    ),
    order=18,  # before the sandbox account it belongs to
    not_learner_text={
        "rng_key": "set by the system",
        "family": "'meta' or 'tiktok', checked against the list",
        "objective": "an objective id checked against the list",
        "budget_kind": "'daily' or 'lifetime', checked against the list",
        "status": "set by the system",
        "city": "a city id checked against the list",
        "category": "a policy category id checked against the list",
    },
)


def harness_campaign(session: Any, user: Any) -> AdCampaign:
    """The user's harness campaign (launched, with two ads), made once."""
    row = session.scalar(select(AdCampaign).where(AdCampaign.user_id == user.id))
    if row is not None:
        return row
    from app.sandbox.models import SandboxAccount
    from app.sandbox.userdata import harness_post

    account = session.get(SandboxAccount, harness_post(session, user).account_id)
    start = account.started.date()
    row = AdCampaign(
        account_id=account.id,
        user_id=user.id,
        rng_key="c1",
        family="meta",
        objective="OUTCOME_TRAFFIC",
        name="c",
        budget_kind="daily",
        budget_cents=10000,
        start_day=start,
        end_day=start + timedelta(days=6),
        status="active",
        pauses=[],
        is_test=True,
        category="",
        partnership=False,
        city="riyadh",
        radius_km=10,
        age_min=18,
        age_max=65,
        languages=[],
        interests=[],
        placements=["meta-feed"],
    )
    row.ads = [AdCreative(user_id=user.id, variant=v, primary_text="t") for v in ("A", "B")]
    session.add(row)
    session.flush()
    return row


def setter(column: str, ad: bool) -> Any:
    """Store the payload in a campaign column, or in the same column of both its ads."""

    def set_value(session: Any, user: Any, value: str) -> None:
        """Write the payload."""
        row = harness_campaign(session, user)
        for target in row.ads if ad else [row]:
            setattr(target, column, value)

    return set_value


def pages_for(*suffixes: str) -> Any:
    """The harness campaign's pages that show a field."""

    def pages(user: Any) -> list[str]:
        """Where the field's text is displayed."""
        from app.core.extensions import db

        row = db.session.scalar(select(AdCampaign).where(AdCampaign.user_id == user.id))
        if row is None:
            return []
        base = f"/sandbox/{row.account_id}/ads"
        return [base + s.replace("{id}", str(row.id)) for s in suffixes]

    return pages


register_xss_field(
    XssField("ad_campaign.name", setter("name", False), pages_for("", "/{id}", "/{id}/report"), 120)
)
for _column, _limit in (("primary_text", 2200), ("headline", 255), ("media_description", 500)):
    register_xss_field(
        XssField(
            f"ad_creative.{_column}",
            setter(_column, True),
            pages_for("/{id}", "/{id}/report"),
            _limit,
        )
    )
