"""Portfolio rules without Flask: slugs, visibility, robots, figures, learner Markdown."""

from __future__ import annotations

import pytest

from app.portfolio.domain import case_study_figures, make_slug, robots, slug_problem, visible
from app.portfolio.text import learner_html


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Sara Al-Masri", "sara-al-masri"),
        ("سارة المصري", "سارة-المصري"),
        ("سَارَة  ـالمصري!", "سارة-المصري"),  # diacritics and tatweel dropped
        ("Layla 2027", "layla-2027"),
    ],
)
def test_slugs_are_unicode_aware(name, slug):
    """Arabic and Latin names both give readable slugs."""
    assert make_slug(name) == slug
    assert slug_problem(slug) is None


@pytest.mark.parametrize(
    ("slug", "problem"),
    [
        ("ab", "length"),
        ("a" * 61, "length"),
        ("Sara", "characters"),
        ("sara--x", "characters"),
        ("sara_x", "characters"),
        ("admin", "reserved"),
        ("-sara", "characters"),
    ],
)
def test_bad_slugs_say_why(slug, problem):
    """Each broken rule has its own reason."""
    assert slug_problem(slug) == problem


def test_visibility_and_robots():
    """Drafts are the owner's; unlisted needs a live link; only published+allowed is indexed."""
    assert visible("draft", owner=True, shared=False)
    assert not visible("draft", owner=False, shared=True)
    assert not visible("unlisted", owner=False, shared=False)
    assert visible("unlisted", owner=False, shared=True)
    assert visible("published", owner=False, shared=False)
    assert robots("published", True) == "index, follow"
    assert robots("published", False) == robots("unlisted", True) == "noindex, nofollow"


def test_case_study_figures_come_from_the_rows():
    """Totals, rate by reach, platforms and follower counts are computed, not typed."""
    rows = [
        {"platform": "x", "reach": 100, "engagements": 5},
        {"platform": "tiktok", "reach": 300, "engagements": 15},
    ]
    account = {
        "start_followers": {"x": 10, "tiktok": 20},
        "followers": {"x": 12, "tiktok": 30},
        "started": "2027-01-31",
        "clock": "2027-02-14",
    }
    got = case_study_figures(account, rows)
    assert got["reach"] == 400 and got["engagement_rate_by_reach"] == 5.0
    assert got["platforms"] == ["tiktok", "x"] and (
        got["followers_start"],
        got["followers_end"],
    ) == (30, 42)


def test_learner_markdown_keeps_text_and_drops_markup():
    """Emphasis and http links work; typed HTML shows as text; javascript: links are dropped."""
    from xss import violations, visible_text

    typed = "**مرحبًا** [site](https://example.com) <script>x</script> [j](javascript:alert(1)) <img src=x onerror=y> > quote"
    html = learner_html(typed)
    assert "<strong>مرحبًا</strong>" in html and 'href="https://example.com"' in html
    assert violations(html) == [] and "javascript:" not in html
    assert "<script>x</script>" in visible_text(f"<body>{html}</body>")  # shown, not run
    assert "<img src=x onerror=y>" in visible_text(f"<body>{html}</body>")


def test_a_line_starting_with_a_hashtag_keeps_it():
    """«#الرياض» at the start of a line is a hashtag, not a heading whose "#" would vanish."""
    import markdown

    assert "<h1>" in markdown.markdown("#الرياض")  # control: plain Markdown makes a heading
    html = learner_html("#الرياض #قهوة\n\n  #وسم ثالث\n\nنص و#وسم")
    assert html.count("<p>") == 3
    assert "#الرياض #قهوة" in html and "#وسم ثالث" in html and "و#وسم" in html
