"""sbx-05 data (app/exercises/data/sbx-05.yaml): the launch brief, the calendar rules and the
model calendar, validated with file and line (pure)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import YamlError, line_of, load_yaml
from app.exercises.domain.cta import CtaLexicon, load_cta
from app.sandbox.domain.platforms import FORMATS, GOALS, PLATFORMS, WEEKDAYS

SEASONS = ("ordinary", "ramadan", "eid")
TIME = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
LANGS = ("ar", "en")


def minutes(text: Any) -> int | None:
    """Minutes after midnight of an "HH:MM" text, or None."""
    found = TIME.match(str(text or "").strip())
    return int(found.group(1)) * 60 + int(found.group(2)) if found else None


def day_of(text: Any) -> dt.date | None:
    """The date of a "YYYY-MM-DD" text, or None."""
    value = str(text or "").strip()
    if not DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def within(at: int, window: Mapping[str, Any]) -> bool:
    """Whether minute `at` falls in a daily window (one that passes midnight wraps)."""
    start, end = minutes(window.get("from")), minutes(window.get("to"))
    if start is None or end is None:
        return False
    return start <= at < end if start <= end else (at >= start or at < end)


@dataclass(frozen=True)
class Sbx05Data:
    """The validated file, the CTA lexicon and the personas' active hours by weekday."""

    raw: Mapping[str, Any] = field(repr=False)
    lexicon: CtaLexicon = field(repr=False)
    active_hours: Mapping[str, tuple[int, ...]]


class _Check:
    """Adds problems that name the file and the line of the node at fault."""

    def __init__(self, problems: Problems, file: str) -> None:
        self.problems, self.file, self.ok = problems, file, True

    def add(self, node: Any, message: str) -> None:
        """A problem at the node's line."""
        self.problems.add(self.file, line_of(node), message)
        self.ok = False

    def texts(self, node: Mapping[str, Any], key: str, where: str) -> None:
        """The key holds text in both languages."""
        value = node.get(key)
        if not isinstance(value, Mapping) or not all(
            str(value.get(k) or "").strip() for k in LANGS
        ):
            self.add(node, f"{where}: {key} needs ar and en text")

    def time(self, node: Mapping[str, Any], key: str, where: str) -> None:
        """The key holds a time HH:MM."""
        if minutes(node.get(key)) is None:
            self.add(node, f"{where}: {key} must be a time HH:MM, not {node.get(key)!r}")

    def date(self, node: Mapping[str, Any], key: str, where: str) -> None:
        """The key holds a date YYYY-MM-DD."""
        if day_of(node.get(key)) is None:
            self.add(node, f"{where}: {key} must be a date YYYY-MM-DD, not {node.get(key)!r}")

    def windows(self, node: Mapping[str, Any], key: str, where: str) -> None:
        """The key lists time windows with from and to."""
        listed = node.get(key)
        if not isinstance(listed, list) or not listed:
            self.add(node, f"{where}: {key} must list windows")
            return
        for w in listed:
            if not isinstance(w, Mapping):
                self.add(listed, f"{where}: each {key} window needs from and to")
                continue
            self.time(w, "from", where)
            self.time(w, "to", where)


def _mapping(node: Any, key: str, c: _Check, parent: Any) -> Mapping[str, Any]:
    value = node.get(key) if isinstance(node, Mapping) else None
    if not isinstance(value, Mapping):
        c.add(parent, f"{key} must be a mapping")
        return {}
    return value


def _conditions(data: Mapping[str, Any], pillars: set[str], c: _Check) -> None:
    for cid, cond in _mapping(data, "conditions", c, data).items():
        where = f"condition {cid!r}"
        if not isinstance(cond, Mapping):
            c.add(data["conditions"], f"{where} must be a mapping")
            continue
        if cond.get("season") not in SEASONS:
            c.add(cond, f"{where}: season must be one of {SEASONS}")
        c.date(cond, "opening", where)
        platforms = cond.get("platforms")
        if not isinstance(platforms, list) or not platforms:
            c.add(cond, f"{where}: platforms must be a list")
        elif [p for p in platforms if p not in PLATFORMS]:
            c.add(
                platforms,
                f"{where}: unknown platforms {[p for p in platforms if p not in PLATFORMS]}",
            )
        required = cond.get("required_pillars")
        if not isinstance(required, list) or [p for p in required if p not in pillars]:
            c.add(cond, f"{where}: required_pillars must list known pillars")
        if not isinstance(cond.get("min_rows"), int) or cond["min_rows"] < 1:
            c.add(cond, f"{where}: min_rows must be a whole number above 0")
        capacity = cond.get("capacity")
        if capacity is not None and not (
            isinstance(capacity, Mapping)
            and all(isinstance(capacity.get(k), int) for k in ("posts_per_week", "videos_per_week"))
        ):
            c.add(cond, f"{where}: capacity needs posts_per_week and videos_per_week")


def _pillars(data: Mapping[str, Any], c: _Check) -> set[str]:
    listed = data.get("pillars")
    if not isinstance(listed, list) or not listed:
        c.add(data, "pillars must be a list")
        return set()
    ids: set[str] = set()
    for p in listed:
        if not isinstance(p, Mapping) or not p.get("id"):
            c.add(listed, "each pillar needs an id")
            continue
        if p["id"] in ids:
            c.add(p, f"pillar {p['id']!r} is listed twice")
        ids.add(str(p["id"]))
        c.texts(p, "name", f"pillar {p['id']!r}")
        if not isinstance(p.get("promotional"), bool):
            c.add(p, f"pillar {p['id']!r}: promotional must be true or false")
        if [s for s in p.get("seasons", SEASONS) if s not in SEASONS]:
            c.add(p, f"pillar {p['id']!r}: unknown seasons")
    return ids


def _rules(data: Mapping[str, Any], c: _Check) -> None:
    bands = _mapping(data, "bands", c, data)
    for platform in PLATFORMS:
        band = bands.get(platform)
        if not (
            isinstance(band, list)
            and len(band) == 2
            and all(isinstance(v, int) for v in band)
            and 0 <= band[0] <= band[1]
        ):
            c.add(bands or data, f"bands: {platform} needs [low, high] posts a week")
    if not isinstance(data.get("max_per_day"), int) or data["max_per_day"] < 1:
        c.add(data, "max_per_day must be a whole number above 0")
    share = _mapping(data, "promotional_share", c, data)
    if not all(isinstance(share.get(k), int | float) for k in ("min", "max")):
        c.add(share or data, "promotional_share needs min and max")
    ramadan = _mapping(data, "ramadan", c, data)
    c.date(ramadan, "start", "ramadan")
    c.date(ramadan, "end", "ramadan")
    for key in ("active", "blocked", "rewarded"):
        c.windows(ramadan, key, "ramadan")
    for row in ramadan.get("fasting") or []:
        c.date(row, "from", "ramadan fasting")
        c.date(row, "to", "ramadan fasting")
        c.time(row, "fajr", "ramadan fasting")
        c.time(row, "maghrib", "ramadan fasting")
    for block in data.get("blocked") or []:
        c.time(block, "from", "blocked")
        c.time(block, "to", "blocked")
        if [d for d in block.get("weekdays", []) if d not in WEEKDAYS]:
            c.add(block, "blocked: unknown weekdays")
        for d in block.get("dates", []):
            if day_of(d) is None:
                c.add(block, f"blocked: {d!r} is not a date")


def _model(data: Mapping[str, Any], pillars: set[str], c: _Check) -> None:
    rows = data.get("model")
    if not isinstance(rows, list) or not rows:
        c.add(data, "model must list the model calendar's rows")
        return
    launch = data.get("launch") or {}
    for n, row in enumerate(rows, start=1):
        where = f"model row {n}"
        if not isinstance(row, Mapping):
            c.add(rows, f"{where} must be a mapping")
            continue
        if not isinstance(row.get("day"), int) or not (
            -int(launch.get("before", 0)) <= row["day"] <= int(launch.get("after", 0))
        ):
            c.add(row, f"{where}: day must fall in the launch window")
        c.time(row, "time", where)
        platform = row.get("platform")
        if platform not in PLATFORMS or row.get("format") not in FORMATS.get(str(platform), ()):
            c.add(row, f"{where}: {platform!r}/{row.get('format')!r} is not a platform's format")
        if row.get("goal") not in GOALS:
            c.add(row, f"{where}: unknown goal {row.get('goal')!r}")
        for key in ("cta", "caption", "why"):
            c.texts(row, key, where)
        for season, over in (row.get("seasons") or {}).items():
            if season not in SEASONS or not isinstance(over, Mapping):
                c.add(row, f"{where}: unknown season {season!r}")
            elif over.get("pillar", row.get("pillar")) not in pillars:
                c.add(over, f"{where}: unknown pillar in season {season!r}")
        if row.get("pillar") not in pillars:
            c.add(row, f"{where}: unknown pillar {row.get('pillar')!r}")


def _active_hours(scenario: Any) -> dict[str, tuple[int, ...]]:
    """Every hour at least one persona is active, by weekday."""
    hours: dict[str, set[int]] = {d: set() for d in WEEKDAYS}
    for persona in getattr(scenario, "personas", []) or []:
        for day, listed in (persona.get("active_hours") or {}).items():
            if day in hours:
                hours[day].update(int(h) for h in listed if isinstance(h, int))
    return {d: tuple(sorted(h)) for d, h in hours.items()}


def load_sbx05(
    path: Path, scenarios: Mapping[str, Any], problems: Problems, file: str
) -> Sbx05Data | None:
    """Read and validate the file; every problem names the file and line."""
    try:
        data = load_yaml(path)
    except (YamlError, OSError) as exc:
        problems.add(file, getattr(exc, "line", 1), str(exc))
        return None
    c = _Check(problems, file)
    if not isinstance(data, Mapping):
        c.add(data, "the file must be a mapping")
        return None
    scenario = scenarios.get(str(data.get("brand")))
    if scenario is None:
        c.add(data, f"unknown brand {data.get('brand')!r}")
    launch = _mapping(data, "launch", c, data)
    c.texts(launch, "what", "launch")
    if not all(isinstance(launch.get(k), int) and launch[k] >= 0 for k in ("before", "after")):
        c.add(launch or data, "launch: before and after must be whole numbers of days")
    pillars = _pillars(data, c)
    _conditions(data, pillars, c)
    _rules(data, c)
    _model(data, pillars, c)
    lexicon = load_cta(problems)
    if not c.ok or lexicon is None:
        return None
    return Sbx05Data(data, lexicon, _active_hours(scenario))
