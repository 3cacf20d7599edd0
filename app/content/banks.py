"""Quiz banks: quizzes/<track>.yaml into QuizItem records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.content.loader import Reader
from app.content.questions import LEVELS, REGISTRY, QuizItem
from app.content.yamlfile import line_of

TYPE_FIELDS = ("options", "answer", "weights", "accept", "pairs", "partial_credit")


def read_item(reader: Reader, raw: Mapping[str, Any], track: str, file: str) -> QuizItem | None:
    """Validate one item's own fields and build it."""
    line = line_of(raw)
    kind = REGISTRY.get(str(raw.get("type")))
    if kind is None:
        reader.problems.add(file, line, f"item {raw['id']!r}: unknown type {raw.get('type')!r}")
        return None
    for message in kind.check(raw):
        reader.problems.add(file, line, f"item {raw['id']!r}: {message}")
    review = bool(raw.get("review", False))
    missing = [k for k in ("lesson", "level", "skills") if not raw.get(k)]
    if missing and not review:
        reader.problems.add(
            file,
            line,
            f"item {raw['id']!r}: missing {', '.join(missing)} "
            "(imported items may set review: true until tagged)",
        )
    if raw.get("level") and raw.get("level") not in LEVELS:
        reader.problems.add(file, line, f"item {raw['id']!r}: level must be K, A or J")
    langs = [raw["lang"]] if raw.get("lang") in ("ar", "en") else ["ar", "en"]
    for lang in langs:
        for what in ("stem", "rationale"):
            if not str(raw.get(f"{what}_{lang}") or "").strip() and not (
                review and what == "rationale"
            ):
                reader.problems.add(file, line, f"item {raw['id']!r}: {what}_{lang} is missing")
    skills = raw.get("skills") or []
    if not isinstance(skills, list):
        reader.problems.add(file, line, f"item {raw['id']!r}: skills must be a list")
        skills = []
    spec = {k: raw[k] for k in TYPE_FIELDS if k in raw}
    return QuizItem(
        id=str(raw["id"]),
        track=track,
        lesson=str(raw.get("lesson") or ""),
        type=str(raw["type"]),
        level=str(raw.get("level") or ""),
        skills=tuple(str(s) for s in skills),
        stem={lang: str(raw.get(f"stem_{lang}") or "") for lang in ("ar", "en")},
        rationale={lang: str(raw.get(f"rationale_{lang}") or "") for lang in ("ar", "en")},
        spec=spec,
        diagnostic=bool(raw.get("diagnostic", False)),
        review=review,
        file=file,
        line=line,
    )


def read_banks(reader: Reader) -> dict[str, QuizItem]:
    """Every quizzes/*.yaml bank; item ids are unique across banks."""
    items: dict[str, QuizItem] = {}
    for path in sorted((reader.root / "quizzes").glob("*.yaml")):
        file, data = reader.rel(path), reader.yaml(path)
        if data is None:
            continue
        track = str(data.get("track", "")) if isinstance(data, Mapping) else ""
        if track != path.stem:
            reader.problems.add(
                file, line_of(data), f"track {track!r} must match the file name {path.stem!r}"
            )
        for raw in reader.entries(data, "items", file):
            if reader.unique(items, raw["id"], file, line_of(raw), "quiz item"):
                item = read_item(reader, raw, path.stem, file)
                if item is not None:
                    items[item.id] = item
    return items
