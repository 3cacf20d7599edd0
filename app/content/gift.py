"""Moodle GIFT import and export for quiz banks (pure Python).

`parse_gift` turns a GIFT file into YAML-ready bank items in one language; `to_gift`
writes bank items back as GIFT. The type mapping is described in `app.content.gift_parse`.

Tagging: a `$CATEGORY: tawasul/<skill>[,<skill>…]/<level>[/<lesson>]` line (a leading
`$course$/`, `$system$/` or `top/` is ignored) tags the questions after it; any other
category is kept in a `label` field. `--skills`, `--level` and `--lesson` apply to the
questions under no category (or `$CATEGORY: tawasul` alone, which clears the tags) and fill
in what a tawasul category leaves unset; they never apply under another category. Items
still lacking skills, level, lesson or a rationale are imported with `review: true`.

Given the ids the content tree knows (`known_skills`, `known_lessons`), a tawasul category
naming another skill or lesson is an error at its line (`GiftResult.errors`): the importer then
writes nothing, since the bank would fail `flask content check`. An unknown level is only
demoted to a label, as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from app.content.gift_parse import Question, Skip, parse_question
from app.content.gift_write import to_gift
from app.content.questions import LEVELS

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
UNTAGGED = "the skills, level and lesson options do not apply under this category"
CATEGORY_PREFIX = re.compile(r"^(?:\$[a-z]+\$/)?(?:top/)?", re.IGNORECASE)

__all__ = ["GiftResult", "parse_gift", "to_gift"]


@dataclass
class GiftResult:
    """Items ready for a bank, problems by line, the ids imported with review: true, and the
    errors (by line) that make the whole file unfit to import."""

    items: list[dict[str, Any]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Category:
    """What a `$CATEGORY` line says about the questions after it."""

    skills: tuple[str, ...] = ()
    level: str = ""
    lesson: str = ""
    label: str = ""


def read_category(value: str) -> tuple[Category, str]:
    """The category of a `$CATEGORY:` line, and a problem message ('' when fine)."""
    parts = CATEGORY_PREFIX.sub("", value.strip()).split("/")
    if parts[0].lower() != "tawasul":
        return Category(label=value.strip()), ""
    rest = [*parts[1:], "", "", ""]
    skills = tuple(s.strip() for s in rest[0].split(",") if s.strip())
    level, lesson = rest[1].strip(), rest[2].strip()
    if (
        len(parts) > 4
        or not all(ID.match(s) for s in skills)
        or (level and level not in LEVELS)
        or (lesson and not ID.match(lesson))
    ):
        problem = f"category {value!r} is not tawasul/<skill-id>/<K|A|J>: kept as a label"
        return Category(label=value.strip()), problem
    return Category(skills, level, lesson), ""


def unknown_ids(
    category: Category,
    known_skills: Collection[str] | None,
    known_lessons: Collection[str] | None,
) -> list[str]:
    """What a tawasul category names that the content does not have (empty when all known)."""
    found = []
    if known_skills is not None:
        found += [f"unknown skill id {s!r}" for s in category.skills if s not in known_skills]
    if known_lessons is not None and category.lesson and category.lesson not in known_lessons:
        found.append(f"unknown lesson id {category.lesson!r}")
    return found


def blocks(text: str) -> Iterator[tuple[int, str, str]]:
    """(first line, "category" or "question", text) for each block of a GIFT file."""
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped.upper().startswith("$CATEGORY:") or not stripped:
            if current:
                yield start, "question", "\n".join(current)
                current = []
            if stripped:
                yield number, "category", stripped[len("$CATEGORY:") :].strip()
            continue
        start = start if current else number
        current.append(line)
    if current:
        yield start, "question", "\n".join(current)


def slug(name: str) -> str:
    """A question name as a lowercase kebab-case id ('' when nothing usable is left)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")


def assign_ids(
    found: list[tuple[int, Question, Category]], code: str, problems: list[tuple[int, str]]
) -> list[str]:
    """Ids from the question names; `<code>-gift-<n>` (unique in the file) when missing."""
    named = {slug(q.name) for _, q, _ in found}
    used: set[str] = set()
    ids = []
    number = 0
    for line, q, _ in found:
        item_id = slug(q.name)
        if q.name and not item_id:
            problems.append((line, f"name {q.name!r} gives no latin id: an id was generated"))
        elif item_id in used:
            problems.append((line, f"name {q.name!r} is used twice: an id was generated"))
            item_id = ""
        while not item_id or item_id in used:
            number += 1
            candidate = f"{code}-gift-{number}"
            item_id = "" if candidate in named or candidate in used else candidate
        used.add(item_id)
        ids.append(item_id)
    return ids


def build_item(
    item_id: str, q: Question, tags: Category, defaults: Category
) -> tuple[dict[str, Any], bool]:
    """A bank item in our key order, and whether it needs review."""
    defaults = Category() if tags.label else defaults
    skills = list(tags.skills or defaults.skills)
    level, lesson = tags.level or defaults.level, tags.lesson or defaults.lesson
    rationale = "\n".join(q.feedback)
    review = not (skills and level and lesson and rationale)
    item: dict[str, Any] = {"id": item_id}
    if lesson:
        item["lesson"] = lesson
    item["type"] = q.type
    if level:
        item["level"] = level
    if skills:
        item["skills"] = skills
    if tags.label:
        item["label"] = tags.label
    if review:
        item["review"] = True
    item["lang"] = q.lang
    item[f"stem_{q.lang}"] = q.stem
    item.update(q.fields)
    if rationale:
        item[f"rationale_{q.lang}"] = rationale
    return item, review


def parse_gift(
    text: str,
    *,
    lang: str = "en",
    skills: list[str] | None = None,
    level: str | None = None,
    track: str,
    code: str | None = None,
    lesson: str | None = None,
    known_skills: Collection[str] | None = None,
    known_lessons: Collection[str] | None = None,
) -> GiftResult:
    """Read a GIFT file into bank items in `lang`; `code` (the track code) names new ids.

    With `known_skills`/`known_lessons`, a category naming other ids is a line in `errors`.
    """
    if lang not in ("ar", "en"):
        raise ValueError(f"lang must be ar or en, not {lang!r}")
    if level and level not in LEVELS:
        raise ValueError(f"level must be K, A or J, not {level!r}")
    defaults = Category(tuple(skills or ()), level or "", lesson or "")
    result = GiftResult()
    tags = Category()
    found: list[tuple[int, Question, Category]] = []
    for line, kind, block in blocks(text):
        if kind == "category":
            tags, problem = read_category(block)
            unknown = unknown_ids(tags, known_skills, known_lessons)
            result.errors += [(line, f"category {block!r}: {what}") for what in unknown]
            if problem:
                result.problems.append((line, problem))
            elif tags.label and defaults != Category():
                result.problems.append((line, f"{UNTAGGED}: {tags.label!r}"))
            continue
        try:
            question = parse_question(block, lang)
        except Skip as exc:
            result.problems.append((line, str(exc)))
            continue
        result.problems += [(line, note) for note in question.notes]
        found.append((line, question, tags))
    for (_, question, tags), item_id in zip(
        found, assign_ids(found, code or track, result.problems), strict=True
    ):
        item, review = build_item(item_id, question, tags, defaults)
        result.items.append(item)
        if review:
            result.flagged.append(item_id)
    result.problems.sort(key=lambda problem: problem[0])
    return result
