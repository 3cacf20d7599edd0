"""Who sees an ad how often (pure math): reach and creative fatigue under random exposure.

People in the audience meet the ad at random, so after `impressions` the exposures of one
person follow a Poisson law with mean f = impressions ÷ audience. Then:
- reach = audience × (1 − e^−f): each extra impression finds fewer new people;
- the k-th exposure of a person keeps k ** −exponent of the first one's click likelihood
  (sandbox.md, "Creative fatigue"), so the impressions delivered while f grows from f0 to f1
  keep, on average, (S(f1) − S(f0)) ÷ (f1 − f0) of the fresh CTR, where
  S(f) = Σ_k P(X ≥ k) · k ** −exponent is the fatigue-weighted exposures per person.
"""

from __future__ import annotations

import math


def exposure_multiplier(k: int, exponent: float) -> float:
    """Click likelihood of a person's k-th exposure relative to the first (k ≥ 1)."""
    if k < 1:
        raise ValueError("exposures are counted from 1")
    return float(k**-exponent)


def reach(audience: int, impressions: int) -> int:
    """People reached by `impressions` spread at random over `audience` people."""
    if impressions <= 0 or audience <= 0:
        return 0
    expected = audience * -math.expm1(-impressions / audience)
    return max(1, min(impressions, audience, round(expected)))


def weighted_exposures(mean: float, exponent: float) -> float:
    """S(f): Σ over k ≥ 1 of P(Poisson(f) ≥ k) · k ** −exponent, per person."""
    if mean <= 0:
        return 0.0
    if mean < 1e-9:
        return mean  # only first exposures: P(X ≥ 1) ≈ f, higher ones vanish
    total, survival = 0.0, -math.expm1(-mean)  # P(X ≥ 1)
    log_mean = math.log(mean)
    last = int(mean + 12 * math.sqrt(mean) + 30)
    for k in range(1, last + 1):
        total += survival * k**-exponent
        survival -= math.exp(-mean + k * log_mean - math.lgamma(k + 1))  # minus P(X = k)
        if survival < 1e-15:
            break
    return total


def fatigue_multiplier(before: float, after: float, exponent: float) -> float:
    """Average CTR multiplier of the impressions that raise frequency from `before` to `after`."""
    if after <= before:
        return exposure_multiplier(1, exponent) if before <= 0 else _slope(before, exponent)
    spent = weighted_exposures(after, exponent) - weighted_exposures(before, exponent)
    return max(0.0, min(1.0, spent / (after - before)))


def _slope(mean: float, exponent: float) -> float:
    """The marginal multiplier at frequency `mean` (the next impression's expected multiplier)."""
    step = max(mean * 1e-6, 1e-9)
    return fatigue_multiplier(mean, mean + step, exponent)
