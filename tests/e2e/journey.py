"""A browser journey's bookkeeping: every page visited is checked (language, direction, no
sideways scroll, axe), photographed, and its HTML kept for one vnu run at the end.

Also the steps many journeys begin with: signing in through the login form, and starting an
exercise in one of its conditions.
"""

from __future__ import annotations

from itertools import count
from pathlib import Path
from typing import Any, NamedTuple

from a11y import assert_accessible
from integration.test_html_valid import assert_valid_html
from playwright.sync_api import Page, Response, expect
from support import PASSWORD

PHONE = {"width": 360, "height": 740}


class Learner(NamedTuple):
    """A signed-in learner's browser page and their account."""

    page: Page
    user: Any


def sign_in(page: Page, live_server: str, user: Any) -> None:
    """Sign in through the real login form."""
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("input[name=password]")).to_have_count(0)


def looked_at(page: Page, lang: str, shot: Path) -> None:
    """The page's language and direction, no sideways scroll, axe clean, a screenshot."""
    found = page.evaluate(
        "() => [document.documentElement.lang, document.documentElement.dir,"
        " document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert found[:2] == [lang, "rtl" if lang == "ar" else "ltr"], (page.url, found)
    assert found[2] <= found[3], f"sideways scroll ({found[2]} > {found[3]} px) on {page.url}"
    assert_accessible(page)
    page.screenshot(path=str(shot), full_page=True)


class Journey:
    """Visit pages or follow links on `page`; `validate()` runs vnu on all of them."""

    def __init__(self, page: Page, lang: str, prefix: str, artifacts: Path, folder: Path) -> None:
        self.page, self.lang, self.prefix = page, lang, prefix
        self.artifacts, self.folder = artifacts, folder
        self.files: list[Path] = []
        self.steps = count(1)

    def visit(self, response: Response | None, name: str) -> None:
        """Check the page a navigation led to and keep its HTML."""
        assert response is not None and response.ok, (name, response)
        step = next(self.steps)
        looked_at(self.page, self.lang, self.artifacts / f"{self.prefix}-{step:02d}-{name}.png")
        self.files.append(self.folder / f"{self.prefix}-{step:02d}-{name}.html")
        self.files[-1].write_text(response.text(), encoding="utf-8")

    def click(self, selector: str, name: str) -> None:
        """Follow a link or press a button, then check where it leads."""
        with self.page.expect_navigation() as nav:
            self.page.locator(selector).first.click()
        self.visit(nav.value, name)

    def validate(self) -> None:
        """vnu on every page kept."""
        assert_valid_html(self.files, self.folder)


def start_exercise(journey: Journey, live_server: str, exercise_id: str, condition: str) -> int:
    """Open an exercise, choose a condition and start it: the attempt's id (its work page is
    checked as the journey's next step)."""
    journey.page.goto(f"{live_server}/exercises/{exercise_id}")
    journey.page.locator(f"#condition-{condition}").check()
    journey.click("main form button[type=submit]", "work")
    return int(journey.page.url.rstrip("/").rsplit("/", 1)[1])
