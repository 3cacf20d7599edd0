"""The campaign setup form read from a request (text only; app/ads/domain/setup.py checks it)."""

from __future__ import annotations

from typing import Any

from app.ads.domain.setup import (
    HEADLINE_MAX,
    MEDIA_MAX,
    NAME_MAX,
    TEXT_MAX,
    VARIANTS,
    AdDraft,
    Setup,
)
from app.sandbox.forms import clean

SHORT = 40


def _ad(form: Any, variant: str) -> AdDraft:
    """One ad's fields (cut one past each limit, so an overlong text is reported)."""
    p = variant.lower() + "_"
    return AdDraft(
        variant=variant,
        primary_text=clean(form.get(p + "primary_text"), TEXT_MAX + 1),
        headline=clean(form.get(p + "headline"), HEADLINE_MAX + 1),
        cta=clean(form.get(p + "cta"), SHORT),
        media_description=clean(form.get(p + "media_description"), MEDIA_MAX + 1),
        aspect=clean(form.get(p + "aspect"), 8),
    )


def read_setup(form: Any) -> Setup:
    """The setup form as typed; variant B only when the campaign is declared as a test."""
    is_test = form.get("is_test") == "1"
    many = {k: tuple(clean(v, SHORT) for v in form.getlist(k))[:30] for k in _MANY}
    return Setup(
        name=clean(form.get("name"), NAME_MAX + 1),
        family=clean(form.get("family"), SHORT),
        objective=clean(form.get("objective"), SHORT),
        budget_kind=clean(form.get("budget_kind"), SHORT),
        budget=clean(form.get("budget"), SHORT),
        start=clean(form.get("start"), SHORT),
        end=clean(form.get("end"), SHORT),
        city=clean(form.get("city"), SHORT),
        radius_km=clean(form.get("radius_km"), SHORT),
        age_min=clean(form.get("age_min"), SHORT),
        age_max=clean(form.get("age_max"), SHORT),
        languages=many["languages"],
        interests=many["interests"],
        placements=many["placements"],
        is_test=is_test,
        category=clean(form.get("category"), SHORT),
        partnership=form.get("partnership") == "1",
        ads=tuple(_ad(form, v) for v in (VARIANTS if is_test else VARIANTS[:1])),
    )


_MANY = ("languages", "interests", "placements")
