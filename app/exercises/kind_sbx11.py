"""sbx-11 wired into the engine: scorer, data loader, form parser, pages and messages."""

from __future__ import annotations

from app.exercises.catalog import Kind, register_kind
from app.exercises.domain.sbx11 import Sbx11Scorer
from app.exercises.domain.sbx11_data import load_sbx11
from app.exercises.domain.sbx11_form import parse_sbx11
from app.exercises.text_sbx11 import MESSAGES, NAMES

register_kind(
    Kind(
        exercise="sbx-11",
        scorer=Sbx11Scorer,
        load=load_sbx11,
        parse=parse_sbx11,
        template="exercises/work/sbx-11.html",
        messages=MESSAGES,
        # The headline and each recommendation's action (shown on the work, result and
        # printed report pages).
        text_keys=("headline", "action"),
        result_template="exercises/result/sbx-11.html",
        names=NAMES,
        pages=("/report",),
    )
)
