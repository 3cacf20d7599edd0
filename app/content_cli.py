"""`flask content check`: validate courses/ and quizzes/ and print every problem."""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.content.errors import Problems
from app.content.library import load_library
from app.content.model import Library

content_group = AppGroup("content", help="Lesson and quiz content.")


@content_group.command("check")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Content root (default: the repository).",
)
def content_check(root: Path | None) -> None:
    """Validate all content; print `file:line: message` for each problem; exit 1 on errors."""
    root = root or Path(
        current_app.config.get("CONTENT_ROOT") or Path(current_app.root_path).parent
    )
    start = time.perf_counter()
    library, problems = load_library(root)
    # The sandbox's data ships with the app: check it with the repository's own content.
    repository = root.resolve() == Path(current_app.root_path).parent.resolve()
    scenarios = check_sandbox(library, problems) if repository else 0
    elapsed = (time.perf_counter() - start) * 1000
    for problem in problems.errors + problems.warnings:
        click.echo(str(problem), err=not problem.warning)
    click.echo(
        f"{len(library.tracks)} tracks, {len(library.lessons)} lessons, "
        f"{len(library.items)} quiz items, {len(library.skills)} skills, "
        f"{len(library.facts)} facts, {scenarios} sandbox scenarios checked in {elapsed:.0f} ms: "
        f"{len(problems.errors)} errors, {len(problems.warnings)} warnings"
    )
    if problems.errors:
        raise SystemExit(1)


def check_sandbox(library: Library, problems: Problems) -> int:
    """Add the sandbox's scenario, calendar and rule problems; return the scenario count."""
    from app.sandbox.domain.rules import check_rule_facts
    from app.sandbox.domain.scenarios import load_sandbox

    found = load_sandbox()
    problems.items.extend(found.problems.items)
    check_rule_facts({k: f.value for k, f in library.facts.items()}, problems)
    return len(found.scenarios)
