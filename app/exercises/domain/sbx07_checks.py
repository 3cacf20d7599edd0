"""sbx-07 checks: guideline sections, the welcome post's open question, decisions against the
key and consistency with the learner's own rules (pure; each returns one CriterionScore)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from app.exercises.domain.engine import CriterionScore, Reason, share
from app.exercises.domain.sbx07_data import SECTIONS, SOFT, ModerationData
from app.exercises.domain.sbx07_form import NO_RULE
from app.exercises.domain.text import fragments, words

SECTION_POINTS, OPEN_POINTS, DECISION_POINTS, CONSISTENCY_POINTS = 25, 5, 50, 20
# "Near the end": at most this many words may follow the last question mark (a sign-off,
# an emoji line or hashtags are set apart before counting).
TAIL_WORDS = 6
QUESTION_MARKS = "?؟"
SENTENCE_END = re.compile(r"[.!؟?\n]")
PREFIXES = ("و", "ف")  # «وماذا», «فكيف»: a conjunction written onto the question word


def real_words(text: str, filler: tuple[str, ...]) -> list[str]:
    """Folded words that carry meaning: no filler words, no one-letter fragments."""
    skip = {w for entry in filler for w in words(entry)}
    return [w for w in words(text) if len(w) > 1 and w not in skip and not w.isdigit()]


def sections(submission: Mapping[str, Any], data: ModerationData) -> CriterionScore:
    """Each required section counts when it has enough real, varied words (an equal share)."""
    typed = submission.get("sections")
    typed = typed if isinstance(typed, Mapping) else {}
    reasons, filled = [], 0
    for section in SECTIONS:
        raw = str(typed.get(section) or "")
        found = real_words(raw, data.filler)
        values = {"section": section, "words": len(found), "min": data.min_words}
        if not words(raw):
            reasons.append(Reason("sections.empty", values, ok=False))
        elif len(found) < data.min_words:
            reasons.append(Reason("sections.short", values, ok=False))
        elif len(set(found)) < data.min_distinct:
            reasons.append(Reason("sections.repeated", values, ok=False))
        else:
            filled += 1
            reasons.append(Reason("sections.filled", values))
    points = share(SECTION_POINTS, filled, len(SECTIONS))
    return CriterionScore("guideline-sections", points, SECTION_POINTS, tuple(reasons))


def _has(found: list[str], phrases: tuple[str, ...]) -> str | None:
    """The first phrase whose folded words occur in a row in `found` (prefixes allowed)."""
    plain = [w[1:] if w[:1] in PREFIXES and len(w) > 2 else w for w in found]
    for phrase in phrases:
        needle = words(phrase)
        if not needle:
            continue
        for seq in (found, plain):
            for i in range(len(seq) - len(needle) + 1):
                if seq[i : i + len(needle)] == needle:
                    return phrase
    return None


def open_question(submission: Mapping[str, Any], data: ModerationData) -> CriterionScore:
    """The welcome post ends with a question, and that question is open (not yes/no only)."""
    text, _ = fragments(str(submission.get("welcome") or ""))
    last = max(text.rfind(m) for m in QUESTION_MARKS)
    if not words(text):
        why = Reason("welcome.empty", ok=False)
    elif last < 0:
        why = Reason("welcome.no-question", ok=False)
    elif len(words(text[last + 1 :])) > TAIL_WORDS:
        why = Reason("welcome.not-at-end", {"words": len(words(text[last + 1 :]))}, ok=False)
    else:
        starts = [m.end() for m in SENTENCE_END.finditer(text[:last])]
        question = words(text[(starts[-1] if starts else 0) : last])
        word = _has(question, data.open_words)
        if word:
            why = Reason("welcome.open", {"word": word})
        elif _has(question[:2], data.closed_starts):
            why = Reason("welcome.yes-no", ok=False)
        else:
            why = Reason("welcome.not-open", ok=False)
    points = OPEN_POINTS if why.ok else 0
    return CriterionScore("open-question", points, OPEN_POINTS, (why,))


def decisions(key: Sequence[Mapping[str, Any]], chosen: Mapping[str, Any]) -> CriterionScore:
    """Each comment's decision against its gold (resolved for the learner's rules) and matrix."""
    credit_sum, reasons = 0.0, []
    for gold in key:
        n = gold["n"]
        mine = chosen.get(gold["id"], {}).get("decision") or ""
        if not mine:
            reasons.append(Reason("decision.missing", {"comment": n}, ok=False))
            continue
        credit = 1.0 if mine == gold["gold"] else float(gold["credit"].get(mine, 0.0))
        credit_sum += credit
        values = {"comment": n, "decision": mine, "gold": gold["gold"]}
        if credit >= 1:
            reasons.append(Reason("decision.match", values))
        elif credit > 0:
            reasons.append(Reason("decision.partial", values | {"credit": round(credit, 2)}))
        else:
            reasons.append(Reason("decision.wrong", values, ok=False))
    points = share(DECISION_POINTS, credit_sum, len(key))
    return CriterionScore("decisions", points, DECISION_POINTS, tuple(reasons))


def _consistent(n: int, label: str, decision: str, cited: str, rules: Mapping[int, str]) -> Reason:
    """Whether one decision rests on a rule the learner wrote that fits the comment's label."""
    values: dict[str, Any] = {"comment": n, "label": label}
    if cited == NO_RULE:
        if decision not in SOFT:
            return Reason("consistency.action-without-rule", values | {"decision": decision}, False)
        covering = sorted(k for k, c in rules.items() if c == label)
        if covering:
            return Reason("consistency.rule-ignored", values | {"rule": covering[0]}, ok=False)
        return Reason("consistency.no-rule-needed", values)
    number = int(cited) if cited.isdigit() else 0
    if number not in rules:
        return Reason("consistency.never-written", values | {"rule": cited}, ok=False)
    if rules[number] != label:
        return Reason(
            "consistency.misfit", values | {"rule": number, "category": rules[number]}, ok=False
        )
    return Reason("consistency.fits", values | {"rule": number, "category": rules[number]})


def consistency(
    key: Sequence[Mapping[str, Any]], chosen: Mapping[str, Any], rules: Mapping[int, str]
) -> CriterionScore:
    """Each decision cites a rule the learner wrote whose category fits the comment's label
    (or no rule, for keeping or replying to a comment none of their rules covers)."""
    hits, reasons = 0, []
    for gold in key:
        mine = chosen.get(gold["id"], {})
        decision, cited = mine.get("decision") or "", str(mine.get("rule") or NO_RULE)
        if not decision:
            reasons.append(Reason("consistency.missing", {"comment": gold["n"]}, ok=False))
            continue
        reason = _consistent(gold["n"], gold["label"], decision, cited, rules)
        hits += reason.ok
        reasons.append(reason)
    points = share(CONSISTENCY_POINTS, hits, len(key))
    return CriterionScore("consistency", points, CONSISTENCY_POINTS, tuple(reasons))
