"""An exercise submission as the form fields a learner would fill (browser, fuzz, IDOR tests)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def form_for(
    exercise_id: str, submission: Mapping[str, Any], task: Mapping[str, Any]
) -> dict[str, str]:
    """The work page's fields for a submission of a form kind (sbx-02, sbx-05)."""
    if exercise_id == "sbx-05":
        fields = {"shown": str(submission.get("shown") or len(submission["rows"]))}
        for row in submission["rows"]:
            for key, value in row.items():
                if key != "n":
                    fields[f"row-{row['n']}-{key}"] = str(value)
        return fields
    if exercise_id == "sbx-02":
        return {k: str(v) for k, v in submission.items() if v is not None}
    raise KeyError(f"no form for {exercise_id}")
