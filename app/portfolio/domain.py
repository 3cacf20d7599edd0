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


# The page's sections in their default order; the learner reorders and hides them.
SECTIONS = (
    "services",
    "case_studies",
    "samples",
    "skills",
    "credentials",
    "testimonials",
    "tools",
    "contact",
)
ITEM_KINDS = {"services": "service", "samples": "sample", "testimonials": "testimonial"}
ITEM_KINDS["tools"] = "tool"
RATE_KINDS = ("hourly", "project", "monthly")
CURRENCIES = ("SAR", "AED", "EGP", "JOD", "KWD", "QAR", "BHD", "OMR", "MAD", "USD", "EUR")
PLATFORMS = ("instagram", "tiktok", "x", "linkedin", "facebook", "snapchat")


def sections(stored: str) -> list[tuple[str, bool]]:
    """(section, hidden) in the learner's order; unknown names dropped, missing ones added.

    A missing section goes at the end, or after its neighbour when it is in ADDED_AFTER.
    """
    seen: list[tuple[str, bool]] = []
    for raw in (stored or "").split(","):
        name = raw.strip().lstrip("!")
        if name in SECTIONS and name not in {s for s, _h in seen}:
            seen.append((name, raw.strip().startswith("!")))
    for name in SECTIONS:
        if name not in {s for s, _h in seen}:
            seen.insert(_place_of_new(name, [s for s, _h in seen]), (name, False))
    return seen


# Sections added after learners had saved layouts: each goes right after its neighbour
# (when the layout has it) rather than at the end, below the contact form.
ADDED_AFTER = {"credentials": "skills"}


def _place_of_new(name: str, present: list[str]) -> int:
    """Where a section missing from a stored layout goes: the end, or after its neighbour."""
    anchor = ADDED_AFTER.get(name, "")
    return present.index(anchor) + 1 if anchor in present else len(present)


def store_sections(layout: Sequence[tuple[str, bool]]) -> str:
    """The stored form of a layout ("!" marks a hidden section)."""
    return ",".join(("!" if hidden else "") + name for name, hidden in sections_of(layout))


def sections_of(layout: Sequence[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """A layout normalised through the stored form (drops unknown and repeated names)."""
    return sections(",".join(("!" if hidden else "") + name for name, hidden in layout))


def move_section(
    layout: Sequence[tuple[str, bool]], name: str, step: int
) -> list[tuple[str, bool]]:
    """The layout with one section moved up (-1) or down (+1); the ends stay put."""
    order = list(layout)
    names = [n for n, _h in order]
    if name not in names:
        return order
    i = names.index(name)
    j = min(max(i + step, 0), len(order) - 1)
    order.insert(j, order.pop(i))
    return order


def safe_url(url: str) -> str | None:
    """The URL if it is an absolute http(s) address without spaces or controls, else None."""
    url = (url or "").strip()
    if not url:
        return ""
    if any(ord(ch) < 33 or ch in "\\<>\"'`" for ch in url) or len(url) > 300:
        return None
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest or rest.startswith("/"):
        return None
    return url


# The kinds whose link the public page shows (a testimonial's never is).
LINK_KINDS = ("service", "sample", "tool")


def outbound_link(kind: str, url: str, hidden: bool) -> str | None:
    """Where /go/ may send a visitor for an item: its saved http(s) link, only when shown."""
    if hidden or kind not in LINK_KINDS:
        return None
    return safe_url(url) or None


def referrer_key(referrer: str, own_host: str) -> str | None:
    """The host that sent a visitor (no path, no query), "" for direct; None for our own site."""
    scheme, sep, rest = (referrer or "").partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return ""
    host = rest.split("/", 1)[0].split("@")[-1].split(":")[0].lower()[:120]
    if not host or host == own_host.split(":")[0].lower():
        return None
    return host.removeprefix("www.")


def split_codes(stored: str, allowed: Sequence[str]) -> list[str]:
    """Known codes from a comma-separated column, in the allowed order."""
    chosen = set((stored or "").split(","))
    return [code for code in allowed if code in chosen]


# Fields a learner may change on a case study; a simulated one's figures are never among them.
CASE_FIELDS = (
    "title",
    "context",
    "goal",
    "actions",
    "results",
    "period",
    "lesson",
    "platforms",
    "tools",
    "skills",
    "hidden",
)
ITEM_FIELDS = (
    "title",
    "body",
    "detail",
    "url",
    "rate_kind",
    "amount",
    "currency",
    "alt",
    "consent",
    "hidden",
)
