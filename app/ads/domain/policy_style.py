"""How an ad's words look: capitals, punctuation, symbols and gimmicky spelling (pure).

Each check reads the ORIGINAL text (case and repeated letters are lost when folding) and
returns spans into it. Thresholds come from the rule's `params` in policy.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

Span = tuple[int, int]

MARKS = "!?！？؟¡"
DOUBLE_MARKS = "‼⁉⁈⁇"  # one character that reads as two marks
MARK_RUN = re.compile(f"[{MARKS}{DOUBLE_MARKS}](?:[^\\S\\n]*[{MARKS}{DOUBLE_MARKS}])*")
SAME_SYMBOL = "$€£*#~^+=_"
# The lookbehind starts an address only at the start of a run: without it a long run of
# letters is retried from every position (quadratic on a 100k-letter field).
URL = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
LETTERS = re.compile(r"[^\W\d_]+")
# Words in Latin, Greek or Cyrillic letters (with combining accents): Arabic is skipped.
EUROPEAN = "A-Za-z\u00c0-\u024f\u0300-\u036f\u0370-\u03ff\u0400-\u04ff"
LATIN_WORD = re.compile(f"[{EUROPEAN}]+(?:['’][{EUROPEAN}]+)?")
# Characters that may be symbols: not letters, digits, spaces or everyday punctuation.
CANDIDATE = re.compile(r"[^\w\s.,;:!?'\"()\[\]\-–—«»،؛؟/%&@#+=*\u0600-\u06ff]")
ZWJ, VS16 = "\u200d", "\ufe0f"
SKIN_TONES = range(0x1F3FB, 0x1F400)
REGIONAL = range(0x1F1E6, 0x1F200)
ARROWS = (range(0x2190, 0x2200), range(0x27F0, 0x2800), range(0x2900, 0x2980))


def capitals(text: str, params: Mapping[str, Any]) -> list[Span]:
    """The capitals stretch, when enough cased letters are mostly upper case."""
    upper = sum(map(str.isupper, text))
    cased = upper + sum(map(str.islower, text))
    if cased < int(params["min_letters"]) or not upper or upper / cased < float(params["ratio"]):
        return []
    first = next(i for i, ch in enumerate(text) if ch.isupper())
    last = next(i for i in range(len(text) - 1, -1, -1) if text[i].isupper())
    return [(first, last + 1)]


def punctuation(text: str, params: Mapping[str, Any]) -> list[Span]:
    """Runs of ! and ? beyond one mark or one "?!" pair, and a symbol typed thrice."""
    found = []
    for match in MARK_RUN.finditer(text):
        marks = [ch for ch in match.group() if not ch.isspace()]
        weight = sum(2 if ch in DOUBLE_MARKS else 1 for ch in marks)
        same_twice = weight == 2 and (len(marks) == 1 or marks[0] == marks[1])
        if weight > int(params["max_marks"]) or same_twice:
            found.append(match.span())
    repeats = int(params["max_same_symbol"])
    same = re.compile(f"([{re.escape(SAME_SYMBOL)}])\\1{{{repeats},}}")
    found.extend(m.span() for m in same.finditer(text))
    return sorted(found)


def symbol_positions(text: str, allowed: str) -> list[int]:
    """Where symbols and emoji start, one per emoji sequence (ZWJ families, flags)."""
    positions = []
    flag_half, last = False, -2
    for match in CANDIDATE.finditer(text):
        i, ch = match.start(), match.group()
        code = ord(ch)
        if code in REGIONAL:
            # two regional indicators in a row make one flag
            flag_half = not flag_half if last == i - 1 else True
            last = i
            if flag_half:
                positions.append(i)
            continue
        flag_half = False
        if ch in allowed or code in SKIN_TONES or (i and text[i - 1] == ZWJ):
            continue
        category = unicodedata.category(ch)
        if category in ("So", "Me") or any(code in block for block in ARROWS):
            positions.append(i)
    return positions


def symbols(text: str, params: Mapping[str, Any]) -> list[Span]:
    """Symbol runs longer than max_run, or a field dense with symbols."""
    positions = symbol_positions(text, str(params["allowed"]))
    if not positions:
        return []
    runs: list[list[int]] = [[positions[0]]]
    for pos in positions[1:]:
        between = text[runs[-1][-1] + 1 : pos]
        # spaces and the rest of an emoji sequence (joiners, selectors, tones, flag halves)
        glue = all(ch.isspace() or unicodedata.category(ch)[0] in "SMC" for ch in between)
        if glue and "\n" not in between:
            runs[-1].append(pos)
        else:
            runs.append([pos])
    found = [(run[0], run[-1] + 1) for run in runs if len(run) > int(params["max_run"])]
    words = len(LETTERS.findall(text))
    dense = len(positions) >= int(params["min_total"]) and len(positions) > float(
        params["per_word"]
    ) * max(words, 1)
    if dense and not found:
        found.append((positions[0], positions[-1] + 1))
    return [(start, end + (1 if text[end : end + 1] == VS16 else 0)) for start, end in found]


def scripts(word: str) -> set[str]:
    """The alphabets a word's letters come from (Latin, Greek, Cyrillic, ...)."""
    return {unicodedata.name(ch, "?").split(" ")[0] for ch in word if ch.isalpha()}


def gimmicky(text: str, params: Mapping[str, Any]) -> list[Span]:
    """Letters typed three times, accents on plain English words, look-alike alphabets."""
    urls = [m.span() for m in URL.finditer(text)]
    skip = str(params["skip_letters"]).casefold()
    words = {str(w).casefold() for w in params["words"]}
    repeat = re.compile(f"([^\\W\\d_])\\1{{{int(params['min_repeat']) - 1},}}", re.IGNORECASE)
    found = []
    for match in repeat.finditer(text):
        start, end = match.span()
        in_url = any(a <= start < b for a, b in urls)
        if not in_url and match.group(1).casefold() not in skip:
            found.append((start, end))
    for match in LATIN_WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        alphabets = scripts(word)
        if "LATIN" in alphabets and alphabets & {"GREEK", "CYRILLIC"}:
            found.append(match.span())
            continue
        bare = "".join(
            ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch)
        )
        bare = bare.casefold().replace("'", "").replace("’", "")
        if bare.isascii() and bare in words:
            found.append(match.span())
    return sorted(set(found))


STYLE_CHECKS = {
    "capitals": capitals,
    "punctuation": punctuation,
    "symbols": symbols,
    "gimmicky": gimmicky,
}
