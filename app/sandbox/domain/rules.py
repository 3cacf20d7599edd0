"""Data-driven post rules (rules.yaml): severity, effective dates and sources (pure).

X text is counted the way X counts it (weighted; any URL counts 23) with the
`twitter-text-parser` package, which passes our conformance tests
(tests/sandbox/test_rules.py: Arabic, CJK, emoji and URLs).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from twitter_text import parse_tweet

RULES_FILE = Path(__file__).parents[1] / "rules.yaml"
HASHTAG = re.compile(r"(?<![\w&])[#＃](\w+)", re.UNICODE)
MENTION = re.compile(r"(?<![\w])@(\w{1,30})")
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
NEEDS_ACTION = ("traffic", "leads", "sales", "visits")


@dataclass(frozen=True)
class Draft:
    """One platform version of a post, as the composer sends it."""

    text: str = ""
    hashtags: str = ""
    link: str = ""
    media_count: int = 0
    aspect: str = ""
    alt_text: str = ""
    goal: str = ""
    cta: str = ""
    hook: str = ""

    def final_text(self) -> str:
        """The text as it would be published: body, then the link, then the hashtags."""
        parts = [self.text.strip()]
        if self.link and self.link not in self.text:
            parts.append(self.link.strip())
        tags = " ".join(f"#{t.lstrip('#＃')}" for t in self.hashtags.split() if t.strip("#＃"))
        if tags:
            parts.append(tags)
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class Violation:
    """A broken rule: which, how bad, the figures, and where the rule comes from."""

    rule: str
    check: str
    severity: str
    actual: int
    limit: int
    source: str
    effective_from: str
    count: str = "chars"  # how a text_max rule counts: chars, x (weighted) or bytes


@cache
def rule_data() -> Mapping[str, Any]:
    """rules.yaml, read once."""
    with RULES_FILE.open(encoding="utf-8") as fh:
        data: Mapping[str, Any] = yaml.safe_load(fh)
    return data


def x_length(text: str) -> int:
    """X's weighted length: most letters 1 (Arabic too), emoji and CJK 2, any URL 23."""
    return int(parse_tweet(text).weightedLength)


def hashtags_in(draft: Draft) -> list[str]:
    """Every hashtag of the published text."""
    return HASHTAG.findall(draft.final_text())


def limit_of(rule: Mapping[str, Any], facts: Mapping[str, Any]) -> int:
    """A rule's number, read from courses/facts.yaml when it cites a fact."""
    value = rule.get("limit", 0)
    if isinstance(value, Mapping):
        return int(facts[value["fact"]])
    return int(value)


def rules_for(platform: str, fmt: str, on: str) -> list[Mapping[str, Any]]:
    """Rules in force for one platform and post type on a date (YYYY-MM-DD)."""
    sets: Mapping[str, Any] = rule_data()["platforms"].get(platform, {})
    found = [*sets.get("all", []), *sets.get(fmt, []), *rule_data().get("goal_rules", [])]
    return [
        r
        for r in found
        if str(r["effective_from"]) <= on and on <= str(r.get("effective_until", "9999-12-31"))
    ]


def length(text: str, count: str) -> int:
    """A text's length as a platform counts it: X's weighted count, UTF-8 bytes (YouTube's
    description, where an Arabic letter takes two), or characters."""
    if count == "x":
        return x_length(text)
    return len(text.encode("utf-8")) if count == "bytes" else len(text)


def measure(
    rule: Mapping[str, Any], draft: Draft, facts: Mapping[str, Any]
) -> tuple[int, int] | None:
    """(actual, limit) when the rule is broken, else None."""
    check = rule["check"]
    text = draft.final_text()
    first_line = text.split("\n", 1)[0]
    if check == "text_max":
        actual = length(text, str(rule.get("count", "chars")))
        limit = limit_of(rule, facts)
        return (actual, limit) if actual > limit else None
    if check == "hashtags_max":
        actual, limit = len(hashtags_in(draft)), limit_of(rule, facts)
        return (actual, limit) if actual > limit else None
    if check == "media_max":
        limit = limit_of(rule, facts)
        return (draft.media_count, limit) if draft.media_count > limit else None
    if check == "media_min":
        limit = limit_of(rule, facts)
        return (draft.media_count, limit) if draft.media_count < limit else None
    if check == "aspect":
        ok = not draft.media_count or draft.aspect in rule["allowed"]
        return None if ok else (0, 0)
    if check == "link_in_text":
        return (1, 0) if URL.search(text) else None
    if check in ("fold", "title_max"):
        limit = limit_of(rule, facts)
        return (len(first_line), limit) if len(first_line) > limit else None
    if check == "alt_text":
        return (0, 1) if draft.media_count and not draft.alt_text.strip() else None
    if check == "hook_words":  # counted as a reader would: words split on spaces
        actual, limit = len(draft.hook.split()), limit_of(rule, facts)
        return (actual, limit) if actual > limit else None
    if check == "cta_for_goal":
        return (0, 1) if draft.goal in rule["goals"] and not draft.cta.strip() else None
    raise ValueError(f"unknown check {check!r} in rules.yaml")


def check_draft(
    platform: str, fmt: str, draft: Draft, facts: Mapping[str, Any], on: str
) -> list[Violation]:
    """Every rule the draft breaks on date `on`, errors first."""
    out = []
    for rule in rules_for(platform, fmt, on):
        broken = measure(rule, draft, facts)
        if broken:
            out.append(
                Violation(
                    rule["id"],
                    rule["check"],
                    rule["severity"],
                    broken[0],
                    broken[1],
                    str(rule["source"]),
                    str(rule["effective_from"]),
                    str(rule.get("count", "chars")),
                )
            )
    return sorted(out, key=lambda v: (v.severity != "error", v.rule))


def check_rule_facts(
    facts: Mapping[str, Any], problems: Any, sources: Mapping[str, str] | None = None
) -> None:
    """Every {fact: id} in rules.yaml must exist in courses/facts.yaml, and a rule whose limit
    is a fact cites that fact's source (so a rule cannot cite a page that does not support
    its figure). Problems are file:line."""
    lines = RULES_FILE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        for fact_id in re.findall(r"\{fact:\s*([a-z0-9-]+)\s*\}", line):
            if fact_id not in facts:
                problems.add("app/sandbox/rules.yaml", number, f"unknown fact {fact_id!r}")
                continue
            cited = re.search(r'source:\s*"([^"]*)"', line)
            want = (sources or {}).get(fact_id)
            if want and cited and cited.group(1) != want:
                problems.add(
                    "app/sandbox/rules.yaml",
                    number,
                    f"the rule's limit is fact {fact_id!r}, so its source must be the fact's "
                    f"({want})",
                )
