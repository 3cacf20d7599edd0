"""Business goals with targets: the shipped ones fit their scenarios; broken ones name file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.sandbox.domain.goals import GOAL_METRICS, PERCENT
from app.sandbox.domain.platforms import GOALS
from app.sandbox.domain.scenarios import HERE, load_sandbox

FIXTURES = Path(__file__).parent / "broken_goals"
BROKEN = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def test_every_goal_may_be_judged_by_the_metric_its_posts_are_judged_by():
    """The target metrics of each goal start with the metric platforms.GOALS names for it."""
    assert set(GOAL_METRICS) == set(GOALS)
    assert all(GOAL_METRICS[g][0] == metric for g, metric in GOALS.items())


def test_every_shipped_scenario_has_goals_with_targets_in_both_languages():
    """All four scenarios list structured goals; the goal ids stay available as a list."""
    found = load_sandbox()
    assert not found.problems.items, [str(p) for p in found.problems.items]
    assert set(found.scenarios) == {"riyadh-cafe", "cairo-abaya", "ledger-b2b", "food-bank"}
    for scenario in found.scenarios.values():
        assert len(scenario.goals) >= 3, scenario.id
        assert scenario.business_goals == [g.goal for g in scenario.goals]
        for goal in scenario.goals:
            assert goal.label["ar"] and goal.label["en"]
            assert goal.target > 0 and (goal.metric not in PERCENT or goal.target <= 100)


def test_riyadh_goals_cover_the_first_six_weeks_the_brief_names():
    """The café's prose says "the first six weeks"; its targets cover weeks 1 to 6."""
    cafe = load_sandbox().scenarios["riyadh-cafe"]
    assert "six weeks" in cafe.get("brief")["en"] and "الأسابيع الستة" in cafe.get("brief")["ar"]
    assert {g.weeks for g in cafe.goals} == {(1, 6)}


def test_valid_fixture_base_has_no_goal_problems(tmp_path):
    """Control: the fixtures' scenario with a good goal list reports nothing about goals."""
    root = tree(tmp_path, "unknown-goal")
    text = (root / "scenarios" / "mini.yaml").read_text(encoding="utf-8")
    (root / "scenarios" / "mini.yaml").write_text(text.rsplit("  - {goal", 1)[0], "utf-8")
    reported = [str(p) for p in load_sandbox(root).problems.errors if "goal" in p.message]
    assert not reported, reported


def tree(tmp_path: Path, name: str) -> Path:
    """The shipped sandbox data plus the broken fixture's mini scenario."""
    root = tmp_path / "app" / "sandbox"
    shutil.copytree(HERE / "calendars", root / "calendars")
    shutil.copytree(HERE / "scenarios", root / "scenarios")
    shutil.copy(FIXTURES / name / "mini.yaml", root / "scenarios" / "mini.yaml")
    return root


def test_there_is_a_broken_fixture_per_rule():
    """Unknown goal, wrong metric, bad target, missing language, weeks, duplicates, old form."""
    assert len(BROKEN) >= 10


@pytest.mark.parametrize("name", BROKEN)
def test_broken_goals_are_reported_with_file_and_line(tmp_path, name):
    """Each broken fixture yields its expected `file:line: message`."""
    expected = (FIXTURES / name / "expect.txt").read_text(encoding="utf-8").strip()
    reported = [str(p) for p in load_sandbox(tree(tmp_path, name)).problems.errors]
    assert any(line.startswith(expected) for line in reported), reported
