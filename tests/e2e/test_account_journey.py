"""A learner's whole account journey in Arabic, in Chromium, on a phone and on a desktop.

Register → check inbox → open the emailed link → confirm → sign in → switch to English
and back on the same page → change the password → sign out → old password refused → new
password works. Every page is checked with axe, for horizontal overflow, and screenshotted
under artifacts/journey-<viewport>-<nn>-<step>.png.

Elements are found by stable attributes (input names, form actions, hrefs) or by text that
is not translated (the brand "تواصل", the language names), so the test does not depend on
wording the translators are still changing.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from a11y import assert_accessible
from playwright.sync_api import Page, expect
from support import PASSWORD

pytestmark = pytest.mark.browser

ARABIC_CATALOG = Path(__file__).resolve().parents[2] / "app/translations/ar/LC_MESSAGES/messages.mo"
VIEWPORTS = {
    "phone": {"width": 360, "height": 740},
    "desktop": {"width": 1280, "height": 800},
}
NAME = "سارة بنت محمد"
FIRST_PASSWORD = "نخلة عالية فوق رمال الصحراء"
NEW_PASSWORD = "قهوة الصباح مع كتاب جديد 42"


class Journey:
    """Steps share one page; each step checks and photographs the page it lands on."""

    def __init__(self, page: Page, viewport: str, artifacts: Path) -> None:
        self.page = page
        self.viewport = viewport
        self.artifacts = artifacts
        self.step = 0

    def check(self, name: str, lang: str = "ar") -> None:
        """Language and direction, no horizontal scrollbar, axe, then a full-page screenshot."""
        page = self.page
        self.step += 1
        direction = "rtl" if lang == "ar" else "ltr"
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("html")).to_have_attribute("dir", direction)
        # The brand is always written in Arabic script, whatever the interface language.
        expect(page.get_by_role("link", name=re.compile("تواصل"))).to_be_visible()
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], (
            f"{name}: horizontal scrollbar at {self.viewport} "
            f"(scrollWidth {widths[0]} > innerWidth {widths[1]}) on {page.url}"
        )
        assert_accessible(page)
        page.screenshot(
            path=str(self.artifacts / f"journey-{self.viewport}-{self.step:02d}-{name}.png"),
            full_page=True,
        )

    def submit(self, form: str = "main form") -> None:
        """Press the submit button of `form` (the first form in <main> by default)."""
        self.page.locator(form).first.locator("button[type=submit]").click()


def wait_for_link(mailbox: Any, email: str, prefix: str, timeout: float = 5.0) -> str:
    """The newest emailed link under `prefix`, as a path (mail is sent during the request)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return str(mailbox.last_link(email, prefix))
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_account_journey(
    new_context: Any, live_server: str, mailbox: Any, artifacts: Path, viewport: str
) -> None:
    """Everything a new learner does with their account, in Arabic, at this viewport."""
    context = new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.set_default_timeout(10_000)
    j = Journey(page, viewport, artifacts)
    email = f"sara.{viewport}@example.com"
    assert page.evaluate("() => navigator.language") == "ar-SA"

    # 1. Home page, anonymous, in Arabic (its heading too, once the catalog is compiled).
    page.goto("/")
    j.check("home")
    if ARABIC_CATALOG.is_file():
        expect(page.locator("h1")).to_have_text(re.compile("[\u0600-\u06ff]"))

    # 2. Register from the header link.
    page.locator('header a[href="/register"]').click()
    expect(page).to_have_url(re.compile(r"/register$"))
    expect(page.locator("h1")).to_be_visible()
    j.check("register")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=display_name]").fill(NAME)
    page.locator("input[name=password]").fill(FIRST_PASSWORD)
    j.submit()
    expect(page).to_have_url(re.compile(r"/register/check-inbox$"))
    j.check("check-inbox")

    # 3. The emailed link (PUBLIC_BASE_URL points elsewhere, so only its path is used).
    link = wait_for_link(mailbox, email, "/verify/")
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/verify$"))
    j.check("verify")
    j.submit()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.locator(".flash")).to_have_count(1)
    j.check("login-after-verify")

    # 4. Sign in: the learner's home greets them by their Arabic name.
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(FIRST_PASSWORD)
    j.submit()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("h1")).to_contain_text(NAME)
    j.check("learner-home")

    # 5. "My account" (a menu that opens without JavaScript), then English and back with
    # the header switch, staying on the page.
    page.locator("header .account-menu summary").click()
    page.locator('header a[href="/account/"]').click()
    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.locator("main")).to_contain_text(NAME)
    j.check("account")
    page.locator("form.lang-switch").get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/account/$"))
    j.check("account-en", lang="en")
    expect(page.locator("form.lang-switch").get_by_role("button", name="English")).to_have_count(0)
    page.locator("form.lang-switch").get_by_role("button", name="العربية").click()
    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # 6. Change the password from "My account".
    page.locator('main a[href="/account/password"]').click()
    expect(page).to_have_url(re.compile(r"/account/password$"))
    j.check("password")
    page.locator("input[name=current]").fill(FIRST_PASSWORD)
    page.locator("input[name=password]").fill(NEW_PASSWORD)
    page.locator("input[name=confirm]").fill(NEW_PASSWORD)
    j.submit()
    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.locator(".flash")).to_have_count(1)
    j.check("password-changed")

    # 7. Sign out with the header button, inside the account menu.
    page.locator("header .account-menu summary").click()
    page.locator('header form[action="/logout"] button[type=submit]').click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator('header form[action="/logout"]')).to_have_count(0)
    j.check("signed-out")

    # 8. The old password no longer works; the new one does.
    page.locator('header a[href="/login"]').click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(FIRST_PASSWORD)
    j.submit()
    expect(page.locator("input[name=password]")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_be_visible()
    j.check("login-old-password-refused")
    page.locator("input[name=password]").fill(NEW_PASSWORD)
    j.submit()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("h1")).to_contain_text(NAME)
    expect(page.locator('header form[action="/logout"]')).to_have_count(1)
    j.check("signed-in-with-new-password")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_table_pages_fit_a_phone(new_context: Any, users: Any, artifacts: Path, lang: str) -> None:
    """The pages with wide tables scroll inside their table, not the whole page, at 360 px."""
    admin = users.create(role="admin", locale=lang, email=f"admin-{lang}@example.com")
    for n in range(3):
        users.create(email=f"a-rather-long-address-number-{n}@example.com")
    context = new_context(viewport=VIEWPORTS["phone"])
    response = context.request.post(
        "/login", form={"email": admin.email, "password": PASSWORD}, max_redirects=0
    )
    assert response.status == 303
    page = context.new_page()
    j = Journey(page, f"phone-{lang}", artifacts)
    for name, path in (
        ("sessions", "/account/sessions"),
        ("admin-users", "/admin/"),
        ("privacy", "/privacy"),
    ):
        page.goto(path)
        expect(page.locator("table")).to_have_count(1)
        j.check(name, lang=lang)
