"""What a pass would unlock: the level each listed skill would reach with one more strong
attempt, computed with the one rule of curriculum.md §2.1 on the learner's own evidence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from app.content.model import Exercise, Library
from app.core.memo import Memo
from app.skills.domain import EXERCISE_PRACTITIONER, ExerciseResult, skill_level
from app.skills.models import SkillState
from app.skills.services import learner_states, rule_inputs


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


# What a pass would unlock, by (learner, their skills' levels and last evidence times, the
# exercises that can be taken, catalogue): it changes only when new evidence arrives, and
# computing it reads every skill's full evidence. Bounded: the oldest entry goes first.
_KEPT = Memo(512)


def unlocks_for(user: Any, lib: Library, ready: frozenset[str]) -> dict[str, list[dict[str, Any]]]:
    """Per exercise that can be taken, what a pass would unlock for this learner."""
    from app.core.extensions import db

    # Any new evidence (or a clean-up that removes some) changes a count or a time here.
    signature = tuple(
        db.session.execute(
            select(
                SkillState.skill,
                SkillState.level,
                SkillState.evidence_count,
                SkillState.last_evidence_at,
            )
            .where(SkillState.user_id == user.id)
            .order_by(SkillState.skill)
        ).all()
    )
    key = (user.id, signature, ready, lib.serial)

    def work_out() -> dict[str, list[dict[str, Any]]]:
        """Every takeable exercise's unlocks, from the learner's full skill states."""
        states, memo = learner_states(user), dict[str, Any]()
        return {
            e: unlocks(lib.exercises[e], states, memo) for e in sorted(ready) if e in lib.exercises
        }

    return _KEPT.get_or_make(key, work_out)
