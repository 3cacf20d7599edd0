"""Registration of skill evidence, skill states and review cards with the user-data registry."""

from __future__ import annotations

from app.core.registry import declare_not_learner_text, delete_rows, export_rows, register_user_data
from app.skills.models import ReviewCard, SkillEvidence, SkillState

EVIDENCE_FIELDS = (
    "skill",
    "source_kind",
    "source_id",
    "item_id",
    "score",
    "level_tag",
    "role",
    "hard_variant",
    "created_at",
)
register_user_data(
    "skill_evidence",
    export_rows(SkillEvidence, EVIDENCE_FIELDS),
    delete_rows(SkillEvidence),
    order=10,
)
register_user_data(
    "skill_state",
    export_rows(SkillState, ("skill", "level", "p_know", "evidence_count", "last_evidence_at")),
    delete_rows(SkillState),
    order=10,
)
register_user_data(
    "review_card",
    export_rows(ReviewCard, ("item_id", "due", "reviews", "created_at")),
    delete_rows(ReviewCard),
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
