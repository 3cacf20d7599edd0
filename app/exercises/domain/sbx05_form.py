"""sbx-05 form: the calendar rows as typed, normalised and checked (pure, never raises)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.exercises.domain.sbx05_data import day_of
from app.sandbox.domain.platforms import FORMATS, GOALS

FIELDS = ("date", "time", "platform", "format", "pillar", "goal", "cta", "caption")
MAX_ROWS, FIRST_ROWS, MORE_ROWS = 40, 14, 6
CAPS = {"cta": 300, "caption": 5000}  # the longest limit we score (YouTube 5,000) fits
ALL_FORMATS = tuple(sorted({f for fs in FORMATS.values() for f in fs}))
# Arabic-Indic and Eastern Arabic-Indic digits, and the Arabic separators, as ASCII.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬：", "01234567890123456789.,:")
CLOCK = re.compile(r"^([0-9]{1,2})[:.]([0-9]{2})(?::[0-9]{2})?\s*(am|pm|ص|م)?$", re.IGNORECASE)
DAY = re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$")


def ascii_digits(text: str) -> str:
    """The text with Arabic-Indic digits and separators written the ASCII way."""
    return text.translate(DIGITS).strip()


def clean_time(text: str) -> str | None:
    """A typed time as "HH:MM" (Arabic digits, seconds, am/pm and ص/م accepted), or None."""
    found = CLOCK.match(ascii_digits(text))
    if not found:
        return None
    hour, minute, half = int(found.group(1)), int(found.group(2)), (found.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half in ("pm", "م") else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def clean_date(text: str) -> str | None:
    """A typed date as "YYYY-MM-DD" (Arabic digits and / or . separators accepted), or None."""
    found = DAY.match(ascii_digits(text))
    if not found:
        return None
    value = f"{found.group(1)}-{int(found.group(2)):02d}-{int(found.group(3)):02d}"
    return value if day_of(value) else None


def _count(value: Any, default: int) -> int:
    try:
        return int(ascii_digits(str(value or "")))
    except ValueError:
        return default


def _check(row: dict[str, Any], task: Mapping[str, Any], submitting: bool) -> dict[str, str]:
    """Errors for one partly filled row, by field; fixes the row's date and time in place.
    A missing date, time or platform is only an error on submit: a draft may be half done."""
    errors: dict[str, str] = {}
    if not row["date"]:
        if submitting:
            errors["date"] = "sbx05.date-missing"
    elif (when := clean_date(row["date"])) is None:
        errors["date"] = "sbx05.date-format"
    elif not str(task.get("start", "")) <= when <= str(task.get("end", "")):
        errors["date"] = "sbx05.date-outside"
    else:
        row["date"] = when
    if not row["time"]:
        if submitting:
            errors["time"] = "sbx05.time-missing"
    elif (at := clean_time(row["time"])) is None:
        errors["time"] = "sbx05.time-format"
    else:
        row["time"] = at
    if not row["platform"]:
        if submitting:
            errors["platform"] = "sbx05.platform-missing"
    elif row["platform"] not in task.get("platforms", ()):
        errors["platform"] = "sbx05.platform-not-allowed"
    pillars = [p.get("id") for p in task.get("pillars", ())]
    for key, allowed in (("format", ALL_FORMATS), ("pillar", pillars), ("goal", tuple(GOALS))):
        if row[key] and row[key] not in allowed:
            errors[key] = "sbx05.choice-unknown"
    return errors


def parse_sbx05(
    form: Mapping[str, Any], task: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """(submission, errors by input id): rows left fully empty are dropped; what was typed
    is kept (normalised dates and times when valid) so a 422 page shows it again."""
    rows: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    submitting = str(form.get("action", "")) == "submit"
    for n in range(MAX_ROWS):
        row: dict[str, Any] = {"n": n}
        for key in FIELDS:
            value = str(form.get(f"row-{n}-{key}", "") or "")[: CAPS.get(key, 40)]
            row[key] = value if key in ("cta", "caption") else value.strip()
        if not any(str(row[k]).strip() for k in FIELDS):
            continue
        for key, code in _check(row, task, submitting).items():
            errors[f"row-{n}-{key}"] = code
        rows.append(row)
    shown = max(FIRST_ROWS, _count(form.get("shown"), FIRST_ROWS))
    if str(form.get("action", "")) == "more":
        shown += MORE_ROWS
    last = max((r["n"] + 1 for r in rows), default=0)
    return {"rows": rows, "shown": min(MAX_ROWS, max(shown, last))}, errors
