"""sbx-06 "Inbox shift": the seeded shift, the shift clock and one step (pure).

The draft is the shift's log: answers and waits, in order. The clock is the sum of the steps'
minutes (an answer costs a fixed time plus a minute per so many words; an action that writes
nothing is quick; a wait is fixed), recomputed from the log, so a stored time is never trusted.
A message can be answered once it has arrived, and only once: what was sent stays sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain.engine import Variant
from app.exercises.domain.sbx06_data import COMPLAINTS, ShiftData

# The inbox's actions (app/inbox/data/actions.yaml; a test keeps them equal).
ACTIONS = ("reply", "private", "escalate", "forward", "hide", "delete", "block", "none")
WRITES = ("reply", "private", "escalate", "forward")  # actions that can send text
NEEDS_TEXT = ("reply", "private")
MAX_STEPS = 60  # every item answered plus many waits, and no more
MAX_TEXT = 2000
SHOWN = ("author", "channel", "platform", "lang", "dialect", "text")


def _pick(rng: Any, pool: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    """One message from a pool, drawn in a stable (id) order."""
    ordered = sorted(pool, key=lambda m: str(m.get("id")))
    return ordered[rng.randrange(len(ordered))]


def draw(data: ShiftData, variant: Variant, bank: list[Mapping[str, Any]]) -> list[Any]:
    """The shift's messages: one per drawn sub-type (the hard shift adds a repeat customer, a
    complaint in dialect and one more complaint), in a seeded order."""
    rng = variant.rng("items")
    chosen: list[Mapping[str, Any]] = []
    wanted = [*data.draw, *(data.hard_draw if variant.hard else ())]
    for subtype in wanted:
        chosen.append(_pick(rng, [m for m in bank if m.get("subtype") == subtype]))
    if variant.hard:
        taken = {m.get("id") for m in chosen}
        dialect = [
            m
            for m in bank
            if m.get("kind") in COMPLAINTS
            and m.get("dialect") in data.dialects
            and m.get("subtype") not in wanted
            and m.get("id") not in taken
        ]
        chosen.append(_pick(rng, dialect))
        taken.add(chosen[-1].get("id"))
        chosen.append(
            _pick(
                rng, [m for m in bank if m.get("kind") in COMPLAINTS and m.get("id") not in taken]
            )
        )
    rng.shuffle(chosen)
    return chosen


def build_task(data: ShiftData, variant: Variant, scenario: Mapping[str, Any]) -> dict[str, Any]:
    """The seeded shift: messages with their arrival and deadline minutes, and the roles."""
    chosen = draw(data, variant, list(scenario.get("inbox") or []))
    rng = variant.rng("arrivals")
    # The first message is waiting when the shift starts; the rest arrive over its first minutes.
    offsets = sorted([0, *(rng.randint(1, data.minutes["arrivals"]) for _ in chosen[1:])])
    items = []
    for n, (message, arrives) in enumerate(zip(chosen, offsets, strict=True), start=1):
        deadline = data.deadline(message, variant.hard)
        item = {k: message.get(k) or "" for k in SHOWN}
        item |= {"id": str(message["id"]), "n": n, "arrives": arrives}
        item |= {"deadline": deadline, "due": arrives + deadline}
        items.append(item)
    roles = [
        {"id": str(r["id"]), "name": dict(r.get("name") or {}), "title": dict(r.get("title") or {})}
        for r in scenario.get("roles") or []
    ]
    return {
        "brand": variant.brand,
        "hard": variant.hard,
        "minutes": dict(data.minutes),
        "items": items,
        "roles": roles,
        "actions": list(ACTIONS),
    }


def words_in(text: str) -> int:
    """Words written (whitespace-separated)."""
    return len(text.split())


def cost(task: Mapping[str, Any], step: Mapping[str, Any]) -> int:
    """Minutes one step takes on the shift clock."""
    minutes = task.get("minutes", {})
    if step.get("step") == "wait":
        return int(minutes.get("wait", 10))
    if step.get("action") in WRITES:
        per = max(1, int(minutes.get("per_words", 25)))
        return int(minutes.get("answer", 6)) + words_in(str(step.get("text") or "")) // per
    return int(minutes.get("quick", 2))


def clean_steps(task: Mapping[str, Any], draft: Any) -> list[dict[str, Any]]:
    """The draft's well-formed steps with their times recomputed (anything else is dropped)."""
    steps = draft.get("steps") if isinstance(draft, Mapping) else None
    if not isinstance(steps, list):
        return []
    items = {i["id"]: i for i in task.get("items", [])}
    roles = {r["id"] for r in task.get("roles", [])}
    out: list[dict[str, Any]] = []
    clock = 0
    done: set[str] = set()
    for step in steps[:MAX_STEPS]:
        if not isinstance(step, Mapping):
            continue
        if step.get("step") == "wait":
            clean: dict[str, Any] = {"step": "wait"}
        elif step.get("step") == "answer":
            found = step.get("item")
            item = items.get(found) if isinstance(found, str) else None
            role = step.get("role") or ""
            text = step.get("text") or ""
            if (
                item is None
                or not isinstance(role, str)
                or item["id"] in done
                or clock < int(item["arrives"])
                or step.get("action") not in ACTIONS
                or role not in roles | {""}
                or not isinstance(text, str)
            ):
                continue
            done.add(item["id"])
            action = str(step["action"])
            text = text[:MAX_TEXT] if action in WRITES else ""
            clean = {"step": "answer", "item": item["id"], "action": action, "role": role}
            clean |= {"text": text, "n": item["n"]}
        else:
            continue
        clock += cost(task, clean)
        out.append(clean | {"at": clock})
    return out


def summarise(task: Mapping[str, Any], steps: list[dict[str, Any]]) -> dict[str, Any]:
    """The draft for a log of steps: the steps, the clock and the answers by message id."""
    answers = {s["item"]: s for s in steps if s["step"] == "answer"}
    return {"steps": steps, "clock": steps[-1]["at"] if steps else 0, "answers": answers}


def desk_step(
    task: Mapping[str, Any], draft: Mapping[str, Any], form: Mapping[str, Any]
) -> tuple[dict[str, Any], str | None]:
    """One posted step: (the new draft, None) or (the old draft, an error code)."""
    steps = clean_steps(task, draft)
    desk = summarise(task, steps)
    if len(steps) >= MAX_STEPS:
        return desk, "shift.too-many-steps"
    kind = str(form.get("step") or "")
    if kind == "wait":
        step: dict[str, Any] = {"step": "wait"}
    elif kind == "answer":
        items = {i["id"]: i for i in task.get("items", [])}
        item = items.get(str(form.get("item") or ""))
        if item is None:
            return desk, "shift.unknown-item"
        if desk["clock"] < int(item["arrives"]):
            return desk, "shift.not-arrived"
        if item["id"] in desk["answers"]:
            return desk, "shift.answered"
        action = str(form.get("action") or "")
        role = str(form.get("role") or "")
        text = str(form.get("text") or "").strip()
        if action not in ACTIONS:
            return desk, "shift.no-action"
        if role not in {r["id"] for r in task.get("roles", [])} | {""}:
            return desk, "shift.unknown-role"
        if action == "escalate" and not role:
            return desk, "shift.escalate-role"
        if action in NEEDS_TEXT and not text:
            return desk, "shift.no-text"
        if action not in WRITES and text:
            return desk, "shift.text-not-sent"
        if len(text) > MAX_TEXT:
            return desk, "shift.too-long"
        step = {"step": "answer", "item": item["id"], "action": action, "role": role}
        step |= {"text": text, "n": item["n"]}
    else:
        return desk, "shift.unknown-step"
    step["at"] = desk["clock"] + cost(task, step)
    return summarise(task, [*steps, step]), None
