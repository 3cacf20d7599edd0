"""Lesson search with Arabic normalisation — pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.content.model import Library
from app.content.normalize import normalize

MARKUP = re.compile(r"\{\{[^}]*\}\}|[#*_>`|\[\]()!-]+")


@dataclass(frozen=True)
class Hit:
    """A search result: lesson, language, title and a snippet around the first match."""

    lesson_id: str
    lang: str
    title: str
    snippet: str
    score: int


def build_index(lib: Library) -> list[tuple[str, str, str, str, str]]:
    """(lesson id, lang, title, plain text, normalised text) for every lesson version."""
    index = []
    for lesson in lib.lessons.values():
        for lang, text in lesson.texts.items():
            plain = " ".join(MARKUP.sub(" ", text.body).split())
            blob = normalize(" ".join([text.title, *text.objectives, plain]))
            index.append((lesson.id, lang, text.title, plain, blob))
    return index


def search(index: list[tuple[str, str, str, str, str]], query: str, limit: int = 20) -> list[Hit]:
    """Lessons containing every word of the query, in either language; titles rank first."""
    words = [w for w in normalize(query).split() if len(w) >= 2][:8]
    if not words:
        return []
    hits = []
    for lesson_id, lang, title, plain, blob in index:
        if not all(w in blob for w in words):
            continue
        score = sum(3 for w in words if w in normalize(title)) + sum(blob.count(w) for w in words)
        hits.append(Hit(lesson_id, lang, title, snippet(plain, words[0]), score))
    hits.sort(key=lambda h: (-h.score, h.lesson_id, h.lang))
    return hits[:limit]


def snippet(plain: str, word: str, width: int = 90) -> str:
    """About `width` characters of the text around the first match."""
    folded = normalize(plain)
    at = folded.find(word)
    if at < 0:
        return plain[:width]
    # The normalised text is nearly aligned with the original; close enough for a snippet.
    start = max(0, at - width // 2)
    return ("…" if start else "") + plain[start : start + width] + "…"
