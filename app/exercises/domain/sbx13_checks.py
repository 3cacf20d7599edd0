"""sbx-13 criteria (curriculum.md §5.2): objective for the goal (20), budget arithmetic and
minimums (15), audience size in band (15), button for the objective (10), ad text through the
policy checker (20), creative spec for the placements (10), a declared test differing in one
element (10). Pure; a hostile or half-done submission never raises."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.ads.domain.audience import Targeting, estimate_audience
from app.ads.domain.creative import Creative, check_creative, ctas_for
from app.exercises.domain.engine import CriterionScore, Reason
from app.exercises.domain.sbx11_form import number
from app.exercises.domain.sbx13_data import objectives_of
from app.exercises.domain.sbx13_policy import text_findings
from app.exercises.domain.text import fold

SIDES = ("A", "B")
ELEMENTS = ("text", "headline", "cta", "media", "aspect")
# Creative findings another criterion scores (the button), or that only inform (a headline
# the placement does not show is not wrong, it is just unseen).
NOT_CREATIVE = {"unknown_objective", "unknown_cta", "cta_not_for_objective", "headline_not_shown"}


def part(submission: Mapping[str, Any], key: str) -> Any:
    """A submission part of the right shape (a hostile or old draft never raises)."""
    value = submission.get(key) if isinstance(submission, Mapping) else None
    if key in ("phases", "ads", "placements"):
        items = value if isinstance(value, list) else []
        return [i for i in items if isinstance(i, Mapping | str)]
    return value if isinstance(value, Mapping) else {}


def field(row: Any, key: str) -> str:
    """A string field of a row ("" for anything else)."""
    value = row.get(key) if isinstance(row, Mapping) else None
    return value if isinstance(value, str) else ""


def ads_of(submission: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The two ads, missing ones empty."""
    ads = [a for a in part(submission, "ads") if isinstance(a, Mapping)][:2]
    return ads + [{}] * (2 - len(ads))


def objective(task: Mapping[str, Any], submission: Mapping[str, Any]) -> CriterionScore:
    """Each phase's objective against its goal: the goal it serves best earns the phase's
    share, a goal it serves acceptably (objectives.yaml `also`) half of it."""
    goals: Sequence[str] = task["phases"]
    known = objectives_of(task["platform"])
    rows = part(submission, "phases")
    each = 20 / len(goals)
    points, reasons = 0.0, []
    for i, goal in enumerate(goals):
        chosen = field(rows[i] if i < len(rows) else {}, "objective")
        best = [o for o, spec in known.items() if spec["goal"] == goal]
        values = {"objective": chosen, "goal": goal, "best": best}
        if chosen not in known:
            reasons.append(Reason("objective.none", values, ok=False))
        elif known[chosen]["goal"] == goal:
            points += each
            reasons.append(Reason("objective.ok", values))
        elif goal in known[chosen].get("also", []):
            points += each / 2
            reasons.append(Reason("objective.partial", values, ok=False))
        else:
            reasons.append(Reason("objective.wrong", values, ok=False))
    return CriterionScore("objective", points, 20, tuple(reasons))


def audience(task: Mapping[str, Any], submission: Mapping[str, Any]) -> CriterionScore:
    """The estimated audience, in the brief's area, labelled fine: neither too narrow nor
    too broad by the simulator's thresholds."""
    mine = part(submission, "audience")
    city = field(mine, "city")
    area = [c["id"] for c in task["cities"]]
    if city not in area:
        reason = Reason("audience.outside", {"city": city, "area": area}, ok=False)
        return CriterionScore("audience", 0, 15, (reason,))
    numbers = [number(field(mine, k)) for k in ("radius", "age_min", "age_max")]
    lists = [
        tuple(v for v in (mine.get(k) or []) if isinstance(v, str))
        for k in ("languages", "interests")
    ]
    try:
        if any(n is None for n in numbers):
            raise ValueError("a number is missing")
        radius, age_min, age_max = (float(n or 0) for n in numbers)
        if not (age_min.is_integer() and age_max.is_integer()):
            raise ValueError("ages are whole years")
        found = estimate_audience(
            Targeting(city, radius, int(age_min), int(age_max), lists[0], lists[1])
        )
    except (ValueError, KeyError, TypeError, OverflowError):
        return CriterionScore("audience", 0, 15, (Reason("audience.invalid", {}, ok=False),))
    band = task["band"]
    values = {
        "low": found.low,
        "high": found.high,
        "least": band["low"],
        "most": band["high"],
    }
    if found.label == "fine":
        return CriterionScore("audience", 15, 15, (Reason("audience.fine", values),))
    code = "audience.too-narrow" if found.label == "too_narrow" else "audience.too-broad"
    return CriterionScore("audience", 0, 15, (Reason(code, values, ok=False),))


def cta(task: Mapping[str, Any], submission: Mapping[str, Any]) -> CriterionScore:
    """Each ad's button fits the objective of every phase it runs in (5 each)."""
    chosen = [field(r, "objective") for r in part(submission, "phases")]
    known = objectives_of(task["platform"])
    points, reasons = 0.0, []
    for side, ad in zip(SIDES, ads_of(submission), strict=True):
        button = field(ad, "cta")
        if not button:
            reasons.append(Reason("cta.none", {"ad": side}, ok=False))
            continue
        if not chosen or any(o not in known for o in chosen):
            reasons.append(Reason("cta.no-objective", {"ad": side, "cta": button}, ok=False))
            continue
        misfits = [o for o in chosen if button not in ctas_for(task["platform"], o)]
        if misfits:
            fits = ctas_for(task["platform"], misfits[0])
            values = {"ad": side, "cta": button, "objective": misfits[0], "fits": fits}
            reasons.append(Reason("cta.wrong", values, ok=False))
        else:
            points += 5
            reasons.append(Reason("cta.ok", {"ad": side, "cta": button}))
    return CriterionScore("cta", points, 10, tuple(reasons))


def policy(task: Mapping[str, Any], submission: Mapping[str, Any]) -> CriterionScore:
    """Each ad's words through the policy checker (10 each): no finding earns it all, only
    warnings half, any rejection nothing."""
    points, reasons = 0.0, []
    for side, ad in zip(SIDES, ads_of(submission), strict=True):
        if not field(ad, "text").strip():
            reasons.append(Reason("policy.empty", {"ad": side}, ok=False))
            continue
        findings = text_findings(
            field(ad, "text"),
            field(ad, "headline"),
            market=task["market"],
            platform=task["platform"],
            category=task["category"],
        )
        if not findings:
            points += 10
            reasons.append(Reason("policy.clean", {"ad": side}))
            continue
        if all(f["severity"] != "reject" for f in findings):
            points += 5
        for f in findings:
            code = "policy.missing" if not f["excerpt"] else f"policy.{f['severity']}"
            values = {"ad": side, "rule": f["rule"], "excerpt": f["excerpt"], "fix": f["rule"]}
            reasons.append(Reason(code, values, ok=False))
    return CriterionScore("policy", points, 20, tuple(reasons))


def creative(
    task: Mapping[str, Any], submission: Mapping[str, Any], facts: Mapping[str, Any]
) -> CriterionScore:
    """Each ad's text, headline and aspect ratio in every chosen placement (5 each): no
    finding earns it all, only warnings (cut off, cropped) half, any refusal nothing."""
    allowed = [p["id"] for p in task["placements"]]
    chosen = [p for p in part(submission, "placements") if p in allowed]
    if not chosen:
        reason = Reason("creative.no-placement", {}, ok=False)
        return CriterionScore("creative", 0, 10, (reason,))
    points, reasons = 0.0, []
    for side, ad in zip(SIDES, ads_of(submission), strict=True):
        found = []
        for placement in chosen:
            made = Creative(
                placement, "", field(ad, "text"), field(ad, "headline"), field(ad, "aspect")
            )
            found += [
                (placement, f) for f in check_creative(made, facts) if f.code not in NOT_CREATIVE
            ]
        if not found:
            points += 5
            reasons.append(Reason("creative.ok", {"ad": side, "placements": chosen}))
            continue
        if all(f.severity != "error" for _, f in found):
            points += 2.5
        for placement, f in found:
            values = {
                "ad": side,
                "placement": placement,
                "finding": f"{f.code}|{f.actual}|{f.limit}",
            }
            reasons.append(Reason(f"creative.{f.severity}", values, ok=False))
    return CriterionScore("creative", points, 10, tuple(reasons))


def same(a: str, b: str) -> bool:
    """Two values equal after folding and collapsing spaces (a stray space is no change)."""
    return " ".join(fold(a).split()) == " ".join(fold(b).split())


def ab_test(submission: Mapping[str, Any]) -> CriterionScore:
    """Declared a test: the two ads differ in exactly one element. Not declared: nothing to
    check, so the points stand (§5.2 asks this only of a declared test)."""
    if submission.get("test") is not True:
        return CriterionScore("test", 10, 10, (Reason("test.not-declared", {}),))
    a, b = ads_of(submission)
    differ = [e for e in ELEMENTS if not same(field(a, e), field(b, e))]
    if len(differ) == 1:
        return CriterionScore("test", 10, 10, (Reason("test.one", {"element": differ[0]}),))
    if not differ:
        return CriterionScore("test", 0, 10, (Reason("test.same", {}, ok=False),))
    return CriterionScore("test", 0, 10, (Reason("test.many", {"element": differ}, ok=False),))
