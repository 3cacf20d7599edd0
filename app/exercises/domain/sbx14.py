"""sbx-14 "Ad review and optimisation" scorer (curriculum.md §5.2, ads; pure).

Part A: flag policy problems in eight draft ads, precision and recall over (draft, rule)
pairs (25); two rewrites that pass the ads policy checker with the draft's key facts kept
(20). Part B: a decision per ad set against the rule key with partial credit (40), and a
rationale per set that cites the metric that decides it (15). The hard variant puts in one
ad set with too few results to judge yet: the right call is to wait.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain import sbx14_checks as checks
from app.exercises.domain.engine import Result, Scorer, Variant, finish
from app.exercises.domain.sbx14_data import ReviewData
from app.exercises.domain.sbx14_form import NONE
from app.exercises.domain.sbx14_policy import broken_rules, in_force, rule_name
from app.exercises.domain.sbx14_task import build_key, build_task

# The example's rationales: the deciding metric by name and figure, one other at most.
EXAMPLE_WHY = {
    "scale": "تكلفة النتيجة {cpr} أقل بوضوح من الهدف {target}، فنزيد الميزانية تدريجيًا.",
    "keep": "تكلفة النتيجة {cpr} قريبة من الهدف {target}، فنتركها تعمل كما هي.",
    "pause": "تكلفة النتيجة {cpr} أعلى بكثير من الهدف {target}، فنوقفها ونعيد التفكير في الجمهور.",
    "fix-creative": "التكرار {frequency} فوق الحد {limit}: الجمهور مل من الإعلان، فنغيّر التصميم.",
    "wait": "النتائج {results} فقط، أقل من {least} نحتاجها للحكم، فننتظر أسبوعًا آخر.",
}


class AdReviewScorer(Scorer):
    """sbx-14: eight drafts to flag, two to fix, three ad sets to decide on."""

    exercise_id = "sbx-14"
    criteria = (("flags", 25), ("fixes", 20), ("decisions", 40), ("rationales", 15))

    @property
    def data(self) -> ReviewData:
        """This exercise's validated data."""
        found: ReviewData = self.context.data[self.exercise_id]
        return found

    def task(self, variant: Variant) -> dict[str, Any]:
        """The drafts, the rules to flag them with, the ad sets and the thresholds."""
        currency = str(self.context.scenarios[variant.brand].get("currency") or "")
        return build_task(self.data, variant, currency, rule_name, in_force)

    def key(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """Gold flags with reasons and model rewrites; the rule key's call on each ad set."""
        return build_key(self.data, variant, task)

    def example(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """A strong submission: the gold flags, the model rewrites of the first two flagged
        drafts, the key's calls and rationales citing the deciding metric."""
        key = self.key(variant, task)
        order = [r["id"] for r in task["rules"]]
        flags = {d["id"]: [r for r in order if r in d["flags"]] or [NONE] for d in key["drafts"]}
        flagged = [d for d in key["drafts"] if d["flags"]][: int(task["fixes"])]
        fixes = [
            {"n": k, "draft": d["id"], "headline": d["fix"]["headline"], "text": d["fix"]["text"]}
            for k, d in enumerate(flagged, start=1)
        ]
        t = task["thresholds"]
        shown = {s["id"]: s for s in task["sets"]}
        decisions = {
            s["id"]: {
                "decision": s["gold"],
                "why": EXAMPLE_WHY[s["gold"]].format(
                    **shown[s["id"]],
                    target=t["target_cpr"],
                    limit=t["frequency_limit"],
                    least=t["min_results"],
                ),
            }
            for s in key["sets"]
        }
        return {"flags": flags, "fixes": fixes, "decisions": decisions}

    def score(
        self, variant: Variant, task: Mapping[str, Any], submission: Mapping[str, Any]
    ) -> Result:
        """The four criteria of §5.2 with their reasons."""
        key = self.key(variant, task)
        return finish(
            self.exercise,
            variant,
            (
                checks.flags(key, submission),
                checks.fixes(key, task, submission, broken_rules),
                checks.decisions(key, submission, self.data),
                checks.rationales(key, task, submission, self.data),
            ),
        )
