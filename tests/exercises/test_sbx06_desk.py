"""sbx-06 "Inbox shift" desk rules and data (pure): arrivals and deadlines, every refused step,
hostile drafts and forms (fuzzed) and the loader's problems (scoring time: `make bench`)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.content.errors import Problems
from app.content.library import load_library
from app.exercises.domain.engine import Context, Variant
from app.exercises.domain.sbx06 import InboxShift
from app.exercises.domain.sbx06_data import load_sbx06
from app.exercises.domain.sbx06_desk import ACTIONS, MAX_STEPS, clean_steps, desk_step
from app.inbox.domain.lexicons import reply_data
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
FILE = "app/exercises/data/sbx-06.yaml"
SANDBOX = load_sandbox()


@pytest.fixture(scope="module")
def shift() -> InboxShift:
    """The scorer on the real catalogue entry and data."""
    library, _ = load_library(ROOT)
    data = load_sbx06(ROOT / FILE, SANDBOX.scenarios, Problems(), FILE)
    return InboxShift(
        library.exercises["sbx-06"], Context(SANDBOX.scenarios, {}, {}, {"sbx-06": data})
    )


@pytest.fixture(scope="module")
def task(shift: InboxShift) -> dict[str, Any]:
    """A standard shift."""
    return shift.task(Variant("sbx-06", "riyadh-cafe", "standard", False, 3))


def test_the_actions_are_the_inboxs():
    """The desk offers exactly the inbox's actions (app/inbox/data/actions.yaml)."""
    assert set(ACTIONS) == set(reply_data().actions)


def test_messages_arrive_over_the_first_minutes_with_channel_deadlines(shift):
    """The first message waits at minute 0, the rest arrive within 40 minutes in order; a
    safety report's deadline is the shortest, a troll's the longest."""
    for seed in range(10):
        for hard in (False, True):
            condition = "tight-timer" if hard else "standard"
            task = shift.task(Variant("sbx-06", "food-bank", condition, hard, seed))
            arrivals = [i["arrives"] for i in task["items"]]
            assert arrivals[0] == 0 and arrivals == sorted(arrivals) and arrivals[-1] <= 40
            assert all(i["due"] == i["arrives"] + i["deadline"] for i in task["items"])
            bank = shift._bank("food-bank")
            by_kind = {bank[i["id"]]["kind"]: i["deadline"] for i in task["items"]}
            assert by_kind["safety"] == min(by_kind.values())
            assert by_kind["troll"] == max(by_kind.values())
            assert by_kind["safety"] == (8 if hard else 15)


def test_the_task_hides_the_key(task):
    """The learner sees the message, never its kind, expected action, role or model reply."""
    for item in task["items"]:
        assert not {"kind", "subtype", "expected", "escalate_to", "model_reply", "key"} & set(item)


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({}, "shift.unknown-step"),
        ({"step": "answer", "item": "<script>"}, "shift.unknown-item"),
        ({"step": "answer", "item": "FIRST"}, "shift.no-action"),
        ({"step": "answer", "item": "FIRST", "action": "reply"}, "shift.no-text"),
        ({"step": "answer", "item": "FIRST", "action": "private", "text": " "}, "shift.no-text"),
        ({"step": "answer", "item": "FIRST", "action": "escalate"}, "shift.escalate-role"),
        ({"step": "answer", "item": "FIRST", "action": "none", "role": "x"}, "shift.unknown-role"),
        (
            {"step": "answer", "item": "FIRST", "action": "hide", "text": "hi"},
            "shift.text-not-sent",
        ),
        (
            {"step": "answer", "item": "FIRST", "action": "reply", "text": "x" * 2001},
            "shift.too-long",
        ),
        ({"step": "answer", "item": "LAST", "action": "hide"}, "shift.not-arrived"),
    ],
)
def test_a_refused_step_names_why_and_keeps_the_draft(task, form, code):
    """Each refusal returns its code and the shift unchanged."""
    ids = {"FIRST": task["items"][0]["id"], "LAST": task["items"][-1]["id"]}
    posted = {k: ids.get(v, v) if k == "item" else v for k, v in form.items()}
    draft, error = desk_step(task, {}, posted)
    assert error == code and draft["steps"] == [] and draft["clock"] == 0


def test_a_message_is_answered_once(task):
    """What was sent stays sent: a second answer is refused, the first one stands."""
    first = task["items"][0]["id"]
    form = {"step": "answer", "item": first, "action": "reply", "text": "نعتذر، نتابع الآن"}
    draft, error = desk_step(task, {}, form)
    assert error is None
    again, error = desk_step(task, draft, {**form, "text": "another"})
    assert error == "shift.answered" and again["answers"][first]["text"] == "نعتذر، نتابع الآن"


def test_the_log_is_full_after_max_steps(task):
    """A shift log stops at MAX_STEPS steps."""
    draft: dict[str, Any] = {}
    for _ in range(MAX_STEPS):
        draft, error = desk_step(task, draft, {"step": "wait"})
        assert error is None
    assert desk_step(task, draft, {"step": "wait"})[1] == "shift.too-many-steps"


def test_hostile_drafts_are_cleaned_and_times_recomputed(shift, task):
    """Junk steps are dropped; stored times, early answers and repeats are not trusted."""
    first, last = task["items"][0]["id"], task["items"][-1]["id"]
    draft = {
        "steps": [
            "junk",
            {"step": "answer", "item": ["x"], "action": "reply"},
            {"step": "answer", "item": last, "action": "hide", "at": 0},  # before it arrived
            {"step": "answer", "item": first, "action": "reply", "text": "ok", "at": -5},
            {"step": "answer", "item": first, "action": "delete"},  # a second answer
            {"step": "answer", "item": first, "action": "reply", "role": {"a": 1}},
            {"step": "wait", "at": 999},
            {"step": "answer", "item": task["items"][1]["id"], "action": "hide", "text": "x"},
        ]
    }
    steps = clean_steps(task, draft)
    arrived = task["items"][1]["arrives"] <= 16
    assert [s["at"] for s in steps] == ([6, 16, 18] if arrived else [6, 16])
    assert steps[0]["item"] == first and steps[0]["action"] == "reply"
    if arrived:
        assert steps[2]["text"] == ""  # an action that writes nothing keeps no text
    v = Variant("sbx-06", "riyadh-cafe", "standard", False, 3)
    assert shift.score(v, task, draft).total >= 0
    assert shift.score(v, task, {"steps": "x"}).total == 0
    assert shift.score(v, task, []).total == 0  # type: ignore[arg-type]


FORM_VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["answer", "wait", "reply", "private", "escalate", "hide", "none", ""]),
    st.lists(st.text(max_size=5), max_size=3),
    st.integers(),
    st.none(),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    forms=st.lists(
        st.dictionaries(
            st.sampled_from(["step", "item", "action", "role", "text", "at", "n"]),
            FORM_VALUES,
            max_size=6,
        ),
        max_size=6,
    )
)
def test_hostile_forms_never_raise(shift, task, forms):
    """Any posted forms: each step is applied or refused with a code; the score stays in range."""
    ids = [i["id"] for i in task["items"]]
    draft: dict[str, Any] = {}
    for n, form in enumerate(forms):
        if form.get("item") is None:
            form = {**form, "item": ids[n % len(ids)]}
        draft, error = desk_step(task, draft, form)
        assert error is None or error.startswith("shift.")
    v = Variant("sbx-06", "riyadh-cafe", "standard", False, 3)
    assert 0 <= shift.score(v, task, draft).total <= 100


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  wait: 10 ", "  wait: 0 ", "minutes needs"),
        ("hard_factor: 0.5", "hard_factor: 2", "hard_factor must be"),
        ("  - {id: public, minutes: 30}", "  - {id: public, channel: dm, minutes: 30}", "the last"),
        (
            "draw: [late-delivery,",
            "draw: [no-such-subtype,",
            "no inbox message of 'no-such-subtype'",
        ),
        (
            "  - {id: dm, channel: dm, minutes: 20}",
            "  - {id: dm, colour: red, minutes: 20}",
            "matches only",
        ),
    ],
)
def test_the_loader_reports_broken_data(tmp_path, old, new, message):
    """A broken setting is a problem naming the file."""
    copy = tmp_path / "sbx-06.yaml"
    shutil.copy(ROOT / FILE, copy)
    text = copy.read_text(encoding="utf-8")
    assert old in text
    copy.write_text(text.replace(old, new), encoding="utf-8")
    problems = Problems()
    assert load_sbx06(copy, SANDBOX.scenarios, problems, FILE) is None
    found = [str(p) for p in problems.items]
    assert any(message in p and FILE in p for p in found), found


def test_the_loader_reports_a_yaml_error_with_its_line(tmp_path):
    """Malformed YAML is a problem with its line."""
    copy = tmp_path / "sbx-06.yaml"
    copy.write_text("draw: [a\nminutes: {", encoding="utf-8")
    problems = Problems()
    assert load_sbx06(copy, SANDBOX.scenarios, problems, FILE) is None
    assert problems.items and FILE in str(problems.items[0])
