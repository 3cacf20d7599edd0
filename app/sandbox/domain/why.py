"""Reading a post's stored factors for the why panel: the kind of each and what it names (pure).

factors.py writes each reason as a compact code ("online=0.85", "ramadan-2027@21:00",
"latte-art-fails:in-window", rule ids); this module turns it back into a kind and its
arguments so the panel can say it in the learner's words. KINDS lists every kind
factors.py and the engine produce: a test simulates posts until each one appears, so a new
kind cannot reach the page unexplained.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = frozenset(
    {
        "base_reach",
        "time",
        "fit:pillar",
        "fit:none",
        "calendar:none",
        "calendar:event",
        "calendar:window",
        "quality:none",
        "quality:warnings",
        "voice:none",
        "voice:banned",
        "trend:none",
        "trend:in-window",
        "trend:stale",
        "trend:high-risk",
        "fatigue:none",
        "fatigue:recent",
        "chance",
    }
)
TREND_STATES = ("in-window", "stale", "high-risk")


@dataclass(frozen=True)
class Reason:
    """One stored factor read back: its kind, the ids or words it names, a share or a count."""

    kind: str
    names: tuple[str, ...] = ()
    number: float = 0.0


def split_list(reason: str) -> tuple[str, ...]:
    """The items of a ", "-joined reason (rule ids, voice-chart words)."""
    return tuple(item.strip() for item in reason.split(", ") if item.strip())


def read_reason(name: str, reason: str) -> Reason:
    """The kind of one stored factor and what its reason names ("unknown:…" if unrecognised)."""
    simple = {"base_reach": "base_reach", "chance": "chance"}
    if name in simple:
        return Reason(simple[name])
    if name == "time":
        key, _, share = reason.partition("=")
        try:
            return (
                Reason("time", number=float(share)) if key == "online" else Reason("unknown:time")
            )
        except ValueError:
            return Reason("unknown:time")
    if name == "fit":
        return Reason("fit:pillar", (reason,)) if reason else Reason("fit:none")
    if name == "calendar":
        event, _, start = reason.partition("@")
        if not event:
            return Reason("calendar:none")
        return (
            Reason("calendar:window", (event, start))
            if start
            else Reason("calendar:event", (event,))
        )
    if name in ("quality", "voice"):
        items = split_list(reason)
        tag = "warnings" if name == "quality" else "banned"
        return Reason(f"{name}:{tag}", items) if items else Reason(f"{name}:none")
    if name == "trend":
        if not reason:
            return Reason("trend:none")
        trend, _, state = reason.rpartition(":")
        return (
            Reason(f"trend:{state}", (trend,)) if state in TREND_STATES else Reason("unknown:trend")
        )
    if name == "fatigue":
        count = int(reason) if reason.isdigit() else 0
        return Reason("fatigue:recent", number=count) if count else Reason("fatigue:none")
    return Reason(f"unknown:{name}")
