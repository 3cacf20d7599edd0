"""Portfolio rules (pure): slugs, who may see a page, robots, and simulated case studies."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from app.content.normalize import DIACRITICS, TATWEEL

SLUG_MIN, SLUG_MAX = 3, 60
RESERVED = {"admin", "api", "login", "logout", "new", "edit", "static", "p", "portfolio", "tawasul"}
# Letters and digits of any script, joined by single hyphens: «سارة-للتسويق», "sara-social".
SLUG = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")
STATUSES = ("draft", "published", "unlisted")


def make_slug(text: str) -> str:
    """A slug from a name: lower case, Arabic marks and tatweel dropped, words hyphenated."""
    text = unicodedata.normalize("NFKC", text or "").replace(TATWEEL, "")
    text = DIACRITICS.sub("", text).casefold()
    words = re.findall(r"[^\W_]+", text)
    return "-".join(words)[:SLUG_MAX].strip("-")


def slug_problem(slug: str) -> str | None:
    """Why a slug cannot be used (a short code), or None when it is fine."""
    if not SLUG_MIN <= len(slug) <= SLUG_MAX:
        return "length"
    if not SLUG.match(slug) or slug != make_slug(slug):
        return "characters"
    if slug in RESERVED:
        return "reserved"
    return None


def visible(status: str, *, owner: bool, shared: bool) -> bool:
    """Whether a visitor may read the page: owners always; others published, or a live link."""
    if owner:
        return True
    return status == "published" or (status == "unlisted" and shared)


def robots(status: str, indexable: bool) -> str:
    """The robots meta value: only a published page whose owner allows it is indexed."""
    return "index, follow" if status == "published" and indexable else "noindex, nofollow"


def case_study_figures(
    account: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Numbers of a sandbox account for a case study, taken from its simulator log only."""
    reach = sum(int(r.get("reach", 0)) for r in rows)
    engagements = sum(int(r.get("engagements", 0)) for r in rows)
    start, now = dict(account.get("start_followers") or {}), dict(account.get("followers") or {})
    return {
        "posts": len(rows),
        "platforms": sorted({str(r["platform"]) for r in rows}),
        "reach": reach,
        "engagements": engagements,
        "engagement_rate_by_reach": round(100 * engagements / reach, 2) if reach else 0.0,
        "followers_start": sum(int(v) for v in start.values()),
        "followers_end": sum(int(v) for v in now.values()),
        "period": [str(account.get("started", "")), str(account.get("clock", ""))],
    }


def slug_digest(slug: str) -> str:
    """What a deleted address is kept as: its SHA-256, never the address (it may be a name)."""
    return hashlib.sha256(slug.encode()).hexdigest()
