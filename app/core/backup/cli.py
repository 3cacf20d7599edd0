"""`flask backup PATH` and `flask restore PATH`: the operator's commands."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from app.core.backup import BackupError, make_backup, restore_backup
from app.core.backup.archive import engine_name
from app.core.extensions import db


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent backup of the whole database to the new file PATH (the app may run)."""
    db.session.remove()
    try:
        manifest = make_backup(db.engine, path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = sum(manifest.tables.values())
    click.echo(
        f"Backup written: {path} ({engine_name(manifest.engine)}, "
        f"{len(manifest.tables)} tables, {rows} rows, {path.stat().st_size} bytes)"
    )
    if manifest.revision:
        click.echo(f"Migration revision: {manifest.revision}")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help="Overwrite a database that holds data (it is replaced)."
)
@with_appcontext
def restore_command(path: Path, force: bool) -> None:
    """Restore the backup PATH into the configured database (stop the app first)."""
    db.session.remove()
    try:
        restored = restore_backup(db.engine, path, force=force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        db.session.remove()
    manifest = restored.manifest
    click.echo(f"Restored {path} (made {manifest.created_at}, {engine_name(manifest.engine)})")
    for table, count in restored.counts.items():
        expected = manifest.tables.get(table)
        note = "" if expected == count else f"  (backup: {expected})"
        click.echo(f"  {table:32} {count:>9}{note}")
    click.echo(f"Integrity check: {restored.integrity}")
    if manifest.revision:
        click.echo(f"Migration revision: {manifest.revision} (run `flask db upgrade` if older)")
    if restored.mismatched:
        click.echo(f"Row counts differ from the backup in {len(restored.mismatched)} tables:")
        for line in restored.mismatched:
            click.echo(f"  {line}")
        raise SystemExit(1)
    click.echo(f"Row counts: all {len(manifest.tables)} tables match the backup")
