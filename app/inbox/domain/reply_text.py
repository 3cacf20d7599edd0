"""What the reply rubric reads in a reply: lexicon phrases, personal data, language, figures.

Matching folds Arabic as curriculum.md §5.4 says (app.exercises.domain.text); the stored text
stays as typed. A phrase matches whole words; a conjunction written onto a word («وآسفين»,
«فنعتذر») still matches, because Arabic writes «و» and «ف» onto the next word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.exercises.domain.text import fragments, numbers, overlap, words

SENTENCE = re.compile(r"[.!?؟\n؛;،]+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
LONG_DIGITS = re.compile(r"(?:\d[\s-]?){8,}")  # a phone or card number written out
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")
CONJUNCTIONS = ("و", "ف")
ARTICLES = ("بال", "لل", "ال")  # «بالتقرير», «للتقرير», «التقرير» all name «تقرير»


def _alt(word: str) -> str:
    """The word without a conjunction or the article written onto it («والتقرير» → «تقرير»)."""
    if len(word) > 3 and word[0] in CONJUNCTIONS:
        word = word[1:]
    for article in ARTICLES:
        if word.startswith(article) and len(word) > len(article) + 2:
            return word[len(article) :]
    return word


@dataclass(frozen=True)
class Phrases:
    """A list of phrases folded once, ready to be looked for in many replies."""

    raw: tuple[str, ...]
    needles: tuple[str, ...]
    alt_needles: tuple[str, ...]

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Phrases:
        """Fold each phrase into a space-delimited needle (empty ones dropped)."""
        raw = tuple(p for p in phrases if isinstance(p, str))
        folded = [w for w in (words(p) for p in raw) if w]
        needles = tuple(f" {' '.join(w)} " for w in folded)
        alt = tuple(f" {' '.join(_alt(x) for x in w)} " for w in folded)
        return cls(raw, needles, alt)


@dataclass(frozen=True)
class Text:
    """A text as the rubric reads it: words, two haystacks, sentences, language."""

    plain: str
    words: tuple[str, ...]
    hay: str
    alt: str
    sentences: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, text: str) -> Text:
        """Read a text once (never raises)."""
        text = text or ""
        found = tuple(words(text))
        sentences = []
        for part in SENTENCE.split(text):
            w = words(part)
            if w:
                sentences.append((f" {' '.join(w)} ", f" {' '.join(_alt(x) for x in w)} "))
        return cls(
            text,
            found,
            f" {' '.join(found)} ",
            f" {' '.join(_alt(x) for x in found)} ",
            tuple(sentences),
        )


def find(phrases: Phrases, text: Text) -> list[str]:
    """Every needle of the list found in the text (as folded words)."""
    return [
        n.strip()
        for n, a in zip(phrases.needles, phrases.alt_needles, strict=True)
        if n in text.hay or a in text.alt
    ]


def count(phrases: Phrases, text: Text) -> int:
    """How many times phrases of the list occur in the text (repeats counted)."""
    return sum(
        max(text.hay.count(n), text.alt.count(a))
        for n, a in zip(phrases.needles, phrases.alt_needles, strict=True)
    )


def _in(phrases: Phrases, hay: tuple[str, str]) -> bool:
    """Whether one sentence's haystacks hold any phrase of the list."""
    return any(
        n in hay[0] or a in hay[1]
        for n, a in zip(phrases.needles, phrases.alt_needles, strict=True)
    )


def backed(phrase: str, source: Text) -> bool:
    """Whether every longer word of a phrase has a word of the same stem in the source.

    "refunded" is backed by a brief that says "refund", «مجانية» by «مجانًا»; a four-letter
    prefix stands in for the stem, which is enough to tell an offer the brief makes from one
    it never mentions.
    """
    have = {w[:4] for w in source.alt.split() if len(w) >= 4}
    return all(_alt(w)[:4] in have for w in phrase.split() if len(_alt(w)) >= 4)


def asks_personal_data(text: Text, lists: Mapping[str, Phrases]) -> bool:
    """Whether a sentence asks for personal data without sending the customer to private."""
    return any(
        _in(lists["personal_data"], s) and _in(lists["request"], s) and not _in(lists["private"], s)
        for s in text.sentences
    )


def shows_personal_data(text: str) -> bool:
    """Whether the text itself carries an email address or a long number (phone, card)."""
    prose = EMAIL.sub(" @ ", text or "")
    return bool(EMAIL.search(text or "")) or bool(LONG_DIGITS.search(prose))


def language_of(text: str) -> str:
    """ "ar" or "en" by the letters of the prose (hashtags, handles and links set apart)."""
    prose, _ = fragments(text or "")
    arabic, latin = len(ARABIC.findall(prose)), len(LATIN.findall(prose))
    if not arabic and not latin:
        return ""
    return "ar" if arabic >= latin else "en"


def unknown_figures(text: str, known: str) -> list[str]:
    """Figures in the reply that the known text (brief facts, the message) never states."""
    seen = set(numbers(known))
    return [n for n in numbers(text) if n not in seen]


def echoes(reply: str, message: str) -> bool:
    """Whether the reply mostly repeats the customer's own words back."""
    return overlap(reply, message) >= 0.5
