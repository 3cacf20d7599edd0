"""A browser journey's bookkeeping: every page visited is checked (language, direction, no
sideways scroll, axe), photographed, and its HTML kept for one vnu run at the end."""

from __future__ import annotations

from itertools import count
from pathlib import Path

from a11y import assert_accessible
from integration.test_html_valid import assert_valid_html
from playwright.sync_api import Page, Response


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
