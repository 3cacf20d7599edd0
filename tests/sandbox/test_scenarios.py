"""Scenario and calendar files validate; broken ones are reported with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.sandbox.domain.scenarios import HERE, load_sandbox


def test_repository_calendars_and_scenarios_are_valid():
    """The shipped files have no problems (and all three countries have calendars)."""
    found = load_sandbox()
    scenarios, calendars, problems = found.scenarios, found.calendars, found.problems
    assert not problems.items, [str(p) for p in problems.items]
    assert {"sa", "eg", "ae"} <= set(calendars)
    for cal in calendars.values():
        assert cal.events and all(e["source"]["url"].startswith("https://") for e in cal.events)
    print(f"{len(calendars)} calendars, {len(scenarios)} scenarios")


def tree(tmp_path: Path) -> Path:
    """A copy of the shipped sandbox data to break."""
    root = tmp_path / "app" / "sandbox"
    shutil.copytree(HERE / "calendars", root / "calendars")
    shutil.copytree(HERE / "scenarios", root / "scenarios")
    return root


BROKEN_CALENDAR = """country: "sa"
name: {ar: "س", en: "S"}
weekend: ["fri", "someday"]
events:
  - id: "ok"
    name: {ar: "أ", en: "A"}
    why: {ar: "ب", en: "B"}
    start: "2027-01-02"
    end: "2027-01-01"
    effect: "rewarded"
    source: {title: "t", url: "http://insecure.example"}
  - id: "ok"
    name: {ar: "أ", en: "A"}
"""


@pytest.mark.parametrize(
    "expected",
    [
        "app/sandbox/calendars/sa.yaml:1: calendar: weekend day 'someday'",
        "app/sandbox/calendars/sa.yaml:5: event 'ok': ends before it starts",
        "app/sandbox/calendars/sa.yaml:5: event 'ok': needs a source with an https url",
        "app/sandbox/calendars/sa.yaml:12: calendar: duplicate events id 'ok'",
    ],
)
def test_broken_calendar_is_reported_with_file_and_line(tmp_path, expected):
    """Each mistake in a calendar names its file and line."""
    root = tree(tmp_path)
    (root / "calendars" / "sa.yaml").write_text(BROKEN_CALENDAR, encoding="utf-8")
    problems = load_sandbox(root).problems
    assert any(str(p).startswith(expected) for p in problems.errors), [
        str(p) for p in problems.errors
    ]


def test_yaml_syntax_error_names_the_line(tmp_path):
    """A broken YAML file is reported at the line the parser stopped."""
    root = tree(tmp_path)
    (root / "calendars" / "eg.yaml").write_text('country: "eg"\nweekend: [fri\n', encoding="utf-8")
    problems = load_sandbox(root).problems
    assert any(str(p).startswith("app/sandbox/calendars/eg.yaml:") for p in problems.errors)


SCENARIO = """id: "mini"
country: "zz"
start: "2027-01-31 09:00"
name: {ar: "م", en: "M"}
brief: {ar: "م", en: ""}
followers: {instagram: 10, myspace: 5}
voice: {banned: []}
pillars:
  - {id: "menu", name: {ar: "ق", en: "M"}}
personas:
  - {id: "p", share: 0.5, pillars: {nope: 1.2}, active_hours: {sun: [25]}}
competitors: []
trends: []
inbox:
  - {id: "m1", kind: "rant", channel: "dm", platform: "instagram", lang: "ar", dialect: "gulf", expected: "reply", facts: ["nope"]}
"""


def test_broken_scenario_reports_every_problem_with_its_line(tmp_path):
    """Unknown country, platform, pillar, fact and kind; bad start; missing text; quotas."""
    root = tree(tmp_path)
    (root / "scenarios" / "mini.yaml").write_text(SCENARIO, encoding="utf-8")
    problems = load_sandbox(root).problems
    found = "\n".join(str(p) for p in problems.errors if "mini.yaml" in p.file)
    for expected in (
        "mini.yaml:1: scenario 'mini': no calendar for country 'zz'",
        "mini.yaml:1: scenario 'mini': start must look like 2027-01-31T09:00",
        "mini.yaml:1: scenario 'mini': 'brief' needs ar and en text",
        "mini.yaml:6: scenario 'mini': unknown platform 'myspace' in followers",
        "mini.yaml:11: scenario 'mini': persona shares add up to 0.50, not 1.0",
        "mini.yaml:11: scenario 'mini': persona 'p': active_hours 'sun' needs hours 0–23",
        "mini.yaml:11: scenario 'mini': persona 'p': unknown pillar 'nope'",
        "mini.yaml:1: scenario 'mini': needs exactly 3 competitors",
        "mini.yaml:1: scenario 'mini': needs at least 15 trends (has 0)",
        "mini.yaml:1: scenario 'mini': needs at least 60 inbox messages (has 1)",
        "mini.yaml:15: message 'm1': kind 'rant' is not one of",
        "mini.yaml:15: message 'm1': unknown brand fact 'nope'",
    ):
        assert expected in found, (expected, found)
