"""sbx-08 "Crisis drill" scorer (curriculum.md §5.2, community; pure).

Pause (25): the promotional post paused before its minute. Alert (20): the crisis contact
alerted before the first public statement (holding statement, public reply or a reply to the
journalist). Statement (30): the checklist of sbx08_check; a statement never published earns
half, since it tells nobody anything. Replies (15): the mean reply-rubric score over the
spike's mentions (§5.1), a reply without the crisis key facts counting 0. Journalist (10):
routed to the spokesperson. Hard fails: the post goes out (or is still scheduled at
submission), and the reply rubric's own hard fails (sandbox.md: they zero the evidence).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain.engine import CriterionScore, Reason, Result, Scorer, Variant, finish
from app.exercises.domain.sbx08_check import ITEMS, PARTS, read_statement, words_in
from app.exercises.domain.sbx08_data import CrisisData, covers, model_action
from app.exercises.domain.sbx08_desk import build_task, clean_steps, desk_step, summarise
from app.inbox.domain.items import message_for
from app.inbox.domain.rubric import Reply
from app.inbox.domain.score import score_reply

UNPUBLISHED = 0.5  # share of the checklist a statement that never went out keeps
OTHER_ROLE = 3  # the journalist escalated to a role that is not the spokesperson
GOOD_REPLY = 70


class CrisisDrill(Scorer):
    """sbx-08: pause, alert, hold, reply and route on the desk clock."""

    exercise_id = "sbx-08"
    criteria = (
        ("pause-post", 25),
        ("alert-first", 20),
        ("holding-statement", 30),
        ("first-replies", 15),
        ("journalist", 10),
    )

    @property
    def data(self) -> CrisisData:
        """This exercise's validated data."""
        found: CrisisData = self.context.data[self.exercise_id]
        return found

    def task(self, variant: Variant) -> dict[str, Any]:
        """The seeded desk."""
        return build_task(self.data, variant)

    def key(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The right contact and spokesperson, the model statement and model replies."""
        crisis = self.data.brands[variant.brand]
        gold = {m["id"]: m for m in crisis["mentions"]}
        replies = [
            {
                "id": m["id"],
                "n": m["n"],
                "action": model_action(gold[m["id"]]),
                "model_reply": dict(gold[m["id"]]["model_reply"]),
            }
            for m in task.get("mentions", [])
            if m["id"] in gold
        ]
        return {
            "contact": crisis["contact"],
            "spokesperson": crisis["spokesperson"],
            "statement": dict(crisis["statement"]),
            "promo_at": int(task.get("promo", {}).get("at", 0)),
            "replies": replies,
            "journalist": "forward",
        }

    def score(
        self, variant: Variant, task: Mapping[str, Any], submission: Mapping[str, Any]
    ) -> Result:
        """Score the desk log as it stood at submission."""
        desk = summarise(task, clean_steps(task, submission))
        crisis = self.data.brands[variant.brand]
        pause, fails = self._pause(task, desk)
        replies, reply_fails = self._replies(variant, task, desk)
        criteria = [
            pause,
            self._alert(crisis["contact"], desk),
            self._statement(crisis, desk),
            replies,
            self._journalist(crisis["spokesperson"], desk),
        ]
        return finish(self.exercise, variant, criteria, fails + reply_fails)

    @staticmethod
    def _pause(
        task: Mapping[str, Any], desk: Mapping[str, Any]
    ) -> tuple[CriterionScore, list[Reason]]:
        """Paused before the post's minute; otherwise the post goes out: a hard fail."""
        promo = int(task.get("promo", {}).get("at", 0))
        if desk["paused_at"] is not None:
            why = Reason("pause.before", {"at": desk["paused_at"], "promo": promo})
            return CriterionScore("pause-post", 25, 25, (why,)), []
        if desk["pause_late"] is not None:
            why = Reason("pause.late", {"at": desk["pause_late"], "promo": promo}, ok=False)
        else:
            why = Reason("pause.none", {"promo": promo}, ok=False)
        code = "hardfail.promo-out" if desk["out_at"] is not None else "hardfail.promo-scheduled"
        return CriterionScore("pause-post", 0, 25, (why,)), [
            Reason(code, {"promo": promo}, ok=False)
        ]

    @staticmethod
    def _alert(contact: str, desk: Mapping[str, Any]) -> CriterionScore:
        """The crisis contact alerted, and before the first public statement."""
        alerts = desk["alerts"]
        right = [a for a in alerts if a["role"] == contact]
        public = desk["first_public"]
        if not alerts:
            why = Reason("alert.none", ok=False)
        elif not right:
            why = Reason("alert.wrong", {"count": len(alerts)}, ok=False)
        elif public is not None and right[0]["at"] > public:
            why = Reason("alert.after", {"at": right[0]["at"], "public": public}, ok=False)
        elif public is None:
            why = Reason("alert.no-public", {"at": right[0]["at"]})
        else:
            why = Reason("alert.before", {"at": right[0]["at"], "public": public})
        return CriterionScore("alert-first", 20 if why.ok else 0, 20, (why,))

    def _statement(self, crisis: Mapping[str, Any], desk: Mapping[str, Any]) -> CriterionScore:
        """The checklist on the last published statement (or the last draft, at half)."""
        statement = desk["statement"]
        if statement is None:
            return CriterionScore("holding-statement", 0, 30, (Reason("statement.none", ok=False),))
        parts = {
            p: [k for f in crisis["facts"] if f["part"] == p for k in f["keywords"]] for p in PARTS
        }
        limit = self.data.word_limit
        shares = read_statement(statement["text"], self.data.checklist, parts, limit)
        reasons = []
        for item, share in shares.items():
            values = {"words": words_in(statement["text"]), "limit": limit}
            if share >= 1:
                reasons.append(Reason(f"statement.{item}", values))
            elif share > 0:
                reasons.append(Reason(f"statement.{item}-general", values, ok=False))
            else:
                reasons.append(Reason(f"statement.no-{item}", values, ok=False))
        points = sum(ITEMS[k] * s for k, s in shares.items())
        if not statement["publish"]:
            points *= UNPUBLISHED
            reasons.append(Reason("statement.unpublished", ok=False))
        return CriterionScore("holding-statement", points, 30, tuple(reasons))

    def _replies(
        self, variant: Variant, task: Mapping[str, Any], desk: Mapping[str, Any]
    ) -> tuple[CriterionScore, list[Reason]]:
        """The mean rubric score over the mentions; no crisis key fact, no credit."""
        crisis = self.data.brands[variant.brand]
        scenario = self.data.scenarios[variant.brand]
        ctx = self.data.contexts[variant.brand]
        gold = {m["id"]: m for m in crisis["mentions"]}
        keywords = {f["id"]: list(f["keywords"]) for f in crisis["facts"]}
        shown = [m for m in task.get("mentions", []) if m["id"] in gold]
        total = 0.0
        reasons: list[Reason] = []
        fails: list[Reason] = []
        for m in shown:
            mine = desk["replies"].get(m["id"])
            if mine is None:
                reasons.append(Reason("reply.missing", {"n": m["n"]}, ok=False))
                continue
            elapsed = max(0, int(mine["at"]) - int(m["arrives"])) / 60
            reply = Reply(mine["action"], mine["text"], mine["role"], elapsed)
            score = score_reply(message_for(scenario, gold[m["id"]]), reply, ctx)
            weak = [c.id for c in score.criteria if c.applies and c.level < 3]
            facts = [k for fid in gold[m["id"]]["facts"] for k in keywords.get(fid, [])]
            values = {"n": m["n"], "points": score.points, "weak": weak}
            if not covers(mine["text"], facts):
                reasons.append(Reason("reply.no-key-facts", values, ok=False))
            else:
                total += score.points
                code = "reply.scored" if weak else "reply.full"
                reasons.append(Reason(code, values, ok=score.points >= GOOD_REPLY))
            fails += [
                Reason(f"hardfail.reply-{h}", {"n": m["n"]}, ok=False) for h in score.hard_fails
            ]
        mean = total / len(shown) if shown else 0.0
        return CriterionScore("first-replies", 15 * mean / 100, 15, tuple(reasons)), fails

    @staticmethod
    def _journalist(spokesperson: str, desk: Mapping[str, Any]) -> CriterionScore:
        """Forwarded (or escalated) to the spokesperson: full; another role: a little."""
        routed = desk["journalist"]
        if routed is None:
            why, points = Reason("journalist.none", ok=False), 0
        elif routed["route"] == "forward" or routed["role"] == spokesperson:
            why, points = Reason("journalist.spokesperson"), 10
        elif routed["route"] == "escalate":
            why, points = Reason("journalist.other-role", ok=False), OTHER_ROLE
        else:
            why, points = Reason("journalist.replied", ok=False), 0
        return CriterionScore("journalist", points, 10, (why,))

    def example(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """A strong desk from the key: pause, alert, publish the model statement, then route
        the journalist and answer each mention as it arrives (waiting when none is there)."""
        key = self.key(variant, task)
        lang = str(self.data.scenarios[variant.brand].get("language") or "ar")
        gold = {r["id"]: r for r in key["replies"]}
        forms: list[dict[str, Any]] = [
            {"step": "pause"},
            {"step": "alert", "role": key["contact"], "note": key["statement"][lang][:200]},
            {"step": "statement", "text": key["statement"][lang], "publish": "yes"},
        ]
        events = [(int(m["arrives"]), m["n"], m) for m in task.get("mentions", [])]
        events.append((int(task["journalist"]["arrives"]), 0, {}))
        draft: dict[str, Any] = {}
        for form in forms:
            draft = self._apply(task, draft, form)
        for arrives, _, m in sorted(events, key=lambda e: (e[0], e[1])):
            while int(draft.get("clock", 0)) < arrives:
                draft = self._apply(task, draft, {"step": "wait"})
            if not m:
                draft = self._apply(task, draft, {"step": "journalist", "route": "forward"})
                continue
            reply = gold[m["id"]]
            form = {"step": "reply", "mention": m["id"], "action": reply["action"]}
            draft = self._apply(task, draft, form | {"text": reply["model_reply"][m["lang"]]})
        return draft

    @staticmethod
    def _apply(
        task: Mapping[str, Any], draft: dict[str, Any], form: Mapping[str, Any]
    ) -> dict[str, Any]:
        """One step applied (a refused step leaves the draft as it was)."""
        new, error = desk_step(task, draft, form)
        return draft if error else new


def parse_sbx08(
    form: Mapping[str, str], task: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The desk is built by steps, so a whole-form save adds nothing (kept for the Kind)."""
    return {}, {}
