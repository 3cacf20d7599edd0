"""Checks for the public contact form (pure): decoy field, fill time, links, header safety."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MIN_FILL_SECONDS = 3
MAX_FILL_SECONDS = 24 * 3600
MAX_LINKS = 2
LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")
DECOY = "website"  # hidden from people; bots fill every field


@dataclass(frozen=True)
class Contact:
    """A checked message, or the reasons it was refused (field → code)."""

    name: str
    email: str
    body: str
    errors: Mapping[str, str]
    spam: bool = False


def check_contact(form: Mapping[str, Any], elapsed: float | None) -> Contact:
    """Validate a submission; `elapsed` is seconds since the form was served (None: forged)."""
    name = str(form.get("name") or "").strip()[:100]
    email = str(form.get("email") or "").strip()[:254]
    body = str(form.get("message") or "").strip()[:3000]
    errors: dict[str, str] = {}
    if not name or any(c in name for c in "\r\n"):
        errors["name"] = "name"
    if not EMAIL.match(email) or any(c in email for c in "\r\n"):
        errors["email"] = "email"
    if len(body) < 10:
        errors["message"] = "short"
    elif len(LINK.findall(body)) > MAX_LINKS:
        errors["message"] = "links"
    spam = (
        bool(str(form.get(DECOY) or "").strip())
        or elapsed is None
        or not (MIN_FILL_SECONDS <= elapsed <= MAX_FILL_SECONDS)
    )
    return Contact(name, email, body, errors, spam)
