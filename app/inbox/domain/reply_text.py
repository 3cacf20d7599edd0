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
STEM = 5  # a one-word phrase this long matches the word with a short suffix
ARTICLES = ("بال", "لل", "ال")  # «بالتقرير», «للتقرير», «التقرير» all name «تقرير»


def _bare(word: str) -> str:
    """The word without a conjunction written onto it («وآسفين» → «اسفين»)."""
    return word[1:] if len(word) > 3 and word[0] in CONJUNCTIONS else word


def _alt(word: str) -> str:
    """The word without a conjunction or the article («والتقرير» → «تقرير»)."""
    word = _bare(word)
    for article in ARTICLES:
        if word.startswith(article) and len(word) > len(article) + 2:
            return word[len(article) :]
    return word


@dataclass(frozen=True)
class Phrases:
    """A list of phrases folded once, ready to be looked for in many replies."""

    raw: tuple[str, ...]
    needles: tuple[str, ...]

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Phrases:
        """Fold each phrase into a space-delimited needle (empty ones dropped)."""
        raw = tuple(p for p in phrases if isinstance(p, str))
        return cls(raw, tuple(f" {' '.join(w)} " for w in (words(p) for p in raw) if w))


@dataclass(frozen=True)
class Text:
    """A text as the rubric reads it: words, two haystacks, sentences, language."""

    plain: str
    words: tuple[str, ...]
    hay: str  # the folded words as written
    alt: str  # each word without a conjunction written onto it
    bare: str  # each word without a conjunction or the article («تقرير» names «والتقرير»)
    sentences: tuple[tuple[str, str, str], ...]
    stems: frozenset[str]  # each word and the word less its last 1–3 letters (suffixes)

    @classmethod
    def of(cls, text: str) -> Text:
        """Read a text once (never raises)."""
        text = text or ""
        found = tuple(words(text))
        sentences = [_hays(w) for w in (words(part) for part in SENTENCE.split(text)) if w]
        stems = {
            w[: len(w) - cut]
            for w in {_alt(x) for x in found} | {_bare(x) for x in found}
            for cut in range(4)
            if len(w) - cut >= STEM
        }
        return cls(text, found, *_hays(list(found)), tuple(sentences), frozenset(stems))


def _hays(found: list[str]) -> tuple[str, str, str]:
    """The three haystacks of a list of words."""
    return (
        f" {' '.join(found)} ",
        f" {' '.join(_bare(x) for x in found)} ",
        f" {' '.join(_alt(x) for x in found)} ",
    )


def find(phrases: Phrases, text: Text) -> list[str]:
    """Every needle of the list found in the text (as folded words).

    A one-word needle of STEM letters or more also matches a word that adds a suffix of up to
    three letters: «سنراجع» finds «سنراجعهما», "refund" finds "refunded".
    """
    return [
        n.strip()
        for n in phrases.needles
        if n in text.hay
        or n in text.alt
        or n in text.bare
        or (n.count(" ") == 2 and len(n) - 2 >= STEM and n.strip() in text.stems)
    ]


def count(phrases: Phrases, text: Text) -> int:
    """How many times phrases of the list occur in the text (repeats counted)."""
    return sum(max(text.hay.count(n), text.alt.count(n)) for n in phrases.needles)


def _in(phrases: Phrases, hay: tuple[str, str, str]) -> bool:
    """Whether one sentence's haystacks hold any phrase of the list."""
    return any(n in hay[0] or n in hay[1] or n in hay[2] for n in phrases.needles)


def backed(phrase: str, source: Text) -> bool:
    """Whether every longer word of a phrase has a word of the same stem in the source.

    "refunded" is backed by a brief that says "refund", «مجانية» by «مجانًا»; a four-letter
    prefix stands in for the stem, which is enough to tell an offer the brief makes from one
    it never mentions.
    """
    have = {w[:4] for w in source.bare.split() if len(w) >= 4}
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
