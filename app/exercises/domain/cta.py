"""The call-to-action lexicon (app/sandbox/lexicons/cta.yaml): kinds of CTA and the goals
they serve, matched the Arabic-aware way (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import YamlError, line_of, load_yaml
from app.exercises.domain.text import words
from app.sandbox.domain.platforms import GOALS

CTA_FILE = Path(__file__).parents[2] / "sandbox" / "lexicons" / "cta.yaml"
PREFIXES = ("و", "ف")  # a conjunction written onto the verb: «وزورونا», «فاحجز»


@dataclass(frozen=True)
class CtaLexicon:
    """Phrases per CTA kind (folded word tuples) and the kinds each goal accepts."""

    kinds: Mapping[str, tuple[tuple[str, ...], ...]]
    labels: Mapping[str, Mapping[str, str]]
    goals: Mapping[str, tuple[str, ...]]

    def kinds_in(self, text: str) -> set[str]:
        """Every CTA kind the text uses."""
        plain = words(text)
        # Each word also counts without a leading conjunction (only on words long enough
        # that the letter cannot be part of the stem of a short word).
        bare = [w[1:] if len(w) > 3 and w[0] in PREFIXES else w for w in plain]
        found = set()
        for kind, phrases in self.kinds.items():
            if any(_has(plain, p) or _has(bare, p) for p in phrases):
                found.add(kind)
        return found

    def fits(self, goal: str, text: str) -> bool:
        """Whether the text has a CTA of a kind the goal accepts."""
        return bool(self.kinds_in(text) & set(self.goals.get(goal, ())))


def _has(haystack: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether the folded words contain the phrase as consecutive whole words."""
    n = len(phrase)
    return any(tuple(haystack[i : i + n]) == phrase for i in range(len(haystack) - n + 1))


def check_cta(data: Any, problems: Problems, file: str) -> CtaLexicon | None:
    """Validate the lexicon: every goal listed, every kind known, phrases in ar and en."""
    if not isinstance(data, Mapping):
        problems.add(file, 1, "the CTA lexicon must be a mapping with goals and kinds")
        return None
    kinds_raw: Mapping[str, Any] = data["kinds"] if isinstance(data.get("kinds"), Mapping) else {}
    goals_raw: Mapping[str, Any] = data["goals"] if isinstance(data.get("goals"), Mapping) else {}
    kinds: dict[str, tuple[tuple[str, ...], ...]] = {}
    labels: dict[str, Mapping[str, str]] = {}
    for kind, entry in kinds_raw.items():
        if not isinstance(entry, Mapping):
            problems.add(file, line_of(kinds_raw), f"kind {kind!r} must be a mapping")
            continue
        phrases = []
        for lang in ("ar", "en"):
            listed = entry.get(lang)
            if not isinstance(listed, list) or not listed:
                problems.add(file, line_of(entry), f"kind {kind!r} needs {lang} phrases")
                continue
            phrases += [tuple(words(str(p))) for p in listed if words(str(p))]
        label = entry.get("label")
        if not isinstance(label, Mapping) or not all(label.get(k) for k in ("ar", "en")):
            problems.add(file, line_of(entry), f"kind {kind!r} needs a label in ar and en")
            label = {}
        kinds[str(kind)], labels[str(kind)] = tuple(phrases), label
    goals: dict[str, tuple[str, ...]] = {}
    for goal in GOALS:
        listed = goals_raw.get(goal)
        if not isinstance(listed, list) or not listed:
            problems.add(file, line_of(goals_raw), f"goal {goal!r} lists no CTA kinds")
            continue
        unknown = [k for k in listed if k not in kinds]
        if unknown:
            problems.add(file, line_of(listed), f"goal {goal!r}: unknown CTA kinds {unknown}")
        goals[goal] = tuple(str(k) for k in listed if k in kinds)
    for goal in goals_raw:
        if goal not in GOALS:
            problems.add(file, line_of(goals_raw), f"unknown goal {goal!r}")
    return CtaLexicon(kinds, labels, goals)


def load_cta(problems: Problems, path: Path = CTA_FILE, file: str = "") -> CtaLexicon | None:
    """Read and validate the lexicon; problems name the file and line."""
    name = file or "app/sandbox/lexicons/cta.yaml"
    try:
        data = load_yaml(path)
    except YamlError as exc:
        problems.add(name, exc.line, str(exc))
        return None
    return check_cta(data, problems, name)
