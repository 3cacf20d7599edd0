"""register_table: one call fills the user-data and not-learner-text registries for a table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from app.core import registry
from app.core.registry import NOT_LEARNER_TEXT, USER_DATA, register_table


class Base(DeclarativeBase):
    """A metadata of its own, so the throwaway table never joins the app's schema."""


class Note(Base):
    """A throwaway user-linked table."""

    __tablename__ = "regtable_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int]
    body: Mapped[str]
    kind: Mapped[str]
    at: Mapped[datetime]


@pytest.fixture(autouse=True)
def registries() -> Iterator[None]:
    """Restore the global registries this module writes to."""
    user_data, not_learner = dict(USER_DATA), dict(NOT_LEARNER_TEXT)
    yield
    USER_DATA.clear()
    USER_DATA.update(user_data)
    NOT_LEARNER_TEXT.clear()
    NOT_LEARNER_TEXT.update(not_learner)


@pytest.fixture
def session() -> Iterator[Session]:
    """An in-memory database with two users' notes."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        at = datetime(2024, 5, 1, 9, 30)
        s.add_all(
            [
                Note(id=1, user_id=1, body="mine", kind="k", at=at),
                Note(id=2, user_id=2, body="theirs", kind="k", at=at),
            ]
        )
        s.flush()
        yield s
    engine.dispose()


ME = SimpleNamespace(id=1)


def test_tuple_export_lists_the_fields_of_the_users_rows(session: Session) -> None:
    """A tuple of field names exports those fields of the user's rows only, dates as ISO text."""
    register_table(Note, export=("body", "at"), order=7)
    entry = USER_DATA["regtable_note"]
    assert entry.table == "regtable_note"
    assert entry.order == 7
    assert entry.export(session, ME) == [{"body": "mine", "at": "2024-05-01T09:30:00"}]


def test_callable_export_is_registered_as_given() -> None:
    """A callable export is used unchanged; order defaults to 50."""

    def export(s: Any, user: Any) -> list[dict[str, Any]]:
        """A fixed export."""
        return [{"user": user.id}]

    register_table(Note, export=export)
    assert USER_DATA["regtable_note"].export is export
    assert USER_DATA["regtable_note"].order == 50


def test_default_delete_removes_only_the_users_rows(session: Session) -> None:
    """Without `delete`, the handler deletes the user's rows by user_id and no one else's."""
    register_table(Note, export=("body",))
    USER_DATA["regtable_note"].delete(session, ME)
    assert session.scalars(select(Note.user_id)).all() == [2]


def test_callable_delete_is_registered_as_given() -> None:
    """A callable delete replaces the default."""

    def remove(s: Any, user: Any) -> None:
        """A handler that deletes nothing."""

    register_table(Note, export=("body",), delete=remove)
    assert USER_DATA["regtable_note"].delete is remove


def test_not_learner_text_columns_get_the_table_prefix() -> None:
    """Column names are registered as table.column with their reasons; none means none."""
    before = dict(NOT_LEARNER_TEXT)
    register_table(Note, export=("body",))
    assert dict(NOT_LEARNER_TEXT) == before
    register_table(Note, export=("body",), not_learner_text={"kind": "set by the system"})
    assert dict(NOT_LEARNER_TEXT) == before | {"regtable_note.kind": "set by the system"}


def test_register_table_goes_through_the_lower_level_functions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """register_user_data and declare_not_learner_text stay the single writers of the registries."""
    seen: list[tuple[str, ...]] = []
    monkeypatch.setattr(registry, "register_user_data", lambda t, e, d, o: seen.append((t,)))
    monkeypatch.setattr(registry, "declare_not_learner_text", lambda c, r: seen.append((c, r)))
    register_table(Note, export=("body",), not_learner_text={"kind": "why"})
    assert seen == [("regtable_note",), ("regtable_note.kind", "why")]
