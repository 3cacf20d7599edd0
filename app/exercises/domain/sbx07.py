"""sbx-07 "Community guidelines and a moderation round" scorer (curriculum.md §5.2; pure).

Guideline sections (25), the welcome post's open question (5), ten moderation decisions
against the key with its partial-credit matrix (50) and consistency with the learner's own
rules (20). No hard fail (§5.2 names none). In the hard condition three borderline comments
join the round; the gold of a conditional one depends on whether the learner wrote a rule of
its category (`gold_if_rule`), so the key is resolved against the submission's rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from app.exercises.domain.engine import Result, Scorer, Variant, finish
from app.exercises.domain.sbx07_checks import consistency, decisions, open_question, sections
from app.exercises.domain.sbx07_data import CATEGORIES, SECTIONS, SOFT, ModerationData
from app.exercises.domain.sbx07_form import NO_RULE, rules_of

EXERCISE = "sbx-07"
ROUND = 10
# Comments breaking no rule in a round (the rest break one); the hard condition swaps three
# rule-breaking comments and one clean comment for the borderline set.
CLEAN = {False: 3, True: 2}


class Sbx07Scorer(Scorer):
    """Guidelines, a welcome post and a moderation round, scored against the key."""

    exercise_id: ClassVar[str] = EXERCISE
    criteria: ClassVar[tuple[tuple[str, int], ...]] = (
        ("guideline-sections", 25),
        ("open-question", 5),
        ("decisions", 50),
        ("consistency", 20),
    )

    @property
    def data(self) -> ModerationData:
        """This exercise's validated data."""
        found: ModerationData = self.context.data[EXERCISE]
        return found

    def task(self, variant: Variant) -> dict[str, Any]:
        """Ten comments drawn from the brand's bank by the seed, in a drawn order."""
        bank = self.data.brands[variant.brand]
        rng = variant.rng("comments")
        regular = sorted(bank["comments"].values(), key=lambda c: c["id"])
        clean = [c for c in regular if c["label"] == "none"]
        breaking = [c for c in regular if c["label"] != "none"]
        extra = sorted(bank["borderline"].values(), key=lambda c: c["id"]) if variant.hard else []
        n_clean = CLEAN[variant.hard]
        chosen = rng.sample(clean, n_clean)
        chosen += rng.sample(breaking, ROUND - n_clean - len(extra)) + extra
        rng.shuffle(chosen)
        return {
            "comments": [
                {"id": c["id"], "n": n, "author": c["author"], "lang": c["lang"], "text": c["text"]}
                for n, c in enumerate(chosen, start=1)
            ],
            "categories": list(CATEGORIES),
            "sections": list(SECTIONS),
            "min_words": self.data.min_words,
        }

    def _comment(self, variant: Variant, cid: str) -> Mapping[str, Any]:
        """The data comment behind a task comment (regular or borderline)."""
        bank = self.data.brands[variant.brand]
        found: Mapping[str, Any] = bank["comments"].get(cid) or bank["borderline"][cid]
        return found

    def _gold(self, c: Mapping[str, Any], rules: Mapping[int, str] | None) -> tuple[str, dict]:
        """(gold decision, credit matrix) for one comment; a conditional gold follows the
        rules (None: the model guidelines, which have a rule of every category)."""
        if not c.get("gold_if_rule"):
            return str(c["gold"]), dict(c.get("credit", {}))
        category, ruled = next(iter(c["gold_if_rule"].items()))
        if rules is None or category in rules.values():
            return str(ruled), dict(c.get("credit_if_rule", {}))
        return str(c["gold_otherwise"]), dict(c.get("credit_otherwise", {}))

    def _key(
        self, variant: Variant, task: Mapping[str, Any], rules: Mapping[int, str] | None
    ) -> list[dict[str, Any]]:
        """Each comment's resolved gold, matrix, label and rationale, in task order."""
        out = []
        for shown in task.get("comments", []):
            c = self._comment(variant, shown["id"])
            gold, credit = self._gold(c, rules)
            row = {"id": c["id"], "n": shown["n"], "gold": gold, "credit": credit}
            row |= {"label": c["label"], "rationale": dict(c["rationale"])}
            if c.get("gold_if_rule"):
                category, ruled = next(iter(c["gold_if_rule"].items()))
                row["conditional"] = {
                    "category": category,
                    "if_rule": ruled,
                    "otherwise": c["gold_otherwise"],
                }
            if c.get("kind"):
                row["kind"] = c["kind"]
            out.append(row)
        return out

    def key(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The model guidelines and welcome post, and the key with rationales."""
        bank, model = self.data.brands[variant.brand], self.data.model
        sections = {"purpose": dict(bank["purpose"])}
        sections |= {s: dict(model["sections"][s]) for s in SECTIONS if s != "purpose"}
        rules = [
            {"n": n, "category": r["category"], "text": dict(r["text"])}
            for n, r in enumerate(model["rules"], start=1)
        ]
        return {
            "sections": sections,
            "rules": rules,
            "welcome": dict(bank["welcome"]),
            "comments": self._key(variant, task, None),
        }

    def score(
        self, variant: Variant, task: Mapping[str, Any], submission: Mapping[str, Any]
    ) -> Result:
        """Score the guidelines, the welcome post and every decision."""
        rules = rules_of(submission)
        key = self._key(variant, task, rules)
        chosen = submission.get("decisions")
        chosen = {
            str(k): v
            for k, v in (chosen.items() if isinstance(chosen, Mapping) else ())
            if isinstance(v, Mapping)
        }
        criteria = [
            sections(submission, self.data),
            open_question(submission, self.data),
            decisions(key, chosen),
            consistency(key, chosen, rules),
        ]
        return finish(self.exercise, variant, criteria)

    def example(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """The model guidelines typed in Arabic, and the gold decision on every comment
        citing the model rule of its label (no rule when nothing is broken)."""
        key = self.key(variant, task)
        by_category = {r["category"]: r["n"] for r in key["rules"]}
        chosen = {}
        for c in key["comments"]:
            cited = str(by_category[c["label"]]) if c["label"] != "none" else NO_RULE
            if c["gold"] in SOFT and c["label"] == "none":
                cited = NO_RULE
            chosen[c["id"]] = {"decision": c["gold"], "rule": cited}
        return {
            "sections": {s: key["sections"][s]["ar"] for s in SECTIONS},
            "welcome": key["welcome"]["ar"],
            "rules": [
                {"n": r["n"], "text": r["text"]["ar"], "category": r["category"]}
                for r in key["rules"]
            ],
            "decisions": chosen,
        }
