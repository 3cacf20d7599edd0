"""Reply-scoring data (app/inbox/data/): lexicons, the action credit matrix and length bands.

Pure and validated: every problem names the file and line, so `flask content check` points an
editor at the phrase (INBOX_SPEC.md §2; curriculum.md §5.4 "Lexicons as data").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import line_of
from app.exercises.domain.datafile import read_data
from app.exercises.domain.text import words
from app.sandbox.domain.platforms import PLATFORMS
from app.sandbox.domain.scenarios import EXPECTED as SCENARIO_EXPECTED

DATA = Path(__file__).resolve().parents[1] / "data"
REPO = Path(__file__).resolve().parents[3]
LIST_NAMES = (
    "empathy",
    "apology",
    "thanks",
    "blame",
    "sarcasm",
    "dismissal",
    "filler",
    "avoid",
    "next_step",
    "time",
    "private",
    "promise",
    "personal_data",
    "request",
)
AR_GROUPS = ("msa", "gulf", "egyptian", "levantine", "maghrebi")
ARABIZI = "arabizi"  # Arabic typed in Latin letters ("ehda", "rawe2")
NEEDS_ARABIZI = ("dismissal",)  # "calm down" is often typed this way (sandbox.md, named failures)
# The scenario vocabulary plus `forward` (to the spokesperson), which the inbox issue adds.
EXPECTED = tuple(dict.fromkeys((*SCENARIO_EXPECTED, "forward")))
# The action that fully answers each expected value (its credit must be 1).
OWN_ACTION = {
    "reply": "reply",
    "reply-then-dm": "private",
    "dm": "private",
    "escalate": "escalate",
    "forward": "forward",
    "ignore": "none",
    "hide": "hide",
}
PREFIXES = ("و", "ف")  # matching lets a reply's word carry one, so listing it again is a duplicate
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


@dataclass(frozen=True)
class ReplyData:
    """The validated reply-scoring data."""

    lists: Mapping[str, tuple[str, ...]]  # every phrase, all dialects + English, as written
    credit: Mapping[str, Mapping[str, float]]
    actions: tuple[str, ...]
    bands: Mapping[str, Mapping[str, Any]]


def _name(path: Path) -> str:
    """The path as problems show it (relative to the repository when inside it)."""
    try:
        return path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        return str(path)


def _script_problem(group: str, phrase: str) -> str | None:
    """Why a phrase is in the wrong script for its group, or None."""
    arabic, latin = bool(ARABIC.search(phrase)), bool(LATIN.search(phrase))
    if group in AR_GROUPS and (latin or not arabic):
        return "must be written in Arabic letters"
    if group in (ARABIZI, "en") and (arabic or not latin):
        return "must be written in Latin letters"
    return None


def _groups(name: str, entry: Mapping[str, Any], problems: Problems, file: str) -> list[Any]:
    """(group, its list) for every language group of one list, with shape problems added."""
    at = line_of(entry)
    ar = entry.get("ar")
    if not isinstance(ar, Mapping):
        problems.add(file, at, f"list {name!r} needs ar with groups {list(AR_GROUPS)}")
        ar = {}
    wanted = list(AR_GROUPS) + ([ARABIZI] if name in NEEDS_ARABIZI else [])
    for group in ar:
        if group not in (*AR_GROUPS, ARABIZI):
            problems.add(file, line_of(ar, at), f"list {name!r}: unknown Arabic group {group!r}")
    found = [(g, ar[g]) for g in (*AR_GROUPS, ARABIZI) if g in ar]
    found.append(("en", entry.get("en")))
    for group, listed in found:
        if not isinstance(listed, list) or not listed:
            problems.add(file, line_of(listed, at), f"list {name!r}: {group} must be non-empty")
    for group in wanted:
        if group not in ar:
            problems.add(file, line_of(ar, at), f"list {name!r}: the {group} group is missing")
    return [(g, v) for g, v in found if isinstance(v, list)]


def _phrases(
    name: str, entry: Any, seen: dict[tuple[str, ...], str], problems: Problems, file: str
) -> tuple[str, ...]:
    """Check one list's phrases (script, duplicates after folding); the usable ones."""
    if not isinstance(entry, Mapping):
        problems.add(file, line_of(entry), f"list {name!r} must be a mapping with ar and en")
        return ()
    if not isinstance(entry.get("note"), str) or not entry["note"].strip():
        problems.add(file, line_of(entry), f"list {name!r} needs a note saying what it catches")
    mine: dict[tuple[str, ...], str] = {}
    out: list[str] = []
    for group, listed in _groups(name, entry, problems, file):
        at = line_of(listed, line_of(entry))
        for phrase in listed:
            folded = tuple(words(phrase)) if isinstance(phrase, str) else ()
            if not folded:
                problems.add(file, at, f"list {name!r} ({group}): {phrase!r} is not a phrase")
                continue
            wrong = _script_problem(group, phrase)
            if wrong:
                problems.add(file, at, f"list {name!r} ({group}): {phrase!r} {wrong}")
            if folded in mine:
                problems.add(
                    file, at, f"list {name!r}: {phrase!r} repeats {mine[folded]!r} after folding"
                )
                continue
            if folded in seen and seen[folded] != name:
                problems.add(
                    file, at, f"list {name!r}: {phrase!r} is also in list {seen[folded]!r}"
                )
            mine[folded] = phrase
            seen.setdefault(folded, name)
            out.append(phrase)
    for folded, phrase in mine.items():
        first = folded[0]
        if len(first) > 3 and first[0] in PREFIXES:
            bare = (first[1:], *folded[1:])
            if bare in mine:
                problems.add(
                    file,
                    line_of(entry),
                    f"list {name!r}: {phrase!r} is {mine[bare]!r} with a leading "
                    f"{first[0]} (matching already allows it)",
                )
    return tuple(out)


def _lexicons(raw: Any, problems: Problems, file: str) -> dict[str, tuple[str, ...]]:
    """Check lexicons.yaml; every list's phrases."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("lists"), Mapping):
        problems.add(file, line_of(raw), "the lexicons need a `lists` mapping")
        return {}
    if raw.get("version") != 1:
        problems.add(file, line_of(raw), "version must be 1")
    if not isinstance(raw.get("checked"), str) or not re.fullmatch(
        r"\d{4}-\d{2}-\d{2}", raw["checked"]
    ):
        problems.add(file, line_of(raw), "checked must be the review date (YYYY-MM-DD)")
    lists_raw = raw["lists"]
    for name in lists_raw:
        if name not in LIST_NAMES:
            problems.add(file, line_of(lists_raw), f"unknown list {name!r}")
    seen: dict[tuple[str, ...], str] = {}
    lists: dict[str, tuple[str, ...]] = {}
    for name in LIST_NAMES:
        if name not in lists_raw:
            problems.add(file, line_of(lists_raw), f"list {name!r} is missing")
            continue
        lists[name] = _phrases(name, lists_raw[name], seen, problems, file)
    return lists


def _number(value: Any) -> bool:
    """An int or float that is not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _credit(raw: Any, problems: Problems, file: str) -> tuple[tuple[str, ...], dict[str, Any]]:
    """Check actions.yaml; (actions, credit matrix)."""
    if not isinstance(raw, Mapping):
        problems.add(file, 1, "the actions file must be a mapping with actions and credit")
        return (), {}
    listed = raw.get("actions")
    if not isinstance(listed, list) or not all(isinstance(a, str) for a in listed):
        problems.add(file, line_of(listed, line_of(raw)), "actions must be a list of names")
        listed = []
    actions = tuple(dict.fromkeys(listed))
    if len(actions) != len(listed):
        problems.add(file, line_of(listed, line_of(raw)), "an action is listed twice")
    for action in sorted(set(OWN_ACTION.values()) - set(actions)):
        problems.add(file, line_of(listed, line_of(raw)), f"actions must include {action!r}")
    table = raw.get("credit")
    if not isinstance(table, Mapping):
        problems.add(file, line_of(raw), "credit must map each expected value to its credits")
        return actions, {}
    credit: dict[str, dict[str, float]] = {}
    for expected, row in table.items():
        at = line_of(row, line_of(table))
        if expected not in EXPECTED:
            problems.add(file, at, f"credit: unknown expected value {expected!r}")
            continue
        if not isinstance(row, Mapping):
            problems.add(file, at, f"credit {expected!r} must map actions to credits")
            continue
        clean: dict[str, float] = {}
        for action, value in row.items():
            if action not in actions:
                problems.add(file, at, f"credit {expected!r}: unknown action {action!r}")
            elif not _number(value) or not 0 <= value <= 1:
                problems.add(file, at, f"credit {expected!r}: {action} must be from 0 to 1")
            else:
                clean[str(action)] = float(value)
        own = OWN_ACTION[str(expected)]
        if clean.get(own) != 1:
            problems.add(file, at, f"credit {expected!r}: its own action {own!r} must earn 1")
        credit[str(expected)] = clean
    for expected in EXPECTED:
        if expected not in table:
            problems.add(file, line_of(table), f"credit: no row for expected {expected!r}")
    return actions, credit


def _bands(raw: Any, problems: Problems, file: str) -> dict[str, Mapping[str, Any]]:
    """Check bands.yaml; the length band of every platform."""
    table = raw.get("bands") if isinstance(raw, Mapping) else None
    if not isinstance(table, Mapping):
        problems.add(file, line_of(raw), "bands must map each platform to its length band")
        return {}
    bands: dict[str, Mapping[str, Any]] = {}
    for platform, band in table.items():
        at = line_of(band, line_of(table))
        if platform not in PLATFORMS:
            problems.add(file, at, f"unknown platform {platform!r}")
            continue
        if not isinstance(band, Mapping):
            problems.add(file, at, f"{platform}: the band must be a mapping")
            continue
        low, high = band.get("min_words"), band.get("max_words")
        if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in (low, high)):
            problems.add(file, at, f"{platform}: min_words and max_words must be whole numbers > 0")
        elif low >= high:  # type: ignore[operator]
            problems.add(file, at, f"{platform}: min_words must be less than max_words")
        if not isinstance(band.get("source"), str) or not band["source"].strip():
            problems.add(file, at, f"{platform}: source must say where the band comes from")
        if "fact" in band and not isinstance(band["fact"], str):
            problems.add(file, at, f"{platform}: fact must be a fact id of courses/facts.yaml")
        bands[str(platform)] = band
    for platform in PLATFORMS:
        if platform not in table:
            problems.add(file, line_of(table), f"no length band for {platform!r}")
    return bands


def check_band_facts(
    bands: Mapping[str, Mapping[str, Any]], facts: Any, problems: Problems, file: str = ""
) -> None:
    """Every band's `fact` names a fact of courses/facts.yaml."""
    name = file or _name(DATA / "bands.yaml")
    for platform, band in bands.items():
        fact = band.get("fact")
        if isinstance(fact, str) and fact not in facts:
            problems.add(name, line_of(band), f"{platform}: unknown fact {fact!r}")


def load_reply_data(root: Path | None = None, problems: Problems | None = None) -> ReplyData:
    """Read and validate the three files under `root` (the shipped data by default)."""
    root = root or DATA
    problems = problems if problems is not None else Problems()
    found: dict[str, Any] = {}
    for stem in ("lexicons", "actions", "bands"):
        path = root / f"{stem}.yaml"
        found[stem] = (path, read_data(path, problems, _name(path)))
    lists = _lexicons(found["lexicons"][1], problems, _name(found["lexicons"][0]))
    actions, credit = _credit(found["actions"][1], problems, _name(found["actions"][0]))
    bands = _bands(found["bands"][1], problems, _name(found["bands"][0]))
    return ReplyData(lists, credit, actions, bands)


@functools.cache
def reply_data() -> ReplyData:
    """The shipped data, read once per process (`flask content check` reports its problems)."""
    return load_reply_data()
