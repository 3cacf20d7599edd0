"""sbx-05 data and form without Flask: the loader names file and line for broken data, the
parser keeps what was typed, normalises Arabic-Indic digits and never raises."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.content.errors import Problems
from app.exercises.domain.sbx05_data import load_sbx05
from app.exercises.domain.sbx05_form import clean_date, clean_time, parse_sbx05
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "app/exercises/data/sbx-05.yaml"
TASK: dict[str, Any] = {
    "start": "2027-02-11",
    "end": "2027-02-24",
    "platforms": ["instagram", "tiktok", "x"],
    "pillars": [{"id": "offers"}, {"id": "behind-the-bar"}],
}


def broken(tmp_path: Path, old: str, new: str) -> tuple[Any, list[Any]]:
    """Load a copy of the data with one text replaced; (data, problems)."""
    copy = tmp_path / "sbx-05.yaml"
    shutil.copy(DATA, copy)
    text = copy.read_text(encoding="utf-8")
    assert old in text
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = Problems()
    data = load_sbx05(copy, load_sandbox().scenarios, problems, "sbx-05.yaml")
    return data, problems.items


def line_with(text: str) -> int:
    """The 1-based line of the data file holding a text."""
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_the_repository_data_loads_cleanly():
    """No problems; the personas' active hours are read from the scenario."""
    problems = Problems()
    data = load_sbx05(DATA, load_sandbox().scenarios, problems, "x.yaml")
    assert data is not None and not problems.items
    assert 21 in data.active_hours["fri"] and len(data.raw["model"]) >= 14


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'platform: "tiktok"\n    format: "video"',
            'platform: "tiktok"\n    format: "reel"',
            "not a platform's format",
        ),
        ("  linkedin: [2, 5]", "  linkedin: [5, 1]", "linkedin needs [low, high]"),
        ('opening: "2027-04-15"', 'opening: "2027-04-31"', "opening must be a date"),
        (
            '{from: "2027-02-08", to: "2027-02-14", fajr: "05:10"',
            '{from: "2027-02-08", to: "2027-02-14", fajr: "5h10"',
            "fajr must be a time",
        ),
        ('brand: "riyadh-cafe"', 'brand: "nowhere"', "unknown brand"),
    ],
)
def test_broken_data_is_reported_with_file_and_line(tmp_path, old, new, message):
    """Each break is a problem naming the copy and the line it sits on."""
    data, problems = broken(tmp_path, old, new)
    assert data is None
    found = [p for p in problems if message in p.message]
    assert found, [p.message for p in problems]
    assert found[0].file == "sbx-05.yaml" and found[0].line > 1


def test_a_model_row_problem_points_at_that_row(tmp_path):
    """An unknown goal in a model row names the row's own line."""
    old = 'goal: "sales"'
    _, problems = broken(tmp_path, old, 'goal: "fame"')
    found = next(p for p in problems if "unknown goal" in p.message)
    row_start = max(
        i
        for i, line in enumerate(
            DATA.read_text(encoding="utf-8").splitlines()[: line_with(old)], start=1
        )
        if line.startswith("  - day:")
    )
    assert found.line == row_start


def test_unreadable_yaml_is_a_problem_not_a_crash(tmp_path):
    """Broken YAML syntax: no data, a problem with the file."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("brand: [unclosed\n", encoding="utf-8")
    problems = Problems()
    assert load_sbx05(bad, {}, problems, "bad.yaml") is None
    assert problems.items and problems.items[0].file == "bad.yaml"


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("21:30", "21:30"),
        ("٢١:٣٠", "21:30"),
        ("۹:۰۵", "09:05"),
        ("9:30 م", "21:30"),
        ("12:15 am", "00:15"),
        ("21:30:00", "21:30"),
        ("٢١٫٣٠", "21:30"),
        ("25:00", None),
        ("13:00 pm", None),
        ("noon", None),
        ("", None),
    ],
)
def test_times_are_normalised_or_refused(typed, clean):
    """Arabic-Indic digits, seconds and am/pm are accepted; nonsense is None."""
    assert clean_time(typed) == clean


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("2027-02-18", "2027-02-18"),
        ("٢٠٢٧-٠٢-١٨", "2027-02-18"),
        ("2027/2/18", "2027-02-18"),
        ("2027-02-30", None),
        ("18/02/2027", None),
        ("", None),
    ],
)
def test_dates_are_normalised_or_refused(typed, clean):
    """Arabic-Indic digits and slashes are accepted; impossible dates are None."""
    assert clean_date(typed) == clean


def test_empty_rows_are_dropped_and_partial_rows_checked_on_submit():
    """A fully empty row is ignored; a started row needs date, time and platform on submit."""
    form = {"row-0-caption": "حياكم", "row-3-date": "", "action": "submit"}
    submission, errors = parse_sbx05(form, TASK)
    assert [r["n"] for r in submission["rows"]] == [0]
    assert errors == {
        "row-0-date": "sbx05.date-missing",
        "row-0-time": "sbx05.time-missing",
        "row-0-platform": "sbx05.platform-missing",
    }
    saved, later = parse_sbx05(form | {"action": "save"}, TASK)
    assert later == {} and saved["rows"][0]["caption"] == "حياكم"


def test_bad_values_are_errors_and_kept_as_typed():
    """Outside the window, a bad time, a platform the brief rules out, an unknown choice."""
    form = {
        "row-1-date": "2027-03-30",
        "row-1-time": "٩٩:٩٩",
        "row-1-platform": "facebook",
        "row-1-goal": "fame",
        "row-2-date": "٢٠٢٧-٠٢-١٨",
        "row-2-time": "٩:٣٠ م",
        "row-2-platform": "x",
    }
    submission, errors = parse_sbx05(form, TASK)
    assert errors == {
        "row-1-date": "sbx05.date-outside",
        "row-1-time": "sbx05.time-format",
        "row-1-platform": "sbx05.platform-not-allowed",
        "row-1-goal": "sbx05.choice-unknown",
    }
    bad, good = submission["rows"]
    assert bad["time"] == "٩٩:٩٩" and bad["date"] == "2027-03-30"
    assert good["date"] == "2027-02-18" and good["time"] == "21:30"


def test_more_rows_and_the_cap():
    """ "More" adds six cards, up to forty; rows past the cap are never read."""
    assert parse_sbx05({}, TASK)[0]["shown"] == 14
    assert parse_sbx05({"shown": "14", "action": "more"}, TASK)[0]["shown"] == 20
    assert parse_sbx05({"shown": "٣٨", "action": "more"}, TASK)[0]["shown"] == 40
    assert parse_sbx05({"shown": "abc"}, TASK)[0]["shown"] == 14
    far = parse_sbx05({"row-39-caption": "x", "row-40-caption": "y"}, TASK)[0]
    assert [r["n"] for r in far["rows"]] == [39] and far["shown"] == 40


def test_hostile_form_values_never_raise_and_are_capped():
    """Huge, HTML and control text: kept within caps, no exception."""
    form = {
        f"row-0-{k}": "<script>alert(1)</script>" * 1000
        for k in ("date", "time", "platform", "cta", "caption")
    }
    submission, errors = parse_sbx05(form, TASK)
    row = submission["rows"][0]
    assert len(row["caption"]) == 5000 and len(row["cta"]) == 300 and len(row["date"]) <= 40
    assert set(errors) == {"row-0-date", "row-0-time", "row-0-platform"}


def test_every_reason_and_error_code_has_a_message():
    """The text module words every code the scorer and the parser can emit."""
    from app.exercises.text_sbx05 import MESSAGES

    source = "".join(
        (ROOT / "app/exercises/domain" / f).read_text(encoding="utf-8")
        for f in ("sbx05_checks.py", "sbx05_timing.py", "sbx05_form.py")
    )
    emitted = set(re.findall(r'"(sbx05\.[a-z-]+)"', source)) - {"sbx05.band-"}
    emitted |= {
        "sbx05.row-blocked-friday-prayer",
        "sbx05.row-blocked-eid-prayer",
        "sbx05.band-low",
        "sbx05.band-high",
    }
    pillars = {f"sbx05.pillar-missing.{p['id']}" for p in load_pillars()}
    assert emitted | pillars <= set(MESSAGES), sorted((emitted | pillars) - set(MESSAGES))


def load_pillars() -> list[Any]:
    """The pillars listed in the data file."""
    problems = Problems()
    data = load_sbx05(DATA, load_sandbox().scenarios, problems, "x.yaml")
    assert data is not None
    return list(data.raw["pillars"])
