"""sbx-13 form: per phase the objective, budget type, amount and dates; the audience (city,
radius, ages, languages, interests); placements; two ads (text, headline, button, media
description, aspect ratio) and whether they are a test. Values kept as typed, errors by
field id (pure, never raises)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain.sbx11_form import clean, number
from app.exercises.domain.sbx13_data import iso_day

CAPS = {"text": 600, "headline": 200, "media": 400, "number": 20, "choice": 40}
SIDES = ("a", "b")
BUDGET_TYPES = ("daily", "lifetime")
ASPECTS = ("1:1", "4:5", "9:16", "16:9", "1.91:1")
TICKED = ("yes", "on", "1", "true")


def ids(options: Any) -> set[str]:
    """The ids of a task's option list ([{id, name}])."""
    return {str(o["id"]) for o in options or [] if isinstance(o, Mapping)}


def parse_sbx13(
    form: Mapping[str, Any], task: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """(submission, errors): an unknown choice, a value that is not a number and a date that
    cannot be read are errors at once; an empty required field only on submit, since a draft
    may be half done. Whether the campaign is right is scored, not refused."""
    submitting = str(form.get("action", "")) == "submit"
    errors: dict[str, str] = {}

    def choice(name: str, allowed: set[str] | tuple[str, ...], required: bool = True) -> str:
        """A select's value; an error when unknown, or empty on submit."""
        value = clean(form.get(name), CAPS["choice"]).strip()
        if value and value not in allowed:
            errors[name] = "sbx13.choice-unknown"
        elif not value and submitting and required:
            errors[name] = "sbx13.choose"
        return value

    def figure(name: str) -> str:
        """A typed number, kept as typed."""
        value = clean(form.get(name), CAPS["number"]).strip()
        if value and number(value) is None:
            errors[name] = "sbx13.number"
        elif not value and submitting:
            errors[name] = "sbx13.required"
        return value

    def day(name: str) -> str:
        """A typed date (YYYY-MM-DD), kept as typed."""
        value = clean(form.get(name), CAPS["number"]).strip()
        if value and iso_day(value) is None:
            errors[name] = "sbx13.date"
        elif not value and submitting:
            errors[name] = "sbx13.required"
        return value

    def ticked(name: str) -> bool:
        """Whether a checkbox was ticked."""
        return str(form.get(name, "")).strip().lower() in TICKED

    def text(name: str, cap: int, required: bool) -> str:
        """Free text, kept as typed."""
        value = clean(form.get(name), cap)
        if required and submitting and not value.strip():
            errors[name] = "sbx13.required"
        return value

    objectives = ids(task.get("objectives"))
    phases = []
    for n in range(1, len(task.get("phases") or [None]) + 1):
        phases.append(
            {
                "objective": choice(f"p{n}-objective", objectives),
                "budget_type": choice(f"p{n}-budget_type", BUDGET_TYPES),
                "amount": figure(f"p{n}-amount"),
                "start": day(f"p{n}-start"),
                "end": day(f"p{n}-end"),
            }
        )
    audience = {
        "city": choice("city", ids(task.get("cities"))),
        "radius": figure("radius"),
        "age_min": figure("age_min"),
        "age_max": figure("age_max"),
        "languages": [i for i in sorted(ids(task.get("languages"))) if ticked(f"lang-{i}")],
        "interests": [i for i in sorted(ids(task.get("interests"))) if ticked(f"interest-{i}")],
    }
    placements = [p["id"] for p in task.get("placements") or [] if ticked(f"placement-{p['id']}")]
    if not placements and submitting:
        errors["placements"] = "sbx13.placements"
    ctas = ids(task.get("ctas"))
    ads = [
        {
            "text": text(f"{side}-text", CAPS["text"], True),
            "headline": text(f"{side}-headline", CAPS["headline"], False),
            "cta": choice(f"{side}-cta", ctas),
            "media": text(f"{side}-media", CAPS["media"], True),
            "aspect": choice(f"{side}-aspect", ASPECTS),
        }
        for side in SIDES
    ]
    return {
        "phases": phases,
        "audience": audience,
        "placements": placements,
        "ads": ads,
        "test": ticked("test"),
    }, errors
