"""The contact form's time token: reused within its second, exactly what signing would give."""

from __future__ import annotations

import time
from typing import Any

from app.portfolio import services


def test_a_token_is_reused_within_its_second_and_renewed_after(app: Any, monkeypatch) -> None:
    """Within one second the kept token equals a fresh signature; the next second's is newer."""
    clock = {"now": 1_900_000_000.25}
    monkeypatch.setattr(time, "time", lambda: clock["now"])
    with app.app_context():
        first = services.form_token_for(7)
        assert services.form_token_for(7) == first
        assert services._serializer().dumps(7) == first  # what signing gives in this second
        assert services.form_token_for(8) != first  # another portfolio, its own token
        clock["now"] += 1.0
        later = services.form_token_for(7)
        assert later != first
        value, stamp = services._serializer().loads(later, return_timestamp=True)
        assert value == 7 and stamp.timestamp() == 1_900_000_001


def test_a_new_secret_signs_anew(app: Any, monkeypatch) -> None:
    """A token kept under one secret is never handed out after the secret changes."""
    monkeypatch.setattr(time, "time", lambda: 1_900_000_000.0)
    with app.app_context():
        before = services.form_token_for(7)
        monkeypatch.setattr(app, "secret_key", "another secret, rotated by the operator")
        after = services.form_token_for(7)
        assert after != before
        assert services._serializer().loads(after) == 7
