"""The engagement model: seeded, explainable, replayable (pure; no Flask, no database).

Every random draw comes from a generator keyed by (account seed, post key, purpose), so a
replay that changes one post changes only what that post touches (sandbox.md, model
requirements). Every multiplier is returned with its reason for the "why" panel.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

MODEL_FILE = Path(__file__).parents[1] / "model.yaml"
COUNTS = ("likes", "comments", "shares", "saves", "clicks")


@cache
def model() -> Mapping[str, Any]:
    """The model's numbers (model.yaml), read once."""
    with MODEL_FILE.open(encoding="utf-8") as fh:
        data: Mapping[str, Any] = yaml.safe_load(fh)
    return data


def keyed_rng(seed: int, key: str, purpose: str) -> random.Random:
    """A generator for one (seed, key, purpose): the same inputs always draw the same numbers."""
    digest = hashlib.sha256(f"{seed}\x1f{key}\x1f{purpose}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311  # nosec B311


@dataclass(frozen=True)
class Factor:
    """One multiplier and why it applied (shown in the why panel)."""

    name: str
    value: float
    reason: str = ""


@dataclass(frozen=True)
class PostInput:
    """Everything the model needs to know about one post at publish time."""

    key: str
    platform: str
    format: str
    followers: int
    factors: Sequence[Factor] = ()
    has_link: bool = False


@dataclass(frozen=True)
class Outcome:
    """Final counts of a post and the factors that produced them."""

    reach: int
    impressions: int
    counts: Mapping[str, int]
    new_followers: int
    factors: tuple[Factor, ...] = field(default_factory=tuple)
    negative: bool = False

    @property
    def engagements(self) -> int:
        """Likes, comments, shares, saves and clicks together."""
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready record stored with the post."""
        return {
            "reach": self.reach,
            "impressions": self.impressions,
            "counts": dict(self.counts),
            "new_followers": self.new_followers,
            "negative": self.negative,
            "factors": [[f.name, round(f.value, 4), f.reason] for f in self.factors],
        }


def platform_data(platform: str) -> Mapping[str, Any]:
    """The model's numbers for one platform."""
    data: Mapping[str, Any] = model()["platforms"][platform]
    return data


def reach_share(platform: str, fmt: str) -> float:
    """Share of followers an average post in this format reaches."""
    shares: Mapping[str, float] = platform_data(platform)["reach_share"]
    return float(shares.get(fmt, next(iter(shares.values()))))


def simulate(seed: int, post: PostInput) -> Outcome:
    """Final results of one post: deterministic from the seed, the post key and its inputs."""
    m, p = model(), platform_data(post.platform)
    base = Factor("base_reach", reach_share(post.platform, post.format))
    noise = keyed_rng(seed, post.key, "reach").lognormvariate(0.0, float(m["noise_sigma"]))
    factors = (base, *post.factors, Factor("chance", noise))
    product = math.prod(f.value for f in factors[1:])
    reach = round((post.followers * base.value + float(m["discovery"][post.platform])) * product)
    impressions = round(reach * float(p["frequency"]))
    quality = math.prod(f.value for f in post.factors if f.name in ("quality", "voice", "trend"))
    draw = keyed_rng(seed, post.key, "engagement")
    rate = float(p["er_by_impressions"]) * min(quality, 1.5) * draw.lognormvariate(0.0, 0.15)
    total = impressions * rate
    mix: Mapping[str, float] = p["mix"]
    counts = {name: round(total * float(mix[name])) for name in COUNTS}
    if not post.has_link:
        counts["clicks"] = round(counts["clicks"] * 0.2)  # profile and "more" clicks only
    follows = keyed_rng(seed, post.key, "follows").uniform(0.7, 1.3)
    new_followers = round(
        sum(counts.values()) * float(m["follow_rate"]) * min(quality, 1.2) * follows
    )
    negative = any(f.value < 1 and f.name in ("voice", "calendar", "trend") for f in post.factors)
    if negative:
        new_followers = -max(1, round(new_followers * 0.5))
    return Outcome(reach, impressions, counts, new_followers, factors, negative)


def arrived_share(platform: str, hours: float) -> float:
    """Share of a post's final engagement that has arrived `hours` after publishing."""
    if hours <= 0:
        return 0.0
    half_life = float(platform_data(platform)["half_life_hours"])
    return 1.0 - 0.5 ** (hours / half_life)


def arrived(outcome: Mapping[str, Any], platform: str, hours: float) -> dict[str, int]:
    """Counts visible `hours` after publishing (reach and impressions arrive the same way)."""
    share = arrived_share(platform, hours)
    counts: Mapping[str, int] = outcome.get("counts", {})
    out = {k: math.floor(v * share) for k, v in counts.items()}
    out["reach"] = math.floor(int(outcome.get("reach", 0)) * share)
    out["impressions"] = math.floor(int(outcome.get("impressions", 0)) * share)
    return out
