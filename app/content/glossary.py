"""The glossary page's data: terms in dictionary order and the lessons that mark them."""

from __future__ import annotations

from dataclasses import dataclass

from app.content.model import Library, Term, pick
from app.content.normalize import normalize
from app.content.validate import TERM_REF


@dataclass(frozen=True)
class Entry:
    """One glossary row: the term and the lessons that mark it, in track order."""

    term: Term
    lessons: tuple[str, ...]


def sort_key(text: str) -> str:
    """Dictionary order: spelling variants folded, the Arabic article «ال» ignored."""
    folded = normalize(text)
    return folded[2:] if folded.startswith("ال") and len(folded) > 3 else folded


def term_usage(lib: Library) -> dict[str, tuple[str, ...]]:
    """Lesson ids marking each term, in the order learners meet them."""
    order = [lesson_id for track in lib.ordered_tracks() for lesson_id in track.lesson_ids]
    used: dict[str, list[str]] = {}
    for lesson_id in order:
        lesson = lib.lessons.get(lesson_id)
        if lesson is None:
            continue
        found = {m.group(1) for t in lesson.texts.values() for m in TERM_REF.finditer(t.body)}
        for term_id in sorted(found):
            used.setdefault(term_id, []).append(lesson_id)
    return {k: tuple(v) for k, v in used.items()}


def entries(lib: Library, lang: str) -> list[Entry]:
    """Every term in dictionary order for `lang`, with the lessons that use it."""
    usage = term_usage(lib)
    terms = sorted(lib.terms.values(), key=lambda t: sort_key(pick(t.term, lang)))
    return [Entry(t, usage.get(t.id, ())) for t in terms]
