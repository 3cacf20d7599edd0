"""The ad policy as data: app/ads/data/policy.yaml read once and checked rule by rule."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from app.ads.domain.policy_text import ARABIC_LETTER, PatternError, compile_patterns

POLICY_FILE = Path(__file__).parents[1] / "data" / "policy.yaml"
LANGUAGES = ("ar", "en")
SEVERITIES = ("reject", "warn")
TEXT_CHECKS = ("phrases", "required")
STYLE_PARAMS: Mapping[str, tuple[str, ...]] = {
    "capitals": ("min_letters", "ratio"),
    "punctuation": ("max_marks", "max_same_symbol"),
    "symbols": ("max_run", "min_total", "per_word", "allowed"),
    "gimmicky": ("min_repeat", "skip_letters", "words"),
}
CHECKS = ("phrases", "declared", "required", *STYLE_PARAMS)
RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MARKET = re.compile(r"^[a-z]{2}$")
DATE = re.compile(r"^(?:undated|\d{4}(?:-\d{2}(?:-\d{2})?)?)$")


class PolicyError(ValueError):
    """The policy file is broken; the message names the file and the rule."""


@dataclass(frozen=True)
class Source:
    """Where a rule comes from, and the date sandbox.md gives for it ("undated" if none)."""

    url: str
    date: str


@dataclass(frozen=True, eq=False)
class Rule:
    """One policy rule with its conditions, texts in both languages and compiled patterns."""

    id: str
    check: str
    severity: str
    platforms: frozenset[str]
    texts: Mapping[str, Mapping[str, str]]
    sources: tuple[Source, ...]
    markets: frozenset[str] | None = None
    categories: frozenset[str] | None = None
    partnership: bool | None = None
    patterns: re.Pattern[str] | None = None
    exceptions: re.Pattern[str] | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, key: str, locale: str) -> str:
        """The rule's `name`, `fix` or `human_check` in a locale (Arabic unless it is English)."""
        found = self.texts.get(key, {})
        return found.get("en" if locale.lower().startswith("en") else "ar", "")

    def applies(self, market: str, platform: str, category: str, partnership: bool) -> bool:
        """Whether the rule is in force for this market, platform, category and ad kind."""
        return (
            ("any" in self.platforms or platform in self.platforms)
            and (self.markets is None or market in self.markets)
            and (self.categories is None or category in self.categories)
            and (self.partnership is None or self.partnership == partnership)
        )


@dataclass(frozen=True)
class Policy:
    """Every rule, the platform aliases and the categories an ad may declare."""

    rules: tuple[Rule, ...]
    platform_aliases: Mapping[str, str]
    categories: Mapping[str, Mapping[str, str]]

    def platform(self, name: str) -> str:
        """The policy's platform id for what the caller passed (instagram → meta)."""
        key = name.strip().lower()
        return self.platform_aliases.get(key, key)


class Problems:
    """Errors found while checking the file, each naming the file and the rule."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[str] = []

    def add(self, rule_id: str, message: str) -> None:
        """Record one problem."""
        self.items.append(f"{self.path}: rule {rule_id!r}: {message}")


def bilingual(value: Any) -> bool:
    """A mapping with non-empty Arabic and English strings."""
    return isinstance(value, Mapping) and all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES
    )


def id_set(value: Any, pattern: re.Pattern[str] | None = None) -> frozenset[str] | None:
    """A non-empty list of strings as a set (None when it is not one)."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return None
    if pattern is not None and not all(pattern.match(v) for v in value):
        return None
    return frozenset(value)


def read_patterns(raw: Mapping[str, Any], key: str, rid: str, problems: Problems) -> Any:
    """The rule's `patterns` or `exceptions`, compiled (None when absent or broken)."""
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) - set(LANGUAGES):
        problems.add(rid, f"{key} must map ar and/or en to lists of patterns")
        return None
    sources: list[str] = []
    for lang, items in value.items():
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            problems.add(rid, f"{key}.{lang} must be a list of strings")
            return None
        for item in items:
            if bool(ARABIC_LETTER.search(item)) != (lang == "ar"):
                problems.add(rid, f"{key}.{lang}: {item!r} is in the wrong language list")
            try:
                compile_patterns([item])
            except (PatternError, re.error) as exc:
                problems.add(rid, f"{key}.{lang}: {item!r}: {exc}")
        sources.extend(items)
    try:
        return compile_patterns(sources)
    except (PatternError, re.error):
        return None  # already reported pattern by pattern


def read_params(raw: Mapping[str, Any], check: str, rid: str, problems: Problems) -> dict:
    """A style check's params: every expected key, numbers where numbers belong."""
    params = raw.get("params")
    expected = STYLE_PARAMS.get(check, ())
    if not expected:
        return {}
    if not isinstance(params, Mapping) or set(params) != set(expected):
        problems.add(rid, f"params must have exactly {', '.join(expected)}")
        return {}
    for key, value in params.items():
        text_like = key in ("allowed", "skip_letters", "words")
        ok = isinstance(value, str | list) if text_like else isinstance(value, int | float)
        if not ok or (not text_like and (isinstance(value, bool) or value < 0)):
            problems.add(rid, f"params.{key} has the wrong type or is negative")
    return dict(params)


def read_rule(raw: Any, index: int, policy: Mapping[str, Any], problems: Problems) -> Rule | None:
    """One rule, or None after recording why it is broken."""
    if not isinstance(raw, Mapping):
        problems.add(f"#{index + 1}", "a rule must be a mapping")
        return None
    rid = str(raw.get("id") or f"#{index + 1}")
    before = len(problems.items)
    if not RULE_ID.match(rid):
        problems.add(rid, "id must be lower-case words joined by hyphens")
    check, severity = raw.get("check"), raw.get("severity")
    if check not in CHECKS:
        problems.add(rid, f"check must be one of {', '.join(CHECKS)}")
    if severity not in SEVERITIES:
        problems.add(rid, "severity must be reject or warn")
    platforms = id_set(raw.get("platforms"))
    known = {*policy.get("platforms", []), "any"}
    if platforms is None or platforms - known:
        problems.add(rid, f"platforms must be a list of {', '.join(sorted(known))}")
    for key in ("name", "fix"):
        if not bilingual(raw.get(key)):
            problems.add(rid, f"{key} needs non-empty ar and en texts")
    if "human_check" in raw and not bilingual(raw["human_check"]):
        problems.add(rid, "human_check needs non-empty ar and en texts")
    sources = raw.get("sources")
    if (
        not isinstance(sources, list)
        or not sources
        or not all(
            isinstance(s, Mapping)
            and str(s.get("url", "")).startswith(("https://", "http://"))
            and DATE.match(str(s.get("date", "")))
            for s in sources
        )
    ):
        problems.add(rid, "sources must list {url: http(s)://…, date: YYYY[-MM[-DD]] or undated}")
        sources = []
    markets = id_set(raw["markets"], MARKET) if "markets" in raw else None
    if "markets" in raw and markets is None:
        problems.add(rid, "markets must be a list of two-letter lower-case codes")
    categories = id_set(raw["categories"]) if "categories" in raw else None
    if "categories" in raw and (categories is None or categories - set(policy["categories"])):
        problems.add(rid, "categories must be a list of categories declared at the top")
    partnership = raw.get("partnership")
    if partnership is not None and not isinstance(partnership, bool):
        problems.add(rid, "partnership must be true or false")
    patterns = read_patterns(raw, "patterns", rid, problems)
    exceptions = read_patterns(raw, "exceptions", rid, problems)
    if check in TEXT_CHECKS and patterns is None:
        problems.add(rid, f"a {check} rule needs patterns")
    if check == "declared" and categories is None:
        problems.add(rid, "a declared rule needs categories")
    params = read_params(raw, str(check), rid, problems)
    if len(problems.items) > before:
        return None
    texts = {k: dict(raw[k]) for k in ("name", "fix", "human_check") if k in raw}
    return Rule(
        id=rid,
        check=str(check),
        severity=str(severity),
        platforms=platforms or frozenset(),
        texts=texts,
        sources=tuple(Source(str(s["url"]), str(s["date"])) for s in sources),
        markets=markets,
        categories=categories,
        partnership=partnership,
        patterns=patterns,
        exceptions=exceptions,
        params=params,
    )


def parse_policy(path: Path) -> Policy:
    """Read and check a policy file; raise PolicyError listing every problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyError(f"{path}: cannot read the policy: {exc}") from exc
    problems = Problems(path)
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), list):
        raise PolicyError(f"{path}: the policy needs a `rules` list")
    categories = data.get("categories")
    if not isinstance(categories, Mapping) or not all(bilingual(v) for v in categories.values()):
        raise PolicyError(f"{path}: `categories` must map ids to ar and en names")
    aliases, platforms = data.get("platform_aliases", {}), set(data.get("platforms", []))
    if not isinstance(aliases, Mapping) or not set(aliases.values()) <= platforms:
        raise PolicyError(f"{path}: `platform_aliases` must map names to listed platforms")
    rules = [read_rule(raw, i, data, problems) for i, raw in enumerate(data["rules"])]
    ids = [r.id for r in rules if r is not None]
    for rid in sorted({i for i in ids if ids.count(i) > 1}):
        problems.add(rid, "the id is used twice")
    if problems.items:
        raise PolicyError("\n".join(problems.items))
    return Policy(
        rules=tuple(r for r in rules if r is not None),
        platform_aliases={str(k).lower(): str(v) for k, v in aliases.items()},
        categories={str(k): dict(v) for k, v in categories.items()},
    )


@cache
def load_policy(path: Path = POLICY_FILE) -> Policy:
    """The policy, read and checked once per file."""
    return parse_policy(path)
