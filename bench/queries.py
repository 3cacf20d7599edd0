"""SQL statements per request, counted in process for the bench's query table."""

from __future__ import annotations

import os
from typing import Any

from seed import PASSWORD
from sqlalchemy import event

# One signed-in test client per account, kept for the whole count.
_CLIENTS: dict[str, Any] = {}


def count_queries(app: Any, email: str | None, path: str) -> int:
    """SQL statements one GET of `path` runs for a signed-in account (None: anonymous)."""
    from app.core.extensions import db

    # The Host header production admits (TRUSTED_HOSTS), not the test client's "localhost".
    base = os.environ["PUBLIC_BASE_URL"]
    # One signed-in client per learner: a sign-in per page would trip the login rate limit.
    client = _CLIENTS.get(email or "")
    if client is None:
        client = _CLIENTS[email or ""] = app.test_client()
        if email:
            client.post("/login", data={"email": email, "password": PASSWORD}, base_url=base)
    client.get(path, base_url=base)  # warm caches (rendered Markdown, session touch)
    with app.app_context():
        engine = db.engine
    counter = {"n": 0}

    def count(*_args: Any) -> None:
        counter["n"] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path, base_url=base)
        assert response.status_code == 200, (path, response.status_code)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return counter["n"]
