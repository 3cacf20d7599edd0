"""The ads YAML data (rates, audiences, objectives, creative specs, messages), read once (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parents[1] / "data"


@cache
def ads_data(name: str) -> Mapping[str, Any]:
    """app/ads/data/<name>.yaml, read once."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as fh:
        data: Mapping[str, Any] = yaml.safe_load(fh)
    return data


def fact_value(facts: Mapping[str, Any], fact_id: str) -> Any:
    """A fact's value from courses/facts.yaml (id → value); a missing id is a data bug."""
    if fact_id not in facts:
        raise KeyError(f"courses/facts.yaml has no fact {fact_id!r}")
    return facts[fact_id]


def fact_decimal(facts: Mapping[str, Any], fact_id: str) -> Decimal:
    """A numeric fact as an exact Decimal (1.25 stays 1.25, not a binary approximation)."""
    return Decimal(str(fact_value(facts, fact_id)))


def resolve(ref: Any, facts: Mapping[str, Any]) -> Any:
    """A data value that is either literal or `{fact: id}`, resolved against the facts."""
    if isinstance(ref, Mapping) and "fact" in ref:
        return fact_value(facts, str(ref["fact"]))
    return ref
