"""sbx-06 "Inbox shift" data: the sub-types a shift draws, the shift clock and its deadlines
(pure, validated); the messages themselves come from each scenario's inbox bank.

Every problem names the file and line, so `flask content check` points an editor at it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import line_of
from app.exercises.domain.datafile import read_data

MINUTES = ("answer", "per_words", "quick", "wait", "arrivals")
RULE_KEYS = ("kind", "channel", "severity")
COMPLAINTS = ("complaint",)  # the kind the hard shift's extra items are drawn from


@dataclass(frozen=True)
class ShiftData:
    """The validated shift settings."""

    draw: tuple[str, ...]
    hard_draw: tuple[str, ...]
    dialects: tuple[str, ...]
    minutes: Mapping[str, int]
    deadlines: tuple[Mapping[str, Any], ...]
    hard_factor: float

    def deadline(self, message: Mapping[str, Any], hard: bool) -> int:
        """A message's deadline in shift minutes: the first matching rule (halved when hard)."""
        for rule in self.deadlines:
            if all(rule[k] == message.get(k) for k in RULE_KEYS if k in rule):
                minutes = int(rule["minutes"])
                return math.ceil(minutes * self.hard_factor) if hard else minutes
        return 60  # unreachable: the loader requires a rule without conditions last


def _count(value: Any) -> bool:
    """A whole number > 0 (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _strings(value: Any) -> bool:
    """A non-empty list of strings."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def check_banks(
    data: ShiftData, scenarios: Mapping[str, Any], problems: Problems, file: str
) -> None:
    """Every scenario with an inbox bank can fill a hard shift, and each drawn kind of message
    carries what the scorer reads (model reply in its language, sla_hours, expected action)."""
    for sid, scenario in scenarios.items():
        raw = getattr(scenario, "data", scenario)
        bank = list(raw.get("inbox") or [])
        if not bank:
            continue
        roles = {str(r.get("id")) for r in raw.get("roles") or []}
        for subtype in (*data.draw, *data.hard_draw):
            found = [m for m in bank if m.get("subtype") == subtype]
            if not found:
                problems.add(file, 1, f"scenario {sid!r} has no inbox message of {subtype!r}")
            for m in found:
                reply = (m.get("model_reply") or {}).get(m.get("lang"))
                if m.get("expected") not in ("ignore", "hide") and not reply:
                    problems.add(file, 1, f"{sid} {m.get('id')}: no model reply in its language")
                if m.get("escalate_to") and m["escalate_to"] not in roles:
                    problems.add(file, 1, f"{sid} {m.get('id')}: unknown role {m['escalate_to']}")
        extra = [
            m
            for m in bank
            if m.get("kind") in COMPLAINTS
            and m.get("dialect") in data.dialects
            and m.get("subtype") not in (*data.draw, *data.hard_draw)
        ]
        if len(extra) < 2:
            problems.add(file, 1, f"scenario {sid!r} needs two more complaints in dialect")


def load_sbx06(
    path: Path, scenarios: Mapping[str, Any], problems: Problems, file: str
) -> ShiftData | None:
    """Read and validate the shift data; problems name the file and line."""
    raw = read_data(path, problems, file)
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        problems.add(file, 1, "the inbox shift data must be a mapping")
        return None
    start = len(problems.items)
    for name in ("draw", "hard_draw", "dialects"):
        if not _strings(raw.get(name)):
            problems.add(file, line_of(raw.get(name), 1), f"{name} must list sub-types")
    minutes = raw.get("minutes")
    if not isinstance(minutes, Mapping) or not all(_count(minutes.get(k)) for k in MINUTES):
        problems.add(file, line_of(minutes, 1), f"minutes needs {', '.join(MINUTES)} (> 0)")
    rules = raw.get("deadlines")
    if not isinstance(rules, list) or not rules:
        problems.add(file, line_of(rules, 1), "deadlines must list rules")
        rules = []
    for rule in rules:
        if not isinstance(rule, Mapping) or not _count(rule.get("minutes")):
            problems.add(file, line_of(rule, 1), "a deadline rule needs minutes (> 0)")
        elif set(rule) - {"id", "minutes", *RULE_KEYS}:
            problems.add(file, line_of(rule, 1), f"a deadline rule matches only {RULE_KEYS}")
    if rules and (not isinstance(rules[-1], Mapping) or set(rules[-1]) & set(RULE_KEYS)):
        problems.add(file, line_of(rules, 1), "the last deadline rule must match every message")
    factor = raw.get("hard_factor")
    if not isinstance(factor, int | float) or isinstance(factor, bool) or not 0 < factor < 1:
        problems.add(file, 1, "hard_factor must be a number between 0 and 1")
    if len(problems.items) > start:
        return None
    data = ShiftData(
        draw=tuple(raw["draw"]),
        hard_draw=tuple(raw["hard_draw"]),
        dialects=tuple(raw["dialects"]),
        minutes={k: int(minutes[k]) for k in MINUTES},  # type: ignore[index]
        deadlines=tuple(dict(r) for r in rules),
        hard_factor=float(factor),  # type: ignore[arg-type]
    )
    check_banks(data, scenarios, problems, file)
    return None if len(problems.items) > start else data
