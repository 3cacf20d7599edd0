"""sbx-07 form: guideline sections, numbered rules, the welcome post and one decision per
comment; values kept as typed, errors by field id (pure, never raises)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain.sbx07_data import CATEGORIES, DECISIONS, MAX_RULES, SECTIONS

CAPS = {"section": 2000, "rule": 300, "welcome": 2200, "choice": 30}
NO_RULE = "none"


def clean(value: Any, limit: int) -> str:
    """Text without control characters (newlines and tabs kept), cut to `limit`."""
    text = str(value or "").replace("\r\n", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or ch >= " ")[:limit]


def rules_of(submission: Mapping[str, Any]) -> dict[int, str]:
    """The learner's written rules: number -> category (a rule needs text and a category)."""
    found: dict[int, str] = {}
    rules = submission.get("rules")
    for rule in rules if isinstance(rules, list) else []:
        if not isinstance(rule, Mapping):
            continue
        n, category, text = rule.get("n"), rule.get("category"), rule.get("text")
        if (
            isinstance(n, int)
            and 1 <= n <= MAX_RULES
            and category in CATEGORIES
            and isinstance(text, str)
            and text.strip()
        ):
            found[n] = str(category)
    return found


def parse_sbx07(
    form: Mapping[str, Any], task: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """(submission, errors): a half-written rule (text without a category or the reverse) and
    an unknown choice are errors at once; a comment without a decision only on submit, since
    a draft may be half done. A cited rule the learner never wrote is not an error here: the
    scorer says so per comment (citing your own rules is what the exercise checks)."""
    submitting = str(form.get("action", "")) == "submit"
    errors: dict[str, str] = {}
    out: dict[str, Any] = {
        "sections": {s: clean(form.get(f"sec-{s}"), CAPS["section"]) for s in SECTIONS},
        "welcome": clean(form.get("welcome"), CAPS["welcome"]),
        "rules": [],
        "decisions": {},
    }
    for n in range(1, MAX_RULES + 1):
        text = clean(form.get(f"rule-{n}-text"), CAPS["rule"])
        category = clean(form.get(f"rule-{n}-category"), CAPS["choice"]).strip()
        if not text.strip() and not category:
            continue
        if category and category not in CATEGORIES:
            errors[f"rule-{n}-category"] = "sbx07.choice-unknown"
        elif not category:
            errors[f"rule-{n}-category"] = "sbx07.rule-no-category"
        if not text.strip():
            errors[f"rule-{n}-text"] = "sbx07.rule-no-text"
        out["rules"].append({"n": n, "text": text, "category": category})
    numbers = {str(n) for n in range(1, MAX_RULES + 1)}
    for comment in task.get("comments", []):
        cid = str(comment.get("id", ""))
        decision = clean(form.get(f"c-{cid}-decision"), CAPS["choice"]).strip()
        rule = clean(form.get(f"c-{cid}-rule"), CAPS["choice"]).strip()
        if decision and decision not in DECISIONS:
            errors[f"c-{cid}-decision"] = "sbx07.choice-unknown"
        elif not decision and submitting:
            errors[f"c-{cid}-decision"] = "sbx07.decision-missing"
        if rule and rule != NO_RULE and rule not in numbers:
            errors[f"c-{cid}-rule"] = "sbx07.choice-unknown"
        out["decisions"][cid] = {"decision": decision, "rule": rule or NO_RULE}
    return out, errors
