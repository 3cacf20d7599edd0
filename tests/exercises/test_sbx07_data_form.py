"""sbx-07 data and form: the repository file loads, broken data names file and line, the form
parser keeps what was typed, and every code the scorer or parser emits has a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.content.errors import Problems
from app.exercises.domain.sbx07_data import load_sbx07
from app.exercises.domain.sbx07_form import parse_sbx07, rules_of
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
FILE = "app/exercises/data/sbx-07.yaml"
SCENARIOS = load_sandbox().scenarios
TASK = {"comments": [{"id": "rc-01", "n": 1}, {"id": "rc-06", "n": 2}]}


def load(path: Path) -> tuple[object, Problems]:
    """Load a data file; the data (or None) and the problems."""
    problems = Problems()
    return load_sbx07(path, SCENARIOS, problems, FILE), problems


def test_the_repository_data_loads_cleanly_with_enough_comments():
    """Four brands, ≥ 14 labelled comments each (≥ 4 breaking no rule) and three borderline."""
    data, problems = load(ROOT / FILE)
    assert data is not None, [str(p) for p in problems.items]
    assert set(data.brands) == {"riyadh-cafe", "cairo-abaya", "ledger-b2b", "food-bank"}
    for bank in data.brands.values():
        assert len(bank["comments"]) >= 14 and len(bank["borderline"]) == 3
        assert {c["lang"] for c in bank["comments"].values()} == {"ar", "en"}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("gold: delete\n", "gold: remove\n", "gold must be one of"),
        ("label: off-topic\n", "label: rude\n", "label must be none or one of"),
        ("credit: {keep: 0.75}\n", "credit: {keep: 1.5}\n", "credit gives other decisions"),
        (
            "gold_otherwise: keep\n",
            "gold_otherwise: hide\n",
            "gold_otherwise must be keep or reply",
        ),
        (
            "        label: none\n        gold: reply\n        credit: {keep: 0.25}\n",
            "        label: none\n        gold: hide\n",
            "can only be kept or replied to",
        ),
    ],
)
def test_broken_data_is_reported_with_file_and_line(tmp_path, old, new, message):
    """Each broken comment is a problem naming the file and the comment's line."""
    text = (ROOT / FILE).read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "sbx-07.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    data, problems = load(broken)
    assert data is None
    found = [p for p in problems.items if message in p.message]
    assert found, [str(p) for p in problems.items]
    assert found[0].file == FILE and found[0].line > 1
    line = text.splitlines()[found[0].line - 1]
    assert "id:" in line or "- {id" in line or line.strip().startswith("- id")


def test_unreadable_yaml_is_a_problem_not_a_crash(tmp_path):
    """A YAML syntax error is a problem with a line."""
    broken = tmp_path / "sbx-07.yaml"
    broken.write_text("brands: [\n", encoding="utf-8")
    data, problems = load(broken)
    assert data is None and problems.items and problems.items[0].file == FILE


def test_the_parser_keeps_what_was_typed_and_names_half_written_rules():
    """A rule without a category, a category without text and an unknown choice are errors;
    a missing decision only on submit; every value comes back as typed."""
    form = {
        "sec-purpose": "مساحة <b>لمحبي</b> القهوة",
        "rule-1-text": "لا شتائم",
        "rule-2-category": "hate",
        "rule-3-text": "x",
        "rule-3-category": "rude",
        "c-rc-01-decision": "hide",
        "c-rc-01-rule": "9",
        "welcome": "ما رأيكم؟\r\n",
    }
    draft, errors = parse_sbx07(form, TASK)
    assert draft["sections"]["purpose"] == "مساحة <b>لمحبي</b> القهوة"
    assert draft["welcome"] == "ما رأيكم؟\n"
    assert errors == {
        "rule-1-category": "sbx07.rule-no-category",
        "rule-2-text": "sbx07.rule-no-text",
        "rule-3-category": "sbx07.choice-unknown",
        "c-rc-01-rule": "sbx07.choice-unknown",
    }
    _, on_submit = parse_sbx07({**form, "action": "submit"}, TASK)
    assert on_submit["c-rc-06-decision"] == "sbx07.decision-missing"
    assert rules_of(draft) == {}  # no rule is complete


def test_a_cited_rule_never_written_is_not_a_form_error():
    """Citing rule 5 with no rule 5 is scored (and explained), not refused by the form."""
    form = {"rule-1-text": "لا شتائم", "rule-1-category": "insults-harassment"}
    form |= {"c-rc-06-decision": "hide", "c-rc-06-rule": "5", "c-rc-01-decision": "keep"}
    draft, errors = parse_sbx07({**form, "action": "submit"}, TASK)
    assert errors == {} and rules_of(draft) == {1: "insults-harassment"}
    assert draft["decisions"]["rc-06"] == {"decision": "hide", "rule": "5"}
    assert draft["decisions"]["rc-01"] == {"decision": "keep", "rule": "none"}


def test_hostile_form_values_never_raise_and_are_capped():
    """Huge and control-character values are cut and cleaned."""
    form = {f"sec-{s}": "\x00" + "ن" * 10_000 for s in ("purpose", "privacy")}
    form |= {"rule-1-text": "x" * 5000, "rule-1-category": "\x07" * 50, "welcome": "y" * 9000}
    draft, _ = parse_sbx07(form, {"comments": [{"id": None}, {}]})
    assert len(draft["sections"]["purpose"]) == 2000 and "\x00" not in draft["sections"]["purpose"]
    assert len(draft["rules"][0]["text"]) == 300 and len(draft["welcome"]) == 2200


def test_every_reason_and_error_code_has_a_message():
    """Every code the checks and parser can emit is worded in text_sbx07."""
    import re

    from app.exercises.text_sbx07 import MESSAGES

    sources = "".join(
        (ROOT / f"app/exercises/domain/{name}.py").read_text(encoding="utf-8")
        for name in ("sbx07_checks", "sbx07_form")
    )
    emitted = set(
        re.findall(r'"((?:sbx07|sections|welcome|decision|consistency)\.[a-z-]+)"', sources)
    )
    assert emitted and emitted <= set(MESSAGES), sorted(emitted - set(MESSAGES))


SBX07_FIELDS = [f"sec-{s}" for s in ("purpose", "allowed", "not-allowed", "consequences")]
SBX07_FIELDS += [f"rule-{n}-{f}" for n in (1, 2, 8, 9) for f in ("text", "category")]
SBX07_FIELDS += [f"c-rc-0{n}-{f}" for n in (1, 6) for f in ("decision", "rule")]
SBX07_FIELDS += ["welcome", "action"]
VALID = ["hide", "keep", "none", "1", "8", "hate", "spam-promotion", "submit", "ما رأيكم؟"]


@given(
    st.dictionaries(
        st.sampled_from(SBX07_FIELDS),
        st.one_of(st.sampled_from(VALID), st.text(max_size=300)),
        max_size=len(SBX07_FIELDS),
    )
)
@settings(max_examples=150, deadline=None)
def test_fuzzed_forms_parse_and_score_without_raising(form):
    """Any form: the parser returns a draft and known error codes, and the draft scores."""
    from test_sbx07_scoring import scorer, setup  # the scorer on the real data

    from app.exercises.text_sbx07 import MESSAGES

    variant, task, _ = setup()
    task = {**task, "comments": [*task["comments"], *TASK["comments"]]}
    draft, errors = parse_sbx07(form, task)
    assert set(errors.values()) <= set(MESSAGES)
    result = scorer().score(variant, task, draft)
    assert 0 <= result.total <= 100
