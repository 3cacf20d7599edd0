"""sbx-08 "Crisis drill" scoring (pure): the model desk scores ≥ 80 for every brand, a weak desk
stays under 50, the post going out is a hard fail, the order of alert and statement, the
journalist's route, replies without the key facts, the desk's step rules, seeds, data problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from app.content.errors import Problems
from app.content.library import load_library
from app.exercises.domain.engine import Context, Variant, pick_variant
from app.exercises.domain.sbx08 import CrisisDrill
from app.exercises.domain.sbx08_data import load_sbx08
from app.exercises.domain.sbx08_desk import clean_steps, desk_step
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
FILE = "app/exercises/data/sbx-08.yaml"
BRANDS = ["riyadh-cafe", "cairo-abaya", "ledger-b2b", "food-bank"]
SANDBOX = load_sandbox()


@pytest.fixture(scope="module")
def scorer() -> CrisisDrill:
    """The scorer on the real catalogue entry and data."""
    library, _ = load_library(ROOT)
    problems = Problems()
    data = load_sbx08(ROOT / FILE, SANDBOX.scenarios, problems, FILE)
    assert data is not None, [str(p) for p in problems.items]
    return CrisisDrill(
        library.exercises["sbx-08"], Context(SANDBOX.scenarios, {}, {}, {"sbx-08": data})
    )


def variant(brand: str = "riyadh-cafe", seed: int = 5) -> Variant:
    """A variant for a brand (the one condition is hard)."""
    return Variant("sbx-08", brand, "crisis", True, seed)


def run(task: dict[str, Any], *forms: dict[str, Any]) -> dict[str, Any]:
    """A draft built by posting forms through the desk's step rule (each must succeed)."""
    draft: dict[str, Any] = {}
    for form in forms:
        draft, error = desk_step(task, draft, form)
        assert error is None, (form, error)
    return draft


def points(result: Any) -> dict[str, float]:
    """Criterion id → points."""
    return {c.id: c.points for c in result.criteria}


def codes(result: Any, criterion: str) -> list[str]:
    """The reason codes of one criterion."""
    return [r.code for c in result.criteria if c.id == criterion for r in c.reasons]


def waits(task: dict[str, Any], draft: dict[str, Any], minute: int) -> dict[str, Any]:
    """Wait on the desk until the clock reaches `minute`."""
    while draft.get("clock", 0) < minute:
        draft, _ = desk_step(task, draft, {"step": "wait"})
    return draft


def test_criteria_match_the_catalogue(scorer):
    """The scorer's criteria are the catalogue's, in order, with the same points; hard only."""
    listed = tuple((c.id, c.points) for c in scorer.exercise.criteria)
    assert listed == CrisisDrill.criteria and sum(p for _, p in listed) == 100
    assert scorer.exercise.hard_conditions == ("crisis",)
    assert [c.lesson for c in scorer.exercise.criteria] == [
        "com-4",
        "com-4",
        "com-4",
        "com-3",
        "com-4",
    ]


@pytest.mark.parametrize("brand", BRANDS)
def test_the_model_desk_scores_at_least_80_for_every_brand(scorer, brand):
    """The strong run built from the key scores ≥ 80, without a hard fail, on every seed."""
    for seed in range(5):
        v = variant(brand, seed)
        task = scorer.task(v)
        result = scorer.score(v, task, scorer.example(v, task))
        assert result.total >= 80 and not result.hard_fails, (seed, points(result))
        assert result.evidence and all(e.hard for e in result.evidence)


def test_a_weak_desk_scores_under_50(scorer):
    """Paused, but the wrong person alerted, a vague draft never published, canned replies and
    the journalist answered directly: well under 50."""
    v = variant()
    task = scorer.task(v)
    first = task["mentions"][0]["id"]
    draft = run(
        task,
        {"step": "pause"},
        {"step": "alert", "role": "app-lead"},
        {"step": "statement", "text": "نأسف لما حدث، وسنوافيكم بالتفاصيل لاحقًا."},
        {
            "step": "reply",
            "mention": first,
            "action": "reply",
            "text": "رأيك يهمنا، وسننظر في الأمر.",
        },
    )
    draft = waits(task, draft, task["journalist"]["arrives"])
    draft, error = desk_step(
        task, draft, {"step": "journalist", "route": "reply", "text": "لا تعليق."}
    )
    assert error is None
    result = scorer.score(v, task, draft)
    assert result.total < 50 and not result.hard_fails, points(result)
    assert codes(result, "alert-first") == ["alert.wrong"]
    assert "statement.unpublished" in codes(result, "holding-statement")
    assert codes(result, "journalist") == ["journalist.replied"]


def test_the_post_going_out_unpaused_is_a_hard_fail_with_evidence_0(scorer):
    """Everything else right, but no pause: the post goes out, the total and evidence are 0."""
    v = variant("food-bank")
    task = scorer.task(v)
    example = scorer.example(v, task)
    steps = [s for s in example["steps"] if s["step"] != "pause"]
    result = scorer.score(v, task, {"steps": steps})
    assert result.total == 0 and result.points >= 70
    assert [r.code for r in result.hard_fails] == ["hardfail.promo-out"]
    assert all(e.score == 0 for e in result.evidence)
    assert codes(result, "pause-post") == ["pause.none"]


def test_a_post_still_scheduled_at_submission_is_a_hard_fail(scorer):
    """Submitting before the post's minute without pausing it: it would still go out."""
    v = variant()
    task = scorer.task(v)
    result = scorer.score(v, task, run(task, {"step": "alert", "role": "operations-manager"}))
    assert [r.code for r in result.hard_fails] == ["hardfail.promo-scheduled"]


def test_a_pause_that_ends_after_the_posts_minute_is_too_late(scorer):
    """The post goes out while the pause is still under way; then it cannot be paused again."""
    v = variant()
    task = scorer.task(v) | {"promo": scorer.task(v)["promo"] | {"at": 11}}
    draft = run(task, {"step": "wait"}, {"step": "pause"})
    assert draft["paused_at"] is None and draft["out_at"] == 11
    result = scorer.score(v, task, draft)
    assert codes(result, "pause-post") == ["pause.late"]
    assert [r.code for r in result.hard_fails] == ["hardfail.promo-out"]
    assert desk_step(task, draft, {"step": "pause"})[1] == "desk.promo-out"


def test_alerting_after_the_statement_loses_the_20(scorer):
    """The right contact alerted after the holding statement went out: 0 of 20, with the minutes."""
    v = variant("ledger-b2b")
    task = scorer.task(v)
    key = scorer.key(v, task)
    draft = run(
        task,
        {"step": "pause"},
        {"step": "statement", "text": key["statement"]["ar"], "publish": "yes"},
        {"step": "alert", "role": key["contact"]},
    )
    result = scorer.score(v, task, draft)
    assert points(result)["alert-first"] == 0
    assert codes(result, "alert-first") == ["alert.after"]
    assert points(result)["holding-statement"] == 30
    before = run(task, *draft["steps"][:1], {"step": "alert", "role": key["contact"]})
    assert points(scorer.score(v, task, before))["alert-first"] == 20


def test_a_public_reply_counts_as_a_public_statement(scorer):
    """Replying in public before alerting anyone loses the 20 too."""
    v = variant("cairo-abaya")
    task = scorer.task(v)
    key = scorer.key(v, task)
    first = key["replies"][0]
    text = first["model_reply"][task["mentions"][0]["lang"]]
    draft = run(
        task,
        {"step": "pause"},
        {"step": "reply", "mention": first["id"], "action": first["action"], "text": text},
        {"step": "alert", "role": key["contact"]},
    )
    assert codes(scorer.score(v, task, draft), "alert-first") == ["alert.after"]


@pytest.mark.parametrize(
    ("route", "role", "expected", "code"),
    [
        ("forward", "", 10, "journalist.spokesperson"),
        ("escalate", "spokesperson", 10, "journalist.spokesperson"),
        ("escalate", "operations-manager", 3, "journalist.other-role"),
        ("reply", "", 0, "journalist.replied"),
    ],
)
def test_the_journalist_not_forwarded_loses_the_10(scorer, route, role, expected, code):
    """Only the spokesperson earns the 10; another role a little; answering it yourself 0."""
    v = variant()
    task = scorer.task(v)
    draft = waits(task, run(task, {"step": "pause"}), task["journalist"]["arrives"])
    form = {"step": "journalist", "route": route, "role": role, "text": "نتابع الموضوع."}
    draft, error = desk_step(task, draft, form)
    assert error is None
    result = scorer.score(v, task, draft)
    assert points(result)["journalist"] == expected and codes(result, "journalist") == [code]


def test_a_reply_without_the_crisis_facts_counts_0(scorer):
    """A kind reply that repeats none of the crisis key facts earns nothing for that mention."""
    v = variant()
    task = scorer.task(v)
    first = task["mentions"][0]
    text = "نعتذر منك ونتفهم شعورك، راسلناك على الخاص لنتواصل معك اليوم."
    draft = run(task, {"step": "reply", "mention": first["id"], "action": "private", "text": text})
    result = scorer.score(v, task, draft)
    assert codes(result, "first-replies")[0] == "reply.no-key-facts"
    assert points(result)["first-replies"] == 0


def test_the_desk_refuses_steps_it_cannot_take(scorer):
    """Unknown steps, early or repeated replies, a missing contact or text: each has its code."""
    v = variant()
    task = scorer.task(v)
    late = max(task["mentions"], key=lambda m: m["arrives"])
    first = task["mentions"][0]["id"]
    reply = {"step": "reply", "mention": first, "action": "reply", "text": "x"}
    assert desk_step(task, {}, {})[1] == "desk.unknown-step"
    assert desk_step(task, {}, {"step": "alert", "role": "<script>"})[1] == "desk.no-contact"
    assert desk_step(task, {}, {"step": "statement", "text": "  "})[1] == "desk.no-statement"
    assert (
        desk_step(
            task, {}, {"step": "reply", "mention": late["id"], "action": "reply", "text": "x"}
        )[1]
        == "desk.not-arrived"
    )
    assert desk_step(task, {}, reply | {"action": "shout"})[1] == "desk.no-action"
    assert desk_step(task, {}, reply | {"action": "escalate"})[1] == "desk.no-role"
    assert desk_step(task, {}, reply | {"text": ""})[1] == "desk.no-reply-text"
    assert desk_step(task, {}, {"step": "journalist", "route": "forward"})[1] == "desk.not-arrived"
    draft = run(task, reply, {"step": "pause"})
    assert desk_step(task, draft, reply)[1] == "desk.answered"
    assert desk_step(task, draft, {"step": "pause"})[1] == "desk.already-paused"
    assert draft["clock"] == task["minutes"]["reply"] + task["minutes"]["pause"]


def test_hostile_drafts_are_replayed_not_trusted(scorer):
    """Junk steps are dropped; stamped minutes are recomputed from the log."""
    v = variant()
    task = scorer.task(v)
    junk = {
        "steps": [
            1,
            "x",
            {"step": "pause", "at": -50},
            {"step": "reply", "mention": "nope"},
            {"step": "wait", "at": 9999},
        ]
    }
    steps = clean_steps(task, junk)
    assert [(s["step"], s["at"]) for s in steps] == [("pause", 2), ("wait", 12)]
    assert clean_steps(task, None) == [] and clean_steps(task, {"steps": "x"}) == []
    scorer.score(v, task, {"steps": [{"step": "statement", "text": None}]})


def test_seeds_reproduce_and_vary(scorer):
    """The same seed gives the same desk and score; seeds vary the post's minute or the order."""
    exercise = scorer.exercise
    one, again = pick_variant(exercise, "crisis", 11), pick_variant(exercise, "crisis", 11)
    assert scorer.task(one) == scorer.task(again)
    t = scorer.task(one)
    assert (
        scorer.score(one, t, scorer.example(one, t)).as_json()
        == scorer.score(again, t, scorer.example(again, t)).as_json()
    )
    shapes = set()
    for seed in range(12):
        task = scorer.task(variant("riyadh-cafe", seed))
        shapes.add((task["promo"]["at"], tuple(m["id"] for m in task["mentions"])))
    assert len(shapes) > 3


def _problems(tmp_path: Path, change: Any) -> list[str]:
    """Problems found in a changed copy of the data file, as `file:line: message`."""
    raw = yaml.safe_load((ROOT / FILE).read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "sbx-08.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = Problems()
    assert load_sbx08(path, SANDBOX.scenarios, problems, FILE) is None
    return [f"{p.file}:{p.line}: {p.message}" for p in problems.items]


def test_data_problems_name_the_file_and_line(tmp_path):
    """A wrong contact, a reply that fails the rubric, a statement over the limit: file:line."""

    def break_it(raw: dict[str, Any]) -> None:
        cafe = raw["brands"]["riyadh-cafe"]
        cafe["contact"] = "branch-manager"
        cafe["mentions"][0]["model_reply"]["ar"] = "رأيك يهمنا."
        raw["brands"]["food-bank"]["statement"]["en"] += " word" * 90
        del raw["checklist"]["blame"]["en"]

    found = _problems(tmp_path, break_it)
    text = "\n".join(found)
    assert all(p.startswith(f"{FILE}:") and int(p.split(":")[1]) > 1 for p in found), found
    assert "contact 'branch-manager' must be its crisis role" in text
    assert "checklist 'blame': en must be a non-empty list" in text
    assert "food-bank" in text and "word-limit" in text


def test_a_model_reply_the_rubric_scores_low_is_a_problem(tmp_path):
    """The loader holds every model reply to the reply rubric (≥ 80 on time)."""

    def weaken(raw: dict[str, Any]) -> None:
        raw["brands"]["cairo-abaya"]["mentions"][1]["model_reply"]["ar"] = (
            "رأيك يهمنا جدًا، هنشوف الموضوع."
        )

    found = _problems(tmp_path, weaken)
    assert any("mention 'w2': the model reply scores" in p for p in found), found
