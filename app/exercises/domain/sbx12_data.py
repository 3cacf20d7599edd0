"""sbx-12 "Run and read an A/B test" data: the starting post per brand and settings (pure).

Every problem names the file and line, so `flask content check` points an editor at it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import line_of
from app.exercises.domain.datafile import read_data
from app.sandbox.domain.platforms import FORMATS

EDITABLE = ("first-line", "body", "format", "time", "cta")  # what the drafts may change
SETTINGS = ("hard_share", "default_duration", "default_sample", "min_next_step")
TEXTS = ("first_line", "body", "cta")


@dataclass(frozen=True)
class AbData:
    """The validated data: settings and each brand's starting post and model change."""

    settings: Mapping[str, float]
    brands: Mapping[str, Mapping[str, Any]]


def _brand_problems(brand: str, entry: Any) -> list[str]:
    """What is wrong with one brand's entry (empty when it is sound)."""
    if not isinstance(entry, Mapping):
        return [f"brand {brand!r} must be a mapping"]
    found = []
    platform = entry.get("platform")
    formats = entry.get("formats")
    if platform not in FORMATS:
        found.append(f"brand {brand!r}: unknown platform {platform!r}")
    elif not isinstance(formats, list) or not set(formats) <= set(FORMATS[platform]):
        found.append(f"brand {brand!r}: formats must be formats of {platform}")
    elif entry.get("format") not in formats:
        found.append(f"brand {brand!r}: format must be one of its formats")
    for key in TEXTS:
        if not str(entry.get(key) or "").strip():
            found.append(f"brand {brand!r}: {key} is required")
    if not isinstance(entry.get("hour"), int) or not 0 <= entry["hour"] <= 23:
        found.append(f"brand {brand!r}: hour must be 0 to 23")
    if not isinstance(entry.get("day"), int) or not 0 <= entry["day"] <= 20:
        found.append(f"brand {brand!r}: day must be 0 to 20")
    model = entry.get("model")
    if not isinstance(model, Mapping) or model.get("attribute") not in EDITABLE:
        found.append(f"brand {brand!r}: model.attribute must be one of {EDITABLE}")
    return found


def load_sbx12(
    path: Path, scenarios: Mapping[str, Any], problems: Problems, file: str
) -> AbData | None:
    """The validated data, or None after naming every problem."""
    raw = read_data(path, problems, file)
    if raw is None:
        return None
    before = len(problems.items)
    settings = raw.get("settings") if isinstance(raw, Mapping) else None
    if not isinstance(settings, Mapping) or any(
        not isinstance(settings.get(k), int | float) for k in SETTINGS
    ):
        problems.add(file, line_of(raw, 1), f"settings must give numbers for {SETTINGS}")
        settings = {}
    elif not 0.5 < float(settings["hard_share"]) < 1:
        problems.add(file, line_of(settings, 1), "hard_share must be between 0.5 and 1")
    brands = raw.get("brands") if isinstance(raw, Mapping) else None
    if not isinstance(brands, Mapping) or not brands:
        problems.add(file, line_of(raw, 1), "brands must map brand ids to starting posts")
        brands = {}
    for brand, entry in brands.items():
        if brand not in scenarios:
            problems.add(file, line_of(entry, 1), f"unknown brand {brand!r}")
        for message in _brand_problems(brand, entry):
            problems.add(file, line_of(entry, 1), message)
    if len(problems.items) > before:
        return None
    return AbData(dict(settings), {k: dict(v) for k, v in brands.items()})
