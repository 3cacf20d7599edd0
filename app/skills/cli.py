"""`flask skills rebuild`: recompute every skill state from the evidence log."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.accounts.models import User
from app.content_runtime import library
from app.core.db import write_unit
from app.core.extensions import db
from app.skills.services import rebuild_states

skills_group = AppGroup("skills", help="Skill levels and evidence.")


@skills_group.command("rebuild")
@click.option("--email", default=None, help="Only this learner.")
def rebuild(email: str | None) -> None:
    """Rebuild skill states from the append-only evidence log (gives identical results)."""
    lib = library()
    query = select(User.id)
    if email:
        query = query.where(User.email == email.strip().lower())
    ids = list(db.session.scalars(query))
    total = 0
    for user_id in ids:
        with write_unit(db.session) as s:
            total += rebuild_states(s, s.get(User, user_id), lib)
    click.echo(f"rebuilt {total} skill states for {len(ids)} learners")
