"""sbx-12 "Run and read an A/B test" scorer (curriculum.md §5.2, analytics; pure).

Exactly one attribute differs, checked by diffing the two drafts, and it is the declared one
(30); duration and sample set in the declaration, before the results existed (15); the call
matches the simulator's pooled two-proportion z-test at 95 %, so "inconclusive" is right when
the difference is not significant (40); the next step is consistent with the call and written
out (15). The hard variant gives the weaker draft most of the reach, so raw counts mislead.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.exercises.domain.engine import CriterionScore, Reason, Result, Scorer, Variant, finish
from app.exercises.domain.sbx12_data import AbData
from app.exercises.domain.sbx12_desk import (
    CONSISTENT,
    build_task,
    declaration,
    last_call,
    side_of,
)
from app.sandbox.domain import abtest
from app.sandbox.domain.factors import Plan, factors_for

# The next step's 15 points: two thirds for an action that follows from the call, one third
# for writing it out (a consistent action matters more than the prose).
ACTION_SHARE = 2 / 3
ACTION_WORDS = {"a": "roll-out-a", "b": "roll-out-b", "inconclusive": "retest-larger"}


class AbTestScorer(Scorer):
    """sbx-12: two drafts, one change, a declared test, the call and the next step."""

    exercise_id = "sbx-12"
    criteria = (
        ("one-attribute", 30),
        ("declared-before", 15),
        ("call", 40),
        ("next-step", 15),
    )

    @property
    def data(self) -> AbData:
        """This exercise's validated data."""
        found: AbData = self.context.data[self.exercise_id]
        return found

    def task(self, variant: Variant) -> dict[str, Any]:
        """The starting post both drafts begin as, the test day and the split."""
        return build_task(self.data, variant, self.context.scenarios[variant.brand].start)

    def snapshot(self, task: Mapping[str, Any], draft: Mapping[str, Any]) -> dict[str, str]:
        """A draft's comparable attributes (the sandbox's diff, on the same fields)."""
        return abtest.attributes_of(
            {
                "text": f"{draft.get('first_line') or ''}\n{draft.get('body') or ''}",
                "format": draft.get("format"),
                "scheduled_at": f"{task['date']}T{int(draft.get('hour') or 0):02d}:00",
                "cta": draft.get("cta"),
                "platform": task["platform"],
            }
        )

    def rate(self, variant: Variant, task: Mapping[str, Any], draft: Any, metric: str) -> float:
        """The engagement model's rate for a draft on the brand's audience and calendar."""
        scenario = self.context.scenarios[variant.brand]
        calendar = self.context.calendars.get(scenario.country)
        when = datetime.fromisoformat(f"{task['date']}T{int(draft.get('hour') or 0):02d}:00")
        text = f"{draft.get('first_line') or ''}\n{draft.get('body') or ''}"
        plan = Plan(task["platform"], text, when, "", "")
        day = (when.date() - datetime.fromisoformat(scenario.start).date()).days
        factors = factors_for(scenario, calendar, plan, (), 0, day)
        fmt = str(draft.get("format") or "")
        return abtest.underlying_rate(task["platform"], fmt, factors, True, metric)

    def run(
        self, variant: Variant, task: Mapping[str, Any], declared: Mapping[str, Any]
    ) -> abtest.Delivery:
        """What the simulator delivers for a declaration (defaults fill what was left unset)."""
        metric = str(declared.get("metric") or "engaged")
        rates = (
            self.rate(variant, task, side_of(declared, "a"), metric),
            self.rate(variant, task, side_of(declared, "b"), metric),
        )
        share = float(task.get("hard_share", 0.5))
        share_a = share if rates[0] <= rates[1] else 1 - share
        sample = declared.get("sample") or task["defaults"]["sample"]
        key = f"{variant.exercise}|{variant.brand}|{variant.condition}"
        direction = str(declared.get("direction") or "")
        return abtest.deliver(variant.seed, key, rates, int(sample), direction, share_a)

    def model_declaration(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The model test: the starting post as A, B with the data's one change."""
        start = dict(task["start"])
        model = self.data.brands[variant.brand]["model"]
        b = dict(start)
        name = {"first-line": "first_line", "time": "hour"}.get(model["attribute"], "")
        name = name or model["attribute"]
        b[name] = model[name]
        step: dict[str, Any] = {"step": "declare"}
        for side, draft in (("a", start), ("b", b)):
            step |= {f"{side}_{k}": v for k, v in draft.items()}
        return step | {
            "attribute": model["attribute"],
            "metric": "engaged",
            "direction": "",
            "duration_days": 7,
            "sample": 3000,
        }

    def key(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The model test, what it delivers, the right call and a consistent next step."""
        declared = self.model_declaration(variant, task)
        delivery = self.run(variant, task, declared)
        return {
            "declaration": declared,
            "counts": [delivery.x_a, delivery.n_a, delivery.x_b, delivery.n_b],
            "alternative": delivery.test.alternative,
            "verdict": delivery.verdict,
            "action": ACTION_WORDS[delivery.verdict],
        }

    def example(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """A strong run: the model declaration, the right call and a consistent next step."""
        declared = self.model_declaration(variant, task)
        verdict = self.run(variant, task, declared).verdict
        call = {
            "step": "call",
            "call": verdict,
            "action_next": ACTION_WORDS[verdict],
            "next_step": "نقارن النسب لا الأعداد الخام، ثم نعتمد التغيير الذي اختبرناه وحده.",
        }
        return {"steps": [declared, call]}

    def score(
        self, variant: Variant, task: Mapping[str, Any], submission: Mapping[str, Any]
    ) -> Result:
        """The four criteria of §5.2 with a reason each."""
        declared = declaration(submission)
        call = last_call(submission)
        return finish(
            self.exercise,
            variant,
            (
                self._one_attribute(task, declared),
                self._declared_before(declared),
                self._call(variant, task, declared, call),
                self._next_step(task, call),
            ),
        )

    def _one_attribute(
        self, task: Mapping[str, Any], declared: Mapping[str, Any] | None
    ) -> CriterionScore:
        """30 when the drafts differ in exactly the declared attribute; 15 for another one."""
        top = 30
        if declared is None:
            return CriterionScore("one-attribute", 0, top, (Reason("diff.undeclared", ok=False),))
        found = abtest.diff(
            self.snapshot(task, side_of(declared, "a")),
            self.snapshot(task, side_of(declared, "b")),
        )
        attribute = str(declared.get("attribute") or "")
        if found == (attribute,):
            reason = Reason("diff.exact", {"attribute": attribute})
            return CriterionScore("one-attribute", top, top, (reason,))
        if not found:
            return CriterionScore("one-attribute", 0, top, (Reason("diff.none", ok=False),))
        if len(found) == 1:
            values = {"found": list(found), "attribute": attribute}
            reason = Reason("diff.other", values, ok=False)
            return CriterionScore("one-attribute", top / 2, top, (reason,))
        reason = Reason("diff.many", {"found": list(found)}, ok=False)
        return CriterionScore("one-attribute", 0, top, (reason,))

    def _declared_before(self, declared: Mapping[str, Any] | None) -> CriterionScore:
        """Half for the duration and half for the sample, each set in the declaration."""
        top = 15
        if declared is None:
            return CriterionScore("declared-before", 0, top, (Reason("declared.none", ok=False),))
        reasons, points = [], 0.0
        for name, code in (("duration_days", "duration"), ("sample", "sample")):
            value = declared.get(name)
            if value:
                points += top / 2
                reasons.append(Reason(f"declared.{code}", {"value": value}))
            else:
                reasons.append(Reason(f"declared.no-{code}", ok=False))
        return CriterionScore("declared-before", points, top, tuple(reasons))

    def _call(
        self,
        variant: Variant,
        task: Mapping[str, Any],
        declared: Mapping[str, Any] | None,
        call: Mapping[str, Any] | None,
    ) -> CriterionScore:
        """40 when the call matches the z-test's verdict at 95 %."""
        top = 40
        if declared is None or call is None:
            return CriterionScore("call", 0, top, (Reason("call.none", ok=False),))
        delivery = self.run(variant, task, declared)
        values = {
            "call": call.get("call"),
            "verdict": delivery.verdict,
            "p": "–" if delivery.test.p is None else f"{delivery.test.p:.4f}",
        }
        if call.get("call") == delivery.verdict:
            return CriterionScore("call", top, top, (Reason("call.right", values),))
        reasons = [Reason("call.wrong", values, ok=False)]
        more = "a" if delivery.x_a > delivery.x_b else "b"
        if call.get("call") == more and delivery.n_a != delivery.n_b:
            reasons.append(Reason("call.raw-counts", {"call": more}, ok=False))
        return CriterionScore("call", 0, top, tuple(reasons))

    def _next_step(self, task: Mapping[str, Any], call: Mapping[str, Any] | None) -> CriterionScore:
        """Two thirds for a next action that follows from the call, a third for writing it."""
        top = 15
        if call is None:
            return CriterionScore("next-step", 0, top, (Reason("next.none", ok=False),))
        reasons, points = [], 0.0
        mine, action = str(call.get("call")), str(call.get("action_next"))
        if action in CONSISTENT.get(mine, ()):
            points += top * ACTION_SHARE
            reasons.append(Reason("next.consistent", {"action": action, "call": mine}))
        else:
            reasons.append(Reason("next.inconsistent", {"action": action, "call": mine}, ok=False))
        least = int(task.get("min_next_step", 20))
        if len(str(call.get("next_step") or "").strip()) >= least:
            points += top * (1 - ACTION_SHARE)
            reasons.append(Reason("next.written"))
        else:
            reasons.append(Reason("next.short", {"least": least}, ok=False))
        return CriterionScore("next-step", points, top, tuple(reasons))
