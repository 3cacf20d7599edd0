"""Load the content library once at start-up and hand it to views.

Production refuses to start on invalid content; development and tests keep the problems
for the admin content page instead of crashing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, current_app

from app.content.errors import Problems
from app.content.library import load_library
from app.content.markdown import Renderer
from app.content.model import Library
from app.content.search import build_index
from app.content_cli import check_sandbox

log = logging.getLogger("tawasul.content")


class ContentError(RuntimeError):
    """Raised when production content does not validate."""


def init_content(app: Flask) -> None:
    """Read and validate courses/ and quizzes/ once; keep the library on the app."""
    root = Path(app.config.get("CONTENT_ROOT") or Path(app.root_path).parent)
    library, problems = load_library(root)
    if root.resolve() == Path(app.root_path).parent.resolve():
        check_sandbox(library, problems)  # the sandbox's data is checked with the app's content
    if problems.errors:
        log.error("content has %d problems; see `flask content check`", len(problems.errors))
        if app.config["ENV_NAME"] == "production":
            raise ContentError("invalid content:\n" + "\n".join(map(str, problems.errors[:20])))
    renderer = Renderer(library.facts, lambda lesson_id: f"/lessons/{lesson_id}", library.terms)
    app.extensions["tawasul_content"] = (library, problems, renderer, build_index(library))


def library() -> Library:
    """The loaded content library."""
    return current_app.extensions["tawasul_content"][0]


def problems() -> Problems:
    """The problems found when the content was loaded."""
    return current_app.extensions["tawasul_content"][1]


def renderer() -> Renderer:
    """The process-wide Markdown renderer (with its cache)."""
    return current_app.extensions["tawasul_content"][2]


def search_index() -> list[tuple[str, str, str, str, str]]:
    """The lesson search index, built once at start-up."""
    return current_app.extensions["tawasul_content"][3]
