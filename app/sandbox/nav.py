"""The account pages' navigation: breadcrumbs, tabs and the simulated clock, rendered once."""

from __future__ import annotations

from typing import Any

from flask import request

from app.core.memo import Memo, render_kept

NAVS = Memo(512)


def sandbox_nav(account: Any, scenario: dict[str, Any]) -> Any:
    """The navigation of an account page (Markup), kept per account state and page.

    It shows the scenario's name, the clock and which tab is current, so the key holds
    the account, its scenario, start and clock, and the endpoint; a reloaded content
    library brings a new scenario object, hence its identity in the key.
    """
    key = (
        account.id,
        account.scenario_id,
        id(scenario),
        account.started,
        account.clock,
        request.endpoint,
    )
    return render_kept(
        NAVS, key, "sandbox/_nav.html", lambda: {"account": account, "scenario": scenario}
    )
