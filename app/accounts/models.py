"""Account tables: users, their signed-in devices and single-use tokens."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import UTCDateTime, user_fk, utcnow
from app.core.extensions import db

ROLES = ("learner", "admin")
TOKEN_PURPOSES = ("verify", "reset", "email")


class User(UserMixin, db.Model):  # type: ignore[name-defined]
    """A person with an account; the session id, not this id, identifies a login."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(100))
    locale: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str] = mapped_column(String(16), default="learner")
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    target_role: Mapped[str | None] = mapped_column(String(40))

    sessions: Mapped[list[UserSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def current_session_id(self) -> str | None:
        """The UserSession this request is authenticated by (set by the user loader)."""
        return self.__dict__.get("_current_session_id")

    @current_session_id.setter
    def current_session_id(self, value: str | None) -> None:
        """Remember the session id for this request only."""
        self.__dict__["_current_session_id"] = value

    def get_id(self) -> str | None:
        """Return the session id, so Flask-Login's cookies name a revocable session."""
        return self.current_session_id

    @property
    def is_active(self) -> bool:
        """Disabled accounts cannot sign in or keep a session."""
        return not self.disabled

    @property
    def is_admin(self) -> bool:
        """True for operators."""
        return self.role == "admin"

    @property
    def is_verified(self) -> bool:
        """True once the email address was confirmed."""
        return self.email_verified_at is not None


class UserSession(db.Model):  # type: ignore[name-defined]
    """One signed-in device; deleting the row ends that login everywhere."""

    __tablename__ = "user_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = user_fk()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    remember: Mapped[bool] = mapped_column(Boolean, default=False)
    user_agent: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User] = relationship(back_populates="sessions")


class AccountToken(db.Model):  # type: ignore[name-defined]
    """A single-use emailed token; only its SHA-256 is stored."""

    __tablename__ = "account_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = user_fk()
    purpose: Mapped[str] = mapped_column(String(16))
    new_email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
