"""Test helpers: databases per run, the SMTP mailbox, and the user factory."""

from __future__ import annotations

import email
import itertools
import os
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.accounts.models import User
from app.core.db import utcnow, write_unit
from app.core.extensions import db
from app.core.security import hash_password

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


@contextmanager
def make_database(folder: Path, label: str) -> Iterator[str]:
    """Yield a URL of an empty database: SQLite in `folder`, or a new PostgreSQL database."""
    base = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not base:
        yield f"sqlite:///{folder / (label + '.db')}"
        return
    import psycopg

    from app.core.config import normalise_db_url

    base = normalise_db_url(base)
    name = f"tawasul_{label}_{os.getpid()}"
    admin_url = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(base)
    try:
        yield urlunsplit(parts._replace(path="/" + name))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Mailbox:
    """Messages received by the test SMTP server."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()
        self.port = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """aiosmtpd hook: store the message."""
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def clear(self) -> None:
        """Forget received messages."""
        with self.lock:
            self.messages.clear()

    def to(self, address: str) -> list[Message]:
        """Messages sent to `address`."""
        with self.lock:
            return [m for m in self.messages if address.lower() in m["To"].lower()]

    def body(self, message: Message) -> str:
        """The decoded text body."""
        return message.get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]

    def last_link(self, address: str, path_prefix: str) -> str:
        """Return the path of the newest link under `path_prefix` mailed to `address`."""
        for message in reversed(self.to(address)):
            for url in re.findall(r"https?://\S+", self.body(message)):
                path = urlsplit(url).path
                if path.startswith(path_prefix):
                    return path
        raise AssertionError(f"no {path_prefix} link mailed to {address}")


def start_smtp() -> tuple[Mailbox, Controller]:
    """Start aiosmtpd on a free loopback port."""
    box = Mailbox()
    box.port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    return box, controller


def free_port() -> int:
    """Return a TCP port on loopback that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Users:
    """Create accounts directly in the database."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def create(
        self,
        *,
        email: str | None = None,
        name: str | None = None,
        password: str = PASSWORD,
        verified: bool = True,
        role: str = "learner",
        locale: str | None = "ar",
    ) -> User:
        """Create a user and return it (detached, attributes loaded)."""
        n = next(_counter)
        with self.app.app_context():
            with write_unit(db.session) as s:
                user = User(
                    email=email or f"learner{n}@example.com",
                    display_name=name or f"متعلم {n}",
                    password_hash=hash_password(password),
                    role=role,
                    locale=locale,
                    email_verified_at=utcnow() if verified else None,
                )
                s.add(user)
            user = db.session.scalar(select(User).where(User.id == user.id))
            db.session.expunge(user)
            return user


def post_version(**changes: Any) -> dict[str, Any]:
    """One platform version of a sandbox idea that passes the rules; `changes` override fields."""
    return {
        "format": "feed",
        "text": "قهوة",
        "media_count": 1,
        "aspect": "4:5",
        "alt_text": "كوب",
        "goal": "awareness",
        **changes,
    }
