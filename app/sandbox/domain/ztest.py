"""The A/B test's call: a pooled two-proportion z-test from counts (pure).

sandbox.md "A/B tests": p̂ᵢ = xᵢ/nᵢ, pooled p̂ = (x₁ + x₂)/(n₁ + n₂),
SE = √(p̂(1 − p̂)(1/n₁ + 1/n₂)), z = (p̂₁ − p̂₂)/SE, no continuity correction; two-sided
p = 2(1 − Φ(|z|)), one-sided p = 1 − Φ(z) for H₁: p₁ > p₂ (the sign flips for p₂ > p₁).
Before any of that, each group needs more than 5 successes and more than 5 failures
(n·p̂ and n·(1 − p̂) from its own counts); otherwise the call is "too little data".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Alternative = Literal["two-sided", "a-better", "b-better"]
Call = Literal["a", "b", "inconclusive", "too-little-data"]
ALPHA = 0.05  # 95% confidence
MIN_COUNT = 5  # successes and failures per group must each be above this


class CountError(ValueError):
    """Counts that cannot be proportions (x > n, negative, or an empty group)."""


@dataclass(frozen=True)
class ZTest:
    """The working and the call, for the learner to read once they have made theirs."""

    x1: int
    n1: int
    x2: int
    n2: int
    alternative: Alternative
    p1: float
    p2: float
    pooled: float
    se: float
    z: float | None  # None when there was too little data to compute it honestly
    p: float | None
    call: Call


def phi(z: float) -> float:
    """The standard normal CDF, Φ(z)."""
    return 0.5 * math.erfc(-z / math.sqrt(2))


def z_test(x1: int, n1: int, x2: int, n2: int, alternative: Alternative = "two-sided") -> ZTest:
    """Compare A (x1 of n1) with B (x2 of n2) at 95%; raise CountError on impossible counts."""
    for x, n in ((x1, n1), (x2, n2)):
        if n <= 0 or x < 0 or x > n:
            raise CountError(f"{x} of {n} is not a proportion")
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if min(x1, n1 - x1, x2, n2 - x2) <= MIN_COUNT or se == 0:
        return ZTest(x1, n1, x2, n2, alternative, p1, p2, pooled, se, None, None, "too-little-data")
    z = (p1 - p2) / se
    if alternative == "two-sided":
        p = math.erfc(abs(z) / math.sqrt(2))
    elif alternative == "a-better":
        p = 1 - phi(z)
    else:
        p = phi(z)
    call: Call = "inconclusive"
    if p < ALPHA:
        call = "a" if z > 0 else "b"
    return ZTest(x1, n1, x2, n2, alternative, p1, p2, pooled, se, z, p, call)
