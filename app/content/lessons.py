"""Tracks and lesson files (front matter + Markdown body)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.content.loader import DATE, ID, LESSON_FILE, Reader
from app.content.model import Lesson, LessonText, Module, Source, Track
from app.content.yamlfile import YamlError, line_of, parse_yaml, read_text

SHARED_FIELDS = ("id", "track", "module", "skills", "minutes", "exercises")


def listed(value: Any) -> list[Any]:
    """A front-matter list, or [] when it is something else (already reported as a problem)."""
    return value if isinstance(value, list) else []


def read_tracks(reader: Reader) -> dict[str, Track]:
    """courses/<track>/track.yaml for every folder that has one."""
    tracks: dict[str, Track] = {}
    for path in sorted((reader.root / "courses").glob("*/track.yaml")):
        file, data = reader.rel(path), reader.yaml(path)
        if not isinstance(data, Mapping) or not reader.is_entry(data, file):
            continue
        line = line_of(data)
        if data["id"] != path.parent.name:
            reader.problems.add(
                file, line, f"track id {data['id']!r} must match its folder {path.parent.name!r}"
            )
        modules = []
        for m in reader.entries(data, "modules", file):
            lessons = m.get("lessons") or []
            if not isinstance(lessons, list) or not lessons:
                reader.problems.add(file, line_of(m), f"module {m['id']!r} lists no lessons")
                lessons = []
            modules.append(
                Module(
                    m["id"],
                    reader.text(m.get("title"), file, line_of(m), "title"),
                    tuple(str(x) for x in lessons),
                    line_of(m),
                )
            )
        if reader.unique(tracks, data["id"], file, line, "track"):
            order = data.get("order")
            if not isinstance(order, int):
                reader.problems.add(file, line, "order must be a whole number")
            tracks[data["id"]] = Track(
                data["id"],
                str(data.get("code", "")),
                order if isinstance(order, int) else 99,
                reader.text(data.get("title"), file, line, "title"),
                reader.text(data.get("description"), file, line, "description"),
                tuple(modules),
            )
    return tracks


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (front matter, body, line where the body starts); raise ValueError if absent."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError("a lesson must start with front matter between '---' lines")
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise ValueError("front matter is not closed with '---'")


def read_lesson_file(
    reader: Reader, path: Path, lang: str
) -> tuple[dict[str, Any], LessonText] | None:
    """Parse one lesson file; None when it is too broken to use."""
    file = reader.rel(path)
    try:
        source = read_text(path)
    except YamlError as exc:
        reader.problems.add(file, exc.line, str(exc))
        return None
    try:
        raw_meta, body, body_line = split_front_matter(source)
        meta = parse_yaml(raw_meta)
    except YamlError as exc:
        reader.problems.add(file, exc.line + 1, f"front matter: {exc}")
        return None
    except ValueError as exc:
        reader.problems.add(file, 1, str(exc))
        return None
    if not isinstance(meta, Mapping):
        reader.problems.add(file, 2, "front matter must be a mapping")
        return None
    for key in ("id", "track", "module", "title", "objectives", "skills", "minutes"):
        if meta.get(key) in (None, "", []):
            reader.problems.add(file, 2, f"front matter is missing '{key}'")
    if not isinstance(meta.get("minutes"), int):
        reader.problems.add(file, 2, "minutes must be a whole number")
    for key in ("objectives", "skills", "exercises", "sources"):
        if meta.get(key) is not None and not isinstance(meta.get(key), list):
            reader.problems.add(file, 2, f"'{key}' must be a list")
    sources = []
    for s in listed(meta.get("sources")):
        if not isinstance(s, Mapping) or not str(s.get("url", "")).startswith(
            ("https://", "http://")
        ):
            reader.problems.add(
                file, line_of(s, 2) + 1, "each source needs a title and an http(s) url"
            )
            continue
        if not DATE.match(str(s.get("as_of", ""))):
            reader.problems.add(
                file, line_of(s, 2) + 1, "each source needs as_of as a date like 2026-11-01"
            )
        sources.append(Source(str(s.get("title", "")), str(s["url"]), str(s.get("as_of", ""))))
    raw_objectives = meta.get("objectives")
    objectives = raw_objectives if isinstance(raw_objectives, list) else []
    text = LessonText(
        lang,
        str(meta.get("title") or ""),
        tuple(str(o) for o in objectives),
        tuple(sources),
        body,
        file,
        body_line,
    )
    return dict(meta), text


def read_lessons(reader: Reader) -> dict[str, Lesson]:
    """Every courses/<track>/<id>.<lang>.md, paired by id."""
    found: dict[str, dict[str, tuple[dict[str, Any], LessonText]]] = {}
    for path in sorted((reader.root / "courses").glob("*/*.md")):
        match = LESSON_FILE.match(path.name)
        if not match:
            reader.problems.add(
                reader.rel(path), 1, "lesson files are named <lesson-id>.<ar|en>.md"
            )
            continue
        parsed = read_lesson_file(reader, path, match["lang"])
        if parsed is None:
            continue
        meta, text = parsed
        if meta.get("id") != match["id"]:
            reader.problems.add(
                text.file, 2, f"id {meta.get('id')!r} must match the file name {match['id']!r}"
            )
        if meta.get("track") != path.parent.name:
            reader.problems.add(
                text.file,
                2,
                f"track {meta.get('track')!r} must match the folder {path.parent.name!r}",
            )
        if not ID.match(match["id"]):
            continue
        found.setdefault(match["id"], {})[match["lang"]] = (meta, text)
    lessons = {}
    for lesson_id, versions in found.items():
        metas = {lang: meta for lang, (meta, _) in versions.items()}
        first_lang = "ar" if "ar" in metas else next(iter(metas))
        meta = metas[first_lang]
        for lang, other in metas.items():
            for key in SHARED_FIELDS:
                if other.get(key) != meta.get(key):
                    reader.problems.add(
                        versions[lang][1].file, 2, f"'{key}' differs from the {first_lang} version"
                    )
        lessons[lesson_id] = Lesson(
            lesson_id,
            str(meta.get("track")),
            str(meta.get("module")),
            tuple(str(s) for s in listed(meta.get("skills"))),
            meta["minutes"] if isinstance(meta.get("minutes"), int) else 0,
            tuple(str(e) for e in listed(meta.get("exercises"))),
            {lang: text for lang, (_, text) in versions.items()},
        )
    return lessons
