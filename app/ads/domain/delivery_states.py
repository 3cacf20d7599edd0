"""Day-by-day labels of an ad set (pure): learning-phase state and creative-fatigue label.

Learning phase (sandbox.md, "Learning phase"), one of two rules from delivery.yaml:
- results_in_window (Meta): the ad set leaves learning once it has `results` results within
  `days` days of its start; if it has not by the end of day `days` it is "learning limited"
  until some `days`-day window reaches `results`;
- results_or_days (TikTok): swings settle after `results` results or `days` days.
A state is the state at the end of a day, after counting that day's results.

Fatigue labels mirror Ads Manager: the last `baseline_days` days' cost per result against the
creative's first `baseline_days` days: above 1× "creative limited", from 2× "creative fatigue".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

LEARNING, ACTIVE, LIMITED = "learning", "active", "learning_limited"
NO_LABEL, CREATIVE_LIMITED, CREATIVE_FATIGUE = "none", "creative_limited", "creative_fatigue"


def learning_state(rule: Mapping[str, Any] | None, previous: str, results: Sequence[int]) -> str:
    """The state at the end of the day, from the state before it and the results per day so far."""
    if rule is None or previous == ACTIVE:
        return ACTIVE
    needed, window, done = int(rule["results"]), int(rule["days"]), len(results)
    if rule["rule"] == "results_or_days":
        return ACTIVE if sum(results) >= needed or done >= window else LEARNING
    if rule["rule"] != "results_in_window":
        raise ValueError(f"unknown learning rule {rule['rule']!r}")
    if sum(results[-window:]) >= needed:
        return ACTIVE
    return LIMITED if done >= window else LEARNING


def cost_ratio(spend: Sequence[float], results: Sequence[int], days: int) -> float | None:
    """Last `days` days' cost per result ÷ the first `days` days' (None before it can be told)."""
    if len(spend) <= days:
        return None
    base_spend, base_results = sum(spend[:days]), sum(results[:days])
    if base_results == 0 or base_spend == 0:
        return None
    now_spend, now_results = sum(spend[-days:]), sum(results[-days:])
    if now_results == 0:
        return float("inf") if now_spend > 0 else None
    return (now_spend / now_results) / (base_spend / base_results)


def fatigue_label(ratio: float | None, fatigue: Mapping[str, Any]) -> str:
    """Ads Manager's delivery label for a cost-per-result ratio (thresholds from the data)."""
    if ratio is None or ratio <= float(fatigue["limited_above"]):
        return NO_LABEL
    return CREATIVE_FATIGUE if ratio >= float(fatigue["fatigue_from"]) else CREATIVE_LIMITED
