"""The issuer's keys and status list as stored: sign with the configured key, resolve keys."""

from __future__ import annotations

import secrets
from typing import Any

from flask import current_app
from sqlalchemy import select, update

from app.core.db import DbSession, utcnow
from app.core.extensions import db
from app.credentials.domain import keys, proof
from app.credentials.domain.dates import format_utc
from app.credentials.domain.status import MIN_BITS, StatusList, status_list_credential
from app.credentials.models import CredentialKey, CredentialStatusList

LIST_ID = 1


class StatusListFull(RuntimeError):
    """Every index of the status list is taken (a second list is not built yet)."""


def base_url() -> str:
    """PUBLIC_BASE_URL without its trailing slash."""
    return str(current_app.config["PUBLIC_BASE_URL"]).rstrip("/")


def issuer_id() -> str:
    """The issuer profile's URL (its id)."""
    return f"{base_url()}/credentials/issuer"


def key_url(key_id: int) -> str:
    """The stable URL of one key's Multikey document (the proof's verificationMethod)."""
    return f"{base_url()}/credentials/keys/{key_id}"


def status_list_url() -> str:
    """The URL of the revocation status list credential."""
    return f"{base_url()}/credentials/status/{LIST_ID}"


def issuer(name: str) -> dict[str, Any]:
    """The issuer Profile embedded in credentials."""
    return {"id": issuer_id(), "type": ["Profile"], "name": name, "url": base_url() + "/"}


def active_key(session: DbSession) -> tuple[CredentialKey, Any]:
    """The configured key's row (added on first use; other keys retired) and its secret."""
    secret = keys.private_key(current_app.config["CREDENTIAL_SIGNING_KEY"])
    public = keys.public_multibase(secret.public_key())
    row = session.scalar(select(CredentialKey).where(CredentialKey.public_multibase == public))
    if row is None:
        row = CredentialKey(public_multibase=public)
        session.add(row)
    if row.retired_at is not None:
        row.retired_at = None  # the operator went back to this key
    # Rotation: the configuration names one key; the others sign nothing new, stay published.
    session.execute(
        update(CredentialKey)
        .where(CredentialKey.public_multibase != public, CredentialKey.retired_at.is_(None))
        .values(retired_at=utcnow())
    )
    session.flush()
    return row, secret


def sign(session: DbSession, document: dict[str, Any]) -> dict[str, Any]:
    """Sign a document with the configured key (eddsa-rdfc-2022, assertionMethod)."""
    row, secret = active_key(session)
    options = {
        "type": proof.PROOF_TYPE,
        "cryptosuite": proof.CRYPTOSUITE,
        "created": format_utc(utcnow()),
        "verificationMethod": key_url(row.id),
        "proofPurpose": proof.ASSERTION,
    }
    return proof.sign(document, secret, options)


def published_keys() -> dict[str, str]:
    """verificationMethod URL -> publicKeyMultibase for every key, retired ones included."""
    rows = db.session.execute(select(CredentialKey.id, CredentialKey.public_multibase))
    return {key_url(key_id): public for key_id, public in rows}


def status_list(session: DbSession, issuer_name: str) -> CredentialStatusList:
    """The status list row, locked for the unit; created (all zeros, signed) on first use."""
    row = session.get(CredentialStatusList, LIST_ID, with_for_update=True, populate_existing=True)
    if row is None:
        row = CredentialStatusList(
            id=LIST_ID, next_index=0, bits=StatusList().to_bytes(), version=1
        )
        session.add(row)
        resign_list(session, row, issuer_name)
    return row


def allocate_index(session: DbSession, issuer_name: str) -> int:
    """Take the next free index of the status list (the row lock serialises issuers)."""
    row = status_list(session, issuer_name)
    if row.next_index >= MIN_BITS:
        raise StatusListFull("the revocation list is full")
    index = row.next_index
    row.next_index = index + 1
    return index


def set_revoked(session: DbSession, index: int, issuer_name: str) -> None:
    """Set one credential's bit and re-sign the list credential."""
    row = status_list(session, issuer_name)
    bits = StatusList(MIN_BITS, row.bits)
    bits.set(index)
    row.bits = bits.to_bytes()
    row.version = (row.version or 1) + 1
    resign_list(session, row, issuer_name)


def resign_list(session: DbSession, row: CredentialStatusList, issuer_name: str) -> None:
    """Sign the BitstringStatusListCredential for the row's bits."""
    unsigned = status_list_credential(
        status_list_url(),
        issuer_id(),  # a plain id: "Profile" is an Open Badges term, not in the VC context
        format_utc(utcnow()),
        StatusList(MIN_BITS, row.bits).encode(),
    )
    row.document = sign(session, unsigned)
    row.updated_at = utcnow()
    session.flush()  # a second change in the same unit reads these bits, not the old ones


def new_public_id() -> str:
    """A random, URL-safe credential id (128 bits)."""
    return secrets.token_hex(16)
