"""sbx-14 data (app/exercises/data/sbx-14.yaml): draft ads with gold flags and key facts, the
rule key's thresholds and ad sets with week-one results, metric lexicons (pure, validated).

Every problem names the file and line, so `flask content check` points an editor at it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import line_of
from app.exercises.domain.datafile import read_data
from app.exercises.domain.sbx14_key import DECISIONS, METRICS, Thresholds, decide
from app.exercises.domain.sbx14_policy import rule_ids

LANGS = ("ar", "en")
DRAFTS = 8
SETTINGS = ("jitter", "min_why", "stuffing_at", "scale_below", "keep_up_to")
THRESHOLDS = ("target_cpr", "frequency_limit", "min_results")
FIGURES = ("spend", "results", "ctr", "frequency")


@dataclass(frozen=True)
class ReviewData:
    """The validated file: settings, the rules a learner may flag, partial credit, metric
    lexicons and each brand's drafts, thresholds and ad sets."""

    settings: Mapping[str, float]
    rules: tuple[str, ...]
    credit: Mapping[str, Mapping[str, float]]
    metrics: Mapping[str, tuple[str, ...]]
    brands: Mapping[str, Mapping[str, Any]]

    def thresholds(self, brand: str) -> Thresholds:
        """The rule key's thresholds for a brand, with the shared scale and keep bands."""
        t = self.brands[brand]["thresholds"]
        return Thresholds(
            float(t["target_cpr"]),
            float(t["frequency_limit"]),
            int(t["min_results"]),
            float(self.settings["scale_below"]),
            float(self.settings["keep_up_to"]),
        )


def _bilingual(value: Any) -> bool:
    """Whether a value is {ar: text, en: text} with both filled."""
    return isinstance(value, Mapping) and all(
        isinstance(value.get(k), str) and value[k].strip() for k in LANGS
    )


def _draft_problems(draft: Any, rule_ids: set[str]) -> list[str]:
    """What is wrong with one draft (empty when it is sound)."""
    if not isinstance(draft, Mapping):
        return ["a draft must be a mapping"]
    name = f"draft {draft.get('id')!r}"
    found = []
    if draft.get("lang") not in LANGS:
        found.append(f"{name}: lang must be ar or en")
    for key in ("headline", "text"):
        if not isinstance(draft.get(key), str) or not draft[key].strip():
            found.append(f"{name}: {key} is required")
    flags = draft.get("flags")
    if not isinstance(flags, list) or not set(flags) <= rule_ids:
        found.append(f"{name}: flags must be rule ids from `rules`")
    if not _bilingual(draft.get("why")):
        found.append(f"{name}: why needs ar and en")
    facts = draft.get("facts")
    if (
        not isinstance(facts, list)
        or not facts
        or not all(
            isinstance(f, Mapping) and _bilingual(f.get("name")) and f.get("any") for f in facts
        )
    ):
        found.append(f"{name}: facts must list {{name: {{ar, en}}, any: [...]}}")
    fix = draft.get("fix")
    if flags and not (isinstance(fix, Mapping) and fix.get("headline") and fix.get("text")):
        found.append(f"{name}: a flagged draft needs a model fix (headline and text)")
    if draft.get("partnership") and not draft.get("partner"):
        found.append(f"{name}: a partnership draft names its partner")
    return found


def _set_problems(entry: Any, key: Thresholds, jitter: float) -> list[str]:
    """What is wrong with one ad set: missing figures, or a call the rule key does not reach
    at both ends of the jitter."""
    if not isinstance(entry, Mapping):
        return ["an ad set must be a mapping"]
    name = f"ad set {entry.get('id')!r}"
    if not _bilingual(entry.get("name")):
        return [f"{name}: name needs ar and en"]
    if any(not isinstance(entry.get(k), int | float) or entry[k] <= 0 for k in FIGURES):
        return [f"{name}: {FIGURES} must be positive numbers"]
    if entry.get("expect") not in DECISIONS:
        return [f"{name}: expect must be one of {DECISIONS}"]
    spend, results = float(entry["spend"]), float(entry["results"])
    low, high = 1 - jitter, 1 + jitter
    ends = ((spend * low, results * high), (spend * high, results * low))
    calls = {decide(key, s, round(r), float(entry["frequency"])) for s, r in ends}
    if calls != {entry["expect"]}:
        return [f"{name}: the rule key calls it {sorted(calls)}, not {entry['expect']!r}"]
    return []


def _brand_problems(entry: Any, data: ReviewData) -> list[str]:
    """What is wrong with one brand (empty when it is sound)."""
    if not isinstance(entry, Mapping):
        return ["a brand must be a mapping"]
    found = []
    for key in ("market", "platform"):
        if not isinstance(entry.get(key), str):
            found.append(f"{key} is required")
    if not _bilingual(entry.get("result")):
        found.append("result needs ar and en")
    t = entry.get("thresholds")
    if not isinstance(t, Mapping) or any(
        not isinstance(t.get(k), int | float) or t[k] <= 0 for k in THRESHOLDS
    ):
        return [*found, f"thresholds must give positive {THRESHOLDS}"]
    drafts = entry.get("drafts")
    rule_ids = set(data.rules)
    if not isinstance(drafts, list) or len(drafts) != DRAFTS:
        found.append(f"drafts must list exactly {DRAFTS}")
    else:
        for draft in drafts:
            found += _draft_problems(draft, rule_ids)
        if len({d.get("id") for d in drafts if isinstance(d, Mapping)}) != DRAFTS:
            found.append("draft ids must be unique")
    rule_key = Thresholds(
        float(t["target_cpr"]),
        float(t["frequency_limit"]),
        int(t["min_results"]),
        float(data.settings["scale_below"]),
        float(data.settings["keep_up_to"]),
    )
    sets = entry.get("sets")
    if not isinstance(sets, list):
        return [*found, "sets must be a list"]
    for one in sets:
        found += _set_problems(one, rule_key, float(data.settings["jitter"]))
    calls = [s.get("expect") for s in sets if isinstance(s, Mapping) and not s.get("hard")]
    hard = [s for s in sets if isinstance(s, Mapping) and s.get("hard")]
    if sorted(map(str, calls)) != sorted(d for d in DECISIONS if d != "wait"):
        found.append("the regular sets must be one each of scale, keep, fix-creative, pause")
    if len(hard) != 1 or hard[0].get("expect") != "wait":
        found.append("exactly one set is the hard variant's, and its call is wait")
    return found


def _top(raw: Mapping[str, Any], file: str, problems: Problems) -> ReviewData | None:
    """Settings, rules, credit and lexicons (None after naming what is wrong)."""
    settings, rules = raw.get("settings"), raw.get("rules")
    credit, metrics = raw.get("credit"), raw.get("metrics")
    checks: list[tuple[bool, str]] = [
        (
            isinstance(settings, Mapping)
            and all(isinstance(settings.get(k), int | float) for k in SETTINGS),
            f"settings must give numbers for {SETTINGS}",
        ),
        (
            isinstance(rules, list) and bool(rules) and all(isinstance(r, str) for r in rules),
            "rules must list the policy checker's rule ids",
        ),
        (
            isinstance(credit, Mapping)
            and set(credit) <= set(DECISIONS)
            and all(
                isinstance(v, Mapping)
                and all(k in DECISIONS and 0 < float(x) < 1 for k, x in v.items())
                for v in credit.values()
            ),
            "credit maps a decision to other decisions and a share between 0 and 1",
        ),
        (
            isinstance(metrics, Mapping)
            and set(metrics) == set(METRICS)
            and all(isinstance(v, list) and v for v in metrics.values()),
            f"metrics must give words for each of {METRICS}",
        ),
    ]
    bad = [message for ok, message in checks if not ok]
    for message in bad:
        problems.add(file, line_of(raw, 1), message)
    if bad:
        return None
    assert isinstance(settings, Mapping) and isinstance(rules, list)  # nosec B101
    assert isinstance(credit, Mapping) and isinstance(metrics, Mapping)  # nosec B101
    return ReviewData(
        {k: float(settings[k]) for k in SETTINGS},
        tuple(rules),
        {k: {c: float(x) for c, x in v.items()} for k, v in credit.items()},
        {k: tuple(str(w) for w in v) for k, v in metrics.items()},
        {},
    )


def load_sbx14(
    path: Path,
    scenarios: Mapping[str, Any],
    problems: Problems,
    file: str,
    known_rules: Callable[[], set[str]] | None = None,
) -> ReviewData | None:
    """The validated data, or None after naming every problem; the flaggable rules must be
    rules of the ads policy checker."""
    raw = read_data(path, problems, file)
    if not isinstance(raw, Mapping):
        if raw is not None:
            problems.add(file, 1, "the file must be a mapping")
        return None
    data = _top(raw, file, problems)
    if data is None:
        return None
    before = len(problems.items)
    unknown = set(data.rules) - (known_rules or rule_ids)()
    if unknown:
        problems.add(file, line_of(raw, 1), f"rules the policy checker lacks: {sorted(unknown)}")
    brands = raw.get("brands")
    if not isinstance(brands, Mapping) or not brands:
        problems.add(file, line_of(raw, 1), "brands must map brand ids to their drafts and sets")
        return None
    for brand, entry in brands.items():
        if brand not in scenarios:
            problems.add(file, line_of(entry, 1), f"unknown brand {brand!r}")
        for message in _brand_problems(entry, data):
            problems.add(file, line_of(entry, 1), f"brand {brand!r}: {message}")
    if len(problems.items) > before:
        return None
    return ReviewData(
        data.settings,
        data.rules,
        data.credit,
        data.metrics,
        {k: dict(v) for k, v in brands.items()},
    )
