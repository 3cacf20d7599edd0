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


USER_DATA: dict[str, UserData] = {}


def register_user_data(
    table: str,
    export: Callable[[Any, Any], list[dict[str, Any]]],
    delete: Callable[[Any, Any], None],
    order: int = 50,
) -> None:
    """Register a table's export and delete handlers (called at import of a feature)."""
    USER_DATA[table] = UserData(table, export, delete, order)


@dataclass(frozen=True)
class XssField:
    """A field showing learner text: how to store a value and which pages show it."""

    name: str
    set_value: Callable[[Any, Any, str], None]  # (session, user, value)
    pages: Callable[[Any], list[str]]  # user -> paths that display the field
    max_length: int = 100
    viewers: tuple[str, ...] = field(default=("owner",))


XSS_FIELDS: dict[str, XssField] = {}


def register_xss_field(xss_field: XssField) -> None:
    """Register a learner-text field with the XSS harness."""
    XSS_FIELDS[xss_field.name] = xss_field


# Text columns of user-linked tables that never show learner-written text, with why.
NOT_LEARNER_TEXT: dict[str, str] = {}


def declare_not_learner_text(column: str, reason: str) -> None:
    """Record that `table.column` holds no learner-written text shown on a page."""
    NOT_LEARNER_TEXT[column] = reason
