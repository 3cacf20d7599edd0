"""Facts: units that agree with their figures, source kinds, ages, and `flask content facts`."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.content.errors import Problems
from app.content.facts import category, check_typed_figures, figure, warn_stale
from app.content.markdown import fact_html
from app.content.model import Fact

HERE = Path(__file__).parent
LETTERS = {"one": "حرف واحد", "two": "حرفان", "few": "أحرف", "many": "حرفًا", "other": "حرف"}
CHARACTERS = {"one": "character", "other": "characters"}


@pytest.mark.parametrize(
    ("value", "shown", "unit"),
    [
        (1, "", "حرف واحد"),
        (2, "", "حرفان"),
        (3, "3", "أحرف"),
        (10, "10", "أحرف"),
        (23, "23", "حرفًا"),
        (280, "280", "حرفًا"),
        (2200, "2200", "حرف"),
        (25000, "25,000", "حرف"),
        (63206, "63,206", "أحرف"),  # Arabic agrees with the last part of the number
    ],
)
def test_an_arabic_unit_takes_the_form_its_figure_needs(value, shown, unit):
    """280 حرفًا, 2200 حرف, حرفان: the form follows CLDR's Arabic plural categories."""
    assert figure(value, LETTERS, "ar") == (shown, unit)


def test_english_keeps_the_figure_for_one_and_ratios_pass_through():
    """English says "1 character"; a ratio's unit has no number forms."""
    assert figure(1, CHARACTERS, "en") == ("1", "character")
    assert figure(280, CHARACTERS, "en") == ("280", "characters")
    assert figure("9:16", "(width to height)", "en") == ("9:16", "(width to height)")
    assert category("4:5", "ar") == "other"


def test_a_typed_figure_with_the_wrong_noun_form_is_reported_and_right_ones_pass():
    """«30 حرف» and «2 حرف» are flagged; «5 أحرف», «2200 حرف», «280 حرفًا» are not."""
    problems = Problems()
    text = "اكتب 30 حرف أو 5 أحرف.\nالحد 2200 حرف، والمنشور 280 حرفًا.\nأو 2 حرف فقط."
    check_typed_figures(text, [LETTERS], "x.ar.md", 10, problems)
    assert [str(p) for p in problems.errors] == [
        "x.ar.md:10: «30 حرف»: the noun after 30 should read «حرفًا»",
        "x.ar.md:12: «2 حرف»: write «حرفان» in words, without the figure",
    ]


def test_a_fact_checked_more_than_a_year_ago_is_warned_about_and_a_newer_one_is_not():
    """The staleness warning starts the day after the fact turns a year old."""
    today = date(2026, 12, 5)

    def fact(fact_id: str, days: int) -> Fact:
        """A fact last checked `days` ago."""
        checked = (today - timedelta(days=days)).isoformat()
        return Fact(fact_id, 1, {}, {}, "t", "https://x.example", checked, line=3)

    problems = Problems()
    warn_stale({"old": fact("old", 366), "fresh": fact("fresh", 365)}, problems, today)
    assert not problems.errors
    assert [str(p) for p in problems.warnings] == [
        "courses/facts.yaml:3: warning: fact 'old' was last checked on 2025-12-04, 366 days ago: "
        "re-check it against its source (`flask content facts` lists the oldest first)"
    ]


def test_a_cited_fact_says_where_it_applies_and_when_its_source_is_not_the_platform():
    """The citation shows «حرفان» alone, "in the app" and a third-party source label."""
    fact = Fact(
        "f",
        2,
        {"ar": LETTERS, "en": CHARACTERS},
        {},
        "Some tool's docs",
        "https://tool.example/docs",
        "2026-12-01",
        source_kind="third-party",
        surface="app",
    )
    arabic, english = fact_html(fact, "ar"), fact_html(fact, "en")
    assert '<span class="fact">حرفان (في التطبيق) <small' in arabic
    assert "مصدر غير رسمي" in arabic
    assert "<bdi>2</bdi> characters (in the app)" in english
    assert "third-party source" in english


def test_content_facts_lists_the_oldest_check_first_with_its_source(app, tmp_path):
    """`flask content facts` puts the oldest fact first and flags what needs a re-check."""
    root = tmp_path / "tree"
    (root / "courses").mkdir(parents=True)
    (root / "courses" / "facts.yaml").write_text(
        "facts:\n"
        "  - {id: newer, value: 3, unit: {ar: {few: أحرف}, en: characters}, label: {ar: أ, en: a},"
        " source: {title: New docs, url: 'https://new.example', kind: platform},"
        f" as_of: {date.today().isoformat()}}}\n"
        "  - {id: older, value: 3, unit: {ar: {few: أحرف}, en: characters}, label: {ar: ب, en: b},"
        " source: {title: Old blog, url: 'https://old.example', kind: third-party},"
        " surface: api, as_of: 2020-01-01}\n",
        encoding="utf-8",
    )
    result = app.test_cli_runner().invoke(args=["content", "facts", "--root", str(root)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("2020-01-01") and "re-check older [third-party, api]" in lines[0]
    assert "Old blog <https://old.example>" in lines[0]
    assert "newer [platform]" in lines[1] and "re-check" not in lines[1]
