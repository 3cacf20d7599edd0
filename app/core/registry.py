"""The three registries that keep features honest.

1. Route census: every endpoint declares who may call it (public, signed-in, owner, admin);
   the access hook enforces it and a test fails on any endpoint without a class.
2. User data: every table linked to a user maps to an export and a delete handler.
3. XSS fields: every field that shows learner text names how to set it and where it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

ACCESS_CLASSES = ("public", "signed-in", "owner", "admin")
F = TypeVar("F", bound=Callable[..., Any])


def access(kind: str) -> Callable[[F], F]:
    """Classify a view for the route census; the access hook enforces the class."""
    if kind not in ACCESS_CLASSES:
        raise ValueError(f"unknown access class {kind!r}")

    def mark(view: F) -> F:
        """Record the class on the view function."""
        view.access_class = kind  # type: ignore[attr-defined]
        return view

    return mark


def access_class(view: Callable[..., Any] | None) -> str | None:
    """Return the access class a view was declared with, or None."""
    return getattr(view, "access_class", None)


@dataclass(frozen=True)
class UserData:
    """How one user-linked table is exported and deleted."""

    table: str
    export: Callable[[Any, Any], list[dict[str, Any]]]
    delete: Callable[[Any, Any], None]
    order: int = 50  # deletion order: lower runs first (dependents before parents)


# Every table registered here also needs a rule in app/core/retention (how long it is kept,
# stated on the privacy page); tests/integration/test_retention.py fails otherwise.
USER_DATA: dict[str, UserData] = {}


def export_rows(model: Any, fields: tuple[str, ...]) -> Callable[[Any, Any], list[dict[str, Any]]]:
    """An exporter listing `fields` of the user's rows of `model` (dates as ISO text)."""
    from sqlalchemy import select

    def export(session: Any, user: Any) -> list[dict[str, Any]]:
        """Rows of the user as dictionaries of plain values."""
        rows = session.scalars(select(model).where(model.user_id == user.id))
        return [{f: _plain(getattr(row, f)) for f in fields} for row in rows]

    return export


def delete_rows(model: Any) -> Callable[[Any, Any], None]:
    """A delete handler for the user's rows of `model`."""
    from sqlalchemy import delete

    def remove(session: Any, user: Any) -> None:
        """Delete every row of the user."""
        session.execute(delete(model).where(model.user_id == user.id))

    return remove


def _plain(value: Any) -> Any:
    """Datetimes as ISO text; everything else unchanged."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def register_user_data(
    table: str,
    export: Callable[[Any, Any], list[dict[str, Any]]],
    delete: Callable[[Any, Any], None],
    order: int = 50,
) -> None:
    """Register a table's export and delete handlers (called at import of a feature)."""
    USER_DATA[table] = UserData(table, export, delete, order)


# Files of a user that go into the export archive beside the JSON: (session, user) ->
# [(path inside the archive, bytes)]. Binary columns are exported here, not in the JSON.
USER_FILES: list[Callable[[Any, Any], list[tuple[str, bytes]]]] = []


def register_user_files(files: Callable[[Any, Any], list[tuple[str, bytes]]]) -> None:
    """Register a source of files for the account export (pictures, for example)."""
    USER_FILES.append(files)


@dataclass(frozen=True)
class XssField:
    """A field showing learner text: how to store a value and which pages show it."""

    name: str
    set_value: Callable[[Any, Any, str], None]  # (session, user, value)
    # user -> paths that display the field; called after set_value, in an app context.
    pages: Callable[[Any], list[str]]
    max_length: int = 100
    viewers: tuple[str, ...] = field(default=("owner",))
    # Path prefixes where the text is rendered (Markdown) rather than shown verbatim: those
    # pages are still scanned for executable markup, but need not display the raw value.
    rendered: tuple[str, ...] = ()
    # False for another template showing a column already checked in the browser under its
    # plain "table.column" name: it is still checked statically with every payload.
    browser: bool = True


XSS_FIELDS: dict[str, XssField] = {}


def register_xss_field(xss_field: XssField) -> None:
    """Register a learner-text field with the XSS harness."""
    XSS_FIELDS[xss_field.name] = xss_field


# Text columns of user-linked tables that never show learner-written text, with why.
NOT_LEARNER_TEXT: dict[str, str] = {}


def declare_not_learner_text(column: str, reason: str) -> None:
    """Record that `table.column` holds no learner-written text shown on a page."""
    NOT_LEARNER_TEXT[column] = reason
