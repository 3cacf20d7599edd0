"""`flask content check`: validate courses/ and quizzes/ and print every problem."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.content.facts import STALE_DAYS, ages
from app.content.library import load_library
from app.core.registry import run_content_checks

content_group = AppGroup("content", help="Lesson and quiz content.")


def content_root() -> Path:
    """The configured content root, else the repository."""
    return Path(current_app.config.get("CONTENT_ROOT") or Path(current_app.root_path).parent)


@content_group.command("check")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Content root (default: the repository).",
)
def content_check(root: Path | None) -> None:
    """Validate all content; print `file:line: message` for each problem; exit 1 on errors."""
    root = root or content_root()
    start = time.perf_counter()
    library, problems = load_library(root)
    # Features' own data ships with the app: check it with the repository's own content.
    repository = root.resolve() == Path(current_app.root_path).parent.resolve()
    extra = run_content_checks(library, problems) if repository else []
    elapsed = (time.perf_counter() - start) * 1000
    for problem in problems.errors + problems.warnings:
        click.echo(str(problem), err=not problem.warning)
    click.echo(
        f"{len(library.tracks)} tracks, {len(library.lessons)} lessons, "
        f"{len(library.items)} quiz items, {len(library.skills)} skills, "
        f"{len(library.facts)} facts{''.join(', ' + s for s in extra)} "
        f"checked in {elapsed:.0f} ms: "
        f"{len(problems.errors)} errors, {len(problems.warnings)} warnings"
    )
    if problems.errors:
        raise SystemExit(1)


@content_group.command("facts")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Content root (default: the repository).",
)
def content_facts(root: Path | None) -> None:
    """List every fact by the age of its last check, oldest first, with its source, so an
    author re-checks the oldest first."""
    root = root or content_root()
    library, _problems = load_library(root)
    for age in ages(library.facts.values(), date.today()):
        fact = library.facts[age.fact_id]
        stale = "re-check " if age.days > STALE_DAYS else ""
        where = f", {fact.surface}" if fact.surface else ""
        click.echo(
            f"{age.as_of}  {age.days:>5} days  {stale}{fact.id} "
            f"[{fact.source_kind or 'no source kind'}{where}]: {fact.source_title} "
            f"<{fact.source_url}>"
        )
