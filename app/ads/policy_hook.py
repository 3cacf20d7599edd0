"""The one place the ads manager asks the policy checker about a campaign's ads.

Its findings become typed problems on the ad's fields: a "reject" finding blocks launch,
a warning does not.
"""

from __future__ import annotations

from typing import Any

from app.ads.domain.data import ads_data
from app.ads.domain.policy import AdText, check_ad
from app.ads.domain.setup import Problem

SEVERITY = {"reject": "error", "warn": "warning"}
FIELDS = {"primary_text": "primary_text", "headline": "headline"}


def policy_problems(campaign: Any) -> list[Problem]:
    """Policy findings of every ad of a campaign, as problems by field (both languages kept,
    so a page shows the rule's name and fix in its own)."""
    city = ads_data("audiences")["cities"].get(campaign.city) or {}
    out = []
    for ad in campaign.ads:
        findings = check_ad(
            AdText(primary_text=ad.primary_text, headline=ad.headline),
            market=str(city.get("country", "")),
            platform=campaign.family,
            category=campaign.category or None,
            partnership=bool(campaign.partnership),
        )
        for f in findings:
            field = f"{ad.variant.lower()}_{FIELDS.get(f.field or '', 'primary_text')}"
            args = (
                ("rule", f.rule_id),
                ("excerpt", f.excerpt),
                *((f"name_{lang}", f.name(lang)) for lang in ("ar", "en")),
                *((f"fix_{lang}", f.fix(lang)) for lang in ("ar", "en")),
            )
            out.append(
                Problem(field, f.rule_id, SEVERITY.get(f.severity, "warning"), "policy", args)
            )
    return out


def blocking(problem: Problem) -> bool:
    """Whether a problem stops a launch."""
    return problem.severity == "error"
