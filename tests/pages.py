"""Route enumeration shared by the security tests: census classes and sample URLs."""

from __future__ import annotations

from typing import Any

from app.core.registry import access_class

# Sample values for URL variables, so every rule can be requested.
SAMPLE_VALUES: dict[str, Any] = {
    "token": "not-a-real-token",
    "session_id": "no-such-session",
    "user_id": 999999,
    "lesson_id": "plt-1",
    "track_id": "platforms",
    "attempt_id": 999999,
    "card_id": 999999,
    "skill_id": "copywriting",
    "account_id": 999999,
    "post_id": 999999,
    "test_id": 999999,
    "campaign_id": 999999,
    "slug": "no-such-portfolio",
    "link_id": 999999,
    "portfolio_id": 999999,
    "theme_id": "classic",
    "kind": "service",
    "item_id": 999999,
    "study_id": 999999,
    "image_id": 999999,
    "exercise_id": "sbx-02",
    "public_id": "0" * 32,
    "key_id": 999999,
    "list_id": 999999,
    "credential_id": 999999,
    "key": "b-m01",
    "verb": "disable",
}
# Endpoints that are not views of ours.
EXEMPT = {"static"}


def census(app: Any) -> dict[str, str | None]:
    """Map every endpoint to its declared access class (None when unclassified)."""
    return {
        endpoint: access_class(view)
        for endpoint, view in app.view_functions.items()
        if endpoint not in EXEMPT
    }


def rules(app: Any, method: str) -> list[tuple[str, str]]:
    """(endpoint, sample URL) for every rule that accepts `method`."""
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in EXEMPT or method not in (rule.methods or ()):
            continue
        values = {arg: SAMPLE_VALUES[arg] for arg in rule.arguments}
        # A host production admits (TRUSTED_HOSTS), not the default "localhost".
        with app.test_request_context(base_url="http://127.0.0.1"):
            from flask import url_for

            out.append((rule.endpoint, url_for(rule.endpoint, **values)))
    return sorted(out)


def row_counts(db: Any) -> dict[str, int]:
    """Row count of every table."""
    from sqlalchemy import func, select

    return {
        t.name: db.session.scalar(select(func.count()).select_from(t))
        for t in db.metadata.sorted_tables
    }
