"""`flask users list|disable|enable`: account operations from the command line (audited)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.accounts.models import User
from app.admin import services

# A page is at most this long, so one command never reads the whole table.
MAX_PAGE_SIZE = 500


@click.group("users", cls=AppGroup)
def users_group() -> None:
    """Account operations (each change is written to the admin audit log as "cli")."""


@users_group.command("list")
@click.option(
    "--email", "query", default="", help="Only accounts whose email or name contains this."
)
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option(
    "--size", default=services.PAGE_SIZE, show_default=True, type=click.IntRange(1, MAX_PAGE_SIZE)
)
def users_list(query: str, page: int, size: int) -> None:
    """List accounts a page at a time: id, email, role, state, active sessions."""
    rows = services.users_page(page, size=size, query=query)
    total = services.count_matching(query)
    for user, sessions in rows:
        state = "disabled" if user.disabled else "active"
        click.echo(f"{user.id:>7}  {user.email:<40} {user.role:<8} {state:<8} sessions={sessions}")
    pages = max(1, -(-total // size))
    click.echo(f"page {page} of {pages}; {total} matching account(s)")


def _account(email: str) -> User:
    """The account with this email, or a clean error."""
    user = services.user_by_email(email)
    if user is None:
        raise click.ClickException(f"no account with the email {email}")
    return user


@users_group.command("disable")
@click.argument("email")
def users_disable(email: str) -> None:
    """Disable an account: it cannot sign in, and every session ends now."""
    user = _account(email)
    ended = services.set_disabled(None, user, True)
    click.echo(f"disabled {email}; {ended} session(s) ended")


@users_group.command("enable")
@click.argument("email")
def users_enable(email: str) -> None:
    """Enable a disabled account: its owner can sign in again."""
    user = _account(email)
    services.set_disabled(None, user, False)
    click.echo(f"enabled {email}")
