"""The operator pages in a browser: axe-clean, right to left, no sideways scrolling at 360 px."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from support import PASSWORD

from e2e.test_account_journey import VIEWPORTS, Journey


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_admin_pages_fit_a_phone_and_pass_axe(
    new_context: Any, users: Any, artifacts: Path, lang: str
) -> None:
    """Search, a learner's page, the confirmation, site numbers and the audit log, at 360 px."""
    admin = users.create(role="admin", locale=lang, email=f"ops-admin-{lang}@example.com")
    learner = users.create(email=f"a-rather-long-learner-address-{lang}@example.com")
    learner_context = new_context()  # the learner's session shows on the admin's page
    context = new_context(viewport=VIEWPORTS["phone"])
    for who, where in ((learner, learner_context), (admin, context)):
        response = where.request.post(
            "/login", form={"email": who.email, "password": PASSWORD}, max_redirects=0
        )
        assert response.status == 303
    page = context.new_page()
    j = Journey(page, f"phone-admin-{lang}", artifacts)
    page.goto("/admin/?q=a-rather-long")
    expect(page.locator("tbody tr")).to_have_count(1)
    j.check("admin-search", lang=lang)
    page.locator("tbody a").first.click()
    expect(page).to_have_url(re.compile(rf"/admin/users/{learner.id}$"))
    j.check("admin-user", lang=lang)
    page.goto(f"/admin/users/{learner.id}/disable")
    j.check("admin-disable-confirm", lang=lang)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/admin/users/{learner.id}$"))
    expect(page.locator(".flash")).to_have_count(1)
    j.check("admin-user-disabled", lang=lang)
    page.goto("/admin/numbers")
    j.check("admin-numbers", lang=lang)
    page.goto("/admin/audit")
    expect(page.locator("tbody tr")).to_have_count(1)
    j.check("admin-audit", lang=lang)
