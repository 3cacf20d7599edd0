"""sbx-09 "Trend desk: go or no-go" scorer (curriculum.md §5.2, trends; pure).

Decisions (40) against the key with its partial-credit matrix; reason tags (25) by F1 per
card; the concept's timing (15) against the trend's peak and window; the concept's fields (20)
by detectors. A "go" standing at submission on a card flagged tragedy or news-exploitation is
a hard fail, also when the flag appeared late: the desk shows the flag from decision N + 1
on, and the learner can still change the decision while the card is open.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.exercises.domain.engine import CriterionScore, Reason, Result, Scorer, Variant, finish
from app.exercises.domain.sbx09_data import HARD_FLAGS, DeskData, names_brand
from app.exercises.domain.sbx09_desk import (
    build_task,
    clean_steps,
    desk_step,
    summarise,
)
from app.sandbox.domain.platforms import FORMATS

FIELD_POINTS = 5  # each of tie-in, platform, format and call to action


def f1(chosen: list[str], gold: list[str]) -> float:
    """F1 of the chosen tags against the gold tags (0 when either is empty)."""
    hits = len(set(chosen) & set(gold))
    if not hits:
        return 0.0
    precision, recall = hits / len(set(chosen)), hits / len(set(gold))
    return 2 * precision * recall / (precision + recall)


def timing_points(at: int, peak: int, ends: int, top: int) -> float:
    """Full points up to the peak, falling linearly to 0 at the end of the window."""
    if at <= peak:
        return float(top)
    if at >= ends:
        return 0.0
    return top * (ends - at) / (ends - peak)


class TrendDesk(Scorer):
    """sbx-09: six trend cards, go or no-go with reasons, one concept on the desk clock."""

    exercise_id = "sbx-09"
    criteria = (
        ("decisions", 40),
        ("reason-tags", 25),
        ("concept-timing", 15),
        ("concept-fields", 20),
    )

    @property
    def data(self) -> DeskData:
        """This exercise's validated data."""
        found: DeskData = self.context.data[self.exercise_id]
        return found

    def task(self, variant: Variant) -> dict[str, Any]:
        """The seeded desk: six cards in a drawn order (and the hard condition's twists)."""
        return build_task(self.data, variant)

    def _gold(self, variant: Variant, card_id: str) -> Mapping[str, Any]:
        """The data card behind a task card."""
        found: Mapping[str, Any] = self.data.brands[variant.brand]["cards"][card_id]
        return found

    def key(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """Each card's gold decision, tags, rationale and credit matrix; the model concept."""
        cards = []
        for card in task.get("cards", []):
            gold = self._gold(variant, card["id"])
            credit = dict.fromkeys(("go", "no-go"), 0.0) | dict(gold.get("credit", {}))
            credit[gold["gold"]] = 1.0
            cards.append(
                {
                    "id": card["id"],
                    "n": card["n"],
                    "gold": gold["gold"],
                    "tags": list(gold["tags"]),
                    "credit": credit,
                    "flags": list(gold["flags"]),
                    "rationale": dict(gold["rationale"]),
                }
            )
        model = self.data.brands[variant.brand]["model"]
        concept = {k: model[k] for k in ("card", "platform", "format")}
        concept |= {k: dict(model[k]) for k in ("tie_in", "cta", "caption")}
        n = next((c["n"] for c in task.get("cards", []) if c["id"] == model["card"]), 0)
        return {"cards": cards, "concept": concept | {"n": n}}

    def score(
        self, variant: Variant, task: Mapping[str, Any], submission: Mapping[str, Any]
    ) -> Result:
        """Score the desk log as it stood at submission."""
        desk = summarise(task, clean_steps(task, submission))
        key = self.key(variant, task)
        cards = {c["id"]: c for c in task.get("cards", [])}
        decisions, tags, fails = self._decisions(task, key, desk)
        timing, fields = self._concept(variant, cards, desk)
        return finish(self.exercise, variant, [decisions, tags, timing, fields], fails)

    def _decisions(
        self, task: Mapping[str, Any], key: Mapping[str, Any], desk: Mapping[str, Any]
    ) -> tuple[CriterionScore, CriterionScore, list[Reason]]:
        """Decisions (key and matrix), reason-tag F1 per card, and the hard fails."""
        gold_cards = key["cards"]
        count = len(gold_cards) or 1
        credit_sum = f1_sum = 0.0
        said: list[Reason] = []
        tagged: list[Reason] = []
        fails: list[Reason] = []
        after = task.get("flags_after")
        late = {c["id"] for c in task.get("cards", []) if c.get("late_flags")}
        for gold in gold_cards:
            n, mine = gold["n"], desk["decisions"].get(gold["id"])
            if mine is None:
                said.append(Reason("decision.missing", {"card": n}, ok=False))
                tagged.append(Reason("tags.missing", {"card": n}, ok=False))
                continue
            hard = [f for f in HARD_FLAGS if f in gold["flags"]]
            if mine["choice"] == "go" and hard:
                credit = 0.0
                before = gold["id"] in late and after is not None and mine["n"] <= int(after)
                code = f"hardfail.{'late-' if before else ''}{hard[0]}"
                fails.append(
                    Reason(code, {"card": n, "after": after} if before else {"card": n}, ok=False)
                )
            else:
                credit = float(gold["credit"].get(mine["choice"], 0.0))
            credit_sum += credit
            if credit >= 1:
                said.append(Reason("decision.match", {"card": n}))
            elif credit > 0:
                said.append(Reason("decision.partial", {"card": n, "credit": round(credit, 2)}))
            else:
                said.append(Reason("decision.wrong", {"card": n}, ok=False))
            score = f1(mine["tags"], gold["tags"])
            f1_sum += score
            hits = len(set(mine["tags"]) & set(gold["tags"]))
            values = {
                "card": n,
                "hits": hits,
                "chosen": len(mine["tags"]),
                "gold": len(gold["tags"]),
            }
            tagged.append(Reason("tags.card", values | {"f1": round(score, 2)}, ok=score >= 0.99))
        decisions = CriterionScore("decisions", 40 * credit_sum / count, 40, tuple(said))
        tags = CriterionScore("reason-tags", 25 * f1_sum / count, 25, tuple(tagged))
        return decisions, tags, fails

    def _concept(
        self, variant: Variant, cards: Mapping[str, Any], desk: Mapping[str, Any]
    ) -> tuple[CriterionScore, CriterionScore]:
        """Timing against the card's peak and window; fields by detectors."""
        concept = desk["concept"]
        if concept is None:
            return (
                CriterionScore("concept-timing", 0, 15, (Reason("timing.none", ok=False),)),
                CriterionScore("concept-fields", 0, 20, (Reason("fields.none", ok=False),)),
            )
        card = cards[concept["card"]]
        standing = desk["decisions"].get(card["id"])
        if not standing or standing["choice"] != "go":
            why = Reason("concept.withdrawn", {"card": card["n"]}, ok=False)
            return CriterionScore("concept-timing", 0, 15, (why,)), CriterionScore(
                "concept-fields", 0, 20, (why,)
            )
        at, peak, ends = int(concept["at"]), int(card["peak"]), int(card["ends"])
        points = timing_points(at, peak, ends, 15)
        values = {"card": card["n"], "at": at, "peak": peak, "ends": ends}
        if at <= peak:
            when = Reason("timing.before-peak", values)
        elif at >= ends:
            when = Reason("timing.closed", values, ok=False)
        else:
            when = Reason("timing.decay", values | {"points": round(points, 1)}, ok=False)
        timing = CriterionScore("concept-timing", points, 15, (when,))
        return timing, self._fields(variant, card, concept)

    def _fields(
        self, variant: Variant, card: Mapping[str, Any], concept: Mapping[str, Any]
    ) -> CriterionScore:
        """Tie-in names the brand; platform where the trend runs; format valid; a CTA."""
        brand_words = self.data.brands[variant.brand]["words"]
        platform, fmt = concept["platform"], concept["format"]
        checks = [
            (names_brand(concept["tie_in"], brand_words), "fields.tie-in", "fields.no-tie-in", {}),
            (
                platform in card["platforms"],
                "fields.platform",
                "fields.platform-off",
                {"platform": platform, "platforms": list(card["platforms"])},
            ),
            (
                fmt in FORMATS.get(platform, ()),
                "fields.format",
                "fields.format-off",
                {"platform": platform, "format": fmt},
            ),
            (
                bool(self.data.cta.kinds_in(f"{concept['cta']}\n{concept['caption']}")),
                "fields.cta",
                "fields.no-cta",
                {},
            ),
        ]
        reasons = tuple(Reason(yes if ok else no, values, ok=ok) for ok, yes, no, values in checks)
        points = FIELD_POINTS * sum(1 for ok, *_ in checks if ok)
        return CriterionScore("concept-fields", points, 20, reasons)

    def example(self, variant: Variant, task: Mapping[str, Any]) -> dict[str, Any]:
        """A strong desk from the key: closing cards first, the model card and its concept
        next, the rest after (the late card last), all through the desk's own step rule."""
        key = self.key(variant, task)
        gold = {c["id"]: c for c in key["cards"]}
        model = key["concept"]
        cards = list(task.get("cards", []))
        closing = sorted((c for c in cards if c.get("expires")), key=lambda c: c["ends"])
        rest = sorted(
            (c for c in cards if not c.get("expires") and c["id"] != model["card"]),
            key=lambda c: (bool(c.get("late_flags")), c["ends"]),
        )
        draft: dict[str, Any] = {}
        for card in [*closing, next(c for c in cards if c["id"] == model["card"])]:
            draft = self._apply(task, draft, self._decide(gold[card["id"]]))
        form = {"step": "concept", "card": model["card"], "platform": model["platform"]}
        form |= {"format": model["format"]} | {
            k: model[k]["ar"] for k in ("tie_in", "cta", "caption")
        }
        draft = self._apply(task, draft, form)
        for card in rest:
            draft = self._apply(task, draft, self._decide(gold[card["id"]]))
        return draft

    @staticmethod
    def _decide(gold: Mapping[str, Any]) -> dict[str, Any]:
        """The decision form for a card's gold call."""
        return {
            "step": "decision",
            "card": gold["id"],
            "choice": gold["gold"],
            "tags": gold["tags"],
        }

    @staticmethod
    def _apply(
        task: Mapping[str, Any], draft: dict[str, Any], form: Mapping[str, Any]
    ) -> dict[str, Any]:
        """One step applied (a refused step leaves the draft as it was)."""
        new, error = desk_step(task, draft, form)
        return draft if error else new


def parse_sbx09(
    form: Mapping[str, str], task: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The desk is built by steps, so a whole-form save adds nothing (kept for the Kind)."""
    return {}, {}
