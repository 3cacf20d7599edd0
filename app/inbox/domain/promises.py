"""Kinds of offer a reply may promise, and whether a message's facts back them (pure).

Data: app/inbox/data/promises.yaml (stems per kind of offer, both languages). The rubric
calls a promise invented when the message's own facts never mention that kind of offer.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.content.errors import Problems
from app.content.yamlfile import line_of
from app.exercises.domain.datafile import read_data
from app.exercises.domain.text import words

DATA = Path(__file__).resolve().parents[1] / "data" / "promises.yaml"
FILE = "app/inbox/data/promises.yaml"


@dataclass(frozen=True)
class Concepts:
    """Stems (folded word lists) per kind of offer."""

    stems: Mapping[str, tuple[tuple[str, ...], ...]]

    @functools.cached_property
    def grouped(self) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
        """Per kind: its one-word stems (one str.startswith tests them all) and its
        phrases (" w1 w2", looked for in the joined words)."""
        return tuple(
            (
                kind,
                tuple(stem[0] for stem in stems if len(stem) == 1),
                tuple(f" {' '.join(stem)}" for stem in stems if len(stem) > 1),
            )
            for kind, stems in self.stems.items()
        )

    def of(self, text: str) -> set[str]:
        """The kinds of offer a text mentions."""
        # A conjunction written onto a word does not change it («ويعود المبلغ»).
        found = [w[1:] if len(w) > 3 and w[0] in "وف" else w for w in words(text)]
        joined = f" {' '.join(found)} "
        return {
            kind
            for kind, single, phrases in self.grouped
            if (single and any(w.startswith(single) for w in found))
            or any(phrase in joined for phrase in phrases)
        }


def load_concepts(path: Path = DATA, problems: Problems | None = None) -> Concepts:
    """Read and check the file: every kind has a note and stems in both languages."""
    problems = problems if problems is not None else Problems()
    raw = read_data(path, problems, FILE)
    stems: dict[str, tuple[tuple[str, ...], ...]] = {}
    concepts = raw.get("concepts") if isinstance(raw, Mapping) else None
    if not isinstance(concepts, Mapping) or not concepts:
        problems.add(FILE, 1, "needs `concepts`: kinds of offer with Arabic and English stems")
        return Concepts({})
    for kind, entry in concepts.items():
        line = line_of(entry)
        if not isinstance(entry, Mapping) or not str(entry.get("note", "")).strip():
            problems.add(FILE, line, f"offer kind {kind!r}: needs a note")
            continue
        found: list[tuple[str, ...]] = []
        for lang in ("ar", "en"):
            values = entry.get(lang)
            if not isinstance(values, list) or not values:
                problems.add(FILE, line, f"offer kind {kind!r}: needs {lang} stems")
                continue
            found += [tuple(words(str(v))) for v in values if words(str(v))]
        stems[str(kind)] = tuple(found)
    return Concepts(stems)


@functools.cache
def concepts() -> Concepts:
    """The shipped kinds of offer, read once per process."""
    return load_concepts()
