"""Load and validate the whole content tree: the one entry point (pure)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.content.banks import read_banks
from app.content.errors import Problems
from app.content.facts import check_typed_figures, unit_forms, warn_stale
from app.content.lessons import read_lessons, read_tracks
from app.content.loader import Reader
from app.content.model import Library
from app.content.phrases import check_content_tree
from app.content.validate import check_diagnostic, check_references


def load_library(root: Path, today: date | None = None) -> tuple[Library, Problems]:
    """Read courses/ and quizzes/ under `root`; return the library and every problem
    (facts last checked more than a year before `today` are warned about)."""
    reader = Reader(root)
    skills, groups = reader.skills()
    lib = Library(
        skills=skills,
        groups=groups,
        roles=reader.roles(),
        exercises=reader.exercises(),
        facts=reader.facts(),
        tracks=read_tracks(reader),
        lessons=read_lessons(reader),
        items=read_banks(reader),
        terms=reader.glossary(),
        avoid=reader.avoid,
    )
    check_references(lib, reader.problems)
    check_diagnostic(lib, reader.problems)
    check_figures(lib, reader.problems)
    check_content_tree(root, lib.avoid, reader.problems)
    warn_stale(lib.facts, reader.problems, today or date.today())
    return lib, reader.problems


def check_figures(lib: Library, problems: Problems) -> None:
    """Figures typed into Arabic lesson text agree with the nouns the facts' units count."""
    units = [unit_forms(f.unit.get("ar")) for f in lib.facts.values()]
    units = [u for u in units if len(u) > 1]
    for lesson in lib.lessons.values():
        text = lesson.texts.get("ar")
        if text is not None:
            check_typed_figures(text.body, units, text.file, text.body_line, problems)
