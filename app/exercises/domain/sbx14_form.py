"""sbx-14 form: a tick per rule (or "no problem") on each draft, two rewrites, and a decision
with its rationale per ad set; values kept as typed, errors by field id (pure, never raises)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain.sbx07_form import clean

NONE = "none"
CAPS = {"headline": 200, "text": 2000, "why": 1000, "choice": 40}
TICKED = ("yes", "on", "1", "true")


def flags_of(submission: Mapping[str, Any], draft_id: str) -> list[str]:
    """The rules ticked on one draft (["none"] for "no problem"; [] when left blank)."""
    flags = submission.get("flags")
    found = flags.get(draft_id) if isinstance(flags, Mapping) else None
    return [str(f) for f in found] if isinstance(found, list) else []


def fixes_of(submission: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The learner's rewrites, in order (only well-formed ones)."""
    fixes = submission.get("fixes")
    return [f for f in fixes if isinstance(f, Mapping)] if isinstance(fixes, list) else []


def decision_of(submission: Mapping[str, Any], set_id: str) -> Mapping[str, Any]:
    """The learner's decision and rationale on one ad set ({} when absent)."""
    decisions = submission.get("decisions")
    found = decisions.get(set_id) if isinstance(decisions, Mapping) else None
    return found if isinstance(found, Mapping) else {}


def _flags(
    form: Mapping[str, Any], task: Mapping[str, Any], submitting: bool
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Each draft's ticks, and the drafts left blank (on submit) or ticked both ways."""
    rules = [str(r["id"]) for r in task.get("rules", [])]
    out: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    for draft in task.get("drafts", []):
        did = str(draft["id"])
        ticked = [r for r in rules if str(form.get(f"d-{did}-{r}") or "").lower() in TICKED]
        clean_one = str(form.get(f"d-{did}-{NONE}") or "").lower() in TICKED
        if clean_one and ticked:
            errors[f"d-{did}-{NONE}"] = "form.flag-both"
        elif not clean_one and not ticked and submitting:
            errors[f"d-{did}-{NONE}"] = "form.flag-missing"
        out[did] = [*ticked, *([NONE] if clean_one else [])]
    return out, errors


def _fixes(
    form: Mapping[str, Any], task: Mapping[str, Any], submitting: bool
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The two rewrites: which draft, and its new headline and text."""
    ids = {str(d["id"]) for d in task.get("drafts", [])}
    out: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    seen: set[str] = set()
    for k in range(1, int(task.get("fixes", 2)) + 1):
        draft = clean(form.get(f"fix-{k}-draft"), CAPS["choice"]).strip()
        headline = clean(form.get(f"fix-{k}-headline"), CAPS["headline"])
        text = clean(form.get(f"fix-{k}-text"), CAPS["text"])
        if draft and draft not in ids:
            errors[f"fix-{k}-draft"] = "form.choice-unknown"
        elif draft and draft in seen:
            errors[f"fix-{k}-draft"] = "form.fix-twice"
        elif not draft and submitting:
            errors[f"fix-{k}-draft"] = "form.fix-no-draft"
        if draft and not text.strip() and submitting:
            errors[f"fix-{k}-text"] = "form.fix-no-text"
        seen.add(draft)
        out.append({"n": k, "draft": draft, "headline": headline, "text": text})
    return out, errors


def parse_sbx14(
    form: Mapping[str, Any], task: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """(submission, errors): a draft ticked both "no problem" and a rule, an unknown choice or
    a rewrite of the same draft twice are errors at once; blanks only on submit, since a saved
    draft may be half done."""
    submitting = str(form.get("action", "")) == "submit"
    flags, errors = _flags(form, task, submitting)
    fixes, fix_errors = _fixes(form, task, submitting)
    errors |= fix_errors
    allowed = set(task.get("decisions", []))
    decisions: dict[str, dict[str, str]] = {}
    for one in task.get("sets", []):
        sid = str(one["id"])
        decision = clean(form.get(f"s-{sid}-decision"), CAPS["choice"]).strip()
        why = clean(form.get(f"s-{sid}-why"), CAPS["why"])
        if decision and decision not in allowed:
            errors[f"s-{sid}-decision"] = "form.choice-unknown"
        elif not decision and submitting:
            errors[f"s-{sid}-decision"] = "form.decision-missing"
        decisions[sid] = {"decision": decision, "why": why}
    return {"flags": flags, "fixes": fixes, "decisions": decisions}, errors
