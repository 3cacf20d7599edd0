"""sbx-13 "Set up a paid campaign" data: a campaign brief per brand, standard and two-phase,
each with a model answer (pure, validated against the ads data).

Every problem names the file and line, so `flask content check` points an editor at it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.ads.domain.budget import PLATFORMS
from app.ads.domain.data import ads_data
from app.content.errors import Problems
from app.content.yamlfile import line_of
from app.exercises.domain.datafile import read_data

LANGS = ("ar", "en")
HARD_PHASES = ("awareness", "traffic")  # curriculum.md §5.2: awareness, then traffic
AD_FIELDS = ("text", "headline", "cta", "media", "aspect")


@dataclass(frozen=True)
class CampaignData:
    """The validated file: each brand's platform, area, category and two briefs."""

    brands: Mapping[str, Mapping[str, Any]]


def bilingual(value: Any, blank: bool = False) -> bool:
    """Whether a value is {ar: text, en: text} (both filled unless `blank` is allowed)."""
    return isinstance(value, Mapping) and all(
        isinstance(value.get(k), str) and (blank or value[k].strip()) for k in LANGS
    )


def iso_day(value: Any) -> date | None:
    """A YYYY-MM-DD string as a date, or None."""
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def objectives_of(platform: str) -> dict[str, Mapping[str, Any]]:
    """A platform's objectives by id (objectives.yaml)."""
    return {o["id"]: o for o in ads_data("objectives")["objectives"].get(platform, [])}


def placements_of(platform: str) -> list[str]:
    """The placements of a platform (creative.yaml), in file order."""
    placements = ads_data("creative")["placements"]
    return [p for p, spec in placements.items() if spec["platform"] == platform]


def _model_problems(where: str, platform: str, model: Any, phases: int) -> list[str]:
    """What is wrong with a model answer's shape (its score is tested, not checked here)."""
    if not isinstance(model, Mapping):
        return [f"{where}: model must be a mapping"]
    found = []
    rows = model.get("phases")
    if not isinstance(rows, list) or len(rows) != phases:
        found.append(f"{where}: model needs {phases} phase(s)")
    else:
        found += [
            f"{where}: model objective {r.get('objective')!r} is not a {platform} objective"
            for r in rows
            if r.get("objective") not in objectives_of(platform)
        ]
    if not set(model.get("placements") or []) <= set(placements_of(platform)):
        found.append(f"{where}: model placements must be {platform} placements")
    ads = model.get("ads")
    if not isinstance(ads, list) or len(ads) != 2:
        found.append(f"{where}: model needs two ads")
    else:
        for ad in ads:
            if not all(bilingual(ad.get(k)) for k in ("text", "media")):
                found.append(f"{where}: each model ad needs text and media in ar and en")
            if not bilingual(ad.get("headline"), blank=True):
                found.append(f"{where}: each model ad needs a headline in ar and en (may be empty)")
            if ad.get("cta") not in ads_data("objectives")["ctas"]:
                found.append(f"{where}: unknown model button {ad.get('cta')!r}")
    if not bilingual(model.get("why")):
        found.append(f"{where}: model needs why in ar and en")
    return found


def _brief_problems(where: str, platform: str, brief: Any, hard: bool) -> list[str]:
    """What is wrong with one brief."""
    if not isinstance(brief, Mapping):
        return [f"{where} must be a mapping"]
    found = []
    if hard:
        if tuple(brief.get("phases") or ()) != HARD_PHASES:
            found.append(f"{where}: phases must be {list(HARD_PHASES)}")
    elif brief.get("goal") not in ads_data("objectives")["goals"]:
        found.append(f"{where}: goal must be one of objectives.yaml's goals")
    total = brief.get("total")
    if not isinstance(total, int | float) or total <= 0:
        found.append(f"{where}: total must be a positive amount")
    start, end = iso_day(brief.get("start")), iso_day(brief.get("end"))
    if start is None or end is None or end < start:
        found.append(f"{where}: start and end must be dates, end not before start")
    if not bilingual(brief.get("brief")):
        found.append(f"{where}: brief needs ar and en")
    return found + _model_problems(where, platform, brief.get("model"), 2 if hard else 1)


def _brand_problems(brand: str, entry: Any, scenarios: Mapping[str, Any]) -> list[str]:
    """What is wrong with one brand's entry (empty when it is sound)."""
    if brand not in scenarios:
        return [f"unknown brand {brand!r}"]
    if not isinstance(entry, Mapping):
        return [f"brand {brand!r} must be a mapping"]
    platform = entry.get("platform")
    if platform not in PLATFORMS:
        return [f"brand {brand!r}: platform must be one of {PLATFORMS}"]
    found = []
    cities = ads_data("audiences")["cities"]
    country = scenarios[brand].get("country")
    area = entry.get("cities")
    if (
        not isinstance(area, list)
        or not area
        or any(c not in cities or cities[c]["country"] != country for c in area)
    ):
        found.append(f"brand {brand!r}: cities must be audiences.yaml cities in {country!r}")
    if not isinstance(entry.get("category"), str):
        found.append(f"brand {brand!r}: category must name a policy category")
    for part, hard in (("standard", False), ("hard", True)):
        found += _brief_problems(f"brand {brand!r} {part}", platform, entry.get(part), hard)
    return found


def load_sbx13(
    path: Path, scenarios: Mapping[str, Any], problems: Problems, file: str
) -> CampaignData | None:
    """The validated data, or None after naming every problem."""
    raw = read_data(path, problems, file)
    if raw is None:
        return None
    brands = raw.get("brands") if isinstance(raw, Mapping) else None
    if not isinstance(brands, Mapping) or not brands:
        problems.add(file, line_of(raw, 1), "brands must map brand ids to campaign briefs")
        return None
    before = len(problems.items)
    for brand, entry in brands.items():
        for message in _brand_problems(brand, entry, scenarios):
            problems.add(file, line_of(entry, line_of(raw, 1)), message)
    if len(problems.items) > before:
        return None
    return CampaignData({k: dict(v) for k, v in brands.items()})
