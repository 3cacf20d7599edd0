"""sbx-14 checks: flag precision and recall, rewrites that pass the checker with the facts
kept, decisions against the rule key, rationales that cite the deciding metric (pure; each
returns one CriterionScore)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from app.exercises.domain.engine import CriterionScore, Reason
from app.exercises.domain.sbx14_data import ReviewData
from app.exercises.domain.sbx14_form import NONE, decision_of, fixes_of, flags_of
from app.exercises.domain.sbx14_key import METRICS, cited, credit_for
from app.exercises.domain.text import contains_any

FLAG_POINTS, FIX_POINTS, DECISION_POINTS, WHY_POINTS = 25, 20, 40, 15
Checker = Callable[[Mapping[str, Any], str, str], list[str]]


def flags(key: Mapping[str, Any], submission: Mapping[str, Any]) -> CriterionScore:
    """Half the points for precision and half for recall over (draft, rule) pairs; flagging
    nothing earns no precision (there is nothing right in it)."""
    reasons: list[Reason] = []
    hits = flagged = gold_count = 0
    for d in key["drafts"]:
        gold = set(d["flags"])
        mine = set(flags_of(submission, d["id"])) - {NONE}
        hit, extra, missed = gold & mine, sorted(mine - gold), sorted(gold - mine)
        hits, flagged, gold_count = hits + len(hit), flagged + len(mine), gold_count + len(gold)
        n = d["n"]
        if not gold and not mine:
            reasons.append(Reason("flag.clean", {"n": n}))
        elif not extra and not missed:
            reasons.append(Reason("flag.right", {"n": n, "rules": sorted(gold)}))
        if missed:
            reasons.append(Reason("flag.missed", {"n": n, "rules": missed}, ok=False))
        if extra:
            reasons.append(Reason("flag.extra", {"n": n, "rules": extra}, ok=False))
    precision = hits / flagged if flagged else 0.0
    recall = hits / gold_count if gold_count else 1.0
    points = FLAG_POINTS * (precision + recall) / 2
    summary = {"precision": round(precision * 100), "recall": round(recall * 100)}
    reasons.insert(0, Reason("flag.summary", summary, ok=precision == recall == 1))
    return CriterionScore("flags", points, FLAG_POINTS, tuple(reasons))


def facts_lost(text: str, facts: Sequence[Mapping[str, Any]]) -> list[str]:
    """The key facts a rewrite no longer states (each named by its first wording)."""
    return [
        str(f["any"][0]) for f in facts if contains_any(text, [str(a) for a in f["any"]]) is None
    ]


def fixes(
    key: Mapping[str, Any],
    task: Mapping[str, Any],
    submission: Mapping[str, Any],
    check: Checker,
) -> CriterionScore:
    """An equal share per rewrite: a draft that had a problem, rewritten so the policy checker
    finds nothing and every key fact is still there. Passing by deleting the facts earns
    nothing: the fix has to keep the ad's message."""
    share = FIX_POINTS / int(task["fixes"])
    shown = {d["id"]: d for d in task["drafts"]}
    keyed = {d["id"]: d for d in key["drafts"]}
    mine = {int(f.get("n") or 0): f for f in fixes_of(submission)}
    reasons: list[Reason] = []
    points, used = 0.0, set()
    for k in range(1, int(task["fixes"]) + 1):
        fix = mine.get(k, {})
        draft_id = str(fix.get("draft") or "")
        headline, text = str(fix.get("headline") or ""), str(fix.get("text") or "")
        if draft_id not in shown or draft_id in used or not text.strip():
            reasons.append(Reason("fix.none", {"k": k}, ok=False))
            continue
        used.add(draft_id)
        n = shown[draft_id]["n"]
        if not keyed[draft_id]["flags"]:
            reasons.append(Reason("fix.clean-draft", {"k": k, "n": n}, ok=False))
            continue
        ad = {**shown[draft_id], "market": task["market"], "platform": task["platform"]}
        broken = check(ad, headline, text)
        lost = facts_lost(f"{headline}\n{text}", keyed[draft_id]["facts"])
        if broken:
            reasons.append(Reason("fix.still-breaks", {"k": k, "n": n, "rules": broken}, ok=False))
        if lost:
            reasons.append(Reason("fix.facts-lost", {"k": k, "n": n, "facts": lost}, ok=False))
        if not broken and not lost:
            points += share
            reasons.append(Reason("fix.ok", {"k": k, "n": n}))
    return CriterionScore("fixes", points, FIX_POINTS, tuple(reasons))


def decisions(
    key: Mapping[str, Any], submission: Mapping[str, Any], data: ReviewData
) -> CriterionScore:
    """An equal share per ad set, times the credit the choice earns against the rule key."""
    share = DECISION_POINTS / len(key["sets"])
    reasons: list[Reason] = []
    points = 0.0
    for s in key["sets"]:
        chosen = str(decision_of(submission, s["id"]).get("decision") or "")
        credit = credit_for(s["gold"], chosen, data.credit)
        points += share * credit
        values = {"n": s["n"], "decision": chosen, "gold": s["gold"]}
        if not chosen:
            reasons.append(Reason("decision.none", {"n": s["n"], "gold": s["gold"]}, ok=False))
        elif credit == 1:
            reasons.append(Reason("decision.right", values))
        elif credit > 0:
            partial = {**values, "share": round(credit * 100)}
            reasons.append(Reason("decision.partial", partial, ok=False))
        else:
            reasons.append(Reason("decision.wrong", values, ok=False))
    return CriterionScore("decisions", points, DECISION_POINTS, tuple(reasons))


def rationales(
    key: Mapping[str, Any],
    task: Mapping[str, Any],
    submission: Mapping[str, Any],
    data: ReviewData,
) -> CriterionScore:
    """An equal share per ad set when its rationale cites the metric that decides it, by name
    or figure. Naming every metric is not citing one, so it earns nothing; naming all but one
    buries the deciding metric, so it earns half."""
    share = WHY_POINTS / len(key["sets"])
    figures = {s["id"]: s for s in task["sets"]}
    stuffing = int(data.settings["stuffing_at"])
    least = int(task["min_why"])
    reasons: list[Reason] = []
    points = 0.0
    for s in key["sets"]:
        why = str(decision_of(submission, s["id"]).get("why") or "")
        shown = figures[s["id"]]
        found = cited(why, {m: float(shown[m]) for m in METRICS}, data.metrics)
        values: dict[str, Any] = {"n": s["n"], "metric": s["deciding"][0]}
        if len(why.strip()) < least:
            reasons.append(Reason("why.short", {**values, "least": least}, ok=False))
        elif len(found) >= len(METRICS):
            reasons.append(Reason("why.stuffed", {**values, "count": len(found)}, ok=False))
        elif found & set(s["deciding"]) and len(found) >= stuffing:
            points += share / 2
            reasons.append(Reason("why.crowded", {**values, "count": len(found)}, ok=False))
        elif found & set(s["deciding"]):
            points += share
            reasons.append(Reason("why.cites", values))
        else:
            reasons.append(Reason("why.misses", values, ok=False))
    return CriterionScore("rationales", points, WHY_POINTS, tuple(reasons))
