"""Skill services: add evidence and update the derived state; rebuild it from the log."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import bindparam, delete, select

from app.accounts.models import User
from app.content.model import Library
from app.core.db import DbSession, utcnow
from app.skills.domain import ExerciseResult, ItemAnswer, bkt_update, skill_level
from app.skills.models import SkillEvidence, SkillState


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence before it is stored."""

    skill: str
    source_kind: str
    source_id: str
    item_id: str
    score: float
    level_tag: str | None = None
    role: str | None = None
    hard_variant: bool = False


def rule_inputs(items: Any, exercises: Any) -> tuple[list[ItemAnswer], list[ExerciseResult]]:
    """Rule inputs from a state's stored JSON (latest answer per item, exercise results)."""
    answers = [
        ItemAnswer(item, float(v[0]), str(v[1]), int(v[2])) for item, v in (items or {}).items()
    ]
    results = [
        ExerciseResult(str(e[0]), float(e[1]), str(e[2]), bool(e[3])) for e in exercises or []
    ]
    return answers, results


def state_inputs(state: SkillState) -> tuple[list[ItemAnswer], list[ExerciseResult]]:
    """The rule inputs kept on a state row."""
    return rule_inputs(state.items, state.exercises)


def new_state(user: User, skill: str, params: dict[str, float]) -> SkillState:
    """An empty state row for a skill, at the skill's prior knowledge estimate."""
    return SkillState(
        user_id=user.id,
        skill=skill,
        level=0,
        p_know=params["p_init"],
        items={},
        exercises=[],
        evidence_count=0,
    )


def apply(state: SkillState, ev: Evidence | SkillEvidence, params: dict[str, float]) -> None:
    """Fold one piece of evidence into a state row (the incremental path and the rebuild)."""
    state.evidence_count = (state.evidence_count or 0) + 1
    if ev.source_kind == "exercise":
        state.exercises = [
            *(state.exercises or []),
            [ev.item_id, ev.score, ev.role or "primary", ev.hard_variant],
        ]
    else:
        items = dict(state.items or {})
        items[ev.item_id] = [ev.score, ev.level_tag or "K", state.evidence_count]
        state.items = items
        state.p_know = bkt_update(state.p_know, ev.score, params)
    answers, exercises = state_inputs(state)
    state.level, _ = skill_level(answers, exercises)


def record_evidence(session: DbSession, user: User, lib: Library, evidence: list[Evidence]) -> None:
    """Append evidence rows and update each touched skill's state (caller commits once)."""
    if not evidence:
        return
    now = utcnow()
    states = {
        s.skill: s
        for s in session.scalars(
            # Locked (PostgreSQL): two units updating one skill's state apply in turn.
            select(SkillState)
            .where(SkillState.user_id == user.id, SkillState.skill.in_({e.skill for e in evidence}))
            .with_for_update()
        )
    }
    for ev in evidence:
        if ev.skill not in lib.skills:
            continue
        session.add(
            SkillEvidence(
                user_id=user.id,
                skill=ev.skill,
                source_kind=ev.source_kind,
                source_id=ev.source_id,
                item_id=ev.item_id,
                score=ev.score,
                level_tag=ev.level_tag,
                role=ev.role,
                hard_variant=ev.hard_variant,
                created_at=now,
            )
        )
        state = states.get(ev.skill)
        if state is None:
            params = dict(lib.skills[ev.skill].bkt)
            state = new_state(user, ev.skill, params)
            session.add(state)
            states[ev.skill] = state
        apply(state, ev, dict(lib.skills[ev.skill].bkt))
        state.last_evidence_at = now
    # A passed track test or a skill at level 3 earns a credential, signed in this same unit.
    from app.credentials.issue import issue_due

    issue_due(session, user, lib)


def rebuild_states(session: DbSession, user: User, lib: Library) -> int:
    """Recompute every state of a user from the evidence log; returns rows rebuilt."""
    session.execute(delete(SkillState).where(SkillState.user_id == user.id))
    states: dict[str, SkillState] = {}
    rows = session.scalars(
        select(SkillEvidence).where(SkillEvidence.user_id == user.id).order_by(SkillEvidence.id)
    )
    for ev in rows:
        if ev.skill not in lib.skills:
            continue
        params = dict(lib.skills[ev.skill].bkt)
        state = states.get(ev.skill)
        if state is None:
            state = new_state(user, ev.skill, params)
            states[ev.skill] = state
        apply(state, ev, params)
        state.last_evidence_at = ev.created_at
    session.add_all(states.values())
    return len(states)


def has_evidence(session: DbSession, user: User) -> bool:
    """Whether the user has any skill state yet (one indexed lookup)."""
    found = session.scalar(select(SkillState.id).where(SkillState.user_id == user.id).limit(1))
    return found is not None


@cache
def _levels_query() -> Any:
    """The statement behind levels, built once (building it costs more than running it)."""
    return select(
        SkillState.skill, SkillState.level, SkillState.p_know, SkillState.last_evidence_at
    ).where(SkillState.user_id == bindparam("user_id"))


def levels(session: DbSession, user: User) -> dict[str, dict[str, Any]]:
    """Level, confidence and last evidence time per skill, without the evidence detail."""
    rows = session.execute(_levels_query(), {"user_id": user.id})
    return {
        skill: {"level": level, "p_know": p_know, "last": last}
        for skill, level, p_know, last in rows
    }


def snapshot(session: DbSession, user: User, skill: str | None = None) -> dict[str, dict[str, Any]]:
    """Level, confidence and last evidence time per skill, or of one `skill` (one query)."""
    query = select(SkillState).where(SkillState.user_id == user.id)
    if skill is not None:
        query = query.where(SkillState.skill == skill)
    return {
        s.skill: {
            "level": s.level,
            "p_know": s.p_know,
            "last": s.last_evidence_at,
            "items": s.items,
            "exercises": s.exercises,
        }
        for s in session.scalars(query)
    }


def learner_states(user: User) -> dict[str, dict[str, Any]]:
    """Every skill's level and evidence for the user, read in the request's session."""
    from app.core.extensions import db

    return snapshot(db.session, user)


def skill_state(user: User, skill_id: str) -> dict[str, Any] | None:
    """One skill's level, confidence and evidence for the user (the "why" page), or None."""
    from app.core.extensions import db

    # Only this skill's row: the others' evidence lists are not decoded.
    return snapshot(db.session, user, skill_id).get(skill_id)


def learner_has_evidence(user: User) -> bool:
    """Whether the user has any skill state yet, read in the request's session."""
    from app.core.extensions import db

    return has_evidence(db.session, user)


def set_target_role(user: User, role_id: str) -> None:
    """Save the learner's target role."""
    from app.core.db import write_unit
    from app.core.extensions import db

    with write_unit(db.session) as s:
        s.get(User, user.id).target_role = role_id


def why_level(state: dict[str, Any]) -> dict[str, Any]:
    """The evidence behind a level: the latest answers and each rule's numbers."""
    answers, exercises = rule_inputs(state["items"], state["exercises"])
    _, reasons = skill_level(answers, exercises)
    latest = sorted(answers, key=lambda a: a.order, reverse=True)[:10]
    return {"reasons": reasons, "latest": latest, "exercises": exercises}
