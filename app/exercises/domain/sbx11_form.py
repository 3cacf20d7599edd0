"""sbx-11 form: KPI values with their denominators, best and worst post, the cause of each
anomaly, three recommendations (metric and action) and a headline; values kept as typed,
errors by field id (pure, never raises)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.exercises.domain.sbx11_data import METRICS
from app.exercises.domain.text import fold

CAPS = {"headline": 600, "action": 600, "number": 20, "choice": 40}
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def clean(value: Any, limit: int) -> str:
    """Text without control characters (newlines and tabs kept), cut to `limit`."""
    text = str(value or "").replace("\r\n", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or ch >= " ")[:limit]


def number(value: Any) -> float | None:
    """A typed number ("٢٫٥", "2,5", "2.5 %") as a float, or None when it is not one."""
    text = fold(str(value or "")).replace("٫", ".").replace("%", "").replace("٪", "").strip()
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    return float(text) if NUMBER.match(text) else None


def parse_sbx11(
    form: Mapping[str, Any], task: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """(submission, errors): a value that is not a number and an unknown choice are errors at
    once; an empty field only on submit, since a draft may be half done. Recommendations and
    the headline are free text; whether they fit the page is scored, not refused."""
    submitting = str(form.get("action", "")) == "submit"
    errors: dict[str, str] = {}
    posts = {str(p["n"]) for p in task.get("posts", [])}
    options = {str(o["id"]) for o in task.get("options", [])}
    dens = set(task.get("denominators", []))

    def choice(name: str, allowed: set[str] | tuple[str, ...]) -> str:
        """A select's value; an error when unknown, or empty on submit."""
        value = clean(form.get(name), CAPS["choice"]).strip()
        if value and value not in allowed:
            errors[name] = "sbx11.choice-unknown"
        elif not value and submitting:
            errors[name] = "sbx11.choose"
        return value

    out: dict[str, Any] = {"kpis": {}, "causes": [], "recs": []}
    for kpi in task.get("kpis", []):
        name = f"kpi-{kpi}"
        value = clean(form.get(f"{name}-value"), CAPS["number"]).strip()
        if value and number(value) is None:
            errors[f"{name}-value"] = "sbx11.number"
        elif not value and submitting:
            errors[f"{name}-value"] = "sbx11.value-missing"
        out["kpis"][kpi] = {"value": value, "den": choice(f"{name}-den", dens)}
    out["best"] = choice("best", posts)
    out["worst"] = choice("worst", posts)
    for i in range(1, int(task.get("anomaly_count", 1)) + 1):
        out["causes"].append(choice(f"cause-{i}", options))
    for n in range(1, int(task.get("recommendations", 3)) + 1):
        metric = clean(form.get(f"rec-{n}-metric"), CAPS["choice"]).strip()
        if metric and metric not in METRICS:
            errors[f"rec-{n}-metric"] = "sbx11.choice-unknown"
        action = clean(form.get(f"rec-{n}-action"), CAPS["action"])
        if not action.strip() and submitting:
            errors[f"rec-{n}-action"] = "sbx11.action-missing"
        out["recs"].append({"metric": metric, "action": action})
    out["headline"] = clean(form.get("headline"), CAPS["headline"])
    return out, errors
