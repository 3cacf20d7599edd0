"""sbx-13 budget criterion (curriculum.md §5.2, 15 points): every phase at or above the
platform's minimum, and the arithmetic (daily × days, or lifetime amounts) within the total,
inside the brief's dates, phases one after the other. Pure; never raises on a hostile draft."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.ads.domain.budget import BudgetPlan, check_campaign, validate_budget
from app.exercises.domain.engine import CriterionScore, Reason
from app.exercises.domain.sbx11_form import number
from app.exercises.domain.sbx13_data import iso_day, objectives_of


def part_rows(submission: Mapping[str, Any]) -> list[Any]:
    """The submission's phases (a hostile draft gives none)."""
    rows = submission.get("phases") if isinstance(submission, Mapping) else None
    return [r for r in rows if isinstance(r, Mapping)] if isinstance(rows, list) else []


def text_of(row: Any, key: str) -> str:
    """A string field of a row ("" for anything else)."""
    value = row.get(key) if isinstance(row, Mapping) else None
    return value if isinstance(value, str) else ""


def money(value: Decimal) -> str:
    """An amount without trailing zeros ("2730", "9.38")."""
    text = f"{value.quantize(Decimal('0.01'))}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def plans(task: Mapping[str, Any], submission: Mapping[str, Any]) -> list[BudgetPlan] | None:
    """The phases as budget plans, or None when one cannot be read (an amount that is not a
    number, a date, a budget type)."""
    rows = part_rows(submission)
    known = objectives_of(task["platform"])
    out = []
    for i in range(len(task["phases"])):
        row = rows[i] if i < len(rows) else {}
        amount = number(text_of(row, "amount"))
        start, end = iso_day(text_of(row, "start")), iso_day(text_of(row, "end"))
        kind = text_of(row, "budget_type")
        if amount is None or start is None or end is None or kind not in ("daily", "lifetime"):
            return None
        spec = known.get(text_of(row, "objective")) or {}
        try:
            value = Decimal(str(amount)).quantize(Decimal("0.01"))
        except InvalidOperation:
            return None
        out.append(
            BudgetPlan(
                task["platform"],
                kind,
                value,
                task["currency"],
                start,
                end,
                charge=str(spec.get("charge", "impressions")),
            )
        )
    return out


def working(plan: BudgetPlan) -> str:
    """The arithmetic of one plan: "195 × 14 = 2730", or a lifetime amount as it is."""
    if plan.kind == "lifetime":
        return money(plan.amount)
    return f"{money(plan.amount)} × {plan.days} = {money(plan.planned_spend)}"


def budget(
    task: Mapping[str, Any], submission: Mapping[str, Any], facts: Mapping[str, Any]
) -> CriterionScore:
    """Half for every phase at or above its minimum (and positive, dates in order); half for
    the arithmetic: Σ daily × days (or lifetime amounts) ≤ the total, inside the brief's dates,
    phases one after the other in the brief's order."""
    found = plans(task, submission)
    if found is None:
        return CriterionScore("budget", 0, 15, (Reason("budget.incomplete", {}, ok=False),))
    currency, goals = task["currency"], task["phases"]
    points = 0.0
    mins: list[Reason] = []
    for goal, plan in zip(goals, found, strict=True):
        for p in validate_budget(plan, facts):
            if p.code == "below_minimum" and p.minimum is not None:
                values = {"goal": goal, "minimum": money(p.minimum), "currency": currency}
                mins.append(Reason("budget.below-minimum", values, ok=False))
            else:
                mins.append(Reason(f"budget.{p.code.replace('_', '-')}", {"goal": goal}, ok=False))
    if not mins:
        points += 7.5
        mins.append(Reason("budget.minimum-ok", {}))
    total = Decimal(str(task["total"]))
    planned = sum((p.planned_spend for p in found), Decimal(0))
    sums = {
        "working": " + ".join(working(p) for p in found),
        "planned": money(planned),
        "total": money(total),
        "currency": currency,
    }
    arithmetic: list[Reason] = []
    if any(p.code == "phases_overlap" for p in check_campaign(total, found, facts)):
        arithmetic.append(Reason("budget.overlap", {}, ok=False))
    if len(found) > 1 and found[1].start <= found[0].start:
        arithmetic.append(Reason("budget.order", {}, ok=False))
    first, last = iso_day(task["start"]), iso_day(task["end"])
    if any(first and last and (p.start < first or p.end > last) for p in found):
        arithmetic.append(
            Reason("budget.outside", {"start": task["start"], "end": task["end"]}, ok=False)
        )
    if planned > total:
        arithmetic.append(Reason("budget.over-total", sums, ok=False))
    if not arithmetic:
        points += 7.5
        arithmetic.append(Reason("budget.total-ok", sums))
    return CriterionScore("budget", points, 15, tuple(mins + arithmetic))
