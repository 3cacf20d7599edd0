"""`flask retention run`: delete what has passed its period (run it daily from cron)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from app.core import retention
from app.core.db import utcnow


@click.group("retention", cls=AppGroup)
def retention_group() -> None:
    """Data retention (the periods the privacy page states)."""


@retention_group.command("run")
@click.option("--dry-run", is_flag=True, help="Print what would be deleted; delete nothing.")
def retention_run(dry_run: bool) -> None:
    """Delete rows and files past their retention period, one rule at a time."""
    outcomes = retention.run(current_app.config, utcnow(), dry_run=dry_run)
    verb = "would delete" if dry_run else "deleted"
    for outcome in outcomes:
        periods = ", ".join(f"{name} {period}" for name, period in outcome.periods.items())
        click.echo(f"{outcome.rule.name}: {verb} {outcome.count} ({periods})")
    total = sum(o.count for o in outcomes)
    click.echo(f"total: {verb} {total}{' (dry run: nothing was deleted)' if dry_run else ''}")
