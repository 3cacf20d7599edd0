"""A/B tests of posts: the attribute diff, the underlying rates and the seeded split (pure).

Two drafts are compared attribute by attribute (a test changes exactly one). Each variant's
underlying rate comes from the engagement model (engine.py: engagements ÷ impressions ×
impressions per person, times the post's quality factors), so a better draft really tends to
win. Delivery is seeded by (account seed, test key): the same test always gets the same
reach and counts, and every count is x ≤ n because each person reached either acts or not.
The call is the pooled z-test of ztest.py at 95 %.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.sandbox.domain.engine import Factor, keyed_rng, platform_data, reach_share
from app.sandbox.domain.platforms import WEEKDAYS
from app.sandbox.domain.ztest import Alternative, ZTest, z_test

# The attributes a test can change, in the order the diff names them.
ATTRIBUTES = (
    "first-line",
    "body",
    "format",
    "time",
    "cta",
    "image",
    "hashtags",
    "link",
    "pillar",
    "trend",
    "on-screen-hook",
    "goal",
    "platform",
)
METRICS = ("engaged", "clicked")
DIRECTIONS = ("", "a", "b")  # "" = no direction declared: two-sided
DURATION_DAYS = (1, 28)
SAMPLE = (100, 20_000)  # people reached per variant
RATE_NOISE = 0.03  # lognormal spread of a variant's true rate: small beside sampling noise
REACH_NOISE = 0.03  # delivery never lands exactly on the declared sample
# Factors that change how people respond once reached (time and fit are softened: reach
# already carries most of their effect in the engine).
RESPONSE_FACTORS = ("quality", "voice", "trend", "calendar")
SOFT_FACTORS = ("time", "fit")


def first_line(text: str) -> str:
    """The text's first non-empty line (the hook people see before "more")."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def body_of(text: str) -> str:
    """The text after its first non-empty line, whitespace normalised."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join(lines[1:])


def when_text(when: datetime | str | None) -> str:
    """A schedule as weekday and hour ("fri 20:00"); empty when the post is not scheduled."""
    if not when:
        return ""
    at = datetime.fromisoformat(when) if isinstance(when, str) else when
    return f"{WEEKDAYS[at.weekday()]} {at:%H:%M}"


def attributes_of(post: Mapping[str, Any]) -> dict[str, str]:
    """A post's comparable attributes as text, from its fields (row or form values)."""
    text = str(post.get("text") or "")
    image = " | ".join(
        str(post.get(k) or "") for k in ("media_count", "aspect", "media_description", "alt_text")
    )
    return {
        "first-line": first_line(text),
        "body": body_of(text),
        "format": str(post.get("format") or ""),
        "time": when_text(post.get("scheduled_at")),
        "cta": str(post.get("cta") or "").strip(),
        "image": image,
        "hashtags": " ".join(sorted(str(post.get("hashtags") or "").split())),
        "link": str(post.get("link") or "").strip(),
        "pillar": str(post.get("pillar") or ""),
        "trend": str(post.get("trend") or ""),
        "on-screen-hook": str(post.get("hook") or "").strip(),
        "goal": str(post.get("goal") or ""),
        "platform": str(post.get("platform") or ""),
    }


def diff(a: Mapping[str, str], b: Mapping[str, str]) -> tuple[str, ...]:
    """Every attribute in which two snapshots differ, in ATTRIBUTES order."""
    return tuple(name for name in ATTRIBUTES if (a.get(name) or "") != (b.get(name) or ""))


def alternative_of(direction: str) -> Alternative:
    """The z-test's alternative for a declared direction ("" is two-sided)."""
    return {"a": "a-better", "b": "b-better"}.get(direction, "two-sided")  # type: ignore[return-value]


def underlying_rate(
    platform: str, fmt: str, factors: Sequence[Factor], has_link: bool, metric: str
) -> float:
    """Share of people reached who engage (or click), from the engine's numbers (0–1)."""
    p = platform_data(platform)
    quality = math.prod(f.value for f in factors if f.name in RESPONSE_FACTORS)
    soft = math.prod(math.sqrt(f.value) for f in factors if f.name in SOFT_FACTORS)
    shares: Mapping[str, float] = p["reach_share"]
    # A format that reaches more people also holds them a little better.
    typical = sum(shares.values()) / len(shares)
    format_lift = math.sqrt(reach_share(platform, fmt) / typical) if typical else 1.0
    rate = float(p["er_by_impressions"]) * float(p["frequency"])
    rate *= min(quality, 1.5) * soft * format_lift
    if metric == "clicked":
        rate *= float(p["mix"]["clicks"]) * (1.0 if has_link else 0.2)
    return min(max(rate, 0.0), 0.95)


def split_reach(seed: int, key: str, sample: int, share_a: float = 0.5) -> tuple[int, int]:
    """People reached by A and by B: 2 × sample split by `share_a`, with seeded noise."""
    rng = keyed_rng(seed, key, "ab-reach")
    total = 2 * sample
    n_a = round(total * share_a * rng.uniform(1 - REACH_NOISE, 1 + REACH_NOISE))
    n_b = round(total * (1 - share_a) * rng.uniform(1 - REACH_NOISE, 1 + REACH_NOISE))
    return max(1, n_a), max(1, n_b)


def people_who_acted(seed: int, key: str, variant: str, rate: float, n: int) -> int:
    """Unique people out of n who acted: one seeded draw per person, so 0 ≤ x ≤ n."""
    rng = keyed_rng(seed, key, f"ab-{variant}-rate")
    true_rate = min(0.95, rate * rng.lognormvariate(0.0, RATE_NOISE))
    draws = keyed_rng(seed, key, f"ab-{variant}-people")
    return sum(1 for _ in range(n) if draws.random() < true_rate)


@dataclass(frozen=True)
class Delivery:
    """What the simulator delivered: reach and people who acted per variant, and the test."""

    n_a: int
    x_a: int
    n_b: int
    x_b: int
    test: ZTest

    @property
    def verdict(self) -> str:
        """The call a learner should make: a, b or inconclusive (too little data included)."""
        return self.test.call if self.test.call in ("a", "b") else "inconclusive"


def deliver(
    seed: int,
    key: str,
    rates: tuple[float, float],
    sample: int,
    direction: str = "",
    share_a: float = 0.5,
) -> Delivery:
    """Run the split for (rate A, rate B) and test it at 95 % (one-sided if declared)."""
    n_a, n_b = split_reach(seed, key, sample, share_a)
    x_a = people_who_acted(seed, key, "a", rates[0], n_a)
    x_b = people_who_acted(seed, key, "b", rates[1], n_b)
    return Delivery(n_a, x_a, n_b, x_b, z_test(x_a, n_a, x_b, n_b, alternative_of(direction)))


def validity(test: ZTest) -> list[tuple[str, int, int, bool]]:
    """Per group: (name, successes, failures, both above 5) — the check made before z."""
    return [
        (name, x, n - x, x > 5 and n - x > 5)
        for name, x, n in (("A", test.x1, test.n1), ("B", test.x2, test.n2))
    ]
