"""courses/exercises.yaml: the catalogue of exercises, their variants and criteria (pure).

A variant is one of the exercise's brands (chosen by the attempt's seed) × one of its named
conditions; conditions marked `hard: true` count as the hard-variant attempt of §2.1.
`criteria` lists each scored criterion with its points (summing to 100) and the lesson that
teaches it; an exercise without criteria has no scorer yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from app.content.errors import Problems
from app.content.model import Condition, CriterionRef, Exercise
from app.content.yamlfile import line_of

TOTAL_POINTS = 100


class _Reader(Protocol):
    """What this module needs of the content reader (app.content.loader.Reader)."""

    problems: Problems

    def text(
        self, value: Any, file: str, line: int, what: str, required: bool = True
    ) -> dict[str, str]:
        """An {ar, en} text, reporting a missing language."""

    def is_entry(self, value: Any, file: str) -> bool:
        """A mapping with a kebab-case id, or a recorded problem."""


def _ids(value: Any) -> tuple[str, ...]:
    """A list of ids as strings (anything else: empty)."""
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def read_conditions(reader: _Reader, e: Mapping[str, Any], file: str) -> tuple[Condition, ...]:
    """The exercise's named conditions; at least one, and at least one of them hard."""
    out: list[Condition] = []
    for c in e.get("conditions") or []:
        if not reader.is_entry(c, file):
            continue
        if any(known.id == c["id"] for known in out):
            reader.problems.add(file, line_of(c), f"duplicate condition id {c['id']!r}")
            continue
        title = reader.text(c.get("title"), file, line_of(c), f"condition {c['id']!r} title")
        out.append(Condition(str(c["id"]), title, c.get("hard") is True))
    if not out:
        reader.problems.add(file, line_of(e), f"exercise {e['id']!r}: no conditions")
    elif not any(c.hard for c in out):
        reader.problems.add(file, line_of(e), f"exercise {e['id']!r}: no condition is hard")
    return tuple(out)


def read_criteria(reader: _Reader, e: Mapping[str, Any], file: str) -> tuple[CriterionRef, ...]:
    """The scored criteria; when present, their points must sum to 100."""
    out: list[CriterionRef] = []
    for c in e.get("criteria") or []:
        if not reader.is_entry(c, file):
            continue
        points = c.get("points")
        if not isinstance(points, int) or isinstance(points, bool) or not 0 < points <= 100:
            reader.problems.add(file, line_of(c), f"criterion {c['id']!r}: points must be 1–100")
            continue
        title = reader.text(c.get("title"), file, line_of(c), f"criterion {c['id']!r} title")
        out.append(CriterionRef(str(c["id"]), points, str(c.get("lesson") or ""), title))
    total = sum(c.points for c in out)
    if out and total != TOTAL_POINTS:
        reader.problems.add(
            file, line_of(e), f"exercise {e['id']!r}: criteria points sum to {total}, not 100"
        )
    return tuple(out)


def read_exercise(reader: _Reader, e: Mapping[str, Any], file: str) -> Exercise:
    """One catalogue entry."""
    brands = _ids(e.get("brands"))
    if not brands:
        reader.problems.add(file, line_of(e), f"exercise {e['id']!r}: no brands")
    return Exercise(
        str(e["id"]),
        str(e.get("track", "")),
        reader.text(e.get("title"), file, line_of(e), "title"),
        _ids(e.get("primary")),
        _ids(e.get("secondary")),
        brands,
        read_conditions(reader, e, file),
        read_criteria(reader, e, file),
        line_of(e),
        reader.text(e.get("summary"), file, line_of(e), "summary", required=False),
    )
