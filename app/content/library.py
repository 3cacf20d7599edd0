"""Load and validate the whole content tree: the one entry point (pure)."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from app.content.banks import read_banks
from app.content.errors import Problem, Problems
from app.content.facts import check_typed_figures, unit_forms, warn_stale
from app.content.lessons import read_lessons, read_tracks
from app.content.loader import Reader
from app.content.model import Library
from app.content.phrases import check_content_tree
from app.content.validate import check_diagnostic, check_references

# Reading and checking a tree takes a good part of a second, and the app reads it at every
# start (each test builds an app, and many test modules load the library): a process keeps
# its last few loads, the phrase check's findings with the library they belong to, each
# keyed by the tree's fingerprint, so an unchanged tree is read once and an edited one again.
_LOADED: dict[tuple[object, ...], tuple[Library, list[Problem]]] = {}
KEEP = 3  # the real tree alone and with the app's checks, and one test fixture tree
CONTENT_SUFFIXES = (".md", ".yaml", ".yml", ".gift", ".po")
RACY_NS = 2_000_000_000  # a file this fresh may be rewritten within one clock tick

Check = Callable[[Library, Problems], object]


def load_library(
    root: Path,
    today: date | None = None,
    *,
    also: Sequence[Path] = (),
    check: Check | None = None,
) -> tuple[Library, Problems]:
    """Read courses/ and quizzes/ under `root`; return the library and every problem
    (facts last checked more than a year before `today` are warned about), then those
    `check` adds, reading files under the folders `also` names. The library is shared by
    the callers of an unchanged tree; the problems are each caller's own copy."""
    day = today or date.today()
    key = (content_fingerprint(root, also), day.isoformat(), check)
    if key in _LOADED:
        _LOADED[key] = _LOADED.pop(key)  # the most recently used is the last kept
    else:
        library, problems = read_library(root, day)
        if check is not None:
            check(library, problems)
        while len(_LOADED) >= KEEP:
            del _LOADED[next(iter(_LOADED))]
        _LOADED[key] = (library, problems.items)
    library, items = _LOADED[key]
    return library, Problems(list(items))


def content_fingerprint(root: Path, also: Sequence[Path] = ()) -> tuple[object, ...]:
    """Every content file under `root`'s courses/ and quizzes/ (and the folders `also`
    names) with its size and modification time."""
    now = time.time_ns()
    stamps: list[tuple[str, int, int, bytes]] = []
    for folder in [root / "courses", root / "quizzes", *also]:
        for dirpath, _dirs, files in os.walk(folder):
            for name in files:
                if name.endswith(CONTENT_SUFFIXES):
                    stamps.append(_stamp(os.path.join(dirpath, name), now))
    return (str(root.resolve()), tuple(str(p) for p in also), tuple(sorted(stamps)))


def _stamp(path: str, now: int) -> tuple[str, int, int, bytes]:
    """A file's size and modification time, and its digest when it is fresh: the clock
    moves in ticks, so a file rewritten at the same size within one tick keeps its time."""
    try:
        stat = os.stat(path)
    except OSError:
        return (path, -1, 0, b"")
    digest = b""
    if now - stat.st_mtime_ns < RACY_NS:
        try:
            with open(path, "rb") as fh:
                digest = hashlib.blake2b(fh.read(), digest_size=16).digest()
        except OSError:
            digest = b"?"
    return (path, stat.st_size, stat.st_mtime_ns, digest)


def read_library(root: Path, today: date) -> tuple[Library, Problems]:
    """Read and check the tree under `root` afresh (what `load_library` keeps)."""
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
    warn_stale(lib.facts, reader.problems, today)
    return lib, reader.problems


def check_figures(lib: Library, problems: Problems) -> None:
    """Figures typed into Arabic lesson text agree with the nouns the facts' units count."""
    units = [unit_forms(f.unit.get("ar")) for f in lib.facts.values()]
    units = [u for u in units if len(u) > 1]
    for lesson in lib.lessons.values():
        text = lesson.texts.get("ar")
        if text is not None:
            check_typed_figures(text.body, units, text.file, text.body_line, problems)
