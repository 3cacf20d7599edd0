"""Read the composer's fields from a submitted form: values kept, errors named per field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from flask_babel import lazy_gettext as _l

from app.sandbox.domain.platforms import ASPECTS, FORMATS, GOALS, PLATFORMS
from app.sandbox.domain.scenarios import Scenario

LIMITS = {
    "title": 200,
    "campaign": 60,
    "text": 10000,
    "hashtags": 500,
    "link": 500,
    "media_description": 500,
    "alt_text": 500,
    "cta": 200,
    "hook": 100,
    "comment": 500,
}


@dataclass
class Composed:
    """What the composer received: values to re-render and errors by field name."""

    title: str = ""
    campaign: str = ""
    link: str = ""
    versions: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def clean(value: Any, limit: int) -> str:
    """Text without NUL or other control characters except newlines, cut to `limit`."""
    text = "".join(ch for ch in str(value or "") if ch in "\n\t" or ch >= " ")
    return text.replace("\r\n", "\n")[:limit]


def utm_link(url: str, platform: str, campaign: str) -> str:
    """The link with utm_source (platform), utm_medium=social and utm_campaign added."""
    if not url:
        return ""
    parts = urlsplit(url)
    extra = urlencode(
        {"utm_source": platform, "utm_medium": "social", "utm_campaign": campaign or "sandbox"}
    )
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def valid_url(url: str) -> bool:
    """An http(s) URL with a host."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url


def read_version(
    form: Mapping[str, Any], prefix: str, platform: str, scenario: Scenario, errors: dict[str, str]
) -> dict[str, Any]:
    """One platform's fields (prefix like "p-x-"), checked for shape, not for platform rules."""
    get = lambda name, limit=500: clean(form.get(prefix + name), limit)  # noqa: E731
    pillars = {p["id"] for p in scenario.get("pillars") or []}
    trends = {t["id"] for t in scenario.get("trends") or []}
    out: dict[str, Any] = {
        "format": get("format", 12),
        "text": get("text", LIMITS["text"]),
        "hashtags": get("hashtags"),
        "aspect": get("aspect", 8),
        "media_description": get("media_description"),
        "alt_text": get("alt_text"),
        "goal": get("goal", 12),
        "pillar": get("pillar", 60),
        "cta": get("cta", 200),
        "hook": get("hook", 100) if platform == "tiktok" else "",
        "trend": get("trend", 60),
    }
    raw_count = get("media_count", 4) or "0"
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if raw_count.isdecimal() and int(raw_count) <= 50:
        out["media_count"] = int(raw_count)
    else:
        out["media_count"] = 0
        errors[prefix + "media_count"] = str(_l("Enter a number of images or videos from 0 to 50."))
    checks = (
        ("format", out["format"] in FORMATS[platform], _l("Choose a post type.")),
        ("goal", out["goal"] in GOALS, _l("Choose the goal this post serves.")),
        ("aspect", out["aspect"] in ("", *ASPECTS), _l("Choose an aspect ratio from the list.")),
        ("pillar", out["pillar"] in ("", *pillars), _l("Choose a pillar from the list.")),
        ("trend", out["trend"] in ("", *trends), _l("Choose a trend from the list.")),
        (
            "text",
            bool(out["text"].strip()) or out["media_count"] > 0,
            _l("Write the text, or add media."),
        ),
    )
    for name, ok, message in checks:
        if not ok:
            errors[prefix + name] = str(message)
    return out


def read_composer(form: Mapping[str, Any], scenario: Scenario) -> Composed:
    """The whole composer: the idea, the shared link and campaign, and each chosen platform."""
    got = Composed(
        clean(form.get("title"), LIMITS["title"]).strip(),
        clean(form.get("campaign"), LIMITS["campaign"]).strip(),
        clean(form.get("link"), LIMITS["link"]).strip(),
    )
    if not got.title:
        got.errors["title"] = str(_l("Name the idea in a few words."))
    if got.link and not valid_url(got.link):
        got.errors["link"] = str(_l("Enter a full link that starts with https://"))
    for platform in PLATFORMS:
        prefix = f"p-{platform}-"
        if form.get(prefix + "include"):
            version = read_version(form, prefix, platform, scenario, got.errors)
            version["link"] = (
                utm_link(got.link, platform, got.campaign)
                if got.link and "link" not in got.errors
                else ""
            )
            got.versions[platform] = version
    if not got.versions:
        got.errors["platforms"] = str(_l("Choose at least one platform."))
    return got


def read_when(value: Any) -> datetime | None:
    """A datetime-local value ("2027-02-01T20:00"), or None when it is not one."""
    try:
        found = datetime.fromisoformat(str(value or "")[:16])
    except ValueError:
        return None
    return found if found.tzinfo is None else None
