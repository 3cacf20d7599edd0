"""One name per idea: the glossary's phrases to avoid, found in lessons, quiz items, scenario
narrative and the interface catalog, with reasoned waivers (pure).

Rules match listed multi-word phrases after Arabic normalisation, never bare words, so a word
that is right in one sense («مقابل» for "in exchange for") is never flagged alone. A line
carries a waiver with `term-ok: <reason>`: `# term-ok: …` in YAML, `<!-- term-ok: … -->` in
Markdown, a translator comment `# term-ok: …` on a catalog entry. What characters write (a
customer's message, a competitor's post, the voice chart's banned words) is exempt, and the
lexicon files that list bad phrases on purpose are never scanned.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.content.errors import Problems
from app.content.normalize import ARABIC_INDIC, DIACRITICS, LETTER_FORMS, TATWEEL, normalize

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster
WAIVER = re.compile(r"term-ok:\s*(\S.*?)\s*(?:-->|$)")
EMPTY_WAIVER = re.compile(r"term-ok:\s*(?:-->|$)")
EMPTY_REASON = "a term-ok waiver needs a reason after the colon"
INLINE_CODE = re.compile(r"`[^`\n]*`")
PROCLITIC = "(?:[وفبلك]|ال)?"  # «واختر», «بالرائج»: a joined conjunction or preposition
# Scenario fields that hold what characters say, or bad examples kept on purpose.
IN_CHARACTER = re.compile(
    r"^(?:inbox\[\](?!\.(?:follow_up\.)?model_reply)|competitors\[\]\.weeks|voice\.(?:banned|dont)"
    r"|personas\[\]\.objections)|(?:^|\.)(?:keywords|key)(?:\[\]|$)"
)


@dataclass(frozen=True)
class Avoid:
    """A phrase to avoid, the wording to use instead, and why."""

    phrase: str
    lang: str
    use: str
    term: str
    why: Mapping[str, str]
    line: int = 0

    @property
    def pattern(self) -> re.Pattern[str]:
        """The normalised phrase on word boundaries (Arabic may carry a joined prefix)."""
        body = re.escape(normalize(self.phrase)).replace(r"\ ", r"\s+")
        prefix = PROCLITIC if self.lang == "ar" else ""
        return re.compile(rf"(?<!\w){prefix}{body}(?!\w)")

    @property
    def search(self) -> re.Pattern[str]:
        """The phrase with its end boundary only: it starts with a literal, which the regex
        engine finds fast; `starts_a_word` checks the start, as `pattern` does."""
        body = re.escape(normalize(self.phrase)).replace(r"\ ", r"\s+")
        return re.compile(rf"{body}(?!\w)")

    def starts_a_word(self, text: str, start: int) -> bool:
        """Whether a match at `start` begins a word, allowing a joined Arabic prefix."""
        if not _after_word_char(text, start):
            return True
        if self.lang != "ar":
            return False
        one, two = text[max(start - 1, 0) : start], text[max(start - 2, 0) : start]
        return (one in "وفبلك" and not _after_word_char(text, start - 1)) or (
            two == "ال" and not _after_word_char(text, start - 2)
        )


def _after_word_char(text: str, index: int) -> bool:
    """Whether the character before `index` is a word character (as the regex `\\w`)."""
    return index > 0 and (text[index - 1].isalnum() or text[index - 1] == "_")


def read_avoid(
    entries: Sequence[Any], terms: Iterable[str], file: str, problems: Problems
) -> tuple[Avoid, ...]:
    """The glossary's `avoid:` list, each entry checked (a phrase, never one bare word)."""
    known, out = set(terms), []
    for entry in entries:
        line = int(getattr(entry, "line", 0))
        if not isinstance(entry, Mapping):
            problems.add(file, line, "each avoid entry must be a mapping")
            continue
        phrase, lang = str(entry.get("phrase") or "").strip(), str(entry.get("lang") or "")
        why = entry.get("why") if isinstance(entry.get("why"), Mapping) else {}
        if len(phrase.split()) < 2:
            problems.add(
                file,
                line,
                f"avoid {phrase!r}: list a phrase of two words or more, never a bare word",
            )
            continue
        if lang not in ("ar", "en"):
            problems.add(file, line, f"avoid {phrase!r}: lang must be ar or en")
        if not str(entry.get("use") or "").strip():
            problems.add(file, line, f"avoid {phrase!r}: say what to use instead")
        term = str(entry.get("term") or "")
        if term and term not in known:
            problems.add(file, line, f"avoid {phrase!r}: unknown glossary term {term!r}")
        reasons = {str(k): str(v) for k, v in why.items()} if isinstance(why, Mapping) else {}
        out.append(Avoid(phrase, lang, str(entry.get("use") or ""), term, reasons, line))
    return tuple(out)


# normalize()'s per-letter folds (digits, tatweel, diacritics, letter forms) as one table,
# so a text is translated once.
FOLD = {
    **ARABIC_INDIC,
    **LETTER_FORMS,
    ord(TATWEEL): None,
    **{code: None for code in range(0x0600, 0x0700) if DIACRITICS.match(chr(code))},
}


def fold(text: str) -> str:
    """normalize()'s folding (letter forms, diacritics, digits, case) keeping every line
    break, so a match's line can be counted in the original."""
    return unicodedata.normalize("NFKC", text).translate(FOLD).casefold()


class Finder:
    """Looks for the avoided phrases in text and reports them as file:line problems."""

    def __init__(self, avoid: Iterable[Avoid], problems: Problems) -> None:
        """Compile each phrase once, with the words a text must contain for it to match."""
        self.rules = [(a, a.search, normalize(a.phrase).split()) for a in avoid]
        self.problems = problems

    def text(
        self,
        raw: str,
        lang: str | None,
        file: str,
        first: int = 1,
        waiver: str = "",
        skip: Collection[int] = (),
    ) -> None:
        """Report each avoided phrase in `raw` (its lines numbered from `first`) unless its
        line, or `waiver`, waives it; lines in `skip` (relative, from 0) are not read."""
        lines = raw.split("\n")
        for offset, line in enumerate([*lines, waiver]):
            if EMPTY_WAIVER.search(line):
                self.problems.add(file, first + min(offset, len(lines) - 1), EMPTY_REASON)
                return
        if not self.rules or WAIVER.search(waiver):
            return
        folded = fold(raw)
        for avoid, pattern, words in self.rules:
            # A substring test is far cheaper than the pattern's scan, and most texts hold
            # none of the phrases: only a text with every word of the phrase is scanned.
            if lang not in (None, avoid.lang) or not all(word in folded for word in words):
                continue
            for match in pattern.finditer(folded):
                if not avoid.starts_a_word(folded, match.start()):
                    continue
                offset = folded.count("\n", 0, match.start())
                if offset in skip or WAIVER.search(lines[offset]):
                    continue
                self.problems.add(
                    file,
                    first + offset,
                    f"«{avoid.phrase}»: write «{avoid.use}» instead"
                    + (f" (glossary: {avoid.term})" if avoid.term else "")
                    + "; or waive it on this line with term-ok: <reason>",
                )

    def markdown(self, path: Path, file: str) -> None:
        """A lesson file: every line but code and block quotes (quoted examples)."""
        lang = "ar" if path.name.endswith(".ar.md") else "en"
        raw = _read(path)
        if raw is None:
            return
        lines = raw.split("\n")
        skip, fenced = set(), False
        for offset, line in enumerate(lines):
            if line.lstrip().startswith("```"):
                fenced = not fenced
            if fenced or line.lstrip().startswith((">", "```")):
                skip.add(offset)
        text = INLINE_CODE.sub(lambda m: " " * len(m.group(0)), "\n".join(lines))
        self.text(text, lang, file, skip=skip)

    def lines(self, path: Path, file: str) -> None:
        """A YAML or GIFT file whose every line is our own words (quiz banks, courses data)."""
        raw = _read(path)
        if raw is not None:
            self.text(raw, None, file)

    def scenario(self, path: Path, file: str) -> None:
        """A scenario: its narrative fields, not what its characters write."""
        raw = path.read_text(encoding="utf-8")
        lines = raw.splitlines()
        for where, first, last, value in _scalars(yaml.compose(raw, Loader=LOADER)):
            if IN_CHARACTER.search(where):
                continue
            comment = " ".join(lines[first - 1 : last])
            self.text(value, None, file, first, waiver=comment if "#" in comment else "")

    def catalog(self, path: Path, file: str) -> None:
        """The Arabic interface catalog: each translation, waived by a translator comment."""
        from babel.messages.pofile import read_po

        with path.open("rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            if not message.id or not message.string:
                continue
            texts = message.string if isinstance(message.string, tuple) else (message.string,)
            comments = " ".join(message.user_comments)
            for text in texts:
                self.text(str(text).replace("\n", " "), "ar", file, message.lineno or 1, comments)


def _read(path: Path) -> str | None:
    """A file's text, or None when it cannot be read (the loader reports that itself)."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _scalars(node: Any, where: str = "") -> Iterator[tuple[str, int, int, str]]:
    """(path, first line, last line, text) of every string in a composed YAML tree."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(value, f"{where}.{key.value}" if where else str(key.value))
    elif isinstance(node, yaml.SequenceNode):
        for value in node.value:
            yield from _scalars(value, f"{where}[]")
    elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
        yield where, node.start_mark.line + 1, node.end_mark.line + 1, node.value


def check_content_tree(root: Path, avoid: Iterable[Avoid], problems: Problems) -> None:
    """Lessons, quiz banks and course data under a content root (`load_library` keeps the
    findings with the library they belong to)."""
    finder = Finder(avoid, problems)
    for path in sorted(root.glob("courses/**/*.md")):
        finder.markdown(path, str(path.relative_to(root)))
    for pattern in ("quizzes/**/*.yaml", "quizzes/**/*.gift", "courses/*/track.yaml"):
        for path in sorted(root.glob(pattern)):
            finder.lines(path, str(path.relative_to(root)))
