"""The three registries that keep features honest.

1. Route census: every endpoint declares who may call it (public, signed-in, owner, admin);
   the access hook enforces it and a test fails on any endpoint without a class.
2. User data: every table linked to a user maps to an export and a delete handler, and names
   its text columns that never show learner text (one `register_table` call per table).
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


def register_table(
    model: Any,
    *,
    export: tuple[str, ...] | Callable[[Any, Any], list[dict[str, Any]]],
    delete: Callable[[Any, Any], None] | None = None,
    order: int = 50,
    not_learner_text: dict[str, str] | None = None,
) -> None:
    """Register a user table once: export, deletion, text columns that never show learner text."""
    table = model.__tablename__
    exporter = export_rows(model, export) if isinstance(export, tuple) else export
    register_user_data(table, exporter, delete or delete_rows(model), order)
    for column, reason in (not_learner_text or {}).items():
        declare_not_learner_text(f"{table}.{column}", reason)


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


@dataclass(frozen=True)
class ContentCheck:
    """A feature's validation of the data it ships, run with `flask content check` and at start.

    `run(library, problems)` appends its problems (file and line) and returns a short summary
    such as "4 sandbox scenarios". It runs on the repository's own content only: the data it
    checks ships with the app, and a fixture content root has other facts.
    """

    name: str
    run: Callable[[Any, Any], str]


CONTENT_CHECKS: dict[str, ContentCheck] = {}


def register_content_check(name: str, run: Callable[[Any, Any], str]) -> None:
    """Register a feature's content check (called at import of the feature)."""
    CONTENT_CHECKS[name] = ContentCheck(name, run)


def run_content_checks(library: Any, problems: Any) -> list[str]:
    """Run every registered content check in name order; return their summaries."""
    return [CONTENT_CHECKS[name].run(library, problems) for name in sorted(CONTENT_CHECKS)]


# Exercise scorers by exercise id. An exercise "can be taken" once its scorer is registered
# and the page that starts it exists; pages name the others as coming soon.
SCORERS: dict[str, Any] = {}


def register_scorer(exercise_id: str) -> Callable[[F], F]:
    """Register a scorer class under an exercise id (as question types are registered)."""

    def mark(scorer: F) -> F:
        """Record the scorer."""
        SCORERS[exercise_id] = scorer
        return scorer

    return mark


def takeable_exercises() -> frozenset[str]:
    """The exercise ids that have a scorer."""
    return frozenset(SCORERS)
