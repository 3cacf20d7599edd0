"""The exercises that can be scored: scorer class, data file, form parser and page, by id.

One table wires each exercise's pure parts (app/exercises/domain/) to the engine. Each entry
registers its scorer class under the exercise id (app.core.registry.register_scorer), so the
practice-link rule and the exercises page offer the exercise once it is here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core.registry import register_scorer
from app.exercises.domain.engine import Scorer


@dataclass(frozen=True)
class Kind:
    """How one exercise runs: its scorer, data loader, form parser, work page and messages."""

    exercise: str
    scorer: type[Scorer]
    load: Callable[..., Any]  # (path, scenarios, problems, file) -> data | None
    parse: Callable[[Mapping[str, str], Mapping[str, Any]], tuple[dict[str, Any], dict[str, str]]]
    template: str
    messages: Mapping[str, Any]
    result_template: str = ""
    # A stepwise task (a desk): (task, draft, form) -> (new draft, error code or None) for one
    # step posted on its own; the submission is the draft the steps built.
    step: Callable[..., tuple[dict[str, Any], str | None]] | None = None
    # Keys of the draft (at any depth) whose values are the learner's free text: the XSS
    # harness fills them with hostile input and checks every page that shows them.
    text_keys: tuple[str, ...] = ()
    # The exercise's own codes shown by name in its messages: value key -> code -> name.
    names: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # More pages of an attempt that show its text, as suffixes of the attempt's path (the
    # XSS harness checks them too), e.g. sbx-11's printable report.
    pages: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> None:
    """Add an exercise to the engine and register its scorer."""
    KINDS[kind.exercise] = kind
    register_scorer(kind.exercise)(kind.scorer)


def data_file(exercise_id: str) -> str:
    """The repository path of an exercise's data file."""
    return f"app/exercises/data/{exercise_id}.yaml"
