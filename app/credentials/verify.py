"""Server-side verification of a stored credential: signature, structure, status, dates.

Signing happens once at issue time and verification is cached per process, keyed by the
stored document and the status list's version, so a verification page costs two small
queries until the status changes; "verify again" bypasses the cache.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.core.db import utcnow
from app.core.extensions import db
from app.credentials import signing
from app.credentials.domain import proof, structure
from app.credentials.domain.status import StatusListError, entry_is_set
from app.credentials.models import CredentialStatusList

VALID, REVOKED, EXPIRED, INVALID = "valid", "revoked", "expired", "invalid"


@dataclass(frozen=True)
class Check:
    """The outcome of the time-independent checks of one stored credential."""

    signature_ok: bool
    revoked: bool
    problems: tuple[str, ...] = field(default=())

    def status(self, valid_until: datetime | None, now: datetime) -> str:
        """valid, revoked, expired or invalid at `now`."""
        if not self.signature_ok or self.problems:
            return INVALID
        if self.revoked:
            return REVOKED
        if valid_until is not None and valid_until <= now:
            return EXPIRED
        return VALID


_cache: dict[str, tuple[tuple[str, int], Check]] = {}
_lock = threading.Lock()
CACHE_LIMIT = 10_000


def list_version() -> int:
    """The status list's version (0 before any credential exists)."""
    found = db.session.scalar(
        select(CredentialStatusList.version).where(CredentialStatusList.id == signing.LIST_ID)
    )
    return int(found or 0)


def digest(document: Any) -> str:
    """A digest of the stored JSON: a changed document is verified afresh."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def status_of(
    credential: Any, *, fresh: bool = False, version: int | None = None
) -> tuple[str, Check]:
    """The credential's status now, from the cache unless `fresh` or the status changed."""
    now = utcnow()
    raw = getattr(credential, "raw", None)  # a page row carries the stored text
    if not raw and credential.document is None:
        return REVOKED, Check(True, True)  # a tombstone: revoked, nothing left to check
    document_key = credential.digest if raw else digest(credential.document)
    key = (document_key, list_version() if version is None else version)
    cached = None if fresh else _cache.get(credential.public_id)
    if cached is not None and cached[0] == key:
        check = cached[1]
    else:
        check = run_checks(credential.document)
        with _lock:
            if len(_cache) >= CACHE_LIMIT:
                _cache.clear()
            _cache[credential.public_id] = (key, check)
    if credential.revoked_at is not None and check.signature_ok and not check.problems:
        check = Check(True, True)
    if check.signature_ok and not check.problems:
        # Verified: the signed validUntil equals the column written with it at issue time.
        return check.status(credential.valid_until, now), check
    return check.status(None, now), check


def run_checks(document: dict[str, Any]) -> Check:
    """Verify the proof with the published keys, the structure, and the status list bit."""
    published = signing.published_keys()
    result = proof.verify(document, published.get)
    problems = list(structure.check(document))
    revoked = False
    entry = document.get("credentialStatus")
    if not isinstance(entry, dict):
        problems.append("credentialStatus is missing")
    else:
        revoked, problem = read_status(entry, published)
        if problem:
            problems.append(problem)
    return Check(result.ok, revoked, tuple(problems))


def read_status(entry: dict[str, Any], published: dict[str, str]) -> tuple[bool, str]:
    """Read the bit from the signed status list credential, as a remote verifier would."""
    row = db.session.get(CredentialStatusList, signing.LIST_ID)
    if row is None or row.document is None:
        return False, "the status list is missing"
    if not proof.verify(row.document, published.get).ok:
        return False, "the status list's signature does not verify"
    try:
        return entry_is_set(entry, row.document), ""
    except StatusListError as exc:
        return False, f"status: {exc}"


def clear_cache() -> None:
    """Forget every cached verification (tests, key changes)."""
    with _lock:
        _cache.clear()
