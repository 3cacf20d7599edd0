"""Issued credentials, the issuer's public keys and the revocation status list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import UTCDateTime, utcnow
from app.core.extensions import db

KINDS = ("track", "skill")


class Credential(db.Model):  # type: ignore[name-defined]
    """An OpenBadgeCredential as signed at issue time; a tombstone once its learner is gone.

    Deleting the account revokes the credential, clears `user_id` and the signed JSON (the
    hashed identity and the evidence are personal data) and keeps what the verification page
    needs to answer "revoked": the public id, the kind, the subject and the dates.
    """

    __tablename__ = "credential"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A random id for URLs: credential numbers must not be guessable or countable.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))  # track | skill
    subject_id: Mapped[str] = mapped_column(String(40))  # a track id or a skill id
    language: Mapped[str] = mapped_column(String(2))
    status_index: Mapped[int] = mapped_column(Integer, unique=True)
    document: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime())
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CredentialKey(db.Model):  # type: ignore[name-defined]
    """A public signing key of the issuer; retired keys stay published for older credentials."""

    __tablename__ = "credential_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_multibase: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CredentialStatusList(db.Model):  # type: ignore[name-defined]
    """The revocation list (one row): the bits, the next free index, the signed list credential."""

    __tablename__ = "credential_status_list"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(20), default="revocation")
    next_index: Mapped[int] = mapped_column(Integer, default=0)
    bits: Mapped[bytes] = mapped_column(LargeBinary)
    # Bumped on every change: cached verification results of older versions are stale.
    version: Mapped[int] = mapped_column(Integer, default=1)
    document: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
