"""Cross-reference checks once every file is read: ids must point at things that exist."""

from __future__ import annotations

import re

from app.content.errors import Problems
from app.content.model import Library

FACT_REF = re.compile(r"\{\{\s*fact:([a-z0-9-]+)\s*\}\}")
LESSON_LINK = re.compile(r"\]\(lesson:([a-z0-9-]+)(?:#[^)]*)?\)")
TERM_REF = re.compile(r"\{\{\s*term:([a-z0-9-]+)\s*(?:\|([^{}|]*))?\}\}")


def check_references(
    lib: Library, problems: Problems, skills_file: str = "courses/skills.yaml"
) -> None:
    """Record every reference to an unknown skill, lesson, module, exercise or fact."""
    skills = set(lib.skills)
    for role in lib.roles.values():
        missing = skills - set(role.targets)
        unknown = (set(role.targets) | role.core) - skills
        if missing:
            problems.add(
                "courses/roles.yaml",
                role.line,
                f"role {role.id!r}: no target for {sorted(missing)}",
            )
        if unknown:
            problems.add(
                "courses/roles.yaml",
                role.line,
                f"role {role.id!r}: unknown skills {sorted(unknown)}",
            )
    for ex in lib.exercises.values():
        for skill in (*ex.primary, *ex.secondary):
            if skill not in skills:
                problems.add(
                    "courses/exercises.yaml",
                    ex.line,
                    f"exercise {ex.id!r}: unknown skill {skill!r}",
                )
        for criterion in ex.criteria:
            if criterion.lesson not in lib.lessons:
                problems.add(
                    "courses/exercises.yaml",
                    ex.line,
                    f"exercise {ex.id!r}: criterion {criterion.id!r} links to unknown lesson"
                    f" {criterion.lesson!r}",
                )
    listed: dict[str, str] = {}
    for track in lib.tracks.values():
        for module in track.modules:
            for lesson_id in module.lessons:
                file = f"courses/{track.id}/track.yaml"
                if lesson_id in listed:
                    problems.add(file, module.line, f"lesson {lesson_id!r} is listed twice")
                listed[lesson_id] = module.id
                if lesson_id not in lib.lessons:
                    problems.add(
                        file,
                        module.line,
                        f"module {module.id!r} lists unknown lesson {lesson_id!r}",
                    )
    for lesson in lib.lessons.values():
        first = lesson.text("ar")
        if lesson.track not in lib.tracks:
            problems.add(first.file, 2, f"unknown track {lesson.track!r}")
        elif listed.get(lesson.id) != lesson.module:
            problems.add(
                first.file, 2, f"lesson is not listed in module {lesson.module!r} of its track.yaml"
            )
        for lang in ("ar", "en"):
            if lang not in lesson.texts:
                problems.add(
                    first.file, 1, f"the {lang} version ({lesson.id}.{lang}.md) is missing"
                )
        for skill in lesson.skills:
            if skill not in skills:
                problems.add(first.file, 2, f"unknown skill {skill!r}")
        for exercise_id in lesson.exercises:
            if exercise_id not in lib.exercises:
                problems.add(first.file, 2, f"unknown exercise {exercise_id!r}")
        for text in lesson.texts.values():
            check_body(lib, problems, text.file, text.body, text.body_line)
    for item in lib.items.values():
        if item.lesson and item.lesson not in lib.lessons:
            problems.add(item.file, item.line, f"item {item.id!r}: unknown lesson {item.lesson!r}")
        for skill in item.skills:
            if skill not in skills:
                problems.add(item.file, item.line, f"item {item.id!r}: unknown skill {skill!r}")
        if item.review:
            problems.warn(
                item.file, item.line, f"item {item.id!r} needs review (not served until tagged)"
            )


def check_body(lib: Library, problems: Problems, file: str, body: str, first_line: int) -> None:
    """Unknown fact citations and links to unknown lessons, with their line numbers."""
    for offset, line in enumerate(body.split("\n")):
        for fact in FACT_REF.findall(line):
            if fact not in lib.facts:
                problems.add(file, first_line + offset, f"unknown fact {fact!r}")
        for term, _shown in TERM_REF.findall(line):
            if term not in lib.terms:
                problems.add(file, first_line + offset, f"unknown glossary term {term!r}")
        for lesson in LESSON_LINK.findall(line):
            if lesson not in lib.lessons:
                problems.add(file, first_line + offset, f"link to unknown lesson {lesson!r}")


def check_diagnostic(lib: Library, problems: Problems) -> None:
    """The diagnostic needs one K and one A item for every skill."""
    if not lib.skills:
        return
    for skill in lib.skills:
        for level in ("K", "A"):
            found = [
                i
                for i in lib.items.values()
                if i.diagnostic and not i.review and level == i.level and skill in i.skills
            ]
            if len(found) != 1:
                problems.add(
                    "quizzes/orientation.yaml",
                    1,
                    f"diagnostic needs exactly one {level} item for {skill!r} (found {len(found)})",
                )
