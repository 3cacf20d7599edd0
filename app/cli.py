"""Command-line tools: flask admin create, flask demo, flask check."""

from __future__ import annotations

import secrets
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select, text

from app.accounts.models import User
from app.core.db import utcnow, write_unit
from app.core.extensions import db
from app.core.security import hash_password, verify_password

DEMO_EMAIL = "demo@tawasul.example"


def random_password() -> str:
    """A random password that passes the policy (24 URL-safe characters)."""
    return secrets.token_urlsafe(18)


@click.group("admin", cls=AppGroup)
def admin_group() -> None:
    """Operator commands."""


@admin_group.command("create")
@click.argument("email")
@click.option("--name", default="Admin", help="Display name.")
def admin_create(email: str, name: str) -> None:
    """Create an admin with a random password printed once (there are no default accounts)."""
    from app.accounts.domain import normalise_email

    email = normalise_email(email)
    if db.session.scalar(select(User).where(User.email == email)):
        raise click.ClickException(f"an account with {email} exists already")
    password = random_password()
    from app.admin.audit import record

    with write_unit(db.session) as s:
        admin = User(
            email=email,
            display_name=name,
            password_hash=hash_password(password),
            role="admin",
            email_verified_at=utcnow(),
            locale="ar",
        )
        s.add(admin)
        s.flush()  # the new id, for the audit row written in the same unit
        record(s, None, "create-admin", admin.id)
    click.echo(f"Admin created: {email}")
    click.echo(f"Password (shown once, store it now): {password}")


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Create the demo learner once (idempotent) and print the demo login."""
    login_file = Path(current_app.instance_path) / "demo-login.txt"
    user = db.session.scalar(select(User).where(User.email == DEMO_EMAIL))
    saved = login_file.read_text(encoding="utf-8").strip() if login_file.exists() else ""
    # A new password when the file is missing or no longer matches this database.
    if user is None or not saved or not verify_password(user.password_hash, saved):
        password = random_password()
        with write_unit(db.session) as s:
            if user is None:
                user = User(
                    email=DEMO_EMAIL,
                    display_name="سارة (تجريبي)",
                    locale="ar",
                    email_verified_at=utcnow(),
                    password_hash="",
                )
                s.add(user)
            else:
                user = s.merge(user)
            user.password_hash = hash_password(password)
        login_file.write_text(password, encoding="utf-8")
        login_file.chmod(0o600)
    password = login_file.read_text(encoding="utf-8").strip()
    from app.content_runtime import library
    from app.demo import seed_learning

    demo_user = db.session.get(User, user.id)
    if demo_user is not None and seed_learning(demo_user, library()):
        click.echo("Demo learning data created: lessons, a diagnostic, two quizzes, a target role.")
    from app.sandbox.demo import seed_sandbox

    if demo_user is not None and seed_sandbox(demo_user):
        click.echo(
            "Demo sandbox created: the café account, two weeks in, with results and a finished"
            " A/B test."
        )
    from app.inbox.demo import seed_inbox

    if demo_user is not None and seed_inbox(demo_user):
        click.echo("Demo inbox shift answered: five messages with their feedback.")
    from app.exercises.demo import seed_exercise

    if demo_user is not None and seed_exercise(demo_user, library()):
        click.echo("Demo exercises scored: one message, four platforms; an inbox shift.")
    from app.portfolio.demo import seed_portfolio

    if demo_user is not None and seed_portfolio(demo_user):
        click.echo("Demo portfolio published at /p/demo-cafe-manager, with a contact message.")
    from app.credentials.demo import seed_credential

    if demo_user is not None and seed_credential(demo_user, library()):
        click.echo("Demo credential issued: the platforms track, listed at /account/credentials.")
    click.echo("Demo login (development only):")
    click.echo(f"  email:    {DEMO_EMAIL}")
    click.echo(f"  password: {password}")


@click.command("check")
@with_appcontext
def check_command() -> None:
    """Print the state of each deployment check (Moodle-style: OK, WARNING, CRITICAL)."""
    from app.core.config import production_checks

    cfg = current_app.config
    results: list[tuple[str, str, str]] = []
    production = cfg["ENV_NAME"] == "production"
    for name, problem in production_checks(cfg).items():
        # Development may write mail to files and serve any host; production may not start so.
        serious = production or name == "secret key and debug"
        state = "OK" if not problem else "CRITICAL" if serious else "WARNING"
        results.append((name, state, problem))
    secure = cfg["SESSION_COOKIE_SECURE"] and cfg["REMEMBER_COOKIE_SECURE"]
    results.append(
        (
            "secure cookies",
            "OK" if secure else "WARNING",
            "" if secure else "cookies are not Secure (fine only without TLS, in development)",
        )
    )
    redis_ok = bool(cfg.get("REDIS_URL"))
    results.append(
        (
            "shared rate-limit storage",
            "OK",
            "Redis" if redis_ok else "database fixed-window counter",
        )
    )
    if db.engine.dialect.name == "sqlite":
        mode = db.session.execute(text("PRAGMA journal_mode")).scalar()
        results.append(("sqlite journal", "OK" if mode == "wal" else "WARNING", str(mode)))
    from app.main.health import readiness

    for name, state in readiness().items():
        results.append((name, "OK" if state == "ok" else "CRITICAL", state))
    worst = 0
    for name, state, detail in results:
        click.echo(f"{state:9} {name}{': ' + detail if detail else ''}")
        worst = max(worst, {"OK": 0, "WARNING": 1, "CRITICAL": 2}[state])
    if worst == 2:
        raise SystemExit(2)


def init_cli(app: Flask) -> None:
    """Register the command groups."""
    app.cli.add_command(admin_group)
    from app.admin.cli import users_group

    app.cli.add_command(users_group)
    app.cli.add_command(demo_command)
    app.cli.add_command(check_command)
    from app.content_cli import content_group

    app.cli.add_command(content_group)
    from app.quizzes.cli import quizzes_group

    app.cli.add_command(quizzes_group)
    from app.skills.cli import skills_group

    app.cli.add_command(skills_group)
    from app.core.retention.cli import retention_group
    from app.credentials.cli import credentials_group

    app.cli.add_command(credentials_group)

    app.cli.add_command(retention_group)
    from app.core.backup.cli import backup_command, restore_command

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    from app.core.growth_cli import bench_group

    app.cli.add_command(bench_group)
