"""sbx-14's pure parts: the rule key at its thresholds, metric citations, the form parser, and
the data checked against the ads policy checker and the loader's own checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.content.errors import Problems
from app.exercises.domain.sbx14_checks import facts_lost
from app.exercises.domain.sbx14_data import load_sbx14
from app.exercises.domain.sbx14_form import parse_sbx14
from app.exercises.domain.sbx14_key import Thresholds, cited, credit_for, decide
from app.exercises.domain.sbx14_policy import broken_rules
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
FILE = "app/exercises/data/sbx-14.yaml"
# Target 6 SAR a result: scale at or under 4.80, keep up to 7.20; frequency limit 3.5; 50
# results before judging.
KEY = Thresholds(6, 3.5, 50, 0.8, 1.2)
LEXICON = {
    "cpr": ["تكلفة النتيجة", "cost per result"],
    "frequency": ["التكرار", "frequency"],
    "results": ["النتائج", "نتيجة", "results"],
    "ctr": ["نسبة النقر", "CTR"],
    "spend": ["الإنفاق", "spend"],
}


@pytest.mark.parametrize(
    ("spend", "results", "frequency", "call"),
    [
        (240, 50, 1.0, "scale"),  # 4.80 a result, exactly the scale band
        (241, 50, 1.0, "keep"),  # 4.82
        (360, 50, 1.0, "keep"),  # 7.20, exactly the keep band
        (361, 50, 1.0, "pause"),  # 7.22
        (100, 49, 1.0, "wait"),  # one result short of judging, however cheap
        (5000, 49, 9.0, "wait"),  # too few results beats fatigue and cost
        (240, 50, 3.5, "scale"),  # at the frequency limit is not above it
        (240, 50, 3.6, "fix-creative"),  # above it: fatigue, even when cheap
    ],
)
def test_the_rule_key_at_its_thresholds(spend, results, frequency, call):
    """Too few results → wait; frequency above the limit → fix; then cost per result bands."""
    assert decide(KEY, spend, results, frequency) == call


def test_partial_credit_comes_from_the_matrix():
    """The key earns all; listed alternatives their share; anything else nothing."""
    matrix = {"wait": {"keep": 0.5}}
    assert credit_for("wait", "wait", matrix) == 1
    assert credit_for("wait", "keep", matrix) == 0.5
    assert credit_for("wait", "pause", matrix) == 0


def test_metrics_are_cited_by_name_or_figure():
    """Names after folding (glued و ف ب ل allowed), figures in either digit set; «تكلفة
    النتيجة» is one metric, not also «النتيجة»."""
    figures = {"cpr": 8.08, "frequency": 5.1, "results": 72, "ctr": 0.6, "spend": 582}
    assert cited("تكلفه النتيجه عالية", figures, LEXICON) == {"cpr"}
    assert cited("وبالتكرار", figures, LEXICON) == {"frequency"}  # و + ب glued on
    assert cited("التكرارات", figures, LEXICON) == set()  # a suffix makes another word
    assert cited("والتكرار مرتفع", figures, LEXICON) == {"frequency"}
    assert cited("شافوه ٥٫١ مرة", figures, LEXICON) == {"frequency"}
    assert cited("Only 72 so far", figures, LEXICON) == {"results"}
    assert cited("CTR and spend", figures, LEXICON) == {"ctr", "spend"}
    assert cited("الإعلان جميل", figures, LEXICON) == set()


def test_facts_are_found_after_arabic_folding():
    """Arabic-Indic digits and letter forms still keep a fact; dropping it loses it."""
    facts = [{"any": ["18"]}, {"any": ["لاتيه الشوفان", "oat latte"]}]
    assert facts_lost("لاتيه الشّوفان بـ ١٨ ريال", facts) == []
    assert facts_lost("Oat latte for 18 riyals", facts) == []
    assert facts_lost("لاتيه بلا سكر", facts) == ["18", "لاتيه الشوفان"]


TASK = {
    "rules": [{"id": "personal-attributes"}, {"id": "before-after"}],
    "drafts": [{"id": "d1"}, {"id": "d2"}],
    "fixes": 2,
    "sets": [{"id": "s1"}],
    "decisions": ["scale", "keep", "fix-creative", "pause", "wait"],
}


def test_the_form_keeps_values_and_names_errors_by_field():
    """Both ways on one draft is an error at once; blanks only on submit."""
    form = {
        "d-d1-personal-attributes": "yes",
        "d-d1-none": "yes",
        "fix-1-draft": "d1",
        "fix-1-text": "نص <b>جديد</b>",
        "fix-2-draft": "d1",
        "s-s1-decision": "explode",
        "s-s1-why": "لأن",
    }
    saved, errors = parse_sbx14(form, TASK)
    assert errors == {
        "d-d1-none": "form.flag-both",
        "fix-2-draft": "form.fix-twice",
        "s-s1-decision": "form.choice-unknown",
    }
    assert saved["flags"] == {"d1": ["personal-attributes", "none"], "d2": []}
    assert saved["fixes"][0]["text"] == "نص <b>جديد</b>"
    assert saved["decisions"]["s1"] == {"decision": "explode", "why": "لأن"}
    _, on_submit = parse_sbx14({"action": "submit"}, TASK)
    assert on_submit == {
        "d-d1-none": "form.flag-missing",
        "d-d2-none": "form.flag-missing",
        "fix-1-draft": "form.fix-no-draft",
        "fix-2-draft": "form.fix-no-draft",
        "s-s1-decision": "form.decision-missing",
    }


def test_the_checker_finds_exactly_the_gold_flags_and_passes_every_model_rewrite():
    """The data and the ads policy checker agree: each draft breaks its gold rules and no
    other, each model rewrite breaks none and keeps every key fact."""
    raw = yaml.safe_load((ROOT / FILE).read_text(encoding="utf-8"))
    for brand, entry in raw["brands"].items():
        for draft in entry["drafts"]:
            ad = {**draft, "market": entry["market"], "platform": entry["platform"]}
            found = broken_rules(ad, draft["headline"], draft["text"])
            assert found == sorted(draft["flags"]), (brand, draft["id"])
            if draft["flags"]:
                fix = draft["fix"]
                assert broken_rules(ad, fix["headline"], fix["text"]) == [], (brand, draft["id"])
                text = f"{fix['headline']}\n{fix['text']}"
                assert facts_lost(text, draft["facts"]) == [], (brand, draft["id"])
            assert facts_lost(f"{draft['headline']}\n{draft['text']}", draft["facts"]) == []


def _load_edited(tmp_path: Path, edit) -> list[str]:
    """The loader's problems for the real file after one edit."""
    raw = yaml.safe_load((ROOT / FILE).read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / "sbx-14.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    problems = Problems()
    assert load_sbx14(path, load_sandbox().scenarios, problems, "sbx-14.yaml") is None
    return [p.message for p in problems.items]


def test_the_loader_names_a_set_too_close_to_a_threshold(tmp_path):
    """A keep set whose cost per result sits on the keep band flips with the jitter."""

    def edit(raw):
        keep = next(s for s in raw["brands"]["riyadh-cafe"]["sets"] if s["expect"] == "keep")
        keep["spend"], keep["results"] = 720, 100  # 7.20: the top of the keep band

    assert any(
        "ad set 's2'" in m and "rule key calls it" in m for m in _load_edited(tmp_path, edit)
    )


def test_the_loader_names_a_rule_the_checker_lacks(tmp_path):
    """A flaggable rule must be a rule of the policy checker."""

    def edit(raw):
        raw["rules"].append("no-such-rule")

    assert any("no-such-rule" in m for m in _load_edited(tmp_path, edit))
