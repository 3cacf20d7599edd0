"""Load and validate the whole content tree: the one entry point (pure)."""

from __future__ import annotations

from pathlib import Path

from app.content.banks import read_banks
from app.content.errors import Problems
from app.content.lessons import read_lessons, read_tracks
from app.content.loader import Reader
from app.content.model import Library
from app.content.validate import check_diagnostic, check_references


def load_library(root: Path) -> tuple[Library, Problems]:
    """Read courses/ and quizzes/ under `root`; return the library and every problem."""
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
    )
    check_references(lib, reader.problems)
    check_diagnostic(lib, reader.problems)
    return lib, reader.problems
