"""policy.yaml is validated on load; a broken file names itself and the broken rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from app.ads.domain.policy import AdText, check_ad
from app.ads.domain.policy_rules import POLICY_FILE, PolicyError, load_policy, parse_policy

BROKEN = Path(__file__).parent / "adpolicy_broken.yaml"


def test_the_shipped_policy_loads_with_sources_and_both_languages():
    """Every shipped rule has a source with a date (or "undated") and texts in ar and en."""
    policy = load_policy()
    assert len(policy.rules) >= 15
    for rule in policy.rules:
        assert rule.sources and all(s.url.startswith("http") for s in rule.sources)
        assert all(rule.text(key, lang) for key in ("name", "fix") for lang in ("ar", "en"))


def test_the_broken_fixture_is_reported_with_file_and_rule():
    """An unclosed group: the error names the fixture file, the rule id and the pattern."""
    with pytest.raises(PolicyError) as caught:
        parse_policy(BROKEN)
    message = str(caught.value)
    assert str(BROKEN) in message
    assert "rule 'unclosed-group'" in message and "guaranteed {results|income" in message
    assert "fine-rule" not in message


def shipped() -> dict:
    """A fresh copy of the shipped policy data."""
    return yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))


def rule(data: dict, rule_id: str) -> dict:
    """One rule of the data by id."""
    return next(r for r in data["rules"] if r["id"] == rule_id)


def drop_english_fix(data):
    """A rule without its English fix."""
    del rule(data, "before-after")["fix"]["en"]


def unknown_platform(data):
    """A platform the policy does not list."""
    rule(data, "excessive-capitals")["platforms"] = ["myspace"]


def bad_severity(data):
    """A severity other than reject or warn."""
    rule(data, "unrealistic-claims")["severity"] = "block"


def bad_date(data):
    """A source date that is not a date."""
    rule(data, "alcohol-market")["sources"][0]["date"] = "last spring"


def arabic_in_english_list(data):
    """An Arabic pattern in the English list."""
    rule(data, "unsupported-action")["patterns"]["en"].append("اسحب")


def unknown_category(data):
    """A category the policy does not declare."""
    rule(data, "eg-health-licence")["categories"] = ["clinics"]


def missing_param(data):
    """A style rule missing one of its params."""
    del rule(data, "excessive-symbols")["params"]["max_run"]


def duplicate_id(data):
    """Two rules with one id."""
    data["rules"].append(dict(rule(data, "before-after")))


def required_without_patterns(data):
    """A required rule with nothing to look for."""
    del rule(data, "partnership-disclosure")["patterns"]


@pytest.mark.parametrize(
    ("breaks", "rule_id", "words"),
    [
        (drop_english_fix, "before-after", "fix needs non-empty ar and en"),
        (unknown_platform, "excessive-capitals", "platforms must be"),
        (bad_severity, "unrealistic-claims", "severity must be"),
        (bad_date, "alcohol-market", "sources must list"),
        (arabic_in_english_list, "unsupported-action", "wrong language list"),
        (unknown_category, "eg-health-licence", "categories must be"),
        (missing_param, "excessive-symbols", "params must have"),
        (duplicate_id, "before-after", "used twice"),
        (required_without_patterns, "partnership-disclosure", "needs patterns"),
    ],
)
def test_each_kind_of_mistake_names_file_and_rule(tmp_path, breaks, rule_id, words):
    """A copy of the shipped policy with one mistake fails, naming the copy and the rule."""
    data = shipped()
    breaks(data)
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        parse_policy(path)
    line = next(line for line in str(caught.value).splitlines() if words in line)
    assert line.startswith(f"{path}: rule {rule_id!r}: ")


def test_an_unreadable_file_names_itself(tmp_path):
    """Bad YAML fails with the file name, not a bare parser error."""
    path = tmp_path / "policy.yaml"
    path.write_text("rules: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(PolicyError, match=str(path)):
        parse_policy(path)


def test_a_valid_copy_checks_ads_like_the_shipped_file(tmp_path):
    """The shipped data round-tripped through YAML loads and gives the same findings."""
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(shipped(), allow_unicode=True), encoding="utf-8")
    ad = AdText("هل تعاني من السكري؟ نتائج مضمونة!!!")
    copy = check_ad(ad, market="eg", platform="meta", policy=parse_policy(path))
    assert [(f.rule_id, f.span) for f in copy] == [
        (f.rule_id, f.span) for f in check_ad(ad, market="eg", platform="meta")
    ]
    assert {f.rule_id for f in copy} == {
        "personal-attributes",
        "unrealistic-claims",
        "repeated-punctuation",
    }


REQUIRED = [r for r in load_policy().rules if r.check == "required"]
QUOTED = re.compile(r"«([^»]+)»|\"([^\"]+)\"")


@pytest.mark.parametrize("required", REQUIRED, ids=[r.id for r in REQUIRED])
def test_the_examples_a_fix_suggests_satisfy_the_rule(required):
    """Every quoted example in a required rule's fix (both languages) makes the rule pass,
    and the same ad without it fails: the advice and the patterns cannot drift apart."""
    context = {
        "market": sorted(required.markets or {"eg"})[0],
        "platform": "meta",
        "category": sorted(required.categories or {""})[0] or None,
        "partnership": bool(required.partnership),
    }

    def raised(text: str) -> bool:
        """Whether the rule fires for an ad with this primary text."""
        found = check_ad(AdText(primary_text=text), **context)
        return required.id in {f.rule_id for f in found}

    assert raised("قهوة مختصة طازجة كل يوم")
    examples = [
        a or b for lang in ("ar", "en") for a, b in QUOTED.findall(required.text("fix", lang))
    ]
    assert examples
    for example in examples:
        assert not raised(f"قهوة مختصة طازجة كل يوم. {example}"), example
