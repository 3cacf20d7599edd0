"""Reading the builder's item and case-study forms: typed values and messages per field."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from flask_babel import lazy_gettext as _l

from app.portfolio.domain import CURRENCIES, PLATFORMS, RATE_KINDS, safe_url
from app.sandbox.forms import clean

MESSAGES = {
    "title": _l("Write a name or title (up to 160 characters)."),
    "url": _l("Use a full web address starting with https://, or leave it empty."),
    "rate_kind": _l("Choose hourly, per project or monthly retainer."),
    "amount": _l("Write the rate as a whole number between 1 and 1,000,000."),
    "currency": _l("Choose a currency from the list."),
    "consent": _l("Tick the box only when this person agreed to be quoted; it is required."),
    "body": _l("Write the words this person said (at least 10 characters)."),
    "alt": _l("Describe the picture for people who cannot see it (at least 5 characters)."),
    "case-title": _l("Give the case study a title."),
    "results": _l("Say what happened against the goal, with numbers if you have them."),
    "period": _l("Say over which period, for example: March to May 2026."),
    "image": _l("Choose the picture again: PNG, JPEG or WebP, up to 5 MB."),
}


def _number(value: Any) -> int | None:
    """A whole number typed with Latin or Arabic-Indic digits (and separators), or None."""
    text = str(value or "").strip().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    text = text.replace(",", "").replace("٬", "").replace(" ", "")
    # isdecimal, not isdigit: "²" and "①" are digits that int() refuses.
    return int(text) if text.isdecimal() and len(text) < 10 else None


def read_item(kind: str, form: Any, has_image: bool) -> tuple[dict[str, Any], dict[str, str]]:
    """An item's fields as typed, and a message per field that needs one."""
    fields: dict[str, Any] = {
        "title": clean(form.get("title"), 160).strip(),
        "body": clean(form.get("body"), 2000).strip(),
        "detail": clean(form.get("detail"), 160).strip(),
        "url": clean(form.get("url"), 300).strip(),
        "alt": clean(form.get("alt"), 300).strip(),
        "hidden": form.get("hidden") == "y",
    }
    errors: dict[str, str] = {}
    if not fields["title"]:
        errors["title"] = str(MESSAGES["title"])
    if safe_url(fields["url"]) is None:
        errors["url"] = str(MESSAGES["url"])
    if kind == "service":
        fields["rate_kind"] = str(form.get("rate_kind") or "")
        fields["currency"] = str(form.get("currency") or "")
        typed = clean(form.get("amount"), 20)
        fields["amount"] = _number(typed)
        if fields["rate_kind"] not in RATE_KINDS:
            errors["rate_kind"] = str(MESSAGES["rate_kind"])
        if fields["amount"] is None or not 1 <= fields["amount"] <= 1_000_000:
            errors["amount"] = str(MESSAGES["amount"])
            fields["amount_typed"] = typed
        if fields["currency"] not in CURRENCIES:
            errors["currency"] = str(MESSAGES["currency"])
    if kind == "testimonial":
        fields["consent"] = form.get("consent") == "y"
        if not fields["consent"]:
            errors["consent"] = str(MESSAGES["consent"])
        if len(fields["body"]) < 10:
            errors["body"] = str(MESSAGES["body"])
    if kind == "sample" and has_image and len(fields["alt"]) < 5:
        errors["alt"] = str(MESSAGES["alt"])
    return fields, errors


def read_case_study(form: Any, skills: Collection[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """A case study's fields as typed, and a message per field that needs one."""
    fields: dict[str, Any] = {
        key: clean(form.get(key), limit).strip()
        for key, limit in (
            ("title", 160),
            ("context", 3000),
            ("goal", 1000),
            ("actions", 3000),
            ("results", 3000),
            ("period", 80),
            ("lesson", 1000),
            ("tools", 200),
        )
    }
    chosen = set(form.getlist("platforms"))
    fields["platforms"] = ",".join(p for p in PLATFORMS if p in chosen)
    fields["skills"] = [s for s in form.getlist("skills") if s in skills][:12]
    fields["hidden"] = form.get("hidden") == "y"
    errors: dict[str, str] = {}
    if not fields["title"]:
        errors["title"] = str(MESSAGES["case-title"])
    return fields, errors


def real_case_errors(fields: dict[str, Any]) -> dict[str, str]:
    """A real-world case study must state its results and period (simulated ones have them)."""
    errors = {}
    if not fields["results"]:
        errors["results"] = str(MESSAGES["results"])
    if not fields["period"]:
        errors["period"] = str(MESSAGES["period"])
    return errors
