"""Credentials in the user-data registry (export; deletion revokes and leaves a tombstone)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.core.registry import XssField, register_table, register_xss_field
from app.credentials.models import Credential
from app.credentials.services import tombstone_user_credentials

register_table(
    Credential,
    export=(
        "public_id",
        "kind",
        "subject_id",
        "language",
        "valid_from",
        "valid_until",
        "revoked_at",
        "hidden",
        "created_at",
        "document",
    ),
    delete=tombstone_user_credentials,
    order=5,
    not_learner_text={
        "public_id": "a random id made by the system",
        "kind": "track or skill",
        "subject_id": "a track or skill id from the content",
        "language": "ar or en",
    },
)


def set_named_credential(session: Any, user: Any, value: str) -> None:
    """A published portfolio, a case study titled `value`, a display name, one credential."""
    from app.content_runtime import library
    from app.credentials.domain.due import Due
    from app.credentials.issue import issue_one
    from app.portfolio.userdata import set_portfolio

    set_portfolio("title")(session, user, value)
    row = session.get(type(user), user.id)
    row.display_name = value[:100]
    session.flush()
    lib = library()
    issue_one(session, row, lib, Due("track", next(iter(lib.tracks))), "ar")


def credential_pages(user: Any) -> list[str]:
    """The verification page (display name, evidence names) and the learner's list."""
    from app.core.extensions import db

    ids = db.session.scalars(select(Credential.public_id).where(Credential.user_id == user.id))
    return [*(f"/credentials/{public_id}" for public_id in ids), "/account/credentials"]


# Names shown on the verification page: the learner's display name and case-study titles
# copied into the signed evidence. Both columns are checked in the browser under their own
# names; this variant checks the credential pages statically.
register_xss_field(
    XssField(
        "user.display_name@credential",
        set_named_credential,
        credential_pages,
        max_length=100,
        browser=False,
    )
)
