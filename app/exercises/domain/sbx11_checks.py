"""sbx-11 criteria (curriculum.md §5.2): KPIs with their denominators (35), best and worst by
the goal metric (15), the anomaly's cause (20), recommendations citing a metric and a concrete
next action (20), and a report that fits the one-page template (10). Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.exercises.domain.engine import CriterionScore, Reason
from app.exercises.domain.sbx11_data import METRICS, ReportData
from app.exercises.domain.sbx11_form import number
from app.exercises.domain.text import numbers, word_count, words

TOLERANCE = 0.1  # percentage points (§5.2)
EPSILON = 1e-9


def _mine(submission: Mapping[str, Any], key: str) -> Any:
    """A submission part of the right shape (a hostile or old draft never raises)."""
    value = submission.get(key)
    if key == "kpis":
        return value if isinstance(value, Mapping) else {}
    if key in ("causes", "recs"):
        return value if isinstance(value, list) else []
    return value if isinstance(value, str) else ""


def kpi_values(key: Mapping[str, Any], submission: Mapping[str, Any]) -> CriterionScore:
    """Each KPI's equal share: the value within ±0.1 points and the right denominator earn it
    all; the right value with a wrong or missing denominator earns half."""
    typed = _mine(submission, "kpis")
    rows = key["kpis"]
    reasons, points = [], 0.0
    each = 35 / len(rows) if rows else 0.0
    for row in rows:
        mine = typed.get(row["id"]) if isinstance(typed.get(row["id"]), Mapping) else {}
        value = number(mine.get("value"))
        values = {"kpi": row["id"], "expected": round(row["value"], 2), "den": row["den"]}
        if value is None:
            reasons.append(Reason("kpi.missing", values, ok=False))
        elif abs(value - row["value"]) > TOLERANCE + EPSILON:
            reasons.append(Reason("kpi.off", {**values, "typed": value}, ok=False))
        elif mine.get("den") != row["den"]:
            points += each / 2
            reasons.append(Reason("kpi.no-denominator", values, ok=False))
        else:
            points += each
            reasons.append(Reason("kpi.ok", values))
    return CriterionScore("kpis", points, 35, tuple(reasons))


def best_worst(key: Mapping[str, Any], submission: Mapping[str, Any]) -> CriterionScore:
    """Best and worst post by the goal metric (ties all count), 7.5 points each; picking the
    most-liked post when it is not the best is named."""
    values: Mapping[str, float] = key["values"]
    top, bottom = max(values.values()), min(values.values())
    points, reasons = 0.0, []
    for part, target in (("best", top), ("worst", bottom)):
        chosen = _mine(submission, part)
        shown = {"post": chosen, "goal": key["goal"], "expected": key[part]}
        if chosen not in values:
            reasons.append(Reason(f"{part}.missing", shown, ok=False))
        elif abs(values[chosen] - target) <= EPSILON:
            points += 7.5
            reasons.append(Reason(f"{part}.ok", shown))
        elif part == "best" and chosen == key["most_liked"]:
            reasons.append(Reason("best.likes", shown, ok=False))
        else:
            reasons.append(Reason(f"{part}.wrong", shown, ok=False))
    return CriterionScore("best-worst", points, 15, tuple(reasons))


def anomaly(key: Mapping[str, Any], submission: Mapping[str, Any]) -> CriterionScore:
    """Each seeded cause found among the picked causes earns its equal share of 20."""
    seeded: Sequence[str] = key["causes"]
    picked = [c for c in _mine(submission, "causes") if isinstance(c, str) and c]
    each = 20 / len(seeded)
    points, reasons = 0.0, []
    for cause in seeded:
        if cause in picked:
            points += each
            reasons.append(Reason("cause.ok", {"cause": cause}))
        else:
            reasons.append(Reason("cause.missed", {"cause": cause}, ok=False))
    for cause in dict.fromkeys(picked):
        if cause not in seeded:
            reasons.append(Reason("cause.wrong", {"cause": cause}, ok=False))
    return CriterionScore("anomaly", points, 20, tuple(reasons))


def concrete(action: str, data: ReportData) -> bool:
    """A concrete next action: enough words, and a number or an action verb."""
    if word_count(action) < data.min_words:
        return False
    if numbers(action):
        return True
    # Arabic joins "and"/"then" (و، ف) to the verb that follows: «وجرّب» is «جرّب».
    tokens = set(words(action))
    tokens |= {t[1:] for t in tokens if t[:1] in ("و", "ف") and len(t) > 3}
    return any(w in tokens for word in data.action_words for w in words(word))


def recommendations(submission: Mapping[str, Any], data: ReportData) -> CriterionScore:
    """Each recommendation's equal share of 20: it cites a metric and a concrete next action;
    one without a metric (or without a concrete action) earns none of its share."""
    recs = _mine(submission, "recs")
    each = 20 / data.recommendations
    points, reasons = 0.0, []
    for n in range(1, data.recommendations + 1):
        rec = recs[n - 1] if n <= len(recs) and isinstance(recs[n - 1], Mapping) else {}
        metric, action = rec.get("metric"), str(rec.get("action") or "")
        if metric not in METRICS:
            reasons.append(Reason("rec.no-metric", {"n": n}, ok=False))
        elif not concrete(action, data):
            reasons.append(Reason("rec.vague", {"n": n, "min": data.min_words}, ok=False))
        else:
            points += each
            reasons.append(Reason("rec.ok", {"n": n, "metric": metric}))
    return CriterionScore("recommendations", points, 20, tuple(reasons))


def one_page(
    submission: Mapping[str, Any], data: ReportData, task: Mapping[str, Any]
) -> CriterionScore:
    """Every section filled (5) and every text within the template's length (5)."""
    kpis = _mine(submission, "kpis")
    recs = [r for r in _mine(submission, "recs") if isinstance(r, Mapping)]
    empty = [
        k for k in task.get("kpis", []) if not str((kpis.get(k) or {}).get("value", "")).strip()
    ]
    for part in ("best", "worst", "headline"):
        if not _mine(submission, part).strip():
            empty.append(part)
    causes = [c for c in _mine(submission, "causes") if c]
    if len(causes) < int(task.get("anomaly_count", 1)):
        empty.append("cause")
    if sum(1 for r in recs if str(r.get("action") or "").strip()) < data.recommendations:
        empty.append("recs")
    points, reasons = 0.0, []
    if empty:
        reasons.append(Reason("page.empty", {"count": len(empty)}, ok=False))
    else:
        points += 5
        reasons.append(Reason("page.complete", {}))
    long = [len(_mine(submission, "headline")) > data.limits["headline"]]
    long += [len(str(r.get("action") or "")) > data.limits["action"] for r in recs]
    if any(long):
        reasons.append(Reason("page.long", dict(data.limits), ok=False))
    else:
        points += 5
        reasons.append(Reason("page.fits", {}))
    return CriterionScore("one-page", points, 10, tuple(reasons))
