"""sbx-12 "Run and read an A/B test" wired into the engine as a desk (declare, then call)."""

from __future__ import annotations

from typing import Any

from app.exercises.catalog import Kind, register_kind
from app.exercises.domain.sbx12 import AbTestScorer
from app.exercises.domain.sbx12_data import load_sbx12
from app.exercises.domain.sbx12_desk import ab_step, declaration, parse_sbx12
from app.exercises.text_sbx12 import MESSAGES, NAMES
from app.exercises.views import bp

register_kind(
    Kind(
        exercise="sbx-12",
        scorer=AbTestScorer,
        load=load_sbx12,
        parse=parse_sbx12,
        template="exercises/work/sbx-12.html",
        messages=MESSAGES,
        text_keys=(
            "a_first_line",
            "a_body",
            "a_cta",
            "b_first_line",
            "b_body",
            "b_cta",
            "next_step",
        ),
        result_template="exercises/result/sbx-12.html",
        step=ab_step,
        names=NAMES,
    )
)


@bp.app_template_global("sbx12_results")
def sbx12_results(attempt: Any) -> dict[str, Any] | None:
    """The learner's delivered counts and the working, once their test is declared."""
    from app.exercises.data import exercise_data
    from app.exercises.services import variant_of
    from app.sandbox.labels_ab import working

    declared = declaration(attempt.draft or {})
    scorer = exercise_data().scorers.get("sbx-12")
    if declared is None or not isinstance(scorer, AbTestScorer):
        return None
    delivery = scorer.run(variant_of(attempt), attempt.task, declared)
    return {"delivery": delivery, "work": working(delivery.test)}


@bp.app_template_global("ab_working_of")
def ab_working_of(counts: list[int], alternative: str) -> dict[str, Any]:
    """The working of a z-test from stored counts (the model answer's)."""
    from app.sandbox.domain.ztest import z_test
    from app.sandbox.labels_ab import working

    x1, n1, x2, n2 = (int(v) for v in counts)
    return working(z_test(x1, n1, x2, n2, alternative))  # type: ignore[arg-type]
