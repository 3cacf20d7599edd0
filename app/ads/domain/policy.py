"""The ad policy checker: an ad's texts against the rules in app/ads/data/policy.yaml (pure).

`check_ad` never raises on any text (empty, huge, control characters, mixed scripts, bidi
marks, lone surrogates) and runs in well under 2 ms for an ordinary ad: matching is done on
folded text with linear patterns (see policy_text), and spans are mapped back so the UI can
highlight the learner's own words.

Choices that keep near-misses passing (each one is tested in tests/ads/):
- "you"/"your" alone is never a personal attribute: "your order", "for you" pass; the
  pattern needs the attribute ("your debt", «كرشك»), or a question about it.
- "guaranteed" alone is not a claim: "guaranteed delivery" and a money-back guarantee are
  promises about service, not results; "guaranteed results" and "100% guaranteed" are.
- "100%" alone is not a claim ("100% cotton"); it is when it backs a result or a guarantee.
- "before" needs "after" ("before you go", «قبل ما تمشي» pass), and "before and after your
  workout" or «قبل وبعد العيد» is about time, not a comparison.
- Capitals count cased letters only, so Arabic never trips them, and need both a minimum
  length and a ratio; brand marks (®, ™) are not symbols; «؟!» is one mark pair, not a run.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from app.ads.domain.policy_rules import Policy, Rule, load_policy
from app.ads.domain.policy_style import STYLE_CHECKS
from app.ads.domain.policy_text import Folded, fold

FIELDS = ("headline", "primary_text", "description")
MAX_PER_FIELD = 25  # findings per rule and field: enough to highlight, bounded for huge text
SEVERITY_ORDER = {"reject": 0, "warn": 1}


@dataclass(frozen=True)
class AdText:
    """The words of one ad: primary text, headline and an optional description."""

    primary_text: str = ""
    headline: str = ""
    description: str = ""

    def fields(self) -> list[tuple[str, str]]:
        """(field, text) pairs in reading order, non-strings read as empty."""
        return [(name, _text(getattr(self, name))) for name in FIELDS]


@dataclass(frozen=True)
class Finding:
    """One broken rule: where (field and span into the original text) and how bad."""

    rule_id: str
    severity: str
    field: str | None  # None when the rule concerns the whole ad (a missing disclosure)
    span: tuple[int, int] | None
    excerpt: str
    rule: Rule = dataclasses.field(repr=False, compare=False)

    def name(self, locale: str = "ar") -> str:
        """The rule's name in a locale."""
        return self.rule.text("name", locale)

    def fix(self, locale: str = "ar") -> str:
        """How to fix it, in a locale."""
        return self.rule.text("fix", locale)

    def human_check(self, locale: str = "ar") -> str:
        """What a person must still look at ("" when the text settles it)."""
        return self.rule.text("human_check", locale)


def _text(value: object) -> str:
    """A field's text; anything that is not a string counts as empty."""
    return value if isinstance(value, str) else ""


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Whether a span overlaps any of the others."""
    return any(span[0] < end and start < span[1] for start, end in others)


def phrase_spans(rule: Rule, folded: Folded) -> list[tuple[int, int]]:
    """Original spans of a rule's pattern matches, minus those inside an exception."""
    if rule.patterns is None:
        return []
    excepted = [m.span() for m in rule.exceptions.finditer(folded.text)] if rule.exceptions else []
    spans = []
    for match in rule.patterns.finditer(folded.text):
        if match.end() > match.start() and not _overlaps(match.span(), excepted):
            spans.append(folded.original_span(*match.span()))
            if len(spans) >= MAX_PER_FIELD:
                break
    return spans


def _finding(rule: Rule, name: str | None, text: str, span: tuple[int, int] | None) -> Finding:
    """A finding with its excerpt cut from the original text."""
    excerpt = text[span[0] : span[1]] if span else ""
    return Finding(rule.id, rule.severity, name, span, excerpt, rule)


def check_rule(
    rule: Rule, fields: list[tuple[str, str]], folded: dict[str, Folded]
) -> list[Finding]:
    """Findings of one rule that is in force for this ad."""
    if rule.check == "declared":
        return [_finding(rule, None, "", None)]
    if rule.check == "required":
        found = any(rule.patterns and rule.patterns.search(folded[n].text) for n, _ in fields)
        return [] if found else [_finding(rule, None, "", None)]
    out: list[Finding] = []
    for name, text in fields:
        if rule.check == "phrases":
            spans = phrase_spans(rule, folded[name])
        else:
            spans = STYLE_CHECKS[rule.check](text, rule.params)[:MAX_PER_FIELD]
        out.extend(_finding(rule, name, text, span) for span in spans)
    return out


def check_ad(
    ad: AdText,
    *,
    market: str,
    platform: str,
    category: str | None = None,
    partnership: bool = False,
    policy: Policy | None = None,
) -> list[Finding]:
    """Every policy finding for an ad in a market on a platform, rejections first."""
    policy = policy or load_policy()
    market_id = _text(market).strip().lower()
    platform_id = policy.platform(_text(platform))
    category_id = _text(category).strip().lower().replace("-", "_").replace(" ", "_")
    fields = ad.fields()
    folded = {name: fold(text) for name, text in fields}
    findings = []
    for rule in policy.rules:
        if rule.applies(market_id, platform_id, category_id, bool(partnership)):
            findings.extend(check_rule(rule, fields, folded))
    return sorted(findings, key=_order)


def _order(finding: Finding) -> tuple[int, int, int, str]:
    """Rejections first, then by field in reading order and position."""
    place = FIELDS.index(finding.field) if finding.field in FIELDS else len(FIELDS)
    start = finding.span[0] if finding.span else -1
    return SEVERITY_ORDER.get(finding.severity, 2), place, start, finding.rule_id


def category_names(locale: str = "ar") -> dict[str, str]:
    """The categories an ad may declare, id → name in a locale."""
    lang = "en" if _text(locale).lower().startswith("en") else "ar"
    return {cid: names[lang] for cid, names in load_policy().categories.items()}
