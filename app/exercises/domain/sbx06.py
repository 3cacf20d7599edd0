"""sbx-06 "Inbox shift: answer five complaints" scorer (curriculum.md §5.2, community; pure).

Action (30) against each message's key with the inbox's partial-credit matrix (a role named
beside an action escalates too, as the reply rubric reads it); reply checks (40): the mean
reply-rubric score of the messages that need a written reply (§5.1), a message never answered
counting 0; response time (15): the share of messages handled inside their shift deadline;
escalation target (15): the share sent to exactly the key's role (or, without one, to nobody).
The rubric's hard fails (a safety report not escalated, personal data asked for in public,
legitimate criticism deleted) make the evidence 0. The shift clock's minutes map onto each
message's `sla_hours`, so the rubric's timeliness levels apply unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.exercises.domain.engine import CriterionScore, Reason, Result, Scorer, Variant, finish
from app.exercises.domain.sbx06_data import ShiftData
from app.exercises.domain.sbx06_desk import build_task, clean_steps, desk_step, summarise
from app.inbox.domain.items import ReplyInputs, context_for, message_for
from app.inbox.domain.lexicons import OWN_ACTION, reply_data
from app.inbox.domain.promises import concepts
from app.inbox.domain.rubric import REPLY_EXPECTED, TEXT_ACTIONS, Context, Reply, ReplyScore
from app.inbox.domain.score import score_reply

GOOD_REPLY = 70  # a reply scoring this or more is marked as a hit in the feedback


@dataclass(frozen=True)
class Judged:
    """One message of the shift, judged: the learner's answer (None: never answered), the
    credit of the action, the rubric's score, the role it went to and the time verdict."""

    item: Mapping[str, Any]
    message: Mapping[str, Any]
    answer: Mapping[str, Any] | None
    credit: float
    rubric: ReplyScore
    role: str


class InboxShift(Scorer):
    """sbx-06: a seeded inbox shift on the shift clock, scored with the reply rubric."""

    exercise_id = "sbx-06"
    criteria = (("action", 30), ("reply-checks", 40), ("response-time", 15), ("escalation", 15))

    def __init__(self, exercise: Any, context: Any) -> None:
        """Keep the catalogue entry and data; the rubric's context is built per brand once."""
        super().__init__(exercise, context)
        self._contexts: dict[str, Context] = {}

    @property
    def data(self) -> ShiftData:
        """This exercise's validated data."""
        found: ShiftData = self.context.data[self.exercise_id]
        return found

    def _scenario(self, brand: str) -> Mapping[str, Any]:
        """The brand's scenario as authored."""
        scenario = self.context.scenarios[brand]
        found: Mapping[str, Any] = getattr(scenario, "data", scenario)
        return found

    def _rubric(self, brand: str) -> Context:
        """The reply rubric's context for a brand (compiled once per scorer)."""
        if brand not in self._contexts:
            data = reply_data()
            inputs = ReplyInputs(data.lists, data.credit, data.bands, concepts())
            self._contexts[brand] = context_for(self._scenario(brand), inputs)
        return self._contexts[brand]

    def _bank(self, brand: str) -> dict[str, Mapping[str, Any]]:
        """The brand's inbox bank by message id."""
        return {str(m["id"]): m for m in self._scenario(brand).get("inbox") or []}

    def task(self, variant: Variant) -> dict[str, Any]:
        """The seeded shift: five messages (eight when hard) on the shift clock."""
        return build_task(self.data, variant, self._scenario(variant.brand))

    def key(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """Each message's best action, role and model reply, with the credit matrix's row."""
        bank = self._bank(variant.brand)
        credit = self._rubric(variant.brand).credit
        items = []
        for item in task.get("items", []):
            m = bank[item["id"]]
            expected = str(m.get("expected", "reply"))
            model = m.get("model_reply") or {}
            items.append(
                {
                    "id": item["id"],
                    "n": item["n"],
                    "kind": m.get("kind"),
                    "subtype": m.get("subtype"),
                    "expected": expected,
                    "action": OWN_ACTION.get(expected, "reply"),
                    "role": "" if expected == "forward" else str(m.get("escalate_to") or ""),
                    "reply": model.get(m.get("lang")) or "",
                    "reply_other": {k: v for k, v in model.items() if k != m.get("lang")},
                    "credit": dict(credit.get(expected, {})),
                }
            )
        return {"items": items}

    def judge(
        self, variant: Variant, task: Mapping[str, Any], desk: Mapping[str, Any]
    ) -> list[Judged]:
        """Every message of the shift judged against its key and by the reply rubric."""
        bank = self._bank(variant.brand)
        ctx = self._rubric(variant.brand)
        scenario = self._scenario(variant.brand)
        out = []
        for item in task.get("items", []):
            m = bank[item["id"]]
            answer = desk["answers"].get(item["id"])
            if answer is None:
                reply = Reply("none")
            else:
                # Shift minutes scaled so the shift deadline maps to the message's sla_hours.
                minutes = int(answer["at"]) - int(item["arrives"])
                hours = minutes / max(1, int(item["deadline"])) * float(m.get("sla_hours") or 24)
                reply = Reply(answer["action"], answer["text"], answer["role"], hours)
            row = ctx.credit.get(str(m.get("expected", "reply")), {})
            credit = max(
                row.get(reply.action, 0.0), row.get("escalate", 0.0) if reply.role else 0.0
            )
            role = "spokesperson" if reply.action == "forward" else reply.role
            rubric = score_reply(message_for(scenario, m), reply, ctx)
            out.append(Judged(item, m, answer, credit, rubric, role))
        return out

    def score(
        self, variant: Variant, task: Mapping[str, Any], submission: Mapping[str, Any]
    ) -> Result:
        """Score the shift log as it stood at submission."""
        desk = summarise(task, clean_steps(task, submission))
        judged = self.judge(variant, task, desk)
        count = len(judged) or 1
        criteria = [
            self._action(judged, count),
            self._replies(judged),
            self._time(judged, count),
            self._escalation(judged, count),
        ]
        fails = [
            Reason(f"hardfail.{code}", {"item": j.item["n"]}, ok=False)
            for j in judged
            for code in dict.fromkeys(j.rubric.hard_fails)
        ]
        return finish(self.exercise, variant, criteria, fails)

    @staticmethod
    def _action(judged: list[Judged], count: int) -> CriterionScore:
        """The action against the key, with partial credit; the rubric's detail per message."""
        reasons = []
        for j in judged:
            values: dict[str, Any] = {
                "item": j.item["n"],
                "gold": OWN_ACTION.get(str(j.message.get("expected")), "reply"),
            }
            values |= {"action": j.answer["action"] if j.answer else "none"}
            values |= {"credit": round(j.credit, 2), "rubric": j.rubric.as_json()}
            if j.answer is None and j.credit < 1:
                code, ok = "action.missing", False
            elif j.credit >= 1:
                code, ok = "action.match", True
            elif j.credit > 0:
                code, ok = "action.partial", False
            else:
                code, ok = "action.wrong", False
            reasons.append(Reason(code, values, ok=ok))
        points = 30 * sum(j.credit for j in judged) / count
        return CriterionScore("action", points, 30, tuple(reasons))

    @staticmethod
    def _replies(judged: list[Judged]) -> CriterionScore:
        """The mean rubric score of the messages that need a written reply, scaled to 40."""
        needed = [j for j in judged if j.message.get("expected") in REPLY_EXPECTED]
        reasons = []
        total = 0
        for j in needed:
            n = j.item["n"]
            if j.answer is None:
                reasons.append(Reason("reply.missing", {"item": n}, ok=False))
                continue
            total += j.rubric.points
            ok = j.rubric.points >= GOOD_REPLY and not j.rubric.hard_fails
            reasons.append(Reason("reply.item", {"item": n, "points": j.rubric.points}, ok=ok))
        mean = total / len(needed) if needed else 0.0
        reasons.append(Reason("reply.mean", {"points": round(mean)}, ok=mean >= GOOD_REPLY))
        return CriterionScore("reply-checks", 40 * mean / 100, 40, tuple(reasons))

    @staticmethod
    def _time(judged: list[Judged], count: int) -> CriterionScore:
        """The share of messages handled inside their shift deadline (the rubric's rules: no
        speed credit for a wrong action, and an acknowledgement does not stop the clock)."""
        reasons = []
        hits = 0
        for j in judged:
            values: dict[str, Any] = {"item": j.item["n"], "due": j.item["due"]}
            expected = str(j.message.get("expected"))
            if j.answer is None:
                if expected not in REPLY_EXPECTED and j.credit >= 1:
                    hits += 1
                    reasons.append(Reason("time.left-alone", values))
                else:
                    reasons.append(Reason("time.never", values, ok=False))
                continue
            values["at"] = j.answer["at"]
            writes = j.answer["action"] in TEXT_ACTIONS and bool(j.answer["text"])
            if not j.credit:
                reasons.append(Reason("time.wrong-action", values, ok=False))
            elif writes and not j.rubric.answered:
                reasons.append(Reason("time.not-an-answer", values, ok=False))
            elif int(j.answer["at"]) <= int(j.item["due"]):
                hits += 1
                reasons.append(Reason("time.inside", values))
            else:
                reasons.append(Reason("time.late", values, ok=False))
        return CriterionScore("response-time", 15 * hits / count, 15, tuple(reasons))

    @staticmethod
    def _escalation(judged: list[Judged], count: int) -> CriterionScore:
        """The share of messages escalated to exactly the key's role, or to nobody without one."""
        reasons = []
        hits = 0
        for j in judged:
            gold = str(j.message.get("escalate_to") or "")
            values = {"item": j.item["n"]}
            if gold and j.role == gold:
                code = "escalation.right"
            elif gold and j.role:
                code = "escalation.wrong-role"
            elif gold:
                code = "escalation.missing"
            elif j.role:
                code = "escalation.needless"
            elif j.answer is not None or j.message.get("expected") not in REPLY_EXPECTED:
                code = "escalation.none-needed"
            else:
                code = "escalation.unhandled"
            ok = code in ("escalation.right", "escalation.none-needed")
            hits += ok
            reasons.append(Reason(code, values, ok=ok))
        return CriterionScore("escalation", 15 * hits / count, 15, tuple(reasons))

    def example(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """A strong shift from the key: always the arrived message due first, waiting when
        none has arrived, each answered with the key's action, role and model reply (a
        message whose key is no reply left alone)."""
        gold = {k["id"]: k for k in self.key(variant, task)["items"]}
        items = list(task.get("items", []))
        draft: dict[str, Any] = {}
        for _ in range(len(items) * 8):
            desk = summarise(task, clean_steps(task, draft))
            # A message whose key is no reply is best left alone: that costs no minutes.
            waiting = [
                i
                for i in items
                if i["id"] not in desk["answers"] and gold[i["id"]]["action"] != "none"
            ]
            if not waiting:
                break
            here = [i for i in waiting if int(i["arrives"]) <= desk["clock"]]
            form = {"step": "wait"}
            if here:
                form = self.answer_form(gold[min(here, key=lambda i: i["due"])["id"]])
            draft, _error = desk_step(task, draft, form)
        return draft

    @staticmethod
    def answer_form(gold: Mapping[str, Any]) -> dict[str, str]:
        """The answer step a key item gives (no text for actions that write nothing)."""
        text = gold["reply"] if gold["action"] in TEXT_ACTIONS else ""
        form = {"step": "answer", "item": gold["id"], "action": gold["action"]}
        return form | {"role": gold["role"], "text": text}
