"""`flask bench seed --learners N`: thousands of learners on PostgreSQL for the growth bench.

The seeding itself lives with the benchmarks (bench/growth_seed.py, not part of the installed
package); this command only checks that it may run and reports what it made.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from app.accounts.models import User
from app.core.extensions import db


@click.group("bench", cls=AppGroup)
def bench_group() -> None:
    """Benchmark data (never in production)."""


@bench_group.command("seed")
@click.option("--learners", type=click.IntRange(1, 100_000), required=True)
@click.option(
    "--answers-per-learner", type=click.IntRange(1, 5_000), default=100, show_default=True
)
@click.option("--posts-per-learner", type=click.IntRange(1, 200), default=10, show_default=True)
@click.option("--force", is_flag=True, help="Seed although the database has learners already.")
def bench_seed(
    learners: int, answers_per_learner: int, posts_per_learner: int, force: bool
) -> None:
    """Seed N learners with quiz answers, sandbox posts and portfolios (PostgreSQL only)."""
    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("refusing to seed benchmark learners in production")
    if db.engine.dialect.name != "postgresql":
        raise click.ClickException("bench seed copies rows with PostgreSQL's generate_series")
    existing = db.session.scalar(
        select(func.count()).select_from(User).where(User.role == "learner")
    )
    db.session.remove()
    if existing and not force:
        raise click.ClickException(
            f"the database has {existing} learners already (--force seeds more beside them)"
        )
    bench = Path(current_app.root_path).parent / "bench"
    if not (bench / "growth_seed.py").exists():
        raise click.ClickException(f"the benchmark tools are not here: {bench}")
    sys.path.insert(0, str(bench))
    from growth_seed import seed_learners

    result = seed_learners(learners, answers_per_learner, posts_per_learner, force, click.echo)
    counts = result["counts"]
    click.echo(
        f"Seeded {learners} learners in {result['templates_s'] + result['copies_s']:.1f} s: "
        f"{counts['answer']} answers, {counts['sandbox_post']} sandbox posts, "
        f"{counts['portfolio']} portfolios."
    )
    click.echo(f"Typical learner: {result['typical']}")
