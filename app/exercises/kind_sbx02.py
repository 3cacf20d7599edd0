"""sbx-02 wired into the engine: scorer, data loader, form parser, pages and messages."""

from __future__ import annotations

from app.exercises.catalog import Kind, register_kind
from app.exercises.domain.sbx02 import SLOTS, load_sbx02
from app.exercises.domain.sbx02_form import parse_sbx02
from app.exercises.domain.sbx02_score import Sbx02Scorer
from app.exercises.text_sbx02 import MESSAGES

register_kind(
    Kind(
        exercise="sbx-02",
        scorer=Sbx02Scorer,
        load=load_sbx02,
        parse=parse_sbx02,
        template="exercises/work/sbx-02.html",
        messages=MESSAGES,
        text_keys=tuple(
            f"{s}-{f}" for s in (*SLOTS, "other") for f in ("caption", "hashtags", "hook")
        ),
        result_template="exercises/result/sbx-02.html",
    )
)
