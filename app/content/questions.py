"""Question types: one small class per type in one registry; grading is pure.

A response is what the learner chose, by stable ids (never by display position), so the
order in which choices were shown can never change a grade.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, ClassVar

from app.content.normalize import normalize, parse_number

LEVELS = ("K", "A", "J")


@dataclass(frozen=True)
class QuizItem:
    """One question from a bank, with its type-specific fields in `spec`."""

    id: str
    track: str
    lesson: str
    type: str
    level: str
    skills: tuple[str, ...]
    stem: Mapping[str, str]
    rationale: Mapping[str, str]
    spec: Mapping[str, Any] = field(default_factory=dict)
    diagnostic: bool = False
    review: bool = False
    file: str = ""
    line: int = 0

    def text(self, what: str, lang: str) -> str:
        """Stem or rationale in `lang`, falling back to the other language."""
        values = self.stem if what == "stem" else self.rationale
        return values.get(lang) or next((v for v in values.values() if v), "")


def label(entry: Mapping[str, Any], lang: str) -> str:
    """An option or pair label in `lang`, falling back to the other language."""
    return str(entry.get(lang) or entry.get("en") or entry.get("ar") or "")


def arrow(lang: str) -> str:
    """The "leads to" arrow between two labels, pointing the way `lang` is read."""
    return " ← " if lang == "ar" else " → "


class QuestionType:
    """Base class: subclasses validate their fields and grade a response in [0, 1]."""

    key: ClassVar[str] = ""

    def check(self, raw: Mapping[str, Any]) -> list[str]:
        """Return problems with the type-specific fields."""
        return []

    def grade(self, item: QuizItem, response: Any) -> float:
        """Score a response between 0 and 1."""
        raise NotImplementedError

    def answer_text(self, item: QuizItem, lang: str) -> str:
        """The correct answer, written out for the result page."""
        raise NotImplementedError


REGISTRY: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    """Add a question type to the registry under its key."""
    REGISTRY[cls.key] = cls()
    return cls


def option_ids(raw: Mapping[str, Any]) -> list[str]:
    """Ids of the options of an item."""
    return [str(o.get("id")) for o in raw.get("options") or [] if isinstance(o, Mapping)]


def options_text(item: QuizItem, ids: Sequence[str], lang: str) -> str:
    """Labels of the given option ids, joined."""
    by_id = {str(o["id"]): o for o in item.spec.get("options", [])}
    separator = "، " if lang == "ar" else "; "
    return separator.join(label(by_id[i], lang) for i in ids if i in by_id)


def as_list(response: Any) -> list[Any]:
    """A response as a list of choices (a lone string is one choice; others are none)."""
    if isinstance(response, str):
        return [response]
    return list(response) if isinstance(response, list | tuple) else []


def clamp(value: float) -> float:
    """Keep a score within [0, 1]."""
    return max(0.0, min(1.0, float(value)))


@register
class SingleChoice(QuestionType):
    """One best option; optional partial weights for near-misses."""

    key = "single"

    def check(self, raw: Mapping[str, Any]) -> list[str]:
        """The answer must be one of the options."""
        ids = option_ids(raw)
        problems = [] if len(ids) >= 2 else ["needs at least 2 options"]
        if str(raw.get("answer")) not in ids:
            problems.append(f"answer {raw.get('answer')!r} is not an option id")
        for key in raw.get("weights") or {}:
            if str(key) not in ids:
                problems.append(f"weight for unknown option {key!r}")
        return problems

    def grade(self, item: QuizItem, response: Any) -> float:
        """Full credit for the answer, the option's weight otherwise."""
        choice = str(response) if response is not None else ""
        if choice == str(item.spec.get("answer")):
            return 1.0
        weights = item.spec.get("weights") or {}
        return clamp(weights.get(choice, 0.0))

    def answer_text(self, item: QuizItem, lang: str) -> str:
        """The correct option's label."""
        return options_text(item, [str(item.spec.get("answer"))], lang)


@register
class MultipleResponse(QuestionType):
    """Several right options: (right picks − wrong picks) ÷ right options, floored at 0."""

    key = "multiple"

    def check(self, raw: Mapping[str, Any]) -> list[str]:
        """The answer is a non-empty list of option ids."""
        ids = option_ids(raw)
        answer = raw.get("answer")
        if not isinstance(answer, list) or not answer:
            return ["answer must be a non-empty list of option ids"]
        return [f"answer {a!r} is not an option id" for a in answer if str(a) not in ids]

    def grade(self, item: QuizItem, response: Any) -> float:
        """Partial credit with a penalty for wrong picks."""
        right = {str(a) for a in item.spec.get("answer", [])}
        valid = {str(o["id"]) for o in item.spec.get("options", [])}
        picked = {str(r) for r in as_list(response)} & valid
        if not right:
            return 0.0
        return clamp((len(picked & right) - len(picked - right)) / len(right))

    def answer_text(self, item: QuizItem, lang: str) -> str:
        """All right options' labels."""
        return options_text(item, [str(a) for a in item.spec.get("answer", [])], lang)


@register
class TrueFalse(QuestionType):
    """True or false."""

    key = "truefalse"

    def check(self, raw: Mapping[str, Any]) -> list[str]:
        """The answer is a boolean."""
        return [] if isinstance(raw.get("answer"), bool) else ["answer must be true or false"]

    def grade(self, item: QuizItem, response: Any) -> float:
        """1 when the response matches."""
        value = {"true": True, "false": False}.get(str(response).lower())
        return 1.0 if value is not None and value == item.spec.get("answer") else 0.0

    def answer_text(self, item: QuizItem, lang: str) -> str:
        """صحيح/خطأ or True/False."""
        yes = item.spec.get("answer")
        return ("صحيح" if yes else "خطأ") if lang == "ar" else ("True" if yes else "False")


def accepted(raw: Mapping[str, Any], key: str) -> list[str]:
    """Problems with an `accept` list whose entries need `key` or a range."""
    entries = raw.get("accept")
    if not isinstance(entries, list) or not entries:
        return ["accept must list at least one accepted answer"]
    problems = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            problems.append("each accepted answer is a mapping")
        elif key == "text" and not str(entry.get("text", "")).strip():
            problems.append("an accepted answer has no text")
        elif key == "value" and "value" not in entry and not ("min" in entry and "max" in entry):
            problems.append("an accepted number needs value (and tolerance) or min and max")
    return problems


@register
class ShortText(QuestionType):
    """Typed text compared after Arabic-aware normalisation; best weight wins."""

    key = "short"

    def check(self, raw: Mapping[str, Any]) -> list[str]:
        """At least one accepted text."""
        return accepted(raw, "text")

    def grade(self, item: QuizItem, response: Any) -> float:
        """The weight of the best accepted text that matches."""
        typed = normalize(str(response or ""))
        if not typed:
            return 0.0
        weights = [
            float(a.get("weight", 1.0))
            for a in item.spec.get("accept", [])
            if normalize(str(a.get("text", ""))) == typed
        ]
        return clamp(max(weights, default=0.0))

    def answer_text(self, item: QuizItem, lang: str) -> str:
        """The accepted texts with full credit."""
        full = [
            str(a["text"]) for a in item.spec.get("accept", []) if float(a.get("weight", 1)) >= 1
        ]
        return " / ".join(full)


@register
class Numeric(QuestionType):
    """A number within a tolerance or a range; several weighted answers allowed."""

    key = "numeric"

    def check(self, raw: Mapping[str, Any]) -> list[str]:
        """Accepted values or ranges."""
        return accepted(raw, "value")

    def grade(self, item: QuizItem, response: Any) -> float:
        """The best weight whose range contains the number."""
        number = parse_number(str(response or ""))
        if number is None:
            return 0.0
        best = 0.0
        for a in item.spec.get("accept", []):
            if "min" in a:
                low, high = float(a["min"]), float(a["max"])
            else:
                tol = abs(float(a.get("tolerance", 0)))
                low, high = float(a["value"]) - tol, float(a["value"]) + tol
            if low - 1e-9 <= number <= high + 1e-9:
                best = max(best, float(a.get("weight", 1.0)))
        return clamp(best)

    def answer_text(self, item: QuizItem, lang: str) -> str:
        """The full-credit value or range."""
        for a in item.spec.get("accept", []):
            if float(a.get("weight", 1)) >= 1:
                if "min" in a:
                    return f"{a['min']}–{a['max']}"
                tol = a.get("tolerance")
                return f"{a['value']}" + (f" ± {tol}" if tol else "")
        return ""


@register
class Ordering(QuestionType):
    """Put options in order; partial credit counts adjacent pairs in the right order."""

    key = "ordering"

    def check(self, raw: Mapping[str, Any]) -> list[str]:
        """The answer orders every option exactly once."""
        ids = option_ids(raw)
        answer = [str(a) for a in raw.get("answer") or []]
        if len(ids) < 2 or sorted(answer) != sorted(ids):
            return ["answer must list every option id exactly once"]
        return []

    def grade(self, item: QuizItem, response: Any) -> float:
        """1 when exact; else the share of right adjacent pairs (with partial credit)."""
        answer = [str(a) for a in item.spec.get("answer", [])]
        given = [str(r) for r in as_list(response) if str(r) in answer]
        if given == answer:
            return 1.0
        if not item.spec.get("partial_credit") or len(answer) < 2:
            return 0.0
        position = {opt: i for i, opt in enumerate(given)}
        good = sum(
            1
            for a, b in pairwise(answer)
            if a in position and b in position and position[a] < position[b]
        )
        return clamp(good / (len(answer) - 1))

    def answer_text(self, item: QuizItem, lang: str) -> str:
        """The options in the right order."""
        return arrow(lang).join(
            label(next(o for o in item.spec["options"] if str(o["id"]) == a), lang)
            for a in item.spec.get("answer", [])
        )


@register
class Matching(QuestionType):
    """Match each left item to its right item; partial credit per pair."""

    key = "matching"

    def check(self, raw: Mapping[str, Any]) -> list[str]:
        """At least two pairs with ids, left and right."""
        pairs = raw.get("pairs")
        if not isinstance(pairs, list) or len(pairs) < 2:
            return ["matching needs at least 2 pairs"]
        ids = [str(p.get("id")) for p in pairs if isinstance(p, Mapping)]
        problems = [] if len(set(ids)) == len(pairs) else ["pair ids must be unique"]
        for p in pairs:
            if not isinstance(p, Mapping) or not p.get("left") or not p.get("right"):
                problems.append("each pair needs id, left and right")
        return problems

    def grade(self, item: QuizItem, response: Any) -> float:
        """Share of pairs matched (all or nothing without partial credit)."""
        pairs = [str(p["id"]) for p in item.spec.get("pairs", [])]
        chosen = response if isinstance(response, Mapping) else {}
        right = sum(1 for pid in pairs if str(chosen.get(pid, "")) == pid)
        if not pairs:
            return 0.0
        if right == len(pairs):
            return 1.0
        return clamp(right / len(pairs)) if item.spec.get("partial_credit") else 0.0

    def answer_text(self, item: QuizItem, lang: str) -> str:
        """Each left item with its right item."""
        return "; ".join(
            f"{label(p['left'], lang)}{arrow(lang)}{label(p['right'], lang)}"
            for p in item.spec.get("pairs", [])
        )


def grade(item: QuizItem, response: Any) -> float:
    """Grade any item with its type (pure; unknown types score 0)."""
    kind = REGISTRY.get(item.type)
    return kind.grade(item, response) if kind else 0.0
