"""sbx-08 holding-statement checklist (com-4): acknowledge, known, doing, next update, no
speculation, no blame, within the word limit (pure).

"Known", "doing" and "next update" are the crisis key facts: a keyword of the matching fact
earns the item; the lexicon's general wording alone ("what we know so far") earns half, since
it promises content without giving it. Matching folds Arabic as the reply rubric does.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.inbox.domain.reply_text import Phrases, Text, find

PARTS = ("known", "doing", "next-update")
# Points of the 30 per item; speculation, blame and length only count for a written statement.
ITEMS = {
    "acknowledge": 5,
    "known": 5,
    "doing": 5,
    "next-update": 5,
    "no-speculation": 3,
    "no-blame": 3,
    "word-limit": 4,
}
HALF = 0.5


def read_statement(
    text: str,
    checklist: Mapping[str, Phrases],
    parts: Mapping[str, list[str]],
    word_limit: int,
) -> dict[str, float]:
    """Each item's share (0, 0.5 or 1) for one statement text."""
    found = Text.of(text)
    if not found.words:
        return dict.fromkeys(ITEMS, 0.0)
    shares = {"acknowledge": 1.0 if find(checklist["acknowledge"], found) else 0.0}
    for part in PARTS:
        if find(Phrases.of(parts.get(part, [])), found):
            shares[part] = 1.0
        elif find(checklist[part], found):
            shares[part] = HALF
        else:
            shares[part] = 0.0
    shares["no-speculation"] = 0.0 if find(checklist["speculation"], found) else 1.0
    shares["no-blame"] = 0.0 if find(checklist["blame"], found) else 1.0
    shares["word-limit"] = 1.0 if len(found.words) <= word_limit else 0.0
    return shares


def check_statement(
    text: str,
    checklist: Mapping[str, Phrases],
    parts: Mapping[str, list[str]],
    word_limit: int,
) -> dict[str, bool]:
    """Each item fully met or not (the data check holds model statements to every item)."""
    return {k: v >= 1 for k, v in read_statement(text, checklist, parts, word_limit).items()}


def words_in(text: str) -> int:
    """The statement's word count as the limit counts it."""
    return len(Text.of(text).words)
