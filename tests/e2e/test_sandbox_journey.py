"""The sandbox in Arabic, in Chromium: start the café, adapt one idea to three platforms,
schedule by keyboard, advance two days, read the why panel, replay with another time.

Every page visited is checked with axe and for horizontal overflow; the same pages are
checked by vnu in tests/integration/test_html_valid.py (render_sandbox).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from a11y import check_arabic_page
from playwright.sync_api import Page, expect
from support import PASSWORD

pytestmark = pytest.mark.browser
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
PLATFORMS = ("instagram", "x", "tiktok")


def checked(page: Page, viewport: str, step: int, name: str, artifacts: Path) -> None:
    """Arabic and right to left, no horizontal scrollbar, axe clean, screenshot."""
    check_arabic_page(page, artifacts / f"sandbox-{viewport}-{step:02d}-{name}.png")


def press(page: Page, selector: str) -> None:
    """Activate a control from the keyboard: focus it, then Enter."""
    page.locator(selector).focus()
    page.keyboard.press("Enter")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_sandbox_loop_in_arabic(new_context, live_server, users, artifacts, viewport):
    """Café scenario end to end, keyboard for scheduling, why panel and replay."""
    user = users.create(locale="ar")
    page = new_context(viewport=VIEWPORTS[viewport]).new_page()
    steps = iter(range(1, 50))

    def check(name: str) -> None:
        checked(page, viewport, next(steps), name, artifacts)

    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server}/sandbox")
    check("sandbox-index")
    page.locator("form:has(input[value=riyadh-cafe]) button").click()
    expect(page.locator("form.advance-form")).to_be_visible()
    check("account")

    page.locator("ul.tabs a[href$='/brief']").click()
    expect(page.locator("#goals li")).to_have_count(3)
    check("brief")

    page.locator("ul.tabs a[href$='/compose']").click()
    page.locator("#p-instagram-trend").select_option("neighbourhood-tour")
    expect(page.locator("#p-instagram-trend-info")).to_contain_text("31 يناير")
    page.locator("#title").fill("قهوة الصباح الجديدة")
    page.locator("#link").fill("https://cafe.example/menu")
    for platform in PLATFORMS:
        page.locator(f"#p-{platform}-include").check()
        page.locator(f"#p-{platform}-text").fill("جرّبوا قهوتنا المختصة الجديدة ☕ من @tawasul")
        page.locator(f"#p-{platform}-alt_text").fill("كوب قهوة على طاولة خشبية")
    page.locator("#p-x-aspect").select_option("16:9")
    page.locator("#p-tiktok-aspect").select_option("9:16")
    page.locator("button[value=check]").click()
    expect(page.locator("figure.preview")).to_have_count(3)
    check("compose-checked")
    page.locator("button[value=save]").click()
    expect(page.locator(".flash")).to_be_visible()
    check("drafts-saved")

    page.locator("ol.post-list a").first.click()
    press(page, "button[value=submit]")
    press(page, "button[value=approve]")
    expect(page.locator("#when")).to_be_visible()
    check("approved")
    press(page, "form[action$='/schedule'] button[type=submit]")
    expect(page.locator(".flash-success")).to_be_visible()
    page.locator("ul.tabs a[href$='/calendar']").click()
    check("calendar")
    press(page, "form.move-form button[value='1']")  # one hour later, by keyboard
    expect(page.locator(".flash-success")).to_be_visible()
    check("calendar-moved")

    page.locator("ul.tabs a").first.click()
    page.locator("#amount").fill("2")
    page.locator("#unit").select_option("days")
    page.locator("form.advance-form button").click()
    expect(page.locator(".flash-success")).to_contain_text("1")
    check("advanced")
    page.locator("ol.post-list.recent a").first.click()
    why = page.locator("#why")
    expect(why).to_be_visible()
    expect(why.locator("tbody tr")).to_have_count(9)
    check("why-panel")
    page.locator("#at").fill(page.locator("#at").input_value()[:11] + "03:00")
    page.locator("form.replay-form button").click()
    expect(page.locator("table.compare tr.changed")).to_have_count(1)
    check("replay")

    # The practice becomes proof: a simulated case study on a published portfolio.
    page.goto(f"{live_server}/portfolio")
    check("portfolio-builder")
    page.locator("form[action*='/portfolio/case-studies/sandbox/'] button").first.click()
    expect(page.locator(".flash-success")).to_be_visible()
    page.locator("#headline").fill("مديرة محتوى لمقاهي الرياض")
    page.locator("#slug").fill(f"cafe-{viewport}")
    page.locator("#status").select_option("published")
    page.locator("#profile-form button[type=submit]:not([formaction])").click()
    expect(page.locator(".flash-success")).to_be_visible()
    check("portfolio-saved")
    visitor = new_context(viewport=VIEWPORTS[viewport]).new_page()
    visitor.goto(f"{live_server}/p/cafe-{viewport}")
    expect(visitor.locator(".case-study h3 .tag")).to_contain_text("تدريب محاكى")
    checked(visitor, viewport, next(steps), "portfolio-public", artifacts)
    for theme in ("minimal", "bold"):
        page.goto(f"{live_server}/portfolio")
        page.locator("#theme").select_option(theme)
        page.locator("#profile-form button[type=submit]:not([formaction])").click()
        visitor.goto(f"{live_server}/p/cafe-{viewport}")
        expect(visitor.locator(f"body.theme-{theme}")).to_be_attached()
        checked(visitor, viewport, next(steps), f"portfolio-{theme}", artifacts)
