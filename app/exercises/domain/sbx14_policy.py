"""sbx-14's view of the ads policy checker (app/ads/domain/policy.py): which rules a draft or a
rewrite breaks, as rule ids (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.ads.domain.policy import AdText, check_ad
from app.ads.domain.policy_rules import load_policy

# Saudi Arabia's "say it is an ad" is a warning the checker raises on every Saudi ad without
# the word; its own human check says the platform's Sponsored label may be enough for paid ads
# run from the brand's account. The exercise's drafts are such ads, except the creator posts
# (partnership drafts), which must say it in words; so it counts only on those.
CREATOR_ONLY = frozenset({"sa-say-it-is-an-ad"})


def rule_ids() -> set[str]:
    """Every rule id the policy checker knows."""
    return {rule.id for rule in load_policy().rules}


def broken_rules(ad: Mapping[str, Any], headline: str, text: str) -> list[str]:
    """The rule ids a headline and text break for a draft's market, platform, category and
    kind (sorted, each once)."""
    partnership = bool(ad.get("partnership"))
    findings = check_ad(
        AdText(primary_text=text, headline=headline),
        market=str(ad.get("market") or ""),
        platform=str(ad.get("platform") or ""),
        category=ad.get("category"),
        partnership=partnership,
    )
    found = {f.rule_id for f in findings}
    if not partnership:
        found -= CREATOR_ONLY
    return sorted(found)


def in_force(rule_id: str, market: str, platform: str) -> bool:
    """Whether a rule can apply to an ad in a market on a platform (brand ad or creator post):
    a Saudi rule is not offered on an Egyptian brand's drafts."""
    policy = load_policy()
    rule = next(r for r in policy.rules if r.id == rule_id)
    where = policy.platform(platform)
    return any(rule.applies(market, where, "", kind) for kind in (False, True))


def rule_name(rule_id: str) -> dict[str, str]:
    """A rule's name in both languages, as the checker words it."""
    rule = next(r for r in load_policy().rules if r.id == rule_id)
    return {lang: rule.text("name", lang) for lang in ("ar", "en")}
