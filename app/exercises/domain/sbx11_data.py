"""sbx-11 data (app/exercises/data/sbx-11.yaml): the report template, the causes a learner
picks from, the model recommendations and each brand's seeded anomalies (pure, validated).

Every problem names the file and line, so `flask content check` points an editor at it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import line_of
from app.exercises.domain.datafile import read_data
from app.sandbox.domain.platforms import FORMATS, GOALS

KINDS = ("posting-gap", "format-change", "holiday", "viral-outlier", "tracking-break")
KPIS = ("er_reach", "er_impressions", "ctr", "growth")
# Metrics a recommendation may cite (the sandbox's names, metrics.py and goals.py).
METRICS = (
    "reach",
    "impressions",
    "er_reach",
    "er_impressions",
    "ctr",
    "comment_rate",
    "clicks",
    "growth",
    "leads",
    "purchases",
    "store_actions",
)
DAYS = 28  # four weeks
LANGS = ("ar", "en")
AFTER_GAP = 5  # days after a posting gap whose posts still reach fewer people


@dataclass(frozen=True)
class ReportData:
    """The validated file."""

    kpis: tuple[tuple[str, str], ...]  # (kpi id, denominator)
    denominators: tuple[str, ...]
    recommendations: int
    limits: Mapping[str, int]
    min_words: int
    action_words: tuple[str, ...]
    causes: Mapping[str, Mapping[str, Any]]  # id -> {text, signature}
    recommend: Mapping[str, Any]
    brands: Mapping[str, Mapping[str, Any]]


def bilingual(value: Any) -> bool:
    """Whether a value is {ar: text, en: text} with both filled."""
    return isinstance(value, Mapping) and all(
        isinstance(value.get(k), str) and value[k].strip() for k in LANGS
    )


def window(anomaly: Mapping[str, Any]) -> tuple[int, int]:
    """The days an anomaly touches, [first, last + 1): a gap's includes the days after it."""
    start = int(anomaly["start_day"])
    if anomaly["kind"] == "format-change":
        return start, DAYS
    days = int(anomaly.get("days", 1))
    return start, start + days + (AFTER_GAP if anomaly["kind"] == "posting-gap" else 0)


def apart(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two anomalies of different kinds whose windows do not overlap (a hard-variant pair)."""
    (a0, a1), (b0, b1) = window(a), window(b)
    return a["kind"] != b["kind"] and (a1 <= b0 or b1 <= a0)


def pairs(anomalies: list[Mapping[str, Any]]) -> list[tuple[Mapping[str, Any], ...]]:
    """Every pair the hard variant may seed, in file order."""
    return [p for p in combinations(anomalies, 2) if apart(*p)]


def _anomaly(a: Any, platform: str, formats: list[str], causes: set[str], bad: Any) -> bool:
    """Check one anomaly; True when usable."""
    if not isinstance(a, Mapping) or a.get("kind") not in KINDS:
        bad(a, f"an anomaly needs an id and a kind from {KINDS}")
        return False
    where, start = f"anomaly {a.get('id')!r}", a.get("start_day")
    ok = True
    if not isinstance(start, int) or not 0 <= start < DAYS:
        bad(a, f"{where}: start_day must be a day from 0 to {DAYS - 1}")
        return False
    if a["kind"] != "format-change":
        days = a.get("days")
        if not isinstance(days, int) or days < 1 or start + days > DAYS:
            bad(a, f"{where}: days must be at least 1 and end inside the month")
            ok = False
        elif a["kind"] == "posting-gap" and start + days > DAYS - 4:
            bad(a, f"{where}: a posting gap must end by day {DAYS - 4} so posts follow it")
            ok = False
    effect = a.get("effect")
    top = 0.1 if a["kind"] == "tracking-break" else 20
    if not isinstance(effect, int | float) or not 0 <= effect <= top:
        bad(a, f"{where}: effect must be a number from 0 to {top}")
        ok = False
    if a["kind"] == "format-change" and (
        a.get("to") not in FORMATS.get(platform, ()) or a.get("to") in formats
    ):
        bad(a, f"{where}: to must be a {platform} format the brand does not usually post")
        ok = False
    if a["kind"] == "holiday" and not bilingual(a.get("name")):
        bad(a, f"{where}: a holiday needs a name in ar and en")
        ok = False
    options = a.get("options")
    if (
        not isinstance(options, list)
        or len(options) < 3
        or len(set(options)) != len(options)
        or a["kind"] not in options
        or not set(options) <= causes
    ):
        bad(a, f"{where}: options must list at least 3 distinct known causes, its kind included")
        ok = False
    return ok


def _brand(brand: str, raw: Any, scenarios: Mapping[str, Any], causes: set[str], bad: Any) -> bool:
    """Check one brand's settings and anomalies; True when usable."""
    if not isinstance(raw, Mapping):
        bad(raw, f"brand {brand!r} must be a mapping")
        return False
    platform, formats = raw.get("platform"), raw.get("formats")
    scenario = scenarios.get(brand)
    if scenario is None:
        bad(raw, f"brand {brand!r} is not a sandbox scenario")
        return False
    followers = (scenario.get("followers") or {}).get(platform) or 0
    ok = True
    if platform not in FORMATS or followers <= 0:
        bad(raw, f"brand {brand!r}: platform must be one the scenario has followers on")
        return False
    if not isinstance(formats, list) or not formats or not set(formats) <= set(FORMATS[platform]):
        bad(raw, f"brand {brand!r}: formats must be {platform} formats")
        ok = False
    per_week = raw.get("posts_per_week")
    if not isinstance(per_week, int) or not 2 <= per_week <= 6:
        bad(raw, f"brand {brand!r}: posts_per_week must be 2 to 6")
        ok = False
    change = raw.get("goal_change")
    if (
        raw.get("goal") not in GOALS
        or not isinstance(change, Mapping)
        or change.get("goal") not in GOALS
        or change.get("goal") == raw.get("goal")
        or not isinstance(change.get("day"), int)
        or not 7 <= change["day"] <= 20
    ):
        bad(raw, f"brand {brand!r}: goal and goal_change {{goal, day 7–20}} must name two goals")
        ok = False
    anomalies = raw.get("anomalies")
    if not isinstance(anomalies, list):
        bad(raw, f"brand {brand!r} needs a list of anomalies")
        return False
    usable = [a for a in anomalies if _anomaly(a, platform, list(formats or []), causes, bad)]
    ids = [a.get("id") for a in anomalies if isinstance(a, Mapping)]
    if len(set(ids)) != len(ids):
        bad(anomalies, f"brand {brand!r}: anomaly ids must be unique")
        ok = False
    if {a["kind"] for a in usable} != set(KINDS):
        bad(anomalies, f"brand {brand!r}: needs one anomaly of every kind {KINDS}")
        ok = False
    elif len(usable) == len(anomalies) and not pairs(usable):
        bad(anomalies, f"brand {brand!r}: no two anomalies are apart (the hard variant needs one)")
        ok = False
    return ok and len(usable) == len(anomalies)


def _template(raw: Any, bad: Any) -> bool:
    """Check the report template."""
    if not isinstance(raw, Mapping):
        bad(raw, "template must be a mapping")
        return False
    ok = True
    dens = raw.get("denominators")
    kpis = raw.get("kpis")
    if not isinstance(dens, list) or not dens:
        bad(raw, "template: denominators must be a list")
        return False
    if not isinstance(kpis, list) or not kpis:
        bad(raw, "template: kpis must be a list")
        return False
    for k in kpis:
        if (
            not isinstance(k, Mapping)
            or k.get("id") not in KPIS
            or k.get("denominator") not in dens
        ):
            bad(k, f"template: each kpi needs an id from {KPIS} and a listed denominator")
            ok = False
    limits = raw.get("limits")
    if not isinstance(limits, Mapping) or not all(
        isinstance(limits.get(k), int) and limits[k] > 0 for k in ("headline", "action")
    ):
        bad(raw, "template: limits needs headline and action lengths")
        ok = False
    words = raw.get("action_words")
    if not isinstance(words, Mapping) or not all(isinstance(words.get(k), list) for k in LANGS):
        bad(raw, "template: action_words needs ar and en lists")
        ok = False
    for key in ("recommendations", "min_words"):
        if not isinstance(raw.get(key), int) or raw[key] < 1:
            bad(raw, f"template: {key} must be a whole number")
            ok = False
    return ok


def _recommend(raw: Any, bad: Any) -> bool:
    """Check the model recommendations: one per cause kind and per goal, each with a metric."""
    if not isinstance(raw, Mapping):
        bad(raw, "recommend must be a mapping")
        return False
    ok = bilingual(raw.get("repeat_best"))
    if not ok:
        bad(raw, "recommend: repeat_best needs ar and en")
    for part, ids in (("causes", KINDS), ("goals", tuple(GOALS))):
        table = raw.get(part) or {}
        for i in ids:
            r = table.get(i) if isinstance(table, Mapping) else None
            if (
                not isinstance(r, Mapping)
                or r.get("metric") not in METRICS
                or not bilingual(r.get("text"))
            ):
                bad(
                    r if r is not None else table,
                    f"recommend.{part}: {i!r} needs a metric and text",
                )
                ok = False
    return ok


def load_sbx11(
    path: Path, scenarios: Mapping[str, Any], problems: Problems, file: str
) -> ReportData | None:
    """The validated data, or None after naming every problem with its line."""
    raw = read_data(path, problems, file)
    if raw is None:
        return None
    start = len(problems.items)

    def bad(node: Any, message: str) -> None:
        """Add a problem at the node's line."""
        problems.add(file, line_of(node, line_of(raw)), message)

    if not isinstance(raw, Mapping):
        bad(raw, "the file must be a mapping")
        return None
    causes: dict[str, Mapping[str, Any]] = {}
    for c in raw.get("causes") or []:
        if not isinstance(c, Mapping) or not isinstance(c.get("id"), str) or c["id"] in causes:
            bad(c, "each cause needs a unique id")
        elif not bilingual(c.get("text")) or not bilingual(c.get("signature")):
            bad(c, f"cause {c['id']!r}: text and signature need ar and en")
        else:
            causes[c["id"]] = c
    if not set(KINDS) <= set(causes):
        bad(raw.get("causes") or raw, f"causes must include every kind {KINDS}")
    template = raw.get("template")
    _template(template, bad)
    _recommend(raw.get("recommend"), bad)
    brands = raw.get("brands")
    if not isinstance(brands, Mapping) or not brands:
        bad(raw, "brands must map scenario ids to their settings")
        return None
    for brand, settings in brands.items():
        _brand(brand, settings, scenarios, set(causes), bad)
    if len(problems.items) != start:
        return None
    if not isinstance(template, Mapping):
        return None
    words = template["action_words"]
    return ReportData(
        kpis=tuple((k["id"], k["denominator"]) for k in template["kpis"]),
        denominators=tuple(template["denominators"]),
        recommendations=int(template["recommendations"]),
        limits=dict(template["limits"]),
        min_words=int(template["min_words"]),
        action_words=tuple(str(w) for lang in LANGS for w in words[lang]),
        causes=causes,
        recommend=raw["recommend"],
        brands=brands,
    )
