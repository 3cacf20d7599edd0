"""What a pass would unlock: the level each listed skill would reach with one more strong
attempt, computed with the one rule of curriculum.md §2.1 on the learner's own evidence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.content.model import Exercise
from app.skills.domain import EXERCISE_PRACTITIONER, ExerciseResult, skill_level
from app.skills.services import rule_inputs


def unlocks(
    exercise: Exercise,
    states: Mapping[str, Mapping[str, Any]],
    memo: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Per listed skill: its role, the level now, and the level after a pass (score 80) in a
    hard condition; only skills whose level would rise are listed. `memo` keeps each skill's
    inputs and level now across the exercises of one page."""
    memo = {} if memo is None else memo
    out = []
    for skill, role in exercise.skills():
        if skill not in memo:
            state = states.get(skill) or {}
            answers, results = rule_inputs(state.get("items"), state.get("exercises"))
            memo[skill] = (answers, results, skill_level(answers, results)[0])
        answers, results, now = memo[skill]
        after, _ = skill_level(
            answers,
            [*results, ExerciseResult(exercise.id, EXERCISE_PRACTITIONER, role, hard=True)],
        )
        if after > now:
            out.append({"skill": skill, "role": role, "now": now, "after": after})
    return out
