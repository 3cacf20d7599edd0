"""sbx-05 wired into the engine: scorer, data loader, form parser, work and result pages."""

from __future__ import annotations

from app.exercises.catalog import Kind, register_kind
from app.exercises.domain.sbx05 import Sbx05Scorer
from app.exercises.domain.sbx05_data import load_sbx05
from app.exercises.domain.sbx05_form import parse_sbx05
from app.exercises.text_sbx05 import MESSAGES

register_kind(
    Kind(
        exercise="sbx-05",
        scorer=Sbx05Scorer,
        load=load_sbx05,
        parse=parse_sbx05,
        template="exercises/work/sbx-05.html",
        messages=MESSAGES,
        text_keys=("caption", "cta"),
        result_template="exercises/result/sbx-05.html",
    )
)
