"""sbx-14 "Ad review and optimisation" wired into the engine: scorer, data, form, pages."""

from __future__ import annotations

from app.exercises.catalog import Kind, register_kind
from app.exercises.domain.sbx14 import AdReviewScorer
from app.exercises.domain.sbx14_data import load_sbx14
from app.exercises.domain.sbx14_form import parse_sbx14
from app.exercises.text_sbx14 import MESSAGES, NAMES

register_kind(
    Kind(
        exercise="sbx-14",
        scorer=AdReviewScorer,
        load=load_sbx14,
        parse=parse_sbx14,
        template="exercises/work/sbx-14.html",
        messages=MESSAGES,
        # The rewrites' headline and text, and each ad set's rationale.
        text_keys=("headline", "text", "why"),
        result_template="exercises/result/sbx-14.html",
        names=NAMES,
    )
)
