"""sbx-09 "Trend desk": the seeded task, the desk as the learner sees it, and one step (pure).

The draft is the desk's log: every decision or concept is a step stamped with the desk time
`at` it finished (the clock is the sum of the steps' minutes). The current decision on a card
is its last decision step; the concept is the last concept step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain.engine import Variant
from app.exercises.domain.sbx09_data import CHOICES, DeskData
from app.sandbox.domain.platforms import FORMATS, PLATFORMS

SHOWN = 6  # cards on the desk
MAX_STEPS = 80  # a desk log long enough for every card twice over, and no longer
CAPS = {"tie_in": 300, "cta": 300, "caption": 2200}
SPARK = "▁▂▃▄▅▆▇█"
ALL_FORMATS = tuple(sorted({f for fs in FORMATS.values() for f in fs}))


def spark(curve: list[int]) -> str:
    """A text sparkline of mentions by day."""
    top = max(curve) or 1
    return "".join(SPARK[min(7, v * 8 // (top + 1))] for v in curve)


def build_task(data: DeskData, variant: Variant) -> dict[str, Any]:
    """Six cards for the variant: the model and late cards plus four drawn, in a drawn order."""
    deck = data.brands[variant.brand]
    cards = deck["cards"]
    model = deck["model"]["card"]
    late = next(cid for cid, c in cards.items() if c.get("late"))
    rng = variant.rng("cards")
    others = sorted(cid for cid in cards if cid not in (model, late))
    rng.shuffle(others)
    drawn = others[: SHOWN - 2]
    chosen = [model, late, *drawn]
    rng.shuffle(chosen)
    expiring: dict[str, int] = {}
    flags_after = None
    if variant.hard:
        hard_rng = variant.rng("hard")
        # Two cards close early; the model card stays open so a strong run can reach it.
        for cid, at in zip(hard_rng.sample(sorted(drawn), 2), data.hard["expire_at"], strict=True):
            expiring[cid] = int(at)
        low, high = data.hard["flags_after"]
        flags_after = hard_rng.randint(int(low), int(high))
    shown = []
    for n, cid in enumerate(chosen, start=1):
        card = cards[cid]
        ends = expiring.get(cid, int(card["ends"]))
        hidden = variant.hard and bool(card.get("late"))
        shown.append(
            {
                "id": cid,
                "n": n,
                "type": card["type"],
                "title": dict(card["title"]),
                "summary": dict(card["summary"]),
                "origin": None if hidden else dict(card["origin"]),
                "late_origin": dict(card["origin"]) if hidden else None,
                "platforms": list(card["platforms"]),
                "curve": list(card["curve"]),
                "spark": spark(list(card["curve"])),
                "age": int(card["age"]),
                "peak": min(int(card["peak"]), max(0, ends - 30)),
                "ends": ends,
                "expires": cid in expiring,
                "licensing": card["licensing"],
                "flags": [] if hidden else list(card["flags"]),
                "late_flags": list(card["flags"]) if hidden else [],
            }
        )
    return {
        "brand": variant.brand,
        "minutes": dict(data.minutes),
        "cards": shown,
        "flags_after": flags_after,
        "tags": list(data.labels["tags"]),
        "labels": {k: {i: dict(v) for i, v in data.labels[k].items()} for k in data.labels},
    }


def clean_steps(task: Mapping[str, Any], draft: Any) -> list[dict[str, Any]]:
    """The draft's steps that are well formed (anything else is dropped, never raised on)."""
    steps = draft.get("steps") if isinstance(draft, Mapping) else None
    if not isinstance(steps, list):
        return []
    ids = {c["id"] for c in task.get("cards", [])}
    tags = set(task.get("tags", []))
    out: list[dict[str, Any]] = []
    count = 0
    for step in steps[:MAX_STEPS]:
        if not isinstance(step, Mapping) or step.get("card") not in ids:
            continue
        at = step.get("at")
        if not isinstance(at, int) or isinstance(at, bool):
            continue
        if step.get("step") == "decision" and step.get("choice") in CHOICES:
            raw_tags = step.get("tags")
            chosen = raw_tags if isinstance(raw_tags, list) else []
            count += 1  # decisions are numbered by their place in the log
            out.append(
                {
                    "step": "decision",
                    "card": step["card"],
                    "choice": step["choice"],
                    "tags": [t for t in chosen if t in tags],
                    "at": at,
                    "n": count,
                }
            )
        elif step.get("step") == "concept":
            out.append(
                {k: str(step.get(k) or "")[:cap] for k, cap in CAPS.items()}
                | {k: str(step.get(k) or "") for k in ("step", "card", "platform", "format")}
                | {"at": at}
            )
    return out


def summarise(task: Mapping[str, Any], steps: list[dict[str, Any]]) -> dict[str, Any]:
    """The draft for a log of steps: clock, current decisions, the concept, decisions made."""
    minutes = task.get("minutes", {})
    clock = sum(int(minutes.get(s["step"], 0)) for s in steps)
    decisions = {s["card"]: s for s in steps if s["step"] == "decision"}
    concepts = [s for s in steps if s["step"] == "concept"]
    count = sum(1 for s in steps if s["step"] == "decision")
    return {
        "steps": steps,
        "clock": clock,
        "decisions": decisions,
        "concept": concepts[-1] if concepts else None,
        "count": count,
    }


def revealed(task: Mapping[str, Any], count: int) -> bool:
    """Whether the late flags show after `count` decisions."""
    after = task.get("flags_after")
    return after is None or count >= int(after)


def desk_view(task: Mapping[str, Any], draft: Any) -> dict[str, Any]:
    """The desk as the learner sees it now: clock, cards with the flags shown, what is open."""
    desk = summarise(task, clean_steps(task, draft))
    show_late = revealed(task, desk["count"])
    cards = []
    for card in task.get("cards", []):
        seen = dict(card)
        if show_late and card.get("late_flags"):
            seen["flags"] = list(card["flags"]) + list(card["late_flags"])
            seen["origin"] = card.get("late_origin")
            seen["flag_after"] = task.get("flags_after")
        seen.pop("late_flags", None)
        seen.pop("late_origin", None)
        seen["open"] = desk["clock"] < int(card["ends"])
        seen["decision"] = desk["decisions"].get(card["id"])
        cards.append(seen)
    return desk | {"cards": cards}


def _many(form: Any, name: str) -> list[str]:
    """Every value posted under a name (a MultiDict or a plain mapping of lists)."""
    getlist = getattr(form, "getlist", None)
    if callable(getlist):
        values = getlist(name)
    else:
        value = form.get(name) if isinstance(form, Mapping) else None
        values = value if isinstance(value, list) else [value] if value else []
    return [str(v) for v in values][:20]


def desk_step(
    task: Mapping[str, Any], draft: Mapping[str, Any], form: Mapping[str, Any]
) -> tuple[dict[str, Any], str | None]:
    """One posted step: (the new draft, None) or (the old draft, an error code)."""
    steps = clean_steps(task, draft)
    desk = summarise(task, steps)
    if len(steps) >= MAX_STEPS:
        return desk, "desk.too-many-steps"
    cards = {c["id"]: c for c in task.get("cards", [])}
    card = cards.get(str(form.get("card") or ""))
    kind = str(form.get("step") or "")
    if kind not in ("decision", "concept"):
        return desk, "desk.unknown-step"
    if card is None:
        return desk, "desk.unknown-card" if kind == "decision" else "desk.concept-card"
    if desk["clock"] >= int(card["ends"]):
        return desk, "desk.card-closed"
    minutes = task.get("minutes", {})
    at = desk["clock"] + int(minutes.get(kind, 0))
    if kind == "decision":
        choice = str(form.get("choice") or "")
        if choice not in CHOICES:
            return desk, "desk.no-choice"
        known = task.get("tags", [])
        tags = [t for t in known if t in set(_many(form, "tags"))]
        if not tags:
            return desk, "desk.no-tags"
        step = {"step": "decision", "card": card["id"], "choice": choice, "tags": tags, "at": at}
        step["n"] = desk["count"] + 1
    else:
        standing = desk["decisions"].get(card["id"])
        if not standing or standing["choice"] != "go":
            return desk, "desk.concept-card"
        platform, fmt = str(form.get("platform") or ""), str(form.get("format") or "")
        if platform not in PLATFORMS:
            return desk, "desk.no-platform"
        if fmt not in ALL_FORMATS:
            return desk, "desk.no-format"
        texts = {k: str(form.get(k) or "").strip()[:cap] for k, cap in CAPS.items()}
        if not texts["caption"]:
            return desk, "desk.no-caption"
        step = {"step": "concept", "card": card["id"], "platform": platform, "format": fmt}
        step |= texts | {"at": at}
    return summarise(task, [*steps, step]), None
