"""sbx-09 "Trend desk: go or no-go" wired into the engine as a desk (one step at a time)."""

from __future__ import annotations

from app.exercises.catalog import Kind, register_kind
from app.exercises.domain.sbx09 import TrendDesk, parse_sbx09
from app.exercises.domain.sbx09_data import load_sbx09
from app.exercises.domain.sbx09_desk import desk_step
from app.exercises.text_sbx09 import MESSAGES

register_kind(
    Kind(
        exercise="sbx-09",
        scorer=TrendDesk,
        load=load_sbx09,
        parse=parse_sbx09,
        template="exercises/work/sbx-09.html",
        messages=MESSAGES,
        text_keys=("tie_in", "cta", "caption"),
        result_template="exercises/result/sbx-09.html",
        step=desk_step,
    )
)
