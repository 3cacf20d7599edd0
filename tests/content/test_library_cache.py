"""`load_library` keeps an unchanged tree's load per process and reads an edited one again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from app.content.errors import Problems
from app.content.library import load_library

VALID = Path(__file__).parent / "valid"
KNOWN = "{{fact:caption-limit}}"
UNKNOWN = "{{fact:caption-limiz}}"  # the same length: the file keeps its size


def copy_valid(tmp_path: Path) -> tuple[Path, Path]:
    """A fresh copy of the valid tree and the lesson file the tests edit."""
    root = tmp_path / "content"
    shutil.copytree(VALID, root)
    return root, root / "courses" / "basics" / "bas-1.ar.md"


def unknown_facts(problems: Problems) -> list[str]:
    """The unknown-fact errors among the problems."""
    return [str(p) for p in problems.errors if "unknown fact" in p.message]


def test_an_unchanged_tree_shares_its_library_and_gives_each_caller_its_own_problems(tmp_path):
    """A second load of the same tree is the same library; adding to one caller's problems
    leaves the next caller's untouched."""
    root, _lesson = copy_valid(tmp_path)
    first, problems = load_library(root)
    problems.add("x.md", 1, "a caller's own problem")
    again, fresh = load_library(root)
    assert again is first
    assert all(p.message != "a caller's own problem" for p in fresh.items)


def test_a_file_rewritten_at_the_same_size_and_time_is_read_again(tmp_path):
    """The clock moves in ticks: a fresh file rewritten within one keeps its size and time,
    and its content still tells the loads apart."""
    root, lesson = copy_valid(tmp_path)
    text = lesson.read_text(encoding="utf-8")
    assert KNOWN in text
    lesson.write_text(text, encoding="utf-8")
    before = lesson.stat()
    assert not unknown_facts(load_library(root)[1])
    lesson.write_text(text.replace(KNOWN, UNKNOWN), encoding="utf-8")
    os.utime(lesson, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert lesson.stat().st_size == before.st_size
    assert unknown_facts(load_library(root)[1]) == [
        "courses/basics/bas-1.ar.md:17: unknown fact 'caption-limiz'"
    ]


def test_a_check_is_kept_apart_from_the_plain_load(tmp_path):
    """The problems a check adds come with that check's load only."""
    root, _lesson = copy_valid(tmp_path)

    def check(_library: object, problems: Problems) -> None:
        """Add one problem of the check's own."""
        problems.add("app/data.yaml", 3, "the check's own problem")

    checked = [p.message for p in load_library(root, check=check)[1].items]
    plain = [p.message for p in load_library(root)[1].items]
    assert "the check's own problem" in checked
    assert "the check's own problem" not in plain
