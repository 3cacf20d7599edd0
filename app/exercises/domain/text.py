"""Arabic-aware matching for scorers (curriculum.md §5.4); the stored text stays as typed.

Matching folds diacritics, tatweel, alef/yaa/taa-marbuta forms and Arabic-Indic digits
(app.content.normalize) and sets Latin fragments (hashtags, @handles, links) apart before
words are counted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from app.content.normalize import normalize

HASHTAG = re.compile(r"(?<![\w&])[#＃](\w+)", re.UNICODE)
HANDLE = re.compile(r"(?<![\w])@\w{1,30}")
LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
WORD = re.compile(r"[^\W_]+(?:[.,:٫][0-9]+)*", re.UNICODE)
# Emoji and pictographs (a run of them counts as one "emoji run").
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f1e6-\U0001f1ff]"
)


def fold(text: str) -> str:
    """The text folded for matching (never raises)."""
    return normalize(text or "")


def fragments(text: str) -> tuple[str, list[str]]:
    """(the text without hashtags, handles and links; those Latin-ish fragments)."""
    found: list[str] = []
    for pattern in (LINK, HASHTAG, HANDLE):
        found += [m.group(0) for m in pattern.finditer(text)]
        text = pattern.sub(" ", text)
    return text, found


def words(text: str) -> list[str]:
    """Folded words of the prose (hashtags, handles and links set apart first)."""
    return list(_words(text or ""))


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """words(), kept per text: a scorer reads the same message and reply many times."""
    prose, _ = fragments(text)
    return tuple(WORD.findall(fold(prose)))


def forget_words() -> None:
    """Drop the kept words (the bench times a scoring that meets its texts for the first time)."""
    _words.cache_clear()


def word_count(text: str) -> int:
    """How many words the prose has."""
    return len(words(text))


def contains_any(text: str, phrases: Iterable[str]) -> str | None:
    """The first phrase found in the text as whole words after folding, or None."""
    haystack = f" {' '.join(words(text))} "
    for phrase in phrases:
        needle = " ".join(words(phrase))
        if needle and f" {needle} " in haystack:
            return phrase
    return None


def trigrams(text: str) -> set[tuple[str, ...]]:
    """The set of word 3-grams of the prose."""
    w = words(text)
    return {tuple(w[i : i + 3]) for i in range(len(w) - 2)}


def overlap(a: str, b: str) -> float:
    """Word 3-gram overlap of two texts: shared ÷ the smaller set (0 when either is short)."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def longest_emoji_run(text: str) -> int:
    """The most emoji in a row (variation selectors and joiners don't break a run)."""
    best = run = 0
    for char in text or "":
        if EMOJI.match(char):
            if char not in "\ufe0f\u200d":
                run += 1
                best = max(best, run)
        elif not char.isspace():
            run = 0
    return best


def numbers(text: str) -> list[str]:
    """Numbers in the text, Arabic-Indic digits converted ("٤٥" → "45", "1,200" → "1200")."""
    folded = fold(text).replace("٬", "").replace("٫", ".")
    return [n.replace(",", "") for n in re.findall(r"\d+(?:[.,]\d+)*", folded)]
