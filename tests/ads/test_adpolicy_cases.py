"""The hand-written ads in adpolicy_cases.yaml raise exactly the rule ids they expect."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.ads.domain.policy import AdText, check_ad
from app.ads.domain.policy_rules import load_policy

CASES = yaml.safe_load((Path(__file__).parent / "adpolicy_cases.yaml").read_text("utf-8"))["cases"]


def run(case: dict) -> set[str]:
    """The rule ids the checker raises for one fixture case."""
    ad = AdText(
        primary_text=case.get("primary_text", ""),
        headline=case.get("headline", ""),
        description=case.get("description", ""),
    )
    found = check_ad(
        ad,
        market=case.get("market", "eg"),
        platform=case.get("platform", "meta"),
        category=case.get("category"),
        partnership=case.get("partnership", False),
    )
    return {f.rule_id for f in found}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_each_ad_raises_exactly_its_expected_rules(case):
    """Every case gets the exact set of rule ids written for it; near-misses get none."""
    assert run(case) == set(case["expect"])


def test_the_fixture_is_broad_enough():
    """At least 30 ads, 10 near-misses, every dialect and English, only rule ids that exist."""
    ids = {r.id for r in load_policy().rules}
    assert len(CASES) >= 30
    near = [c for c in CASES if c.get("near_miss")]
    assert len(near) >= 10 and all(c["expect"] == [] for c in near)
    assert {"ar-msa", "ar-gulf", "ar-egy", "ar-lev", "en"} <= {c["lang"] for c in CASES}
    assert all(set(c["expect"]) <= ids for c in CASES)
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_every_text_rule_is_exercised_by_some_case():
    """Each phrase and style rule is expected by at least one hand-written ad."""
    expected = {rule for c in CASES for rule in c["expect"]}
    text_rules = {r.id for r in load_policy().rules if r.check not in ("declared", "required")}
    assert text_rules <= expected, text_rules - expected
