"""Registration of skill evidence, skill states and review cards with the user-data registry."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from app.registry import declare_not_learner_text, register_user_data
from app.skills.models import ReviewCard, SkillEvidence, SkillState


def rows_of(model: Any, fields: tuple[str, ...]) -> Any:
    """An exporter that lists `fields` of the user's rows of `model`."""

    def export(session: Any, user: Any) -> list[dict[str, Any]]:
        """Rows of the user as dictionaries of plain values."""
        out = []
        for row in session.scalars(select(model).where(model.user_id == user.id)):
            out.append(
                {
                    f: (v.isoformat() if hasattr(v, "isoformat") else v)
                    for f in fields
                    for v in [getattr(row, f)]
                }
            )
        return out

    return export


def deleter(model: Any) -> Any:
    """A delete handler for the user's rows of `model`."""
    return lambda s, u: s.execute(delete(model).where(model.user_id == u.id))


register_user_data(
    "skill_evidence",
    rows_of(
        SkillEvidence,
        (
            "skill",
            "source_kind",
            "source_id",
            "item_id",
            "score",
            "level_tag",
            "role",
            "hard_variant",
            "created_at",
        ),
    ),
    deleter(SkillEvidence),
    order=10,
)
register_user_data(
    "skill_state",
    rows_of(SkillState, ("skill", "level", "p_know", "evidence_count", "last_evidence_at")),
    deleter(SkillState),
    order=10,
)
register_user_data(
    "review_card",
    rows_of(ReviewCard, ("item_id", "due", "reviews", "created_at")),
    deleter(ReviewCard),
    order=10,
)
for column in (
    "skill_evidence.skill",
    "skill_evidence.source_kind",
    "skill_evidence.source_id",
    "skill_evidence.item_id",
    "skill_evidence.level_tag",
    "skill_evidence.role",
    "skill_state.skill",
    "review_card.item_id",
):
    declare_not_learner_text(column, "ids and tags set by the system")
