"""sbx-08 "Crisis drill" wired into the engine as a desk (one step at a time)."""

from __future__ import annotations

from app.exercises.catalog import Kind, register_kind
from app.exercises.domain.sbx08 import CrisisDrill, parse_sbx08
from app.exercises.domain.sbx08_data import load_sbx08
from app.exercises.domain.sbx08_desk import desk_step
from app.exercises.text_sbx08 import MESSAGES, NAMES

register_kind(
    Kind(
        exercise="sbx-08",
        scorer=CrisisDrill,
        load=load_sbx08,
        parse=parse_sbx08,
        template="exercises/work/sbx-08.html",
        messages=MESSAGES,
        text_keys=("text", "note"),
        result_template="exercises/result/sbx-08.html",
        step=desk_step,
        names=NAMES,
    )
)
