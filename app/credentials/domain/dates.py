"""XML Schema dateTime parsing for credential dates and proof `created` values."""

from __future__ import annotations

import re
from datetime import UTC, datetime

# xsd:dateTimeStamp: a dateTime with a required time zone (VC 2.0 requires one for validFrom).
_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)


def parse_datetime(value: object) -> datetime | None:
    """Parse an xsd:dateTimeStamp into an aware datetime, or None if it is not one."""
    if not isinstance(value, str) or not _DATETIME.match(value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:  # matched the shape but not the calendar, e.g. month 13
        return None


def is_utc(value: object) -> bool:
    """True for an xsd:dateTimeStamp written in UTC ('Z' or +00:00)."""
    parsed = parse_datetime(value)
    return parsed is not None and parsed.utcoffset() == UTC.utcoffset(None)


def format_utc(moment: datetime) -> str:
    """Write an aware datetime as UTC to the second, the form credentials carry ('…Z')."""
    if moment.tzinfo is None:
        raise ValueError("credential dates must be timezone-aware")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
