"""app.core.rawread: an anonymous page's one query on a raw pooled connection, on both engines.

The raw path must give exactly what the ORM session gives for the same statement (UTC-aware
datetimes on SQLite, booleans, outer-joined NULLs, cast text), or a kept page would be keyed
or shown differently from the rest of the app.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from credential_world import complete_track, credentials_of
from sqlalchemy import select
from support import PASSWORD

from app.core.db import write_unit
from app.core.extensions import db
from app.core.rawread import first_row
from app.credentials.services import _page_query, page_row
from app.portfolio.read import _version_query, version_of


def session_row(statement: Any, params: dict[str, Any]) -> tuple[Any, ...] | None:
    """The same statement's first row through the ORM session."""
    row = db.session.execute(statement, params).first()
    return None if row is None else tuple(row)


def test_a_credential_row_is_what_the_session_reads(app: Any, users: Any) -> None:
    """Every column of the verification page's query, raw and through the session, is equal."""
    user = users.create()
    client = app.test_client()
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    complete_track(app, client, user)
    (held,) = credentials_of(app, user.id)
    with app.test_request_context("/"):
        params = {"public_id": held.public_id}
        raw, orm = first_row(_page_query(), params), session_row(_page_query(), params)
        assert raw is not None and raw == orm
        assert raw[4].tzinfo is not None  # valid_from: aware, as UTCDateTime returns it
        assert raw[3].startswith("{")  # the signed document's text
        found = page_row(held.public_id)
        assert found is not None and found.document is not None
        assert found.owner is None  # no published portfolio: the owner is not named
        assert first_row(_page_query(), {"public_id": "unknown"}) is None
        assert page_row("unknown") is None
        db.session.remove()


def test_a_portfolio_version_is_what_the_session_reads(app: Any, users: Any) -> None:
    """The portfolio version (with its max() stamp) is equal both ways, and follows changes."""
    from app.portfolio.models import Portfolio

    user = users.create()
    with app.app_context():
        with write_unit(db.session):
            db.session.add(Portfolio(user_id=user.id, slug="raw-read", status="published"))
        db.session.remove()
    with app.test_request_context("/"):
        raw = first_row(_version_query(), {"slug": "raw-read"})
        assert raw is not None and raw == session_row(_version_query(), {"slug": "raw-read"})
        before = version_of("raw-read")
        assert before is not None and before.status == "published"
        assert version_of("nobody") is None
        db.session.remove()
    with app.app_context():
        with write_unit(db.session):
            found = db.session.scalar(select(Portfolio).where(Portfolio.slug == "raw-read"))
            assert found is not None
            found.status = "unlisted"
        db.session.remove()
    with app.test_request_context("/"):
        after = version_of("raw-read")
        assert after is not None and after.status == "unlisted" and after != before
        db.session.remove()


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="autocommit is PostgreSQL's: set TEST_DATABASE_URL (this run is on SQLite)",
)
def test_the_connection_goes_back_to_the_pool_transactional(app: Any) -> None:
    """The raw read switches its connection to autocommit; the pool hands it back switched off."""
    with app.test_request_context("/"):
        db.engine.dispose()  # an empty pool: the raw read makes the only connection in it
        assert first_row(_version_query(), {"slug": "none"}) is None
        assert db.engine.pool.checkedin() == 1
        raw = db.engine.raw_connection()
        try:
            assert raw.dbapi_connection.autocommit is False  # type: ignore[union-attr]
        finally:
            raw.close()
        db.session.remove()
