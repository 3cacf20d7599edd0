"""Inbox items on the simulated clock, and the rubric's inputs built from a scenario (pure).

A bank message arrives on its `day` at a seeded minute between 08:00 and 22:00 (never before
the account started); its deadline is its own `sla_hours` after that.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from app.inbox.domain.promises import Concepts
from app.inbox.domain.reply_text import Phrases, Text
from app.inbox.domain.rubric import Context, Message
from app.sandbox.domain.engine import keyed_rng

FIRST_MINUTE = 8 * 60
LAST_MINUTE = 22 * 60
FOLLOW_UP_HOURS = 1  # a customer writes back an hour after a reply that earned it
FOLLOW_UP_POINTS = 60  # the reply's score that earns the customer's follow-up


def arrival(seed: int, started: datetime, message: Mapping[str, Any]) -> datetime:
    """When a bank message arrives in an account with this seed."""
    minute = _minute(seed, str(message.get("id")))
    day = started.replace(hour=0, minute=0) + timedelta(days=int(message.get("day") or 0))
    return max(started, day + timedelta(minutes=minute))


@functools.lru_cache(maxsize=8192)
def _minute(seed: int, message_id: str) -> int:
    """The message's seeded minute of the day (cached: every inbox page reads every message)."""
    return keyed_rng(seed, message_id, "arrive").randrange(FIRST_MINUTE, LAST_MINUTE)


def deadline(arrives_at: datetime, message: Mapping[str, Any]) -> datetime:
    """The moment the message's own response time runs out."""
    return arrives_at + timedelta(hours=float(message.get("sla_hours") or 24))


def hours_between(start: datetime, end: datetime) -> float:
    """Simulated hours from start to end (never negative)."""
    return max(0.0, (end - start).total_seconds() / 3600)


def fact_words(scenario: Mapping[str, Any], fact_ids: list[str]) -> tuple[str, ...]:
    """The keywords of the named brief facts."""
    by_id = {f.get("id"): f for f in scenario.get("facts") or []}
    return tuple(k for fid in fact_ids for k in (by_id.get(fid) or {}).get("keywords") or [])


def fact_text(scenario: Mapping[str, Any], fact_ids: list[str]) -> str:
    """The named brief facts' text in both languages."""
    by_id = {f.get("id"): f for f in scenario.get("facts") or []}
    texts = [(by_id.get(fid) or {}).get("text") or {} for fid in fact_ids]
    return "\n".join(f"{t.get('ar', '')}\n{t.get('en', '')}" for t in texts)


def message_for(
    scenario: Mapping[str, Any], m: Mapping[str, Any], channel: str | None = None
) -> Message:
    """A bank message (or a follow-up written like one) as the rubric reads it."""
    return Message(
        id=str(m.get("id", "")),
        kind=str(m.get("kind", "question")),
        expected=str(m.get("expected", "reply")),
        channel=channel or str(m.get("channel", "comment")),
        platform=str(m.get("platform", "instagram")),
        lang=str(m.get("lang", "ar")),
        text=str(m.get("text", "")),
        sla_hours=float(m.get("sla_hours") or 24),
        facts=fact_words(scenario, list(m.get("facts") or [])),
        key=tuple(str(k) for k in m.get("key") or []),
        escalate_to=str(m.get("escalate_to") or ""),
        fact_text=fact_text(scenario, list(m.get("facts") or [])),
        fact_ids=tuple(str(f) for f in m.get("facts") or []),
    )


def follow_up_of(parent: Mapping[str, Any]) -> dict[str, Any] | None:
    """The customer's follow-up as a message of its own (same author, language and platform)."""
    f = parent.get("follow_up")
    if not isinstance(f, Mapping):
        return None
    kind = "question" if parent.get("kind") == "praise" else parent.get("kind")
    return {
        **{k: parent.get(k) for k in ("author", "lang", "dialect", "platform", "severity")},
        "id": f"{parent.get('id')}-f",
        "kind": kind,
        "channel": "dm",
        "text": f.get("text", ""),
        "expected": f.get("expected", "reply"),
        "facts": list(f.get("facts") or []),
        "key": list(f.get("key") or []),
        "model_reply": f.get("model_reply") or {},
        "sla_hours": parent.get("sla_hours") or 24,
        "escalate_to": f.get("escalate_to", ""),
    }


@dataclass(frozen=True)
class ReplyInputs:
    """The reply data the rubric needs (ReplyData from app/inbox/domain/lexicons.py)."""

    lists: Mapping[str, tuple[str, ...]]
    credit: Mapping[str, Mapping[str, float]]
    bands: Mapping[str, Mapping[str, Any]]
    concepts: Concepts = field(default_factory=lambda: Concepts({}))


def brief_of(scenario: Mapping[str, Any]) -> str:
    """Every brief fact in both languages: offers and figures in replies must come from here."""
    parts = []
    for f in scenario.get("facts") or []:
        text = f.get("text") or {}
        parts += [str(text.get("ar", "")), str(text.get("en", ""))]
    return "\n".join(parts)


def context_for(scenario: Mapping[str, Any], data: ReplyInputs) -> Context:
    """The rubric's context for one scenario: compiled lexicons, voice and brief."""
    brief = brief_of(scenario)
    voice = scenario.get("voice") or {}
    return Context(
        lists={name: Phrases.of(phrases) for name, phrases in data.lists.items()},
        credit=data.credit,
        bands=data.bands,
        banned=Phrases.of(voice.get("banned") or []),
        brief=brief,
        brief_text=Text.of(brief),
        concepts=data.concepts,
        keys={
            str(m.get("id")): Phrases.of(m.get("key") or [])
            for m in scenario.get("inbox") or []
            if m.get("key")
        },
    )
