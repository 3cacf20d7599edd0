"""sbx-14 Part B's rule key and the metrics a rationale cites (pure).

The rule key, in order: too few results to judge → wait (the learning phase is still
unstable); frequency above the limit → fix the creative (fatigue); cost per result at or
under the scale band of the target → scale; within the keep band → keep; above it → pause.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.exercises.domain.text import fold, numbers, words

DECISIONS = ("scale", "keep", "fix-creative", "pause", "wait")
METRICS = ("cpr", "frequency", "results", "ctr", "spend")
# The metric that decides each call; waiting is decided by too few results (or too little
# spend to have bought them), so either counts.
DECIDING = {
    "scale": ("cpr",),
    "keep": ("cpr",),
    "pause": ("cpr",),
    "fix-creative": ("frequency",),
    "wait": ("results", "spend"),
}


@dataclass(frozen=True)
class Thresholds:
    """The rule key's thresholds: the target cost per result, the frequency limit, the fewest
    results worth judging, and the scale and keep bands as shares of the target."""

    target_cpr: float
    frequency_limit: float
    min_results: int
    scale_below: float
    keep_up_to: float


def cost_per_result(spend: float, results: int) -> float:
    """Spend ÷ results, to two decimals (0 when nothing resulted)."""
    return round(spend / results, 2) if results else 0.0


def decide(key: Thresholds, spend: float, results: int, frequency: float) -> str:
    """The rule key's call on one ad set's week-one results."""
    if results < key.min_results:
        return "wait"
    if frequency > key.frequency_limit:
        return "fix-creative"
    # Compared as shown, to two decimals (6 × 1.2 is 7.199… in binary floating point).
    cpr = cost_per_result(spend, results)
    if cpr <= round(key.target_cpr * key.scale_below, 2):
        return "scale"
    if cpr <= round(key.target_cpr * key.keep_up_to, 2):
        return "keep"
    return "pause"


def credit_for(gold: str, chosen: str, credit: Mapping[str, Mapping[str, float]]) -> float:
    """The share of a decision's points a choice earns: 1 for the key, the matrix otherwise."""
    if chosen == gold:
        return 1.0
    return float(credit.get(gold, {}).get(chosen, 0.0))


def _named(found: list[str], lexicon: Mapping[str, Sequence[str]]) -> set[str]:
    """Metrics named in folded words; longer phrases first, each word used once."""
    phrases = sorted(
        ((words(p), metric) for metric, ps in lexicon.items() for p in ps),
        key=lambda item: -len(item[0]),
    )
    used = [False] * len(found)
    named: set[str] = set()
    for needle, metric in phrases:
        if not needle:
            continue
        for i in range(len(found) - len(needle) + 1):
            window = range(i, i + len(needle))
            if any(used[j] for j in window):
                continue
            if all(_same(found[j], needle[j - i]) for j in window):
                named.add(metric)
                for j in window:
                    used[j] = True
    return named


def _same(word: str, wanted: str) -> bool:
    """A typed word matches a lexicon word, allowing up to two glued Arabic prefix letters
    (و ف ب ل), as in «والتكرار» and «وبالتكرار»."""
    extra = len(word) - len(wanted)
    return word == wanted or (
        0 < extra <= 2 and word.endswith(wanted) and all(c in "وفبل" for c in word[:extra])
    )


def _figures(text: str, figures: Mapping[str, float]) -> set[str]:
    """Metrics whose shown figure appears in the text (within rounding)."""
    found = set()
    for raw in numbers(text):
        try:
            value = float(raw)
        except ValueError:
            continue
        for metric, figure in figures.items():
            if abs(value - figure) <= max(0.051, abs(figure) * 0.005):
                found.add(metric)
    return found


def cited(
    text: str, figures: Mapping[str, float], lexicon: Mapping[str, Sequence[str]]
) -> set[str]:
    """The metrics a rationale cites, by name or by its figure."""
    return _named(words(fold(text)), lexicon) | _figures(text, figures)
