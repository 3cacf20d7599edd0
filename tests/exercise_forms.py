"""An exercise submission as the form fields a learner would fill (browser, fuzz, IDOR tests)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def form_for(
    exercise_id: str, submission: Mapping[str, Any], task: Mapping[str, Any]
) -> dict[str, str]:
    """The work page's fields for a submission of a form kind (sbx-02, sbx-05, sbx-07, sbx-11,
    sbx-13, sbx-14)."""
    if exercise_id == "sbx-05":
        fields = {"shown": str(submission.get("shown") or len(submission["rows"]))}
        for row in submission["rows"]:
            for key, value in row.items():
                if key != "n":
                    fields[f"row-{row['n']}-{key}"] = str(value)
        return fields
    if exercise_id == "sbx-02":
        return {k: str(v) for k, v in submission.items() if v is not None}
    if exercise_id == "sbx-07":
        return sbx07_form(submission)
    if exercise_id == "sbx-11":
        return sbx11_form(submission)
    if exercise_id == "sbx-13":
        return sbx13_form(submission)
    if exercise_id == "sbx-14":
        return sbx14_form(submission)
    raise KeyError(f"no form for {exercise_id}")


def sbx07_form(submission: Mapping[str, Any]) -> dict[str, str]:
    """sbx-07's fields: sections, numbered rules, the welcome post and each decision."""
    fields = {f"sec-{k}": str(v) for k, v in submission.get("sections", {}).items()}
    fields["welcome"] = str(submission.get("welcome", ""))
    for rule in submission.get("rules", []):
        fields[f"rule-{rule['n']}-text"] = str(rule["text"])
        fields[f"rule-{rule['n']}-category"] = str(rule["category"])
    for cid, mine in submission.get("decisions", {}).items():
        fields[f"c-{cid}-decision"] = str(mine["decision"])
        fields[f"c-{cid}-rule"] = str(mine["rule"])
    return fields


def sbx11_form(submission: Mapping[str, Any]) -> dict[str, str]:
    """sbx-11's fields: each KPI's value and denominator, best and worst post, the causes,
    each recommendation's metric and action, and the headline."""
    fields = {}
    for kpi, mine in submission.get("kpis", {}).items():
        fields[f"kpi-{kpi}-value"] = str(mine["value"])
        fields[f"kpi-{kpi}-den"] = str(mine["den"])
    for i, cause in enumerate(submission.get("causes", []), start=1):
        fields[f"cause-{i}"] = str(cause)
    for n, rec in enumerate(submission.get("recs", []), start=1):
        fields[f"rec-{n}-metric"] = str(rec["metric"])
        fields[f"rec-{n}-action"] = str(rec["action"])
    for part in ("best", "worst", "headline"):
        fields[part] = str(submission.get(part, ""))
    return fields


def sbx13_form(submission: Mapping[str, Any]) -> dict[str, str]:
    """sbx-13's fields: each phase's objective, budget and dates, the audience (ticked boxes
    post "yes"), the placements, both ads and the test box."""
    fields: dict[str, str] = {}
    for n, phase in enumerate(submission.get("phases", []), start=1):
        for key, value in phase.items():
            fields[f"p{n}-{key}"] = str(value)
    audience = submission.get("audience", {})
    for key in ("city", "radius", "age_min", "age_max"):
        fields[key] = str(audience.get(key, ""))
    fields |= {f"lang-{code}": "yes" for code in audience.get("languages", [])}
    fields |= {f"interest-{code}": "yes" for code in audience.get("interests", [])}
    fields |= {f"placement-{p}": "yes" for p in submission.get("placements", [])}
    for side, ad in zip(("a", "b"), submission.get("ads", []), strict=False):
        for key, value in ad.items():
            fields[f"{side}-{key}"] = str(value)
    if submission.get("test"):
        fields["test"] = "yes"
    return fields


def sbx14_form(submission: Mapping[str, Any]) -> dict[str, str]:
    """sbx-14's fields: a tick per flagged rule (or "none") on each draft, the two rewrites,
    and each ad set's decision and rationale."""
    fields = {}
    for draft, ticked in submission.get("flags", {}).items():
        for rule in ticked:
            fields[f"d-{draft}-{rule}"] = "yes"
    for fix in submission.get("fixes", []):
        for part in ("draft", "headline", "text"):
            fields[f"fix-{fix['n']}-{part}"] = str(fix[part])
    for ad_set, mine in submission.get("decisions", {}).items():
        fields[f"s-{ad_set}-decision"] = str(mine["decision"])
        fields[f"s-{ad_set}-why"] = str(mine["why"])
    return fields


def desk_step(task: Mapping[str, Any]) -> dict[str, str]:
    """A valid first step on a desk: a decision on its first card (sbx-08: the pause; sbx-06:
    an action on the first message)."""
    if "promo" in task:
        return {"step": "pause"}
    if "items" in task:
        return sbx06_step(task)
    if "hard_share" in task:  # sbx-12: declare the test of the starting post against itself
        start = task["start"]
        return {
            "step": "declare",
            **{f"{side}_{k}": str(v) for side in ("a", "b") for k, v in start.items()},
            "attribute": "first-line",
            "metric": "engaged",
            "direction": "",
            "duration_days": "7",
            "sample": "500",
        }
    card = task["cards"][0]["id"]
    return {"step": "decision", "card": card, "choice": "no-go", "tags": task["tags"][0]}


def desk_steps(key: Mapping[str, Any], task: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The step forms of a strong desk run from the key: every decision, then the concept."""
    if "promo" in task:
        return sbx08_steps(key, task)
    steps: list[dict[str, Any]] = [
        {"step": "decision", "card": c["id"], "choice": c["gold"], "tags": list(c["tags"])}
        for c in key["cards"]
    ]
    concept = dict(key["concept"])
    steps.append(
        {
            "step": "concept",
            "card": concept["card"],
            **{k: concept[k] for k in ("platform", "format", "tie_in", "cta", "caption")},
        }
    )
    return steps


def desk_forms(draft: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The step forms that rebuild a desk's draft (what the step rule computes dropped)."""

    def field(value: Any) -> Any:
        """A form's value: a ticked box posts "yes", an unticked one nothing."""
        return ("yes" if value else "") if isinstance(value, bool) else value

    return [
        {k: field(v) for k, v in s.items() if k not in ("at", "n")} for s in draft.get("steps", [])
    ]


def sbx06_step(task: Mapping[str, Any]) -> dict[str, str]:
    """A valid first step on the inbox shift: hide the message waiting at minute 0."""
    return {"step": "answer", "item": task["items"][0]["id"], "action": "hide"}


def sbx08_steps(key: Mapping[str, Any], task: Mapping[str, Any]) -> list[dict[str, Any]]:
    """sbx-08's strong run: pause, alert the contact, publish the model statement, route the
    journalist, then answer every mention with its model reply (waiting until all arrive)."""
    lang = "ar"
    steps: list[dict[str, Any]] = [
        {"step": "pause"},
        {"step": "alert", "role": key["contact"], "note": ""},
        {"step": "statement", "text": key["statement"][lang], "publish": "yes"},
    ]
    clock = sum(task["minutes"][s["step"]] for s in steps)
    latest = max([m["arrives"] for m in task["mentions"]] + [task["journalist"]["arrives"]])
    while clock < latest:
        steps.append({"step": "wait"})
        clock += task["minutes"]["wait"]
    steps.append({"step": "journalist", "route": "forward"})
    by_id = {m["id"]: m for m in task["mentions"]}
    for reply in key["replies"]:
        text = reply["model_reply"][by_id[reply["id"]]["lang"]]
        steps.append(
            {"step": "reply", "mention": reply["id"], "action": reply["action"], "text": text}
        )
    return steps
