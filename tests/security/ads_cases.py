"""IDOR cases for the ads manager's owner routes (used by test_t2_census)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.core.extensions import db


def ads_form(first) -> dict[str, object]:
    """A valid one-week traffic campaign form starting on `first`."""
    return {
        "name": "حملة",
        "family": "meta",
        "objective": "OUTCOME_TRAFFIC",
        "budget_kind": "daily",
        "budget": "100",
        "start": first.isoformat(),
        "end": (first + timedelta(days=6)).isoformat(),
        "city": "riyadh",
        "radius_km": "15",
        "age_min": "18",
        "age_max": "45",
        "placements": ["meta-feed"],
        "a_primary_text": "قهوة مختصة",
        "a_aspect": "1:1",
        "action": "save",
    }


def ads_cases(app, a, state):
    """(endpoint, method, url, state, owner_changes, data) for every ads manager owner route."""
    from werkzeug.datastructures import MultiDict

    from app.ads import services
    from app.ads.forms import read_setup
    from app.ads.models import AdCampaign
    from app.sandbox import services as sandbox_services

    with app.test_request_context():
        user = db.session.get(type(a), a.id)
        account = sandbox_services.start_account(user, "riyadh-cafe")
        form = ads_form(account.clock.date() + timedelta(days=1))
        setup = read_setup(
            MultiDict(
                [(k, v) for k, vs in form.items() for v in (vs if isinstance(vs, list) else [vs])]
            )
        )
        draft = services.save_campaign(user, account, setup).campaign.id
        edited = services.save_campaign(user, account, setup).campaign.id
        running = services.save_campaign(user, account, setup).campaign.id
        services.launch(user, account, running)
        acc = account.id
    base = f"/sandbox/{acc}/ads"
    count = select(func.count(AdCampaign.id)).where(AdCampaign.account_id == acc)

    def column(name, cid):
        return select(getattr(AdCampaign, name)).where(AdCampaign.id == cid)

    return [
        ("ads.index", "GET", base, state(count), False, None),
        ("ads.new", "GET", f"{base}/new", state(count), False, None),
        ("ads.create", "POST", f"{base}/new", state(count), True, form),
        ("ads.edit", "GET", f"{base}/{edited}/edit", state(count), False, None),
        (
            "ads.update",
            "POST",
            f"{base}/{edited}/edit",
            state(column("updated_at", edited)),
            True,
            form | {"name": "حملة معدلة"},
        ),
        ("ads.campaign", "GET", f"{base}/{running}", state(count), False, None),
        (
            "ads.launch",
            "POST",
            f"{base}/{draft}/launch",
            state(column("status", draft)),
            True,
            None,
        ),
        (
            "ads.pause",
            "POST",
            f"{base}/{running}/pause",
            state(column("status", running)),
            True,
            None,
        ),
        (
            "ads.resume",
            "POST",
            f"{base}/{running}/resume",
            state(column("status", running)),
            True,
            None,
        ),
        ("ads.report", "GET", f"{base}/{running}/report", state(count), False, None),
        ("ads.report_download", "GET", f"{base}/{running}/report.csv", state(count), False, None),
    ]
