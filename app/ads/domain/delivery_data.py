"""The ad delivery model's numbers (app/ads/data/delivery.yaml), read once, with typed lookups.

Every function takes the model mapping as an argument (defaulting to the file) so a test or a
what-if can run the same code with other numbers, e.g. without luck.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DELIVERY_FILE = Path(__file__).parents[1] / "data" / "delivery.yaml"
PLATFORMS = ("facebook", "instagram", "tiktok", "linkedin", "x", "snapchat")
MARKETS = ("global", "ae", "sa", "eg", "jo")
OBJECTIVES = ("traffic", "awareness", "engagement", "leads", "sales")

Model = Mapping[str, Any]


@dataclass(frozen=True)
class Factor:
    """One named multiplier (or base figure) of a day's CPM, CTR or results, and its reason."""

    name: str
    value: float
    reason: str = ""


def keyed_rng(seed: int, key: str, purpose: str) -> random.Random:
    """A generator for one (seed, key, purpose): the same inputs always draw the same numbers."""
    # The organic engine's scheme (app/sandbox/domain/engine.py), repeated so the ads domain
    # does not import the sandbox package and, through its __init__, the whole web app.
    digest = hashlib.sha256(f"{seed}\x1f{key}\x1f{purpose}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311  # nosec B311


@cache
def delivery_model() -> Model:
    """The delivery model's numbers, read once."""
    with DELIVERY_FILE.open(encoding="utf-8") as fh:
        data: Model = yaml.safe_load(fh)
    return data


def family(platform: str, data: Model) -> str:
    """The ad system a platform buys through (Facebook and Instagram share Meta's)."""
    return str(data["platforms"][platform]["family"])


def base_cpm(platform: str, data: Model) -> float:
    """The platform's global median CPM in USD (the centre of its calibration band)."""
    return float(data["platforms"][platform]["cpm"])


def market_cpm_ratio(platform: str, market: str, data: Model) -> float | None:
    """CPM in the market ÷ the global CPM, or None where no figure exists for the market."""
    row = (data["markets"].get(market) or {}).get(family(platform, data))
    if not row:
        return None
    split = (
        float(data["meta_split"].get(platform, 1.0)) if family(platform, data) == "meta" else 1.0
    )
    return float(row["cpm"]) * split / base_cpm(platform, data)


def objective(name: str, data: Model) -> Mapping[str, Any]:
    """One objective's row: what a result is, its CPM and CTR multipliers, its conversion rates."""
    row: Mapping[str, Any] = data["objectives"][name]
    return row


def results_per_click(name: str, platform: str, data: Model) -> float | None:
    """Results per link click for objectives whose result follows a click, else None."""
    row = objective(name, data)
    if row["result"] == "engagements":
        return float(row["engagements_per_link_click"])
    if "cvr" in row:
        return float(row["cvr"][platform])
    return None


def learning_rule(platform: str, data: Model) -> Mapping[str, Any] | None:
    """The platform's learning-phase rule, or None where no published rule was found."""
    rule: Mapping[str, Any] | None = data["learning"].get(family(platform, data))
    return rule


def season_factor(month: int, weekday: int, data: Model) -> float:
    """CPM multiplier for a month (1–12) and a weekday (Monday 0), from the season table."""
    season = data["season"]
    value = float(season["months"].get(month, 1.0))
    return value * (float(season["friday"]) if weekday == 4 else 1.0)


def check(platform: str, market: str, objective_name: str) -> None:
    """Raise ValueError for a platform, market or objective the model does not know."""
    for value, allowed in (
        (platform, PLATFORMS),
        (market, MARKETS),
        (objective_name, OBJECTIVES),
    ):
        if value not in allowed:
            raise ValueError(f"unknown {value!r}; expected one of {', '.join(allowed)}")
