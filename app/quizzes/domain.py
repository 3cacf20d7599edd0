"""Drawing items for quizzes, display order and reading responses — pure functions."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Mapping
from typing import Any

from app.content.model import Library
from app.content.questions import QuizItem

TRACK_TEST_SIZE = 12
SKILL_CHECK_SIZE = 8


def rng(*parts: str) -> random.Random:
    """A generator keyed by its purpose, so orders are reproducible (never global state)."""
    digest = hashlib.sha256("\0".join(parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311 - not for security


def diagnostic_items(lib: Library) -> list[str]:
    """One K and one A item per skill, in skill order (curriculum.md §2.3)."""
    out: list[str] = []
    for skill in lib.skills:
        for level in ("K", "A"):
            found = [
                i
                for i in lib.items.values()
                if i.diagnostic and not i.review and i.level == level and skill in i.skills
            ]
            out.extend(i.id for i in found[:1])
    return out


def lesson_items(lib: Library, lesson_id: str) -> list[str]:
    """Every servable item of a lesson (diagnostic items stay in the diagnostic)."""
    return [i.id for i in lib.items_for_lesson(lesson_id) if not i.diagnostic]


def track_items(lib: Library, track_id: str, seed: str) -> list[str]:
    """10–15 items across the track's lessons, round-robin so every lesson is covered."""
    track = lib.tracks[track_id]
    pools = []
    for lesson_id in track.lesson_ids:
        pool = lesson_items(lib, lesson_id)
        rng(seed, lesson_id).shuffle(pool)
        pools.append(pool)
    out: list[str] = []
    while len(out) < TRACK_TEST_SIZE and any(pools):
        for pool in pools:
            if pool and len(out) < TRACK_TEST_SIZE:
                out.append(pool.pop())
    return out


def skill_check_items(
    lib: Library, gaps: Iterable[str], history: Mapping[str, float], seed: str
) -> list[str]:
    """Items for the skills with the largest gaps: unanswered first, then missed ones."""
    out: list[str] = []
    gap_list = list(gaps)
    for skill in gap_list:
        pool = [
            i for i in lib.items.values() if skill in i.skills and not i.review and i.id not in out
        ]
        rng(seed, skill).shuffle(pool)
        pool.sort(key=lambda i: (i.id in history, history.get(i.id, 0.0)))
        out.extend(i.id for i in pool[: max(2, SKILL_CHECK_SIZE // max(1, len(gap_list)))])
    return out[:SKILL_CHECK_SIZE]


def display_options(item: QuizItem, token: str) -> list[Mapping[str, Any]]:
    """Options (or right-hand labels) in a stable per-attempt order; grading ignores order."""
    key = "pairs" if item.type == "matching" else "options"
    options = list(item.spec.get(key) or [])
    if item.type != "ordering" or options:
        rng(token, item.id).shuffle(options)
    return options


def read_response(item: QuizItem, form: Mapping[str, Any]) -> Any:
    """Turn submitted form fields into the response the grader expects."""
    name = f"q-{item.id}"

    def get_list(key: str) -> list[str]:
        """All values of a repeated field."""
        getter = getattr(form, "getlist", None)
        return [str(v) for v in getter(key)] if getter else [str(v) for v in form.get(key) or []]

    if item.type == "multiple":
        return get_list(name)
    if item.type == "ordering":
        ranks = []
        for option in item.spec.get("options", []):
            raw = str(form.get(f"{name}-{option['id']}", "")).strip()
            # isdecimal, not isdigit ("²" is a digit int() refuses); long numbers rank last.
            rank = int(raw) if raw.isdecimal() and len(raw) < 6 else 999
            ranks.append((rank, str(option["id"])))
        return [oid for _, oid in sorted(ranks)]
    if item.type == "matching":
        return {
            str(p["id"]): str(form.get(f"{name}-{p['id']}", "")) for p in item.spec.get("pairs", [])
        }
    value = form.get(name)
    return None if value is None else str(value)[:500]


def review_options(item: QuizItem) -> list[Mapping[str, Any]]:
    """The options (or pairs) of an item in file order, for a review card."""
    return list(item.spec.get("pairs" if item.type == "matching" else "options") or [])


def model_answer(item: QuizItem) -> Any:
    """A response that earns full credit (used by the demo data and benchmarks)."""
    spec = item.spec
    if item.type in ("single", "multiple"):
        return spec.get("answer")
    if item.type == "truefalse":
        return "true" if spec.get("answer") else "false"
    if item.type == "short":
        return str(spec["accept"][0]["text"])
    if item.type == "numeric":
        first = spec["accept"][0]
        return str(first.get("value", first.get("min")))
    if item.type == "ordering":
        return list(spec.get("answer") or [])
    return {str(p["id"]): str(p["id"]) for p in spec.get("pairs", [])}
