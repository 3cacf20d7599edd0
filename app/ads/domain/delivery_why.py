"""Why an ad set delivered as it did (pure): the run's factors, each with a line in ar and en.

A day's CPM, link CTR and results per click are products of named factors. Over the run the
factors that change by day (season, learning, fatigue, luck) are averaged the way the totals
are: CPM as spend over impressions (a spend-weighted harmonic mean), CTR per impression and
results per click. Each factor's run value is the ratio of the running product's averages
with and without it, so the listed CPM factors multiply to the run's CPM, the CTR factors to
its link CTR and the results-per-click factors to its results ÷ clicks (up to the rounding of
whole impressions, clicks and results).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.ads.domain.delivery import Day, Delivery
from app.ads.domain.delivery_data import Factor, Model, delivery_model

BASES = ("cpm.base", "ctr.base", "cvr.base")
ALWAYS = (*BASES, "ctr.creative", "ctr.fatigue", "cpm.luck", "ctr.luck", "cvr.luck")
LOCALES = ("ar", "en")


@dataclass(frozen=True)
class WhyLine:
    """One factor of the run, its value and the sentence that explains it."""

    name: str
    value: float
    text: str


def _average(
    days: Sequence[Day], prefix: str, upto: int, weight: str, harmonic: bool
) -> float | None:
    """Weighted mean over days of the product of a metric's first `upto` factors."""
    total = acc = 0.0
    for d in days:
        w = float(getattr(d, weight))
        factors = [f for f in d.factors if f.name.startswith(prefix)][:upto]
        if w <= 0 or not factors:
            continue
        value = math.prod(f.value for f in factors)
        total += w
        acc += w / value if harmonic else w * value
    if total == 0 or acc == 0:
        return None
    return total / acc if harmonic else acc / total


def run_factors(delivery: Delivery) -> tuple[Factor, ...]:
    """The run's factors in order (CPM, then link CTR, then results per click)."""
    days = [d for d in delivery.days if d.impressions > 0]
    if not days:
        return tuple(f for f in delivery.fixed)
    out: list[Factor] = []
    for prefix, weight, harmonic in (
        ("cpm.", "spend", True),
        ("ctr.", "impressions", False),
        ("cvr.", "clicks", False),
    ):
        names = [f for f in days[0].factors if f.name.startswith(prefix)]
        previous: float | None = 1.0
        for i, first in enumerate(names, start=1):
            current = _average(days, prefix, i, weight, harmonic)
            if current is None or previous is None:
                break
            out.append(Factor(first.name, current / previous, first.reason))
            previous = current
    return tuple(out)


def spent_share(delivery: Delivery) -> float:
    """Share of the budget spent (below 1 when the audience could not absorb it)."""
    budget = math.fsum(d.budget for d in delivery.days)
    return delivery.totals.spend / budget if budget else 1.0


def _shown(factor: Factor) -> str:
    """The factor's value as the sentence shows it: money, a percent or a multiplier."""
    if factor.name == "cpm.base":
        return f"{factor.value:.2f}"
    if factor.name in ("ctr.base", "cvr.base") and factor.reason != "engagement":
        return f"{factor.value * 100:.2f}"
    return f"{factor.value:.2f}"


def _text(texts: Mapping[str, Mapping[str, str]], factor: Factor, locale: str) -> str:
    """The factor's sentence: a reason-specific one ("cpm.market:none") wins over the general."""
    row = texts.get(f"{factor.name}:{factor.reason}") or texts[factor.name]
    return row[locale].format(value=_shown(factor))


def why(delivery: Delivery, locale: str = "ar", data: Model | None = None) -> list[WhyLine]:
    """The explanation of a run: each factor that mattered, its value and its sentence."""
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}")
    texts: Mapping[str, Mapping[str, str]] = (data or delivery_model())["why"]
    lines = []
    for f in run_factors(delivery):
        neutral = math.isclose(f.value, 1.0, abs_tol=5e-3) and f.reason != "none"
        if f.name in ALWAYS or not neutral:
            lines.append(WhyLine(f.name, f.value, _text(texts, f, locale)))
    share = spent_share(delivery)
    if share < 0.995:
        cap = Factor("delivery.cap", share)
        lines.append(
            WhyLine(cap.name, share, texts[cap.name][locale].format(value=f"{share * 100:.0f}"))
        )
    return lines
