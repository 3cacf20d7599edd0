"""sbx-13 "Set up a paid campaign" wired into the engine: scorer, data, form, pages, messages."""

from __future__ import annotations

from app.exercises.catalog import Kind, register_kind
from app.exercises.domain.sbx13 import CampaignScorer
from app.exercises.domain.sbx13_data import load_sbx13
from app.exercises.domain.sbx13_form import parse_sbx13
from app.exercises.text_sbx13 import MESSAGES, NAMES

register_kind(
    Kind(
        exercise="sbx-13",
        scorer=CampaignScorer,
        load=load_sbx13,
        parse=parse_sbx13,
        template="exercises/work/sbx-13.html",
        messages=MESSAGES,
        # Each ad's primary text, headline and media description (work and result pages).
        text_keys=("text", "headline", "media"),
        result_template="exercises/result/sbx-13.html",
        names=NAMES,
    )
)
