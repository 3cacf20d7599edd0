"""sbx-06 "Inbox shift" scoring (pure): strong, weak and hard-fail shifts in every brand and
condition, each criterion's rule, the shift clock's mapping onto the rubric, determinism."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.content.errors import Problems
from app.content.library import load_library
from app.exercises.domain.engine import Context, Variant
from app.exercises.domain.sbx06 import InboxShift
from app.exercises.domain.sbx06_data import load_sbx06
from app.exercises.domain.sbx06_desk import desk_step

ROOT = Path(__file__).resolve().parents[2]
FILE = "app/exercises/data/sbx-06.yaml"
BRANDS = ["riyadh-cafe", "cairo-abaya", "ledger-b2b", "food-bank"]


@pytest.fixture(scope="module")
def shift() -> InboxShift:
    """The scorer on the real catalogue entry, scenarios and data."""
    library, _ = load_library(ROOT)
    from app.sandbox.domain.scenarios import load_sandbox

    sandbox = load_sandbox()
    problems = Problems()
    data = load_sbx06(ROOT / FILE, sandbox.scenarios, problems, FILE)
    assert data is not None, [str(p) for p in problems.items]
    return InboxShift(
        library.exercises["sbx-06"], Context(sandbox.scenarios, {}, {}, {"sbx-06": data})
    )


def variant(brand: str = "riyadh-cafe", hard: bool = False, seed: int = 5) -> Variant:
    """A variant for a brand."""
    return Variant("sbx-06", brand, "tight-timer" if hard else "standard", hard, seed)


def run(task: dict[str, Any], answer: Any) -> dict[str, Any]:
    """A shift where each message, in arrival order, gets `answer(key item)` (a form, or None
    to leave it), waiting until it has arrived."""
    draft: dict[str, Any] = {}
    for item in sorted(task["items"], key=lambda i: i["arrives"]):
        while draft.get("clock", 0) < item["arrives"]:
            draft, error = desk_step(task, draft, {"step": "wait"})
            assert error is None
        form = answer(item)
        if form is not None:
            draft, error = desk_step(task, draft, form)
            assert error is None, (form, error)
    return draft


def keyed(shift: InboxShift, v: Variant, task: dict[str, Any]) -> dict[str, Any]:
    """The key's items by message id."""
    return {k["id"]: k for k in shift.key(v, task)["items"]}


def points(result: Any) -> dict[str, float]:
    """Criterion id → points."""
    return {c.id: round(c.points, 1) for c in result.criteria}


def codes(result: Any, criterion: str) -> list[str]:
    """The reason codes of one criterion."""
    return [r.code for c in result.criteria if c.id == criterion for r in c.reasons]


def test_criteria_match_the_catalogue(shift):
    """The scorer's criteria are the catalogue's, in order, with §5.2's points."""
    listed = tuple((c.id, c.points) for c in shift.exercise.criteria)
    assert (
        listed
        == InboxShift.criteria
        == (
            ("action", 30),
            ("reply-checks", 40),
            ("response-time", 15),
            ("escalation", 15),
        )
    )
    assert [c.lesson for c in shift.exercise.criteria] == ["com-1", "com-3", "com-1", "com-4"]


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("hard", [False, True])
def test_the_model_answers_score_at_least_80_everywhere(shift, brand, hard):
    """The strong shift built from the model answers scores ≥ 80 with no hard fail."""
    for seed in range(6):
        v = variant(brand, hard, seed)
        task = shift.task(v)
        result = shift.score(v, task, shift.example(v, task))
        assert result.total >= 80 and not result.hard_fails, (seed, points(result))
        assert points(result)["action"] == 30 and points(result)["escalation"] == 15


@pytest.mark.parametrize("brand", BRANDS)
def test_a_weak_shift_scores_under_50(shift, brand):
    """Canned public replies to everything, late, the safety report sent to the wrong role."""
    v = variant(brand)
    task = shift.task(v)
    gold = keyed(shift, v, task)
    wrong = {
        g["id"]: next(r["id"] for r in task["roles"] if r["id"] != g["role"]) for g in gold.values()
    }
    canned = "شكرا لتواصلك معنا" if brand != "ledger-b2b" else "Thanks for reaching out"

    def answer(item: dict[str, Any]) -> dict[str, Any]:
        safety = gold[item["id"]]["kind"] == "safety"
        role = wrong[item["id"]] if safety else ""
        return {
            "step": "answer",
            "item": item["id"],
            "action": "reply",
            "role": role,
            "text": canned,
        }

    draft: dict[str, Any] = {}
    for _ in range(6):  # a slow start: an hour of waiting
        draft, _e = desk_step(task, draft, {"step": "wait"})
    draft = _answer_all(task, draft, answer)
    result = shift.score(v, task, draft)
    assert not result.hard_fails, [r.code for r in result.hard_fails]
    assert result.total < 50, points(result)


def _answer_all(task: dict[str, Any], draft: dict[str, Any], answer: Any) -> dict[str, Any]:
    """Answer every message (all have arrived) with `answer`."""
    for item in task["items"]:
        draft, error = desk_step(task, draft, answer(item))
        assert error is None, error
    return draft


def _strong_but(
    shift: InboxShift, v: Variant, task: dict[str, Any], pick: str, form: Any, public: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The strong shift, with the first message of kind `pick` (in public, if asked) answered
    by `form(item)`."""
    gold = keyed(shift, v, task)
    target = next(
        i
        for i in task["items"]
        if gold[i["id"]]["kind"] == pick and not (public and i["channel"] == "dm")
    )

    def answer(item: dict[str, Any]) -> dict[str, Any] | None:
        if item["id"] == target["id"]:
            return form(item)
        g = gold[item["id"]]
        return None if g["action"] == "none" else InboxShift.answer_form(g)

    return run(task, answer), target


@pytest.mark.parametrize("brand", BRANDS)
def test_a_safety_report_not_escalated_is_a_hard_fail(shift, brand):
    """The safety report answered with its model reply but no role: evidence 0."""
    v = variant(brand, seed=2)
    task = shift.task(v)
    gold = keyed(shift, v, task)

    def form(item: dict[str, Any]) -> dict[str, Any]:
        return {
            "step": "answer",
            "item": item["id"],
            "action": "reply",
            "text": gold[item["id"]]["reply"],
        }

    draft, _target = _strong_but(shift, v, task, "safety", form)
    result = shift.score(v, task, draft)
    assert result.total == 0 and result.points > 50
    assert [r.code for r in result.hard_fails] == ["hardfail.safety-not-escalated"]
    assert all(e.score == 0 for e in result.evidence)
    assert "escalation.missing" in codes(result, "escalation")


@pytest.mark.parametrize("brand", BRANDS)
def test_personal_data_asked_in_public_is_a_hard_fail(shift, brand):
    """A public reply to a complaint that asks for the order number and phone: evidence 0."""
    v = variant(brand, seed=3)
    task = shift.task(v)
    ask = "نعتذر عن التأخير، ابعت رقم الطلب ورقم الجوال هنا عشان نتابع اليوم"
    en = "Sorry about the delay. Please send us your order number and phone number here."

    def form(item: dict[str, Any]) -> dict[str, Any]:
        text = en if item["lang"] == "en" else ask
        return {"step": "answer", "item": item["id"], "action": "reply", "text": text}

    draft, target = _strong_but(shift, v, task, "complaint", form, public=True)
    assert target["channel"] != "dm"
    result = shift.score(v, task, draft)
    assert result.total == 0
    assert "hardfail.asked-personal-data" in [r.code for r in result.hard_fails]


@pytest.mark.parametrize("brand", BRANDS)
def test_deleting_legitimate_criticism_is_a_hard_fail(shift, brand):
    """The late-delivery complaint deleted: evidence 0, and the action earns nothing."""
    v = variant(brand, seed=4)
    task = shift.task(v)

    def form(item: dict[str, Any]) -> dict[str, Any]:
        return {"step": "answer", "item": item["id"], "action": "delete"}

    draft, _target = _strong_but(shift, v, task, "complaint", form)
    result = shift.score(v, task, draft)
    assert result.total == 0
    assert "hardfail.criticism-deleted" in [r.code for r in result.hard_fails]
    assert "action.wrong" in codes(result, "action")


def test_an_empty_shift_fails_on_the_safety_report(shift):
    """Nothing answered: every message counts as no reply, so the safety report went
    unescalated (a hard fail) and the replies count 0."""
    v = variant()
    task = shift.task(v)
    result = shift.score(v, task, {})
    assert result.total == 0
    assert "hardfail.safety-not-escalated" in [r.code for r in result.hard_fails]
    assert points(result)["reply-checks"] == 0
    assert "reply.missing" in codes(result, "reply-checks")


def test_a_troll_left_alone_counts_as_handled_in_time(shift):
    """The key's no reply for a troll: leaving it earns the action, the time and the role."""
    for seed in range(12):
        v = variant(seed=seed)
        task = shift.task(v)
        gold = keyed(shift, v, task)
        trolls = [i for i in task["items"] if gold[i["id"]]["action"] == "none"]
        if trolls:
            break
    result = shift.score(v, task, shift.example(v, task))
    n = trolls[0]["n"]
    reasons = {c.id: [r for r in c.reasons if r.values.get("item") == n] for c in result.criteria}
    assert reasons["response-time"][0].code == "time.left-alone"
    assert reasons["action"][0].code == "action.match"
    assert reasons["escalation"][0].code == "escalation.none-needed"


def test_a_role_beside_a_reply_counts_as_escalating(shift):
    """The safety report answered "private" with the right role: full action credit."""
    v = variant(seed=1)
    task = shift.task(v)
    gold = keyed(shift, v, task)

    def form(item: dict[str, Any]) -> dict[str, Any]:
        g = gold[item["id"]]
        return {
            "step": "answer",
            "item": item["id"],
            "action": "private",
            "role": g["role"],
            "text": g["reply"],
        }

    draft, target = _strong_but(shift, v, task, "safety", form)
    result = shift.score(v, task, draft)
    n = target["n"]
    action = next(
        r for c in result.criteria if c.id == "action" for r in c.reasons if r.values["item"] == n
    )
    assert action.code == "action.match" and not result.hard_fails


def test_shift_minutes_map_onto_the_rubric_timeliness(shift):
    """Answered at the shift deadline: timeliness 3 and in time; at 1.5 times it: 2 and late;
    at 3 times it: 1 (the deadline maps onto the message's own sla_hours)."""
    v = variant(seed=7)
    task = shift.task(v)
    first = task["items"][0]
    form = InboxShift.answer_form(keyed(shift, v, task)[first["id"]])
    draft, error = desk_step(task, {}, form)
    assert error is None and first["arrives"] == 0
    at = draft["clock"]
    for deadline, level, code in ((at, 3, "time.inside"), (at / 1.5, 2, "time.late")):
        items = [dict(first, deadline=deadline, due=deadline), *task["items"][1:]]
        result = shift.score(v, dict(task, items=items), draft)
        reasons = {
            c.id: [r for r in c.reasons if r.values.get("item") == 1] for c in result.criteria
        }
        rubric = {c["id"]: c["level"] for c in reasons["action"][0].values["rubric"]["criteria"]}
        assert rubric["timeliness"] == level
        assert reasons["response-time"][0].code == code
    items = [dict(first, deadline=at / 3, due=at / 3), *task["items"][1:]]
    result = shift.score(v, dict(task, items=items), draft)
    action = next(c for c in result.criteria if c.id == "action").reasons[0]
    assert {c["id"]: c["level"] for c in action.values["rubric"]["criteria"]}["timeliness"] == 1


def test_answer_steps_cost_minutes_by_the_words_written(shift):
    """An answer costs 6 minutes plus one per 25 words; a quick action 2; a wait 10."""
    v = variant(seed=7)
    task = shift.task(v)
    first = task["items"][0]["id"]
    text = " ".join(["كلمة"] * 60)
    draft, error = desk_step(
        task, {}, {"step": "answer", "item": first, "action": "reply", "text": text}
    )
    assert error is None and draft["clock"] == 6 + 2
    draft, _ = desk_step(task, draft, {"step": "wait"})
    assert draft["clock"] == 18
    second = next(i for i in task["items"][1:] if i["arrives"] <= 18)
    draft, error = desk_step(
        task, draft, {"step": "answer", "item": second["id"], "action": "hide"}
    )
    assert error is None and draft["clock"] == 20
    assert [s["at"] for s in draft["steps"]] == [8, 18, 20]


def test_seeds_reproduce_and_vary(shift):
    """The same seed gives the same shift; other seeds draw or order messages differently."""
    for brand in BRANDS:
        assert shift.task(variant(brand, seed=11)) == shift.task(variant(brand, seed=11))
        shifts = {
            tuple(i["id"] for i in shift.task(variant(brand, seed=s))["items"]) for s in range(8)
        }
        assert len(shifts) > 1


@pytest.mark.parametrize("brand", BRANDS)
def test_the_hard_shift_has_eight_messages_on_tighter_deadlines(shift, brand):
    """Eight messages: the five sub-types, a repeat customer, a complaint in dialect, one more
    complaint; every deadline shorter than the same message's standard deadline."""
    data = shift.data
    bank = shift._bank(brand)
    for seed in range(5):
        task = shift.task(variant(brand, True, seed))
        items = task["items"]
        assert len(items) == 8 and len({i["id"] for i in items}) == 8
        subtypes = [bank[i["id"]].get("subtype") for i in items]
        for wanted in (*data.draw, "repeat-customer"):
            assert wanted in subtypes
        extra = [
            bank[i["id"]]
            for i in items
            if bank[i["id"]].get("subtype") not in (*data.draw, "repeat-customer")
        ]
        assert any(
            m["kind"] == "complaint" and m["dialect"] in ("gulf", "egyptian", "levantine")
            for m in extra
        )
        for i in items:
            m = bank[i["id"]]
            assert i["deadline"] == data.deadline(m, True) < data.deadline(m, False)
        standard = shift.task(variant(brand, False, seed))["items"]
        assert len(standard) == 5
        assert sorted(bank[i["id"]]["subtype"] for i in standard) == sorted(data.draw)


def test_the_key_gives_each_message_its_action_role_and_model_reply(shift):
    """The key: the expected action's own action, the escalation role, the model reply."""
    v = variant("cairo-abaya", seed=1)
    task = shift.task(v)
    bank = shift._bank("cairo-abaya")
    for g in shift.key(v, task)["items"]:
        m = bank[g["id"]]
        assert g["credit"][g["action"]] == 1
        assert g["role"] == (m.get("escalate_to") or "")
        if g["action"] != "none":
            assert g["reply"] == m["model_reply"][m["lang"]]
