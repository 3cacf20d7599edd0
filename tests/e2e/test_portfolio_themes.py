"""Every portfolio theme, in Arabic and in English, at desktop and phone width: axe finds no
serious or critical problem, nothing scrolls sideways, and vnu finds no HTML error.

The HTML checked by vnu is what the browser received (the navigation's response body), so
the anonymous visitor's cached page and its filled-in contact token are what is validated.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from a11y import assert_accessible
from integration.test_html_valid import assert_valid_html
from playwright.sync_api import Page, Response, expect

from app.portfolio.themes import themes
from e2e.test_portfolio_journey import VIEWPORTS, save_profile, seed_demo, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.vnu]
THEMES = ("classic", "minimal", "bold")
SIMULATED = {"ar": "تدريب محاكى", "en": "Simulated practice"}
# On a sideways scroll: the innermost elements whose hiding ends it, named in the failure.
CULPRITS = """() => { const width = () => document.documentElement.scrollWidth, found = [];
  for (const e of [...document.querySelectorAll('body *')].reverse()) {
    const before = width(), shown = e.style.display; e.style.display = 'none';
    const after = width(); e.style.display = shown;
    if (after < before && !found.some(f => e.contains(f))) found.push(e);
  }
  return found.map(e => e.outerHTML.slice(0, 120));
}"""


def checked(page: Page, lang: str, shot: Path) -> None:
    """Language and direction, no sideways scroll, axe clean, a screenshot."""
    found = page.evaluate(
        "() => [document.documentElement.lang, document.documentElement.dir,"
        " document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert found[:2] == [lang, "rtl" if lang == "ar" else "ltr"], (page.url, found)
    if found[2] > found[3]:
        culprits = page.evaluate(CULPRITS)
        pytest.fail(f"horizontal scrollbar ({found[2]} > {found[3]} px) on {page.url}: {culprits}")
    assert_accessible(page)
    page.screenshot(path=str(shot), full_page=True)


def test_portfolio_themes_pass_axe_and_vnu(
    app, new_context, live_server, users, artifacts: Path, tmp_path: Path
):
    """Three themes × Arabic and English, published and opened anonymously; the owner's pages."""
    assert set(THEMES) <= set(themes()), themes()
    user = users.create(locale="ar")
    seed_demo(app, user, portfolio=True)
    page = new_context(viewport=VIEWPORTS["desktop"]).new_page()
    sign_in(page, live_server, user)
    page.goto(f"{live_server}/portfolio")
    url = f"{live_server}/p/{page.locator('#slug').input_value()}"
    visitors = {name: new_context(viewport=size).new_page() for name, size in VIEWPORTS.items()}
    files: list[Path] = []

    def keep(response: Response | None, name: str, status: int = 200) -> None:
        """Check the status and keep the body the browser received for vnu."""
        assert response is not None and response.status == status, (name, response)
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(response.text(), encoding="utf-8")

    for lang in ("ar", "en"):
        for theme in THEMES:
            save_profile(page, live_server, lang=lang, theme=theme, status="published")
            for size, visitor in visitors.items():
                response = visitor.goto(url)
                expect(visitor.locator(f"body.theme-{theme}")).to_have_count(1)
                expect(visitor.locator(".case-study h3 .tag")).to_have_text(SIMULATED[lang])
                expect(visitor.locator("img.portfolio-photo, .sample img")).not_to_have_count(0)
                shot = artifacts / f"portfolio-theme-{theme}-{lang}-{size}.png"
                checked(visitor, lang, shot)
            keep(response, f"public-{theme}-{lang}")
        visitor = visitors["phone"]
        with visitor.expect_response(lambda r: r.url.endswith("/contact")) as sent:
            visitor.locator("form[action*='/contact'] button[type=submit]").click()
        expect(visitor.locator("#contact-name")).to_have_attribute("aria-invalid", "true")
        checked(visitor, lang, artifacts / f"portfolio-contact-errors-{lang}.png")
        keep(sent.value, f"contact-errors-{lang}", 400)

    page.goto(f"{live_server}/portfolio")
    item = page.locator("a[href*='/portfolio/items/']:not([href*='/new/'])").first
    study = page.locator("a[href*='/portfolio/case-studies/']:not([href$='/new'])").first
    owner_pages = {
        "builder": "/portfolio",
        "stats": "/portfolio/stats",
        "messages": "/portfolio/messages",
        "item-new-sample": "/portfolio/items/new/sample",
        "item-edit": item.get_attribute("href"),
        "case-new": "/portfolio/case-studies/new",
        "case-edit-simulated": study.get_attribute("href"),
    }
    for name, path in owner_pages.items():
        response = page.goto(f"{live_server}{path}")
        for size in ("desktop", "phone"):
            page.set_viewport_size(VIEWPORTS[size])
            checked(page, "ar", artifacts / f"portfolio-owner-{name}-{size}.png")
        page.set_viewport_size(VIEWPORTS["desktop"])
        keep(response, f"owner-{name}")

    assert_valid_html(files, tmp_path)
