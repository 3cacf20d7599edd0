"""Registration of skill evidence, skill states and review cards with the user-data registry."""

from __future__ import annotations

from app.core.registry import register_table
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
SYSTEM = "ids and tags set by the system"
EVIDENCE_TAGS = ("skill", "source_kind", "source_id", "item_id", "level_tag", "role")
register_table(
    SkillEvidence,
    export=EVIDENCE_FIELDS,
    order=10,
    not_learner_text=dict.fromkeys(EVIDENCE_TAGS, SYSTEM),
)
register_table(
    SkillState,
    export=("skill", "level", "p_know", "evidence_count", "last_evidence_at"),
    order=10,
    not_learner_text={"skill": SYSTEM},
)
register_table(
    ReviewCard,
    export=("item_id", "due", "reviews", "created_at"),
    order=10,
    not_learner_text={"item_id": SYSTEM},
)
