"""sbx-13's use of the ads policy checker (app/ads/domain/policy.py): an ad's words as plain
findings the scorer can store (pure).

A finding counts when the words cause it: a phrase or style match, or something the text must
say and does not (a required disclosure). A rule that fires on the declared category alone
("declared") is left out: the brief fixes the category, so no wording could earn it back.
"""

from __future__ import annotations

from typing import Any

from app.ads.domain.policy import AdText, check_ad
from app.ads.domain.policy_rules import load_policy

MAX_FINDINGS = 6  # per ad: enough to name what to fix, bounded for a hostile text


def text_findings(
    text: str, headline: str, *, market: str, platform: str, category: str
) -> list[dict[str, Any]]:
    """The policy findings of one ad's primary text and headline, one per rule and excerpt."""
    found = check_ad(
        AdText(primary_text=text, headline=headline),
        market=market,
        platform=platform,
        category=category,
        partnership=False,
    )
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for f in found:
        if f.field is None and f.rule.check == "declared":
            continue
        excerpt = f.excerpt[:80]
        if (f.rule_id, excerpt) in seen:
            continue
        seen.add((f.rule_id, excerpt))
        out.append({"rule": f.rule_id, "severity": f.severity, "excerpt": excerpt})
        if len(out) >= MAX_FINDINGS:
            break
    return out


def rule_text(rule_id: str, kind: str, locale: str) -> str:
    """A rule's name or fix in a locale ("" for a rule the policy no longer has)."""
    for rule in load_policy().rules:
        if rule.id == rule_id:
            return str(rule.text(kind, locale))
    return ""
