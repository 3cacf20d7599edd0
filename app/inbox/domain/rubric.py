"""The reply rubric of sandbox.md ("Inbox"): eight criteria, 0–3 each, weights summing to 100.

| criterion   | weight | judges                                                        |
|-------------|--------|---------------------------------------------------------------|
| triage      | 15     | the action against the message's key (partial-credit matrix)  |
| timeliness  | 15     | the reply's time against the message's own deadline           |
| empathy     | 15     | names the specific issue; apology, empathy or thanks          |
| accuracy    | 15     | the message's brief facts; no invented offer; no stray figure |
| resolution  | 15     | a concrete next step (and when)                               |
| channel     | 10     | no personal data asked in public; private when needed; ≤ 2    |
| voice       | 10     | the voice chart's banned phrases, length band, language       |
| escalation  | 5      | the right role; no personal data shown                        |

When the right action is not a reply (hide a troll, no reply to spam), the criteria that judge
reply text (empathy, accuracy, resolution, voice) do not apply, and neither does timeliness
when the right action is to do nothing: the score is taken over the weights that apply
(triage 15 + timeliness 15 + channel 10 + escalation 5 = 45, or 30 without timeliness),
scaled to 100. Resolution does not apply to praise (nothing to resolve).

Rules that keep the rubric honest (sandbox.md):
- a hard fail (safety report not escalated, personal data asked for in public, legitimate
  criticism deleted or its author blocked) forces the score to at most HARD_FAIL_CAP;
- a reply with none of the message's facts, no next step and no move to private is an
  acknowledgement, not an answer: no triage or timeliness credit, and the deadline still runs;
- sarcasm, dismissal, blaming the customer or an offer the brief does not contain cap the score
  at NAMED_FAILURE_CAP; a reply in another language than the customer's, at LANGUAGE_CAP.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.inbox.domain.promises import Concepts
from app.inbox.domain.reply_text import (
    Phrases,
    Text,
    backed,
    count,
    find,
    unknown_figures,
)

WEIGHTS = {
    "triage": 15,
    "timeliness": 15,
    "empathy": 15,
    "accuracy": 15,
    "resolution": 15,
    "channel": 10,
    "voice": 10,
    "escalation": 5,
}
TEXT_CRITERIA = ("empathy", "accuracy", "resolution", "voice")
REPLY_EXPECTED = ("reply", "reply-then-dm", "dm", "escalate", "forward")
TEXT_ACTIONS = ("reply", "private", "escalate", "forward")
PRIVATE_NEEDED = ("reply-then-dm", "dm")
PUBLIC_CHANNELS = ("comment", "mention")
CARING = ("complaint", "safety", "misinformation")
HARD_FAIL_CAP = 10
NAMED_FAILURE_CAP = 39
LANGUAGE_CAP = 69


@dataclass(frozen=True)
class Message:
    """One inbox message as the rubric needs it (from the scenario's bank)."""

    id: str
    kind: str
    expected: str
    channel: str
    platform: str
    lang: str
    text: str
    sla_hours: float
    facts: tuple[str, ...] = ()  # the keywords of the message's brief facts
    key: tuple[str, ...] = ()  # the specific issue's terms
    escalate_to: str = ""
    fact_text: str = ""  # the message's brief facts in both languages (what it may promise)
    fact_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reply:
    """What the learner did: the action, the text, the role, when, and the thread so far."""

    action: str
    text: str = ""
    role: str = ""
    elapsed_hours: float | None = None  # None: never answered
    earlier_public: int = 0  # public replies the learner already made in this thread


@dataclass(frozen=True)
class Context:
    """The scenario and the rubric's data: compiled lexicons, matrix, bands, voice, brief."""

    lists: Mapping[str, Phrases]
    credit: Mapping[str, Mapping[str, float]]
    bands: Mapping[str, Mapping[str, Any]]
    banned: Phrases
    brief: str  # every brief fact in both languages (offers and figures must come from it)
    brief_text: Text
    # The key terms of every message in the scenario: a reply that names another message's
    # issue but not this one's is an answer copied from elsewhere.
    keys: Mapping[str, Phrases] = field(default_factory=dict)
    concepts: Concepts = field(default_factory=lambda: Concepts({}))
    same_language: bool = True


@dataclass
class Criterion:
    """One criterion's level (0–3), weight, whether it applies, and why."""

    id: str
    level: int = 3
    applies: bool = True
    reasons: list[str] = field(default_factory=list)

    def cap(self, level: int, reason: str) -> None:
        """Lower the level to at most `level`, noting why."""
        if level < self.level:
            self.level = level
        self.reasons.append(reason)


@dataclass(frozen=True)
class ReplyScore:
    """The reply's points (0–100), its criteria, hard fails and caps."""

    points: int
    criteria: tuple[Criterion, ...]
    hard_fails: tuple[str, ...]
    caps: tuple[str, ...]
    answered: bool  # False: an acknowledgement, not an answer (the deadline still runs)

    def as_json(self) -> dict[str, Any]:
        """The score as stored with the reply."""
        return {
            "points": self.points,
            "criteria": [
                {"id": c.id, "level": c.level, "applies": c.applies, "reasons": c.reasons}
                for c in self.criteria
            ],
            "hard_fails": list(self.hard_fails),
            "caps": list(self.caps),
            "answered": self.answered,
        }


@dataclass(frozen=True)
class Reading:
    """What the rubric found in the reply text once."""

    text: Text
    facts: bool
    key: bool
    next_step: bool
    when: bool
    private: bool
    tone: bool
    thanks: bool
    apologies: int
    named: tuple[str, ...]  # sarcasm, dismissal, blame found
    filler: bool
    invented: tuple[str, ...]
    figures: tuple[str, ...]
    elsewhere: bool  # names another message's issue, not this one's


def read(message: Message, reply: Reply, ctx: Context) -> Reading:
    """Read the reply's text against the message and the lexicons."""
    text = Text.of(reply.text)
    lists = ctx.lists
    named = tuple(n for n in ("sarcasm", "dismissal", "blame") if find(lists[n], text))
    # Offers the message's facts make, or the customer raised («استبدلت» → «الاستبدال»).
    offers = ctx.concepts.of(message.fact_text) | ctx.concepts.of(message.text)
    invented = tuple(
        p
        for p in find(lists["promise"], text)
        if not ((kinds := ctx.concepts.of(p)) and kinds <= offers)
        and not (not kinds and backed(p, ctx.brief_text))
    )
    key = bool(find(Phrases.of(message.key), text))
    # Two terms of another message's issue (one could be a word every reply uses).
    elsewhere = (
        bool(message.key)
        and not key
        and any(
            len(set(find(phrases, text))) >= 2
            for mid, phrases in ctx.keys.items()
            if mid != message.id
        )
    )
    return Reading(
        text=text,
        facts=bool(find(Phrases.of(message.facts), text)),
        key=key,
        next_step=bool(find(lists["next_step"], text)),
        when=bool(find(lists["time"], text)),
        private=bool(find(lists["private"], text)),
        tone=bool(find(lists["empathy"], text) or find(lists["apology"], text)),
        thanks=bool(find(lists["thanks"], text)),
        apologies=count(lists["apology"], text),
        named=named,
        filler=bool(find(lists["filler"], text)),
        invented=invented,
        figures=tuple(unknown_figures(reply.text, f"{ctx.brief}\n{message.text}")),
        elsewhere=elsewhere,
    )
