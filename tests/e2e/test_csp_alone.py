"""T1(c): the second wall alone. With the learner-Markdown sanitizer switched off, the CSP
must still stop every payload; the run counts what would have run without it.

The sanitizer (nh3 at display time, `app.portfolio.text.learner_html`) guards the fields the
XSS registry marks as rendered (`XssField.rendered`: the portfolio bio, as Markdown, and the
saved link kept in a data attribute); every other field is plain text escaped by Jinja and
never reaches the sanitizer, so switching it off changes nothing for them (the T1 browser test
covers them); so is the saved link (NOT_MARKDOWN). Here the portfolio page renders raw Python-Markdown instead (HTML passes
through, as Python-Markdown does by default). Every payload of tests/xss_payloads.txt in every
rendered field is loaded twice in Chromium, on each page that renders it:

* with the app's headers: no dialog may open (0 executions); CSP violations are counted
  (`securitypolicyviolation` events and console reports);
* with the CSP header removed on the way to the browser: the dialogs that open are what
  would have executed with neither wall.
"""

from __future__ import annotations

import time
from typing import Any

import markdown
import pytest
from support import PASSWORD

from app.core.registry import XSS_FIELDS
from e2e.test_xss_browser import (
    CLICK_JS_LINKS,
    PHONE,
    delete_users,
    load_payloads,
    store,
    untraced_context,
)

pytestmark = pytest.mark.browser
__all__ = ["untraced_context"]  # the fixture, imported to be used here

# Rendered fields that never pass through the sanitizer, with why (skipped: nothing to switch off).
NOT_MARKDOWN = {"portfolio_item.url": "kept in a data-url attribute, escaped by Jinja"}
# Counts `securitypolicyviolation` events in the page (reports also reach the console).
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def unsanitized(text: str) -> str:
    """Learner Markdown rendered with neither the escaping nor nh3 (raw HTML kept)."""
    return markdown.markdown(text or "", output_format="html")


class Tab:
    """A browser tab that counts the dialogs and CSP violations of each page load."""

    def __init__(self, page: Any, strip_csp: bool) -> None:
        """Watch dialogs and CSP reports; with `strip_csp`, remove the CSP header in flight."""
        self.page, self.dialogs, self.console = page, 0, 0
        page.add_init_script(WATCH_CSP)
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        if strip_csp:
            page.route("**/*", self._without_csp)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs += 1
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.console += 1

    @staticmethod
    def _without_csp(route: Any) -> None:
        response = route.fetch()
        headers = {
            k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"
        }
        route.fulfill(response=response, headers=headers)

    def load(self, path: str) -> tuple[int, int]:
        """Open `path`, click any javascript: link; return (dialogs, CSP violations) it caused."""
        dialogs, console = self.dialogs, self.console
        response = self.page.goto(path)
        assert response is not None and response.status == 200, (path, response)
        self.page.evaluate(CLICK_JS_LINKS)
        self.page.wait_for_timeout(50)  # let a clicked link's navigation or report arrive
        events = len(self.page.evaluate("() => window.__cspViolations || []"))
        return self.dialogs - dialogs, max(events, self.console - console)


def test_csp_alone_stops_what_the_sanitizer_would(
    app: Any,
    users: Any,
    live_server: str,
    untraced_context: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Sanitizer off: 0 payloads run under the CSP; without it some would (counts printed)."""
    from app.portfolio import page as portfolio_page

    monkeypatch.setattr(portfolio_page, "learner_html", unsanitized)
    # A cache of its own, dropped afterwards: no unsanitized page outlives this test.
    monkeypatch.setitem(app.extensions, "portfolio_pages", {})
    monkeypatch.setitem(
        app.config, "RATE_LIMITS", {**app.config["RATE_LIMITS"], "login-ip": (10**6, 600)}
    )
    fields = sorted(n for n, xss in XSS_FIELDS.items() if xss.rendered and n not in NOT_MARKDOWN)
    assert "portfolio.bio" in fields, "the Markdown bio is no longer registered as rendered"
    payloads = load_payloads()
    started = time.monotonic()
    walled = Tab(untraced_context(viewport=PHONE).new_page(), strip_csp=False)
    open_tab = Tab(untraced_context(viewport=PHONE).new_page(), strip_csp=True)
    loads = ran_with_csp = ran_without = blocked = violations = 0
    missed: list[str] = []
    n = 0
    for name in fields:
        xss = XSS_FIELDS[name]
        for payload in payloads:
            n += 1
            user = users.create(email=f"csp-alone{n}@example.com")
            store(app, xss, user, payload, n)
            ran_here = blocked_here = 0
            for tab in (walled, open_tab):
                tab.page.context.clear_cookies()
                login = tab.page.context.request.post(
                    "/login", form={"email": user.email, "password": PASSWORD}, max_redirects=0
                )
                assert login.status == 303
            for path in [f"/p/learner-{user.id}", "/portfolio/preview"]:
                dialogs, csp = walled.load(path)
                ran_with_csp += dialogs
                blocked_here += csp
                violations += csp
                opened, _ = open_tab.load(path)
                ran_here += opened
                loads += 2
            ran_without += bool(ran_here)
            blocked += bool(blocked_here)
            if ran_here and not blocked_here:
                missed.append(f"{name} {payload!r}")
            delete_users(app, [user])
    total = len(fields) * len(payloads)
    with capsys.disabled():
        print(
            f"\nCSP alone (sanitizer off): {len(payloads)} payloads x {len(fields)} rendered "
            f"fields ({', '.join(fields)}) = {total} cases, {loads} page loads: "
            f"{ran_without} would have run without CSP, {blocked} blocked by CSP "
            f"({violations} violation reports), {ran_with_csp} ran with CSP "
            f"({time.monotonic() - started:.1f} s)"
        )
    assert ran_with_csp == 0, f"{ran_with_csp} dialog(s) opened under the CSP"
    # Every payload that runs without the CSP must have been stopped by it, visibly.
    assert not missed, f"ran without CSP yet no violation was reported: {missed}"
    assert ran_without > 0, "nothing ran with both walls down: the harness is not testing"
