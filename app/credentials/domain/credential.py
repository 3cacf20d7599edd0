"""A pure builder for the unsigned OpenBadgeCredential Tawasul issues."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from app.credentials.domain.dates import is_utc
from app.credentials.domain.loader import OB_V3P0, VC_V2

CONTEXTS = [VC_V2, OB_V3P0]  # order matters: the structure check requires exactly this


@dataclass(frozen=True)
class UrlEvidence:
    """Evidence published at a URL, e.g. a learner's public case study."""

    url: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class NarrativeEvidence:
    """Evidence told in words, e.g. a scored exercise (name, variant, score, date); no links."""

    name: str
    narrative: str
    description: str = ""


Evidence = UrlEvidence | NarrativeEvidence


def hashed_identity(email: str, salt: str) -> dict[str, Any]:
    """An OB 3.0 IdentityObject for an email: 'sha256$' + hex(SHA-256(email + salt))."""
    if not salt:
        raise ValueError("a salt is required: an unsalted email hash is guessable")
    # Trimmed and lower-cased, the form a verifier who was given the address will hash.
    normalized = email.strip().lower()
    digest = hashlib.sha256((normalized + salt).encode("utf-8")).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def build_credential(
    *,
    base_url: str,
    credential_id: str,
    name: str,
    issuer_id: str,
    issuer_name: str,
    issuer_url: str,
    valid_from: str,
    identity: Mapping[str, Any],
    achievement_id: str,
    achievement_name: str,
    achievement_description: str,
    criteria_narrative: str,
    image_url: str,
    in_language: str,
    valid_until: str | None = None,
    evidence: Sequence[Evidence] = (),
    credential_status: Mapping[str, Any] | None = None,
    achievement_type: str | None = None,
) -> dict[str, Any]:
    """Build an unsigned OpenBadgeCredential; relative URLs are resolved against base_url.

    Texts are plain strings in one language (`in_language`): the pinned OB 3.0.3 context gives
    name and description no language container, so a language map would not be signed.
    """
    url = _resolver(base_url)
    for label, moment in (("valid_from", valid_from), ("valid_until", valid_until)):
        if moment is not None and not is_utc(moment):
            raise ValueError(f"{label} must be a UTC dateTime like 2025-01-31T09:00:00Z")
    achievement: dict[str, Any] = {
        "id": url(achievement_id),
        "type": ["Achievement"],
        "name": achievement_name,
        "description": achievement_description,
        "criteria": {"narrative": criteria_narrative},
        "image": {"id": url(image_url), "type": "Image"},
        "inLanguage": in_language,
    }
    if achievement_type:
        achievement["achievementType"] = achievement_type
    credential: dict[str, Any] = {
        "@context": list(CONTEXTS),
        "id": url(credential_id),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "issuer": {
            "id": url(issuer_id),
            "type": ["Profile"],
            "name": issuer_name,
            "url": url(issuer_url),
        },
        "validFrom": valid_from,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [dict(identity)],
            "achievement": achievement,
        },
    }
    if valid_until is not None:
        credential["validUntil"] = valid_until
    if evidence:
        credential["evidence"] = [_evidence(item, url) for item in evidence]
    if credential_status is not None:
        credential["credentialStatus"] = dict(credential_status)
    return credential


def _evidence(item: Evidence, url: Callable[[str], str]) -> dict[str, Any]:
    """One Evidence object: an absolute id for URL evidence, a narrative otherwise."""
    out: dict[str, Any] = {}
    if isinstance(item, UrlEvidence):
        out["id"] = url(item.url)
    out["type"] = ["Evidence"]
    out["name"] = item.name
    if isinstance(item, NarrativeEvidence):
        out["narrative"] = item.narrative
    if item.description:
        out["description"] = item.description
    return out


def _resolver(base_url: str) -> Callable[[str], str]:
    """Return a function making a value absolute: kept if it has a scheme, else base + path."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError("base_url must be an absolute http(s) URL")
    base = base_url.rstrip("/")

    def absolute(value: str) -> str:
        """Resolve one URL or path against the public base URL."""
        if urlsplit(value).scheme:
            return value
        if not value.startswith("/"):
            raise ValueError(f"{value!r} is neither an absolute URL nor a path starting with '/'")
        return base + value

    return absolute
