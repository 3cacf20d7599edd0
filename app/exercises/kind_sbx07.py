"""sbx-07 wired into the engine: scorer, data loader, form parser, pages and messages."""

from __future__ import annotations

from app.exercises.catalog import Kind, register_kind
from app.exercises.domain.sbx07 import Sbx07Scorer
from app.exercises.domain.sbx07_data import load_sbx07
from app.exercises.domain.sbx07_form import parse_sbx07
from app.exercises.text_sbx07 import MESSAGES, NAMES

register_kind(
    Kind(
        exercise="sbx-07",
        scorer=Sbx07Scorer,
        load=load_sbx07,
        parse=parse_sbx07,
        template="exercises/work/sbx-07.html",
        messages=MESSAGES,
        # Every guideline section, every rule's text and the welcome post.
        text_keys=("sections", "text", "welcome"),
        result_template="exercises/result/sbx-07.html",
        names=NAMES,
    )
)
