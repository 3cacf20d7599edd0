"""sbx-12 "Run and read an A/B test": the seeded task and the two steps (pure).

The draft is a log of steps: "declare" (drafts A and B, the attribute, metric, duration,
sample and direction) and then "call" (A wins, B wins or inconclusive, with the next step).
The declaration is locked once made: the results exist only after it, so whatever was set
in it was set before the results were seen. A call can be changed until submission.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from app.exercises.domain.engine import Variant
from app.exercises.domain.sbx12_data import EDITABLE, AbData
from app.sandbox.domain.abtest import DIRECTIONS, DURATION_DAYS, METRICS, SAMPLE

SIDES = ("a", "b")
DRAFT_FIELDS = ("first_line", "body", "format", "hour", "cta")
CAPS = {"first_line": 200, "body": 2000, "cta": 200, "next_step": 1000}
CALLS = ("a", "b", "inconclusive")
ACTIONS = ("roll-out-a", "roll-out-b", "retest-larger", "test-other")
# Which next actions follow from each call (an inconclusive test is never "rolled out").
CONSISTENT = {
    "a": ("roll-out-a",),
    "b": ("roll-out-b",),
    "inconclusive": ("retest-larger", "test-other"),
}


def build_task(data: AbData, variant: Variant, start: str) -> dict[str, Any]:
    """The starting post, the test day and the split the simulator will use."""
    brand = data.brands[variant.brand]
    day = date.fromisoformat(start[:10]) + timedelta(days=int(brand["day"]))
    settings = data.settings
    return {
        "brand": variant.brand,
        "platform": brand["platform"],
        "formats": list(brand["formats"]),
        "date": day.isoformat(),
        "start": {
            "first_line": brand["first_line"],
            "body": brand["body"],
            "format": brand["format"],
            "hour": int(brand["hour"]),
            "cta": brand["cta"],
        },
        "attributes": list(EDITABLE),
        # Hard variant: the weaker draft gets most of the reach, so raw counts mislead.
        "hard_share": float(settings["hard_share"]) if variant.hard else 0.5,
        "defaults": {
            "duration_days": int(settings["default_duration"]),
            "sample": int(settings["default_sample"]),
        },
        "min_next_step": int(settings["min_next_step"]),
    }


def steps_of(draft: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The draft's steps (a list of mappings, whatever was stored)."""
    steps = draft.get("steps")
    return [s for s in steps if isinstance(s, Mapping)] if isinstance(steps, list) else []


def declaration(draft: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The locked declaration, if one was made."""
    return next((s for s in steps_of(draft) if s.get("step") == "declare"), None)


def side_of(declared: Mapping[str, Any], side: str) -> dict[str, Any]:
    """Draft A or B of a declaration (its fields are stored flat, as the form posts them)."""
    return {name: declared.get(f"{side}_{name}") for name in DRAFT_FIELDS}


def last_call(draft: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The learner's standing call (the last call step), if any."""
    calls = [s for s in steps_of(draft) if s.get("step") == "call"]
    return calls[-1] if calls else None


def _whole(value: Any, low: int, high: int) -> int | str | None:
    """A whole number in range, None when left empty, or "bad"."""
    text = str(value or "").strip()
    if not text:
        return None
    if not text.isdecimal() or len(text) > 8 or not low <= int(text) <= high:
        return "bad"
    return int(text)


def _declare(task: Mapping[str, Any], form: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """A declaration from the form, or an error code."""
    step: dict[str, Any] = {"step": "declare"}
    for side in SIDES:
        for name in DRAFT_FIELDS:
            value = str(form.get(f"{side}_{name}") or "").strip()
            if name == "hour":
                hour = _whole(value, 0, 23)
                if not isinstance(hour, int):
                    return {}, "declare.hour"
                step[f"{side}_{name}"] = hour
            elif name == "format":
                if value not in task.get("formats", []):
                    return {}, "declare.format"
                step[f"{side}_{name}"] = value
            else:
                if not value:
                    return {}, "declare.text"
                step[f"{side}_{name}"] = value[: CAPS[name]]
    choices = {
        "attribute": task.get("attributes", []),
        "metric": METRICS,
        "direction": DIRECTIONS,
    }
    for name, allowed in choices.items():
        value = str(form.get(name) or "")
        if value not in allowed:
            return {}, f"declare.{name}"
        step[name] = value
    for name, (low, high) in (("duration_days", DURATION_DAYS), ("sample", SAMPLE)):
        number = _whole(form.get(name), low, high)
        if number == "bad":
            return {}, f"declare.{name}"
        step[name] = number
    return step, None


def _call(form: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """A call from the form, or an error code."""
    call, action = str(form.get("call") or ""), str(form.get("action_next") or "")
    if call not in CALLS:
        return {}, "call.call"
    if action not in ACTIONS:
        return {}, "call.action"
    text = str(form.get("next_step") or "").strip()[: CAPS["next_step"]]
    return {"step": "call", "call": call, "action_next": action, "next_step": text}, None


def ab_step(
    task: Mapping[str, Any], draft: Mapping[str, Any], form: Mapping[str, Any]
) -> tuple[dict[str, Any], str | None]:
    """One posted step: (the new draft, None) or (the old draft, an error code)."""
    steps = [dict(s) for s in steps_of(draft)]
    kept = {"steps": steps}
    kind = str(form.get("step") or "")
    if kind == "declare":
        if declaration(draft) is not None:
            return kept, "declare.locked"
        step, error = _declare(task, form)
    elif kind == "call":
        if declaration(draft) is None:
            return kept, "call.not-declared"
        step, error = _call(form)
    else:
        return kept, "step.unknown"
    if error:
        return kept, error
    return {"steps": [*steps, step]}, None


def parse_sbx12(
    form: Mapping[str, str], task: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The test is built by steps, so a whole-form save adds nothing (kept for the Kind)."""
    return {}, {}
