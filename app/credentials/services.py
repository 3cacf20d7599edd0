"""Credential services: the learner's list, hiding, a copy in the other language, revocation."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from functools import cache, cached_property
from typing import Any, NamedTuple

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import Text, bindparam, cast, select

from app.accounts.models import User
from app.content.model import Library
from app.core.db import DbSession, locked, utcnow, write_unit
from app.core.extensions import db
from app.core.rawread import first_row
from app.credentials import issue, signing, texts
from app.credentials.domain.due import Due
from app.credentials.models import Credential, CredentialKey, CredentialStatusList
from app.credentials.signing import LIST_ID

log = logging.getLogger("tawasul.credentials")


def issue_due_credentials(user: User, lib: Library) -> list[Credential]:
    """Issue what the learner earned, in its own unit (for callers outside a unit)."""
    with write_unit(db.session) as s:
        return issue.issue_due(s, s.get(User, user.id), lib)


def credentials_of(user: User) -> list[Credential]:
    """The learner's credentials, newest first."""
    return list(
        db.session.scalars(
            select(Credential)
            .where(Credential.user_id == user.id)
            .order_by(Credential.created_at.desc(), Credential.id.desc())
        )
    )


def shown_credentials(user_id: int) -> list[Credential]:
    """The credentials a learner shows on the portfolio: not hidden, not revoked."""
    return list(
        db.session.scalars(
            select(Credential)
            .where(
                Credential.user_id == user_id,
                Credential.hidden.is_(False),
                Credential.revoked_at.is_(None),
            )
            .order_by(Credential.created_at.desc(), Credential.id.desc())
        )
    )


def get_own(user: User, credential_id: int) -> Credential | None:
    """The learner's credential by number (None for anyone else's)."""
    found = db.session.get(Credential, credential_id)
    return found if found is not None and found.user_id == user.id else None


def by_public_id(public_id: str) -> Credential | None:
    """A credential (or tombstone) by its public id."""
    if not public_id.isalnum() or len(public_id) > 32:
        return None
    return db.session.scalar(select(Credential).where(Credential.public_id == public_id))


class Owner(NamedTuple):
    """The learner's name and published portfolio address, when they show the credential."""

    display_name: str
    slug: str


@dataclass
class PageRow:
    """What the verification page needs, read in one statement (the JSON parsed on demand)."""

    public_id: str
    user_id: int | None
    language: str
    raw: str | None  # the stored JSON text: its digest keys the caches, no parsing needed
    valid_from: datetime
    valid_until: datetime | None
    revoked_at: datetime | None
    hidden: bool
    owner: Owner | None  # display name and portfolio slug, when shown
    list_version: int

    @cached_property
    def document(self) -> dict[str, Any] | None:
        """The signed credential (None for a tombstone)."""
        parsed = json.loads(self.raw) if self.raw else None
        return parsed if isinstance(parsed, dict) else None

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the stored text."""
        return hashlib.sha256((self.raw or "").encode("utf-8")).hexdigest()


def verify_token(public_id: str) -> str:
    """The "verify again" form's signed token: bound to the credential, not to a session.

    The form changes nothing, so a token per credential suffices, and the page can be cached.
    """
    return str(_signer().dumps(public_id))


def verify_token_ok(public_id: str, token: str) -> bool:
    """Whether `token` is this credential's verify-again token."""
    try:
        return bool(_signer().loads(token) == public_id)
    except BadSignature:
        return False


def _signer() -> URLSafeSerializer:
    """HMAC-SHA256 with the app's secret, salted for this form."""
    return URLSafeSerializer(
        current_app.config["SECRET_KEY"],
        salt="credential-verify-again",
        signer_kwargs={"digest_method": hashlib.sha256},
    )


@cache
def _page_query() -> Any:
    """One Core statement: the credential, its owner's published portfolio, the list version."""
    from app.portfolio.models import Portfolio

    c, u = Credential.__table__, User.__table__
    p, lst = Portfolio.__table__, CredentialStatusList.__table__
    joined = (
        c.outerjoin(u, u.c.id == c.c.user_id)
        .outerjoin(p, p.c.user_id == c.c.user_id)
        .outerjoin(lst, lst.c.id == LIST_ID)
    )
    return (
        select(
            c.c.public_id,
            c.c.user_id,
            c.c.language,
            cast(c.c.document, Text).label("raw"),  # the text itself, parsed on demand
            c.c.valid_from,
            c.c.valid_until,
            c.c.revoked_at,
            c.c.hidden,
            u.c.display_name,
            p.c.slug,
            p.c.status,
            lst.c.version,
        )
        .select_from(joined)
        .where(c.c.public_id == bindparam("public_id"))
    )


def page_row(public_id: str) -> PageRow | None:
    """The verification page's data for a credential or tombstone (None when unknown)."""
    if not public_id.isalnum() or len(public_id) > 32:
        return None
    # The only query of a visitor's view: on a pooled DB-API connection (app.core.rawread).
    row = first_row(_page_query(), {"public_id": public_id})
    if row is None:
        return None
    shown = row.user_id is not None and not row.hidden and row.status == "published"
    return PageRow(
        public_id=row.public_id,
        user_id=row.user_id,
        language=row.language,
        raw=None if row.raw in (None, "null") else row.raw,  # JSON null: a tombstone
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        revoked_at=row.revoked_at,
        hidden=bool(row.hidden),
        owner=Owner(row.display_name, row.slug) if shown else None,
        list_version=int(row.version or 0),
    )


def owner_link(found: Credential) -> Any:
    """(display_name, slug) when the learner shows the credential and a published portfolio."""
    from app.portfolio.models import Portfolio

    if found.user_id is None or found.hidden:
        return None
    return db.session.execute(
        select(User.display_name, Portfolio.slug)
        .join(Portfolio, Portfolio.user_id == User.id)
        .where(User.id == found.user_id, Portfolio.status == "published")
    ).first()


def public_keys() -> list[CredentialKey]:
    """Every issuer key, retired ones included, oldest first."""
    return list(db.session.scalars(select(CredentialKey).order_by(CredentialKey.id)))


def public_key(key_id: int) -> CredentialKey | None:
    """One issuer key by number."""
    return db.session.get(CredentialKey, key_id)


def signed_status_list(list_id: int) -> dict[str, Any] | None:
    """The signed status list credential, or None."""
    row = db.session.get(CredentialStatusList, list_id)
    return row.document if row is not None else None


def set_hidden(user: User, credential_id: int, hidden: bool) -> bool:
    """Hide a credential from the portfolio, or show it again; its page keeps answering."""
    with write_unit(db.session) as s:
        row = locked(s, Credential, credential_id)
        if row is None or row.user_id != user.id:
            return False
        row.hidden = hidden
        issue.portfolio_changed(s, row.user_id)
    return True


def other_language(lang: str) -> str:
    """The other interface language."""
    return "en" if lang == "ar" else "ar"


def issue_other_language(user: User, lib: Library, credential_id: int) -> Credential | None:
    """A second credential on the same achievement and dates, in the other language (once)."""
    with write_unit(db.session) as s:
        row = locked(s, Credential, credential_id)
        if row is None or row.user_id != user.id or row.revoked_at is not None:
            return None
        lang = other_language(row.language)
        existing = s.scalar(
            select(Credential).where(
                Credential.user_id == user.id,
                Credential.kind == row.kind,
                Credential.subject_id == row.subject_id,
                Credential.valid_from == row.valid_from,
                Credential.language == lang,
            )
        )
        if existing is not None:
            return existing
        owner = s.get(User, user.id)
        return issue.issue_one(
            s, owner, lib, Due(row.kind, row.subject_id), lang, row.valid_from, row.valid_until
        )


def revoke(session: DbSession, credential: Credential) -> bool:
    """Set the credential's status bit and stamp it revoked (caller commits); False if it was."""
    if credential.revoked_at is not None:
        return False
    signing.set_revoked(session, credential.status_index, texts.issuer_name("ar"))
    credential.revoked_at = utcnow()
    issue.portfolio_changed(session, credential.user_id)
    return True


def revoke_by_public_id(public_id: str) -> Credential | None:
    """Revoke one credential (the operator's command, audited as "cli"); None when unknown."""
    from app.admin.audit import record

    found = by_public_id(public_id)
    if found is None:
        return None
    with write_unit(db.session) as s:
        row = locked(s, Credential, found.id)
        if revoke(s, row):
            record(s, None, "revoke-credential", row.user_id, {"credential": row.id})
    log.info("credential revoked id=%s", public_id)
    return row


def tombstone_user_credentials(session: DbSession, user: Any) -> None:
    """Account deletion: revoke each credential and keep a tombstone without personal data."""
    rows = session.scalars(select(Credential).where(Credential.user_id == user.id)).all()
    for row in rows:
        revoke(session, row)
        row.document = None  # the hashed identity and the evidence are personal data
        row.user_id = None
        row.hidden = True
