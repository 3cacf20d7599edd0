"""Ad text folded for matching with offsets kept, and the policy's small pattern language.

`normalize` (app/content/normalize.py) loses positions: it composes, drops diacritics and
squeezes spaces. The checker must highlight what it found in the learner's own text, so
`fold` applies the same tables cluster by cluster (a letter with its marks) and records,
for every folded character, the range of the original text it came from.

Patterns are data, so they are kept to a tiny language that compiles to linear regexes
(no user-written quantifiers, so no catastrophic backtracking):

- words are separated by one space, which matches spaces and light punctuation
  (commas, colons, dashes, slashes, quotes, brackets) but never a sentence end or a newline;
- ``{a|b|c}`` one of the alternatives (they may hold spaces; an empty one makes a suffix
  optional: ``cure{|s}``);
- ``[a|b]`` an optional word or words, standing as its own word;
- ``<n>`` a number (``40``, ``1,000``, ``12/345``); ``<w>`` any one word;
- everything else is literal and folded the way the text is.

A match never starts or ends inside a word; the underscore counts as a separator, so
``#اعلان`` is found in ``#اعلان_مدفوع``, but a hyphen followed by a letter does not end a
word ("are you muslim" is not found in "are you muslim-friendly?"). Every pattern may
also take a leading conjunction (و or ف) glued to its first word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app.content.normalize import ARABIC_INDIC, DIACRITICS, LETTER_FORMS, TATWEEL

# Beyond normalize: typographic apostrophes and the Arabic percent sign fold to ASCII, so
# one pattern covers what phones type.
EXTRA_FORMS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "٪": "%"})
NEWLINES = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")

SEP = r"[ ,:;\-–—/·،؛\"'«»()\[\]*]+"
LEFT = r"(?<![^\W_])"
RIGHT = r"(?![^\W_]|-[^\W_])"  # a hyphenated compound is one word: "muslim-friendly"
NUMBER = r"\d+(?:[.,/\-]\d+)*"
WORD = r"[^\W_]+"
ARABIC_CONJUNCTION = r"(?:[وف](?=[^\W_]))?"


class PatternError(ValueError):
    """A policy pattern that does not follow the pattern language."""


@dataclass(frozen=True)
class Folded:
    """Folded text; character i came from original[starts[i]:ends[i]]."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original range behind folded[start:end] (end > start)."""
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=8192)
def fold_cluster(cluster: str) -> str:
    """One letter with its marks, folded by normalize's rules (spaces kept, not squeezed)."""
    text = unicodedata.normalize("NFKC", cluster)
    text = text.translate(ARABIC_INDIC).replace(TATWEEL, "")
    text = DIACRITICS.sub("", text)
    text = text.translate(LETTER_FORMS).casefold().translate(EXTRA_FORMS)
    out = []
    for ch in text:
        if ch in NEWLINES:
            out.append("\n")
        elif ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) != "Cf":  # zero-width and bidi marks hide nothing
            out.append(ch)
    return "".join(out)


def is_mark(ch: str) -> bool:
    """Whether a character is a combining mark (it belongs to the letter before it)."""
    known = MARKS.get(ch)
    if known is None:
        known = MARKS[ch] = unicodedata.category(ch)[0] == "M"
    return known


MARKS: dict[str, bool] = {}


def fold(text: str) -> Folded:
    """Fold a text for matching, keeping each folded character's original range."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and is_mark(text[j]):
            j += 1
        for ch in fold_cluster(text[i:j]):
            if ch in " \n" and chars and chars[-1] == ch:
                ends[-1] = j  # a run of spaces folds to one, covering the whole run
                continue
            chars.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return Folded("".join(chars), tuple(starts), tuple(ends))


def split_top(source: str, sep: str) -> list[str]:
    """Split on `sep` outside braces and brackets."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in source:
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def compile_word(word: str) -> str:
    """One word: literals, {a|b} groups, <n> and <w>."""
    out, i = [], 0
    while i < len(word):
        ch = word[i]
        if ch == "{":
            close = word.find("}", i)
            if close < 0:
                raise PatternError("an unclosed {")
            inner = word[i + 1 : close]
            if "{" in inner or "[" in inner:
                raise PatternError("groups cannot nest")
            alternatives = inner.split("|")
            if not any(alternatives):
                raise PatternError("an empty {} group")
            out.append("(?:" + "|".join(compile_phrase(a) for a in alternatives) + ")")
            i = close + 1
        elif word.startswith("<n>", i) or word.startswith("<w>", i):
            out.append(NUMBER if word[i + 1] == "n" else WORD)
            i += 3
        elif ch in "}[]":
            raise PatternError(f"a stray {ch}")
        else:
            end = i
            while end < len(word) and word[end] not in "{}[]" and not word.startswith("<", end):
                end += 1
            end = max(end, i + 1)
            out.append(re.escape(fold(word[i:end]).text))
            i = end
    return "".join(out)


def compile_phrase(phrase: str) -> str:
    """Words joined by separators (inside a group: no optional words)."""
    if not phrase:
        return ""
    return SEP.join(compile_word(w) for w in split_top(phrase, " "))


def glue(body: str) -> str:
    """The separator before the next word: none at the start or after an optional word."""
    return SEP if body and not body.endswith(f"{SEP})?") else ""


def compile_body(source: str) -> str:
    """A pattern's regex source, without the word boundaries compile_patterns adds."""
    if not source.strip() or source != " ".join(source.split()):
        raise PatternError("empty, or spaces at the ends or doubled")
    words = split_top(source, " ")
    if any(w.count("{") != w.count("}") or w.count("[") != w.count("]") for w in words):
        raise PatternError("unbalanced {} or []")
    if all(w.startswith("[") for w in words):
        raise PatternError("a pattern of optional words only matches nothing")
    body = ""
    for index, word in enumerate(words):
        last = index == len(words) - 1
        if word.startswith("[") and word.endswith("]"):
            inner = word[1:-1]
            if not inner or "[" in inner or "{" in inner:
                raise PatternError("an empty or nested [] group")
            options = "(?:" + "|".join(compile_phrase(a) for a in inner.split("|")) + ")"
            if last:
                body += f"(?:{SEP}{options})?"
            else:
                body += glue(body) + f"(?:{options}{SEP})?"
        else:
            body += glue(body) + compile_word(word)
    return f"(?:{body})"


def compile_patterns(sources: list[str]) -> re.Pattern[str] | None:
    """All of a rule's patterns as one regex, longer patterns tried first.

    The word-start test and the optional Arabic conjunction are hoisted out of the
    alternation, so positions inside a word are rejected once rather than per pattern."""
    if not sources:
        return None
    bodies = sorted({compile_body(s) for s in sources}, key=len, reverse=True)
    return re.compile(f"{LEFT}{ARABIC_CONJUNCTION}(?:{'|'.join(bodies)}){RIGHT}")
