"""Creative checks per placement: text and headline length, aspect ratio, call to action
against the objective (pure). Specs are in app/ads/data/creative.yaml with their figures in
courses/facts.yaml; objectives and buttons in app/ads/data/objectives.yaml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.ads.domain.data import ads_data, resolve

RATIO = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[:x×/]\s*(\d+(?:\.\d+)?)\s*$")
# Emoji and pictographs (TikTok's ad text takes none): the main emoji blocks and symbols.
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")


@dataclass(frozen=True)
class Creative:
    """One ad's creative in one placement, with the campaign objective it runs under."""

    placement: str
    objective: str  # the platform's API value, e.g. OUTCOME_TRAFFIC or TRAFFIC
    text: str
    headline: str = ""
    aspect: str = "1:1"  # width:height
    cta: str = ""  # a button id of objectives.yaml; empty for none


@dataclass(frozen=True)
class Finding:
    """A creative problem: a code (texts in data/messages.yaml), how bad, and the figures."""

    code: str
    severity: str  # error: refused; warning: accepted but cut off, cropped or off-key
    actual: str = ""
    limit: str = ""
    fact: str = ""


def ratio(text: str) -> float | None:
    """ "9:16" → 0.5625 (width ÷ height); None when it cannot be read."""
    match = RATIO.match(str(text))
    if not match or float(match.group(2)) == 0 or float(match.group(1)) == 0:
        return None
    return float(match.group(1)) / float(match.group(2))


def objective_goal(platform: str, objective: str) -> str | None:
    """The goal an objective serves best, or None for an objective the platform lacks."""
    for o in ads_data("objectives")["objectives"].get(platform, []):
        if o["id"] == objective:
            return str(o["goal"])
    return None


def ctas_for(platform: str, objective: str) -> list[str]:
    """The call-to-action buttons that fit an objective (those of its goal)."""
    goal = objective_goal(platform, objective)
    return list(ads_data("objectives")["ctas_by_goal"].get(goal, [])) if goal else []


def _fact_id(ref: Any) -> str:
    return str(ref["fact"]) if isinstance(ref, Mapping) and "fact" in ref else ""


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * b


def check_text(spec: Mapping[str, Any], c: Creative, facts: Mapping[str, Any]) -> list[Finding]:
    """Text and headline against the placement's lengths and forbidden characters."""
    found = []
    text = spec.get("text")
    if text:
        limit = int(resolve(text, facts))
        if len(c.text.strip()) > limit:
            found.append(
                Finding(
                    "text_too_long",
                    text["severity"],
                    str(len(c.text.strip())),
                    str(limit),
                    _fact_id(text),
                )
            )
        bad = sorted({ch for ch in c.text if ch in text.get("forbidden", [])})
        if text.get("no_emoji") and EMOJI.search(c.text):
            bad.append("emoji")
        if bad:
            found.append(Finding("text_forbidden", "error", " ".join(bad)))
    head = spec.get("headline")
    if head and len(c.headline.strip()) > int(resolve(head, facts)):
        found.append(
            Finding(
                "headline_too_long",
                head["severity"],
                str(len(c.headline.strip())),
                str(resolve(head, facts)),
                _fact_id(head),
            )
        )
    elif not head and c.headline.strip():
        found.append(Finding("headline_not_shown", "warning"))
    return found


def check_aspect(spec: Mapping[str, Any], c: Creative, facts: Mapping[str, Any]) -> list[Finding]:
    """The aspect ratio against what the placement accepts and recommends."""
    value = ratio(c.aspect)
    if value is None:
        return [Finding("aspect_invalid", "error", c.aspect)]
    tol = float(ads_data("creative")["aspect_tolerance"])
    span = spec.get("aspect_range")
    if span:
        tallest, widest = (str(resolve(span[k], facts)) for k in ("tallest", "widest"))
        low, high = ratio(tallest) or 0.0, ratio(widest) or 0.0
        if not low * (1 - tol) <= value <= high * (1 + tol):
            return [Finding("aspect_not_accepted", "error", c.aspect, f"{tallest}–{widest}")]
    accepted = [str(resolve(a, facts)) for a in spec.get("aspect_accepted", [])]
    if accepted and not any(_close(value, ratio(a) or 0.0, tol) for a in accepted):
        return [Finding("aspect_not_accepted", "error", c.aspect, ", ".join(accepted))]
    recommended = [str(resolve(a, facts)) for a in spec.get("aspect_recommended", [])]
    if recommended and not any(_close(value, ratio(a) or 0.0, tol) for a in recommended):
        return [Finding("aspect_not_recommended", "warning", c.aspect, ", ".join(recommended))]
    return []


def check_cta(platform: str, c: Creative) -> list[Finding]:
    """The button against the listed set and the objective's goal."""
    if objective_goal(platform, c.objective) is None:
        return [Finding("unknown_objective", "error", c.objective)]
    if not c.cta:
        return []
    if c.cta not in ads_data("objectives")["ctas"]:
        return [Finding("unknown_cta", "error", c.cta)]
    if c.cta not in ctas_for(platform, c.objective):
        return [Finding("cta_not_for_objective", "warning", c.cta, c.objective)]
    return []


def check_creative(c: Creative, facts: Mapping[str, Any]) -> list[Finding]:
    """Every finding for one creative in its placement, errors first."""
    placements = ads_data("creative")["placements"]
    if c.placement not in placements:
        raise KeyError(c.placement)
    spec = placements[c.placement]
    found = [
        *check_text(spec, c, facts),
        *check_aspect(spec, c, facts),
        *check_cta(str(spec["platform"]), c),
    ]
    return sorted(found, key=lambda f: f.severity != "error")
