"""Pure account rules: password policy, email normalisation, safe redirect targets."""

from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

PASSWORD_MIN = 8
PASSWORD_MAX = 128
PASSWORD_ENCOURAGED = 15
CONTEXT_WORDS = ("tawasul", "تواصل")
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common-passwords.txt.gz"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """Load the bundled list of common passwords once per process."""
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as fh:
        return frozenset(line.strip().lower() for line in fh if line.strip())


def normalise_email(email: str) -> str:
    """Lower-case and trim an email address for storage and lookup."""
    return email.strip().lower()


def _fold(text: str) -> str:
    """Fold case and compatibility forms so context words match however typed."""
    return unicodedata.normalize("NFKC", text).casefold()


def password_problems(
    password: str, *, email: str = "", display_name: str = "", common: frozenset[str] = frozenset()
) -> list[str]:
    """Return policy problem codes for a password, checked exactly as typed.

    No composition rules (ASVS 6.2.5); length 8 to 128; refused when common or when it
    contains the email's local part, the display name or the product name.
    """
    problems = []
    if len(password) < PASSWORD_MIN:
        problems.append("too_short")
    if len(password) > PASSWORD_MAX:
        problems.append("too_long")
    folded = _fold(password)
    if folded in common or password.lower() in common:
        problems.append("common")
    local = _fold(email.split("@", 1)[0]) if "@" in email else ""
    words = [w for w in (local, _fold(display_name.strip()), *CONTEXT_WORDS) if len(w) >= 3]
    if any(w in folded for w in words):
        problems.append("context")
    return problems


def safe_next(target: str | None) -> str | None:
    """Return `target` when it is a same-site relative path, else None."""
    if not target or len(target) > 2000:
        return None
    if any(ord(c) < 32 or c == "\\" for c in target):
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def clean_single_line(text: str) -> str:
    """Strip surrounding spaces and refuse nothing; control characters become spaces."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text).strip()
