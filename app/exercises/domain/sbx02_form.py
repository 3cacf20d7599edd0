"""sbx-02 form: one fieldset per version; values kept as typed, errors by field id (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain.sbx02 import SLOTS
from app.sandbox.domain.platforms import FORMATS

CAPS = {"caption": 5000, "hashtags": 500, "hook": 300, "format": 20, "platform": 20}


def clean(value: Any, limit: int) -> str:
    """Text without control characters (newlines and tabs kept), cut to `limit`."""
    text = str(value or "").replace("\r\n", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or ch >= " ")[:limit]


def _slot(form: Mapping[str, Any], slot: str, out: dict[str, Any]) -> None:
    """Copy one version's fields (hook only where a hook belongs)."""
    for field in ("caption", "format", "hashtags", "hook"):
        if field == "hook" and slot not in ("tiktok", "other"):
            continue
        out[f"{slot}-{field}"] = clean(form.get(f"{slot}-{field}"), CAPS[field])


def parse_sbx02(
    form: Mapping[str, Any], task: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """(submission, errors): caption and format are required on the four platforms; the fifth
    version may be left empty (it then loses its points), but once begun it needs a platform,
    a caption and a format."""
    out: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for slot in SLOTS:
        _slot(form, slot, out)
        if not out[f"{slot}-caption"].strip():
            errors[f"{slot}-caption"] = "caption-missing"
        chosen = out[f"{slot}-format"]
        if not chosen:
            errors[f"{slot}-format"] = "format-missing"
        elif chosen not in FORMATS[slot]:
            errors[f"{slot}-format"] = "format-not-allowed"
    if task.get("other"):
        _slot(form, "other", out)
        out["other-platform"] = clean(form.get("other-platform"), CAPS["platform"])
        begun = any(str(out[k]).strip() for k in out if k.startswith("other-"))
        platform = out["other-platform"]
        if begun:
            if platform not in SLOTS:
                errors["other-platform"] = "platform-missing"
            if not out["other-caption"].strip():
                errors["other-caption"] = "caption-missing"
            if not out["other-format"]:
                errors["other-format"] = "format-missing"
            elif platform in SLOTS and out["other-format"] not in FORMATS[platform]:
                errors["other-format"] = "format-not-allowed"
    return out, errors
