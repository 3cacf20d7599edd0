"""Shared helpers for the ad delivery tests: a luck-free copy of the model's numbers."""

from __future__ import annotations

from typing import Any

from app.ads.domain.delivery_data import delivery_model


def quiet_model() -> dict[str, Any]:
    """The delivery model with every luck term and the learning swing set to zero."""
    data = dict(delivery_model())
    data["noise"] = dict.fromkeys(data["noise"], 0.0)
    data["learning_effect"] = {**data["learning_effect"], "extra_sigma": 0.0}
    return data
