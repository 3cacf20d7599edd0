"""Load the content library once at start-up and hand it to views.

Production refuses to start on invalid content; development and tests keep the problems
for the admin content page instead of crashing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from app.content.errors import Problems
from app.content.library import load_library
from app.content.markdown import Renderer
from app.content.model import Library
from app.content.search import build_index
from app.core.registry import register_content_check, run_content_checks, takeable_exercises

log = logging.getLogger("tawasul.content")


class ContentError(RuntimeError):
    """Raised when production content does not validate."""


@dataclass(frozen=True)
class LoadedContent:
    """What start-up loaded once and every request reads: kept in app.extensions."""

    library: Library
    problems: Problems
    renderer: Renderer
    search_index: list[tuple[str, str, str, str, str]]


EXTENSION = "tawasul_content"


def load_checked(root: Path, with_app: bool) -> tuple[Library, Problems]:
    """The library and its problems (with the features' own checks when `with_app`)."""
    if not with_app:
        return load_library(root)
    # Features check their own data (under app/) with the app's content: the app folder is
    # part of what is fingerprinted.
    return load_library(root, also=(Path(__file__).parent,), check=run_content_checks)


def init_content(app: Flask) -> None:
    """Read and validate courses/ and quizzes/ once; keep the library on the app."""
    root = Path(app.config.get("CONTENT_ROOT") or Path(app.root_path).parent)
    library, problems = load_checked(root, root.resolve() == Path(app.root_path).parent.resolve())
    if problems.errors:
        log.error("content has %d problems; see `flask content check`", len(problems.errors))
        if app.config["ENV_NAME"] == "production":
            raise ContentError("invalid content:\n" + "\n".join(map(str, problems.errors[:20])))
    renderer = Renderer(library.facts, lambda lesson_id: f"/lessons/{lesson_id}", library.terms)
    app.extensions[EXTENSION] = LoadedContent(
        library=library, problems=problems, renderer=renderer, search_index=build_index(library)
    )


def loaded() -> LoadedContent:
    """The content loaded at start-up for the current app."""
    content: LoadedContent = current_app.extensions[EXTENSION]
    return content


def library() -> Library:
    """The loaded content library."""
    return loaded().library


def problems() -> Problems:
    """The problems found when the content was loaded."""
    return loaded().problems


def renderer() -> Renderer:
    """The process-wide Markdown renderer (with its cache)."""
    return loaded().renderer


def search_index() -> list[tuple[str, str, str, str, str]]:
    """The lesson search index, built once at start-up."""
    return loaded().search_index


# The endpoint that starts an exercise; an exercise with a scorer but no such page is not
# offered yet.
EXERCISE_START = "exercises.start"


def takeable() -> frozenset[str]:
    """Exercises a learner can take now: a scorer is registered and the start page exists."""
    if EXERCISE_START not in current_app.view_functions:
        return frozenset()
    return takeable_exercises()


def check_catalog_phrases(library: Library, problems: Problems) -> str:
    """The glossary's phrases to avoid, in the Arabic interface catalog."""
    from app.content.phrases import Finder

    path = Path(__file__).parent / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
    Finder(library.avoid, problems).catalog(path, "app/translations/ar/LC_MESSAGES/messages.po")
    return f"{len(library.avoid)} phrases to avoid"


register_content_check("catalog", check_catalog_phrases)
