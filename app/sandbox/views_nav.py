"""The account pages' navigation (breadcrumbs, tabs and the simulated clock, rendered once)
and the sandbox's name tables in the page language."""

from __future__ import annotations

from typing import Any

from flask import current_app, request

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


TABLES = (
    "PLATFORM_NAMES",
    "FORMAT_NAMES",
    "GOAL_NAMES",
    "METRIC_NAMES",
    "STATUS_NAMES",
    "FACTOR_NAMES",
    "VERDICTS",
)


def label_tables() -> dict[str, dict[str, str]]:
    """Translated names of the sandbox's codes, resolved once per language and process."""
    from app.core.i18n import current_language
    from app.sandbox import labels

    cache = current_app.extensions.setdefault("tawasul_sandbox_labels", {})
    lang = current_language()
    if lang not in cache:
        # Lazy strings would be translated again at every use: resolve each name once.
        cache[lang] = {
            name: {k: str(v) for k, v in getattr(labels, name).items()} for name in TABLES
        }
    found: dict[str, dict[str, str]] = cache[lang]
    return found


def sandbox_names(table: str) -> dict[str, str]:
    """One name table (PLATFORM_NAMES, FORMAT_NAMES, GOAL_NAMES...) in the page language:
    a template global, so pages outside the sandbox name codes as it does."""
    return label_tables()[table]
