"""Each exercise's data, the scorers built on it, and the content check (read once).

Services read them through `exercise_data()` so that they import nothing from Flask; this
module is the one place that knows where the loaded data lives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app

from app.content.errors import Problems
from app.content.model import Library
from app.core.registry import register_content_check
from app.exercises.catalog import KINDS, data_file
from app.exercises.domain.engine import Context, Scorer
from app.sandbox.data import sandbox_data
from app.sandbox.domain.scenarios import SandboxData, load_sandbox

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ExerciseData:
    """The scorers by exercise id (built on the loaded data) and the problems found."""

    scorers: Mapping[str, Scorer]
    context: Context
    problems: Problems


def load_exercises(library: Library, sandbox: SandboxData) -> ExerciseData:
    """Load every registered exercise's data and build its scorer; problems name file:line."""
    problems = Problems()
    data: dict[str, Any] = {}
    for exercise_id, kind in KINDS.items():
        file = data_file(exercise_id)
        loaded = kind.load(ROOT / file, sandbox.scenarios, problems, file)
        if loaded is not None:
            data[exercise_id] = loaded
    context = Context(
        scenarios=sandbox.scenarios,
        calendars=sandbox.calendars,
        facts={k: f.value for k, f in library.facts.items()},
        data=data,
    )
    scorers: dict[str, Scorer] = {}
    for exercise_id, kind in KINDS.items():
        exercise = library.exercises.get(exercise_id)
        if exercise is None:
            problems.add("courses/exercises.yaml", 1, f"no catalogue entry for {exercise_id!r}")
            continue
        check_entry(exercise_id, kind.scorer, library, sandbox, problems)
        if exercise_id in data:
            scorers[exercise_id] = kind.scorer(exercise, context)
    return ExerciseData(scorers, context, problems)


def check_entry(
    exercise_id: str,
    scorer: type[Scorer],
    library: Library,
    sandbox: SandboxData,
    problems: Problems,
) -> None:
    """The catalogue entry agrees with the scorer (criteria, points) and names real brands."""
    exercise = library.exercises[exercise_id]
    file = "courses/exercises.yaml"
    listed = tuple((c.id, c.points) for c in exercise.criteria)
    if listed != tuple(scorer.criteria):
        problems.add(
            file,
            exercise.line,
            f"exercise {exercise_id!r}: criteria {listed} differ from the scorer's"
            f" {tuple(scorer.criteria)}",
        )
    for brand in exercise.brands:
        if brand not in sandbox.scenarios:
            problems.add(file, exercise.line, f"exercise {exercise_id!r}: unknown brand {brand!r}")


def exercise_data() -> ExerciseData:
    """The loaded exercise data and scorers, built on first use in this process."""
    found = current_app.extensions.get("tawasul_exercises")
    if found is None:
        from app.content_runtime import library

        found = current_app.extensions["tawasul_exercises"] = load_exercises(
            library(), sandbox_data()
        )
    return found


def check_exercises(library: Library, problems: Problems) -> str:
    """`flask content check`: every scored exercise's data, catalogue entry and brands."""
    found = load_exercises(library, load_sandbox())
    problems.items.extend(found.problems.items)
    return f"{len(found.scorers)} scored exercises"


register_content_check("exercises", check_exercises)
