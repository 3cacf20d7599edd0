"""The axe helper must fail on a known violation, so it can never silently check nothing."""

from __future__ import annotations

import pytest
from a11y import assert_accessible, axe_violations
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CLEAN = (
    '<!DOCTYPE html><html lang="ar" dir="rtl"><title>ت</title><main><h1>تواصل</h1></main></html>'
)
BROKEN = '<!DOCTYPE html><html lang="ar"><title>t</title><main><img src="x.png"></main></html>'


def test_helper_fails_on_image_without_alt(page: Page) -> None:
    """An <img> without alt is a critical image-alt violation and fails the helper."""
    page.set_content(BROKEN)
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        assert_accessible(page)


def test_helper_passes_a_clean_page_and_axe_really_ran(page: Page) -> None:
    """A clean page passes, and axe reports its rules as having run (not an empty result)."""
    page.set_content(CLEAN)
    assert_accessible(page)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['passes']})")
    assert any(rule["id"] == "html-has-lang" for rule in result["passes"])
    assert axe_violations(page) == []


def test_helper_works_under_the_app_csp(page: Page) -> None:
    """axe is injected despite the app's `script-src 'self'` policy (CDP evaluation)."""
    response = page.goto("/")
    assert response is not None
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    page.evaluate(
        "() => { const i = document.createElement('img'); i.src = 'x.png';"
        " document.querySelector('main').append(i); }"
    )
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        assert_accessible(page)
