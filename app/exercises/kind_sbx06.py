"""sbx-06 "Inbox shift" wired into the engine as a desk (one answer or wait at a time)."""

from __future__ import annotations

from app.exercises.catalog import Kind, register_kind
from app.exercises.domain.sbx06 import InboxShift
from app.exercises.domain.sbx06_data import load_sbx06
from app.exercises.domain.sbx06_desk import desk_step
from app.exercises.domain.sbx09 import parse_sbx09 as parse_desk
from app.exercises.text_sbx06 import MESSAGES, NAMES

register_kind(
    Kind(
        exercise="sbx-06",
        scorer=InboxShift,
        load=load_sbx06,
        parse=parse_desk,  # a desk is built by steps: a whole-form save adds nothing
        template="exercises/work/sbx-06.html",
        messages=MESSAGES,
        # Each answer step's reply text (steps[*].text and answers[*].text).
        text_keys=("text",),
        result_template="exercises/result/sbx-06.html",
        step=desk_step,
        names=NAMES,
    )
)
