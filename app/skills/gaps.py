"""Assemble the gap report for a user from the derived skill states (one query)."""

from __future__ import annotations

from app.accounts.models import User
from app.content.model import Library
from app.core.db import utcnow
from app.core.extensions import db
from app.skills.domain import GapReport, gap_report
from app.skills.services import levels

DEFAULT_ROLE = "junior-coordinator"


def role_of(user: User, lib: Library) -> str | None:
    """The user's target role, if it still exists in the content."""
    return user.target_role if user.target_role in lib.roles else None


def build_report(
    user: User, lib: Library, role_id: str | None = None
) -> tuple[GapReport, dict[str, dict[str, object]]]:
    """The report for the chosen (or default) role, and the per-skill snapshot behind it."""
    role = lib.roles[role_id or role_of(user, lib) or next(iter(lib.roles), DEFAULT_ROLE)]
    states = levels(db.session, user)
    report = gap_report(
        role=role.id,
        targets=role.targets,
        core=role.core,
        groups={s.id: s.group for s in lib.skills.values()},
        levels={k: int(v["level"]) for k, v in states.items()},
        confidence={k: float(v["p_know"]) for k, v in states.items()},
        last_evidence={k: v["last"] for k, v in states.items()},
        decays=[s.id for s in lib.skills.values() if s.decays],
        now=utcnow(),
    )
    return report, states


def top_gap_skills(user: User, lib: Library) -> list[str]:
    """The skills of the report's top gaps (for the adaptive skill check)."""
    if not lib.roles:
        return []
    report, _ = build_report(user, lib)
    return [row.skill for row in report.top]
