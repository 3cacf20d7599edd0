"""sbx-08 "Crisis drill": the seeded task, the desk log and one step (pure).

The draft is the desk's log. Each step costs its minutes on the desk clock and is stamped with
the minute it finished (recomputed from the log, never trusted from the draft). The
promotional post goes out at its minute unless a pause finished before it; the first public
statement is the first published holding statement, public reply or reply to the journalist.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain.engine import Variant
from app.exercises.domain.sbx08_data import CrisisData
from app.inbox.domain.rubric import PUBLIC_CHANNELS, TEXT_ACTIONS

MAX_STEPS = 60
TEXT_CAP = 2000
NOTE_CAP = 500
FIRST_WAVE = 3  # mentions on the desk at minute 0; the rest arrive as the clock runs
ACTIONS = ("reply", "private", "escalate", "forward", "hide", "delete", "block", "none")
ROUTES = ("forward", "reply", "escalate")


def build_task(data: CrisisData, variant: Variant) -> dict[str, Any]:
    """The desk for a variant: the post's minute and the mentions' order and arrivals drawn."""
    crisis = data.brands[variant.brand]
    scenario = data.scenarios[variant.brand]
    rng = variant.rng("desk")
    promo = crisis["promo"]
    low, high = (int(v) for v in promo["at"])
    mentions = sorted(crisis["mentions"], key=lambda m: m["id"])
    rng.shuffle(mentions)
    arrivals = [0 if i < FIRST_WAVE else rng.randint(*data.arrive) for i in range(len(mentions))]
    shown = sorted(zip(arrivals, range(len(mentions)), mentions, strict=True))
    return {
        "brand": variant.brand,
        "minutes": dict(data.minutes),
        "word_limit": data.word_limit,
        "crisis": {k: dict(crisis[k]) for k in ("title", "summary")},
        "facts": [
            {"id": f["id"], "part": f["part"], "text": dict(f["text"])} for f in crisis["facts"]
        ],
        "promo": {
            "title": dict(promo["title"]),
            "text": dict(promo["text"]),
            "platform": promo["platform"],
            "at": rng.randint(low, high),
        },
        "mentions": [
            {
                "id": m["id"],
                "n": n,
                "arrives": at,
                **{k: m.get(k, "") for k in ("author", "text", "platform", "channel", "lang")},
            }
            for n, (at, _, m) in enumerate(shown, start=1)
        ],
        "journalist": {k: crisis["journalist"][k] for k in ("author", "text", "lang", "arrives")}
        | {"outlet": dict(crisis["journalist"]["outlet"])},
        "roles": [
            {"id": r["id"], "name": dict(r["name"]), "title": dict(r["title"])}
            for r in scenario.get("roles") or []
        ],
    }


def _text(value: Any, cap: int) -> str:
    """A posted text, stripped and capped."""
    return str(value or "").strip()[:cap]


def _checked(
    task: Mapping[str, Any], desk: Mapping[str, Any], form: Mapping[str, Any]
) -> dict[str, Any] | str:
    """One step's fields if it can be taken now (without its minute), else an error code."""
    kind = str(form.get("step") or "")
    roles = {r["id"] for r in task.get("roles", [])}
    role = str(form.get("role") or "")
    clock = desk["clock"]
    if kind == "pause":
        if desk["paused_at"] is not None:
            return "desk.already-paused"
        if desk["out_at"] is not None:
            return "desk.promo-out"
        return {"step": "pause"}
    if kind == "alert":
        if role not in roles:
            return "desk.no-contact"
        return {"step": "alert", "role": role, "note": _text(form.get("note"), NOTE_CAP)}
    if kind == "statement":
        text = _text(form.get("text"), TEXT_CAP)
        if not text:
            return "desk.no-statement"
        return {"step": "statement", "text": text, "publish": form.get("publish") == "yes"}
    if kind == "reply":
        mentions = {m["id"]: m for m in task.get("mentions", [])}
        mention = mentions.get(str(form.get("mention") or ""))
        if mention is None:
            return "desk.unknown-mention"
        if clock < int(mention["arrives"]):
            return "desk.not-arrived"
        if mention["id"] in desk["replies"]:
            return "desk.answered"
        action, text = str(form.get("action") or ""), _text(form.get("text"), TEXT_CAP)
        if action not in ACTIONS:
            return "desk.no-action"
        if (action == "escalate" and role not in roles) or (role and role not in roles):
            return "desk.no-role"
        if action in TEXT_ACTIONS and action != "escalate" and not text:
            return "desk.no-reply-text"
        return {
            "step": "reply",
            "mention": mention["id"],
            "action": action,
            "role": role,
            "text": text,
        }
    if kind == "journalist":
        if clock < int(task.get("journalist", {}).get("arrives", 0)):
            return "desk.not-arrived"
        if desk["journalist"] is not None:
            return "desk.routed"
        route, text = str(form.get("route") or ""), _text(form.get("text"), TEXT_CAP)
        if route not in ROUTES:
            return "desk.no-route"
        if route == "escalate" and role not in roles:
            return "desk.no-role"
        if route == "reply" and not text:
            return "desk.no-reply-text"
        kept = role if route == "escalate" else ""
        return {"step": "journalist", "route": route, "role": kept, "text": text}
    if kind == "wait":
        return {"step": "wait"}
    return "desk.unknown-step"


def summarise(task: Mapping[str, Any], steps: list[dict[str, Any]]) -> dict[str, Any]:
    """The desk for a log of steps (each already stamped): clock, post, alerts, statements."""
    promo_at = int(task.get("promo", {}).get("at", 0))
    mentions = {m["id"]: m for m in task.get("mentions", [])}
    clock = steps[-1]["at"] if steps else 0
    pauses = [s["at"] for s in steps if s["step"] == "pause"]
    paused_at = next((at for at in pauses if at < promo_at), None)
    statements = [s for s in steps if s["step"] == "statement"]
    published = [s for s in statements if s["publish"]]
    replies = {s["mention"]: s for s in steps if s["step"] == "reply"}
    journalist = next((s for s in steps if s["step"] == "journalist"), None)
    public = [s["at"] for s in published]
    public += [
        s["at"]
        for s in replies.values()
        if s["action"] in TEXT_ACTIONS
        and s["text"]
        and mentions.get(s["mention"], {}).get("channel") in PUBLIC_CHANNELS
    ]
    if journalist and journalist["route"] == "reply":
        public.append(journalist["at"])
    return {
        "steps": steps,
        "clock": clock,
        "paused_at": paused_at,
        "pause_late": pauses[0] if pauses and paused_at is None else None,
        "out_at": promo_at if paused_at is None and clock >= promo_at else None,
        "alerts": [{"role": s["role"], "at": s["at"]} for s in steps if s["step"] == "alert"],
        "statement": (published or statements)[-1] if statements else None,
        "published_at": published[0]["at"] if published else None,
        "first_public": min(public) if public else None,
        "replies": replies,
        "journalist": journalist,
    }


def clean_steps(task: Mapping[str, Any], draft: Any) -> list[dict[str, Any]]:
    """The draft's steps replayed through the step rule (anything refused is dropped)."""
    steps = draft.get("steps") if isinstance(draft, Mapping) else None
    out: list[dict[str, Any]] = []
    for step in steps[:MAX_STEPS] if isinstance(steps, list) else []:
        if isinstance(step, Mapping):
            out = _apply(task, out, step)
    return out


def _apply(
    task: Mapping[str, Any], steps: list[dict[str, Any]], form: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The log with one more step, or unchanged when the step is refused."""
    found = _checked(task, summarise(task, steps), _as_form(form))
    if isinstance(found, str):
        return steps
    clock = steps[-1]["at"] if steps else 0
    minutes = int(task.get("minutes", {}).get(found["step"], 0))
    return [*steps, found | {"at": clock + minutes}]


def _as_form(step: Mapping[str, Any]) -> dict[str, Any]:
    """A stored step read back as the form that made it."""
    form = dict(step)
    if step.get("step") == "statement":
        form["publish"] = "yes" if step.get("publish") in (True, "yes") else ""
    return form


def desk_step(
    task: Mapping[str, Any], draft: Mapping[str, Any], form: Mapping[str, Any]
) -> tuple[dict[str, Any], str | None]:
    """One posted step: (the new draft, None) or (the old draft, an error code)."""
    steps = clean_steps(task, draft)
    desk = summarise(task, steps)
    if len(steps) >= MAX_STEPS:
        return desk, "desk.too-many-steps"
    found = _checked(task, desk, form)
    if isinstance(found, str):
        return desk, found
    minutes = int(task.get("minutes", {}).get(found["step"], 0))
    return summarise(task, [*steps, found | {"at": desk["clock"] + minutes}]), None
