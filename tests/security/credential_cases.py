"""IDOR cases for the credentials' owner routes (used by test_t2_census)."""

from __future__ import annotations

from sqlalchemy import func, select

from app.core.db import write_unit
from app.core.extensions import db


def credential_cases(app, a, state):
    """(endpoint, method, url, state, owner_changes, data) for every credential owner route."""
    from app.credentials.domain.due import Due
    from app.credentials.issue import issue_one
    from app.credentials.models import Credential

    lib = app.extensions["tawasul_content"].library
    with app.test_request_context(), write_unit(db.session) as s:
        made = issue_one(s, s.get(type(a), a.id), lib, Due("track", "platforms"), "ar")
        number = made.id
    hidden = select(Credential.hidden).where(Credential.id == number)
    copies = select(func.count(Credential.id)).where(Credential.user_id == a.id)
    base = f"/account/credentials/{number}"
    return [
        ("credentials.hide", "POST", f"{base}/hide", state(hidden), True, {"hidden": "1"}),
        ("credentials.other_language", "POST", f"{base}/language", state(copies), True, None),
    ]
