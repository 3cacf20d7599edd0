"""T1 (browser leg): hostile learner text never runs in Chromium, under the real CSP.

For every field in `app.registry.XSS_FIELDS` and every payload in tests/xss_payloads.txt,
one learner gets the payload stored directly (bypassing form validation), the browser signs
in as that learner through the login form, and opens every page of the field as each of
its viewers (the owner; an admin for admin pages). On every page load:

* no JavaScript dialog opens (alert/confirm/prompt are counted and dismissed);
* the browser reports no Content Security Policy violation (an injected inline script or
  handler would be blocked by the CSP, and Chromium logs the refusal);
* the live DOM holds no executable construct (on* attributes, javascript:/data: URLs,
  foreign scripts, frames, objects, <base>, meta refresh, inline styles...);
* any link whose href starts with javascript: is clicked (there must be none).

And to prove the harness is not vacuous, each field's payloads are seen as text (or as a
form value) on each of its pages.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy.exc import IntegrityError
from support import PASSWORD

from app.core.db import write_unit
from app.core.extensions import db
from app.core.registry import USER_DATA, XSS_FIELDS, XssField, access_class

pytestmark = pytest.mark.browser

PAYLOAD_FILE = Path(__file__).resolve().parents[1] / "xss_payloads.txt"
# Users per batch: with the admin they all fit on the first page of /admin/ (50 rows).
BATCH = 40
PHONE = {"width": 360, "height": 740}  # small pages also render faster
ANONYMOUS_VIEWERS = {"public", "anonymous", "visitor"}
KNOWN_VIEWERS = {"owner", "admin", *ANONYMOUS_VIEWERS}

# Runs in the page; returns the executable constructs found, how many of `values` are shown
# (as text or as a form field's value), and how many javascript: links there are.
SCAN_JS = r"""
(values) => {
  const FORBIDDEN = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base",
                             "svg", "math", "template", "style"]);
  const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "data",
                             "poster", "srcset", "background", "srcdoc", "ping"]);
  const SAFE = new Set(["", "http", "https", "mailto"]);
  const bad = [];
  const describe = (el) => "<" + el.localName + ">";
  // The app's own charts (inline SVG with a known class, drawing elements only) are allowed;
  // anything else inside them, and any other SVG, is still reported (see tests/xss.py).
  const CHARTS = new Set(["radar", "bar-chart"]);
  const DRAWING = new Set(["svg", "title", "desc", "g", "rect", "line", "polyline", "polygon",
                           "circle", "text", "path"]);
  const trustedChart = (el) => el.localName === "svg" && CHARTS.has(el.getAttribute("class"))
    && [el, ...el.querySelectorAll("*")].every((c) => DRAWING.has(c.localName));
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName.toLowerCase();
    // The portfolio builder's own preview frame (fixed same-site address) is allowed too.
    const previewFrame = tag === "iframe" && el.getAttribute("class") === "preview-frame"
      && el.getAttribute("src") === "/portfolio/preview" && !el.hasAttribute("srcdoc");
    if (FORBIDDEN.has(tag) && !trustedChart(el) && !previewFrame) bad.push(describe(el));
    if (tag === "script" && !(el.getAttribute("src") || "").startsWith("/static/"))
      bad.push("<script> not from /static/");
    const canonical = tag === "link" && el.getAttribute("rel") === "canonical"
      && /^https?:\/\//.test(el.getAttribute("href") || "");
    const own = /^\/(static|portfolio-themes)\//.test(el.getAttribute("href") || "");
    if (tag === "link" && !canonical && !own)
      bad.push("foreign <link>");
    if (tag === "meta" && (el.getAttribute("http-equiv") || "").toLowerCase() === "refresh")
      bad.push("meta refresh");
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) bad.push(describe(el) + "[" + name + "]");
      if (name === "style") bad.push(describe(el) + "[style]");
      if (URL_ATTRS.has(name)) {
        const raw = attr.value.replace(/[\u0000-\u0020]/g, "");
        const m = raw.match(/^([a-z][a-z0-9+.\-]*):/i);
        const scheme = m ? m[1].toLowerCase() : "";
        if (!SAFE.has(scheme)) bad.push(describe(el) + "[" + name + "]=" + attr.value.slice(0, 40));
      }
    }
  }
  const text = document.body ? document.body.textContent : "";
  const fields = [...document.querySelectorAll("input, textarea")].map((e) => e.value)
    .concat([...document.querySelectorAll("img[alt]")].map((e) => e.alt));
  const shown = values.filter((v) => text.includes(v) || fields.includes(v)).length;
  const jsLinks = [...document.querySelectorAll("a[href], area[href]")].filter(
    (a) => /^\s*javascript:/i.test(a.getAttribute("href"))).length;
  return {bad, shown, jsLinks};
}
"""
CLICK_JS_LINKS = r"""
() => [...document.querySelectorAll("a[href], area[href]")]
  .filter((a) => /^\s*javascript:/i.test(a.getAttribute("href")))
  .forEach((a) => a.click())
"""


def load_payloads() -> list[str]:
    """The hostile corpus, one payload per non-blank line."""
    lines = PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


@dataclass
class Viewer:
    """One signed-in (or anonymous) browser tab that records what fires in it."""

    name: str
    page: Any
    dialogs: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("dialog", self._dialog)
        self.page.on("console", self._console)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type} {dialog.message!r} on {self.page.url}")
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.csp.append(f"{message.text[:200]} on {self.page.url}")

    def sign_in(self, email: str) -> None:
        """Sign in by filling and sending the login form."""
        page = self.page
        page.goto("/login")
        page.locator("input[name=email]").fill(email)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form").first.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r"^https?://[^/]+/$"))
        assert page.locator('header form[action="/logout"]').count() == 1, f"{email} not signed in"

    def post_login(self, email: str) -> None:
        """Send the login form's fields from this browser's cookie jar (no page render).

        Filling the form costs about 0.35 s on 2 cores, 50 s for the whole corpus; the
        request is the same POST, and its session cookie lands in the browser context.
        """
        self.page.context.clear_cookies()  # a signed-in visitor is sent home by /login
        response = self.page.context.request.post(
            "/login", form={"email": email, "password": PASSWORD}, max_redirects=0
        )
        assert response.status == 303, f"{email}: login answered {response.status}"
        assert response.headers.get("location") == "/", response.headers.get("location")


@dataclass
class Tally:
    """What the run saw, per field and page, and every failure."""

    loads: int = 0
    failures: list[str] = field(default_factory=list)
    shown: dict[tuple[str, str], int] = field(default_factory=dict)
    visited: dict[tuple[str, str], int] = field(default_factory=dict)


def route_class(app: Any, path: str) -> str | None:
    """The census access class of the view serving GET `path`."""
    endpoint, _ = app.url_map.bind("127.0.0.1").match(urlsplit(path).path, method="GET")
    return access_class(app.view_functions[endpoint])


def viewers_for(app: Any, xss: XssField, path: str) -> list[str]:
    """Which viewers of the field open `path` to see the learner's text."""
    kind = route_class(app, path)
    who: list[str] = []
    if kind == "admin":
        who.append("admin")
    elif "owner" in xss.viewers:
        who.append("owner")
    elif "admin" in xss.viewers:
        who.append("admin")
    if kind == "public" and ANONYMOUS_VIEWERS & set(xss.viewers):
        who.append("anonymous")
    return [w for w in who if w in xss.viewers or w == "anonymous"]


def store(app: Any, xss: XssField, user: Any, payload: str, n: int) -> str:
    """Store the payload in the field (made unique with a counter if the column must be)."""
    value = payload[: xss.max_length]
    try:
        with app.app_context(), write_unit(db.session) as s:
            xss.set_value(s, user, value)
    except IntegrityError:
        value = f"{n}{payload}"[: xss.max_length]
        with app.app_context(), write_unit(db.session) as s:
            xss.set_value(s, user, value)
    return value


def delete_users(app: Any, users: list[Any]) -> None:
    """Delete users with the registered per-table handlers (dependents first)."""
    handlers = sorted(USER_DATA.values(), key=lambda h: h.order)
    with app.app_context(), write_unit(db.session) as s:
        for user in users:
            for handler in handlers:
                handler.delete(s, user)
    with app.app_context():
        db.session.remove()


def visit(viewer: Viewer, path: str, values: list[str], label: str, tally: Tally) -> None:
    """Open `path`, scan it, click any javascript: link, and record what happened."""
    before = (len(viewer.dialogs), len(viewer.csp))
    response = viewer.page.goto(path)
    tally.loads += 1
    status = response.status if response else None
    if status != 200:
        tally.failures.append(f"{label}: {viewer.name} got HTTP {status} for {path}")
        return
    key = (label.split(" ")[0], path)
    tally.visited[key] = tally.visited.get(key, 0) + 1
    result = viewer.page.evaluate(SCAN_JS, values)
    tally.shown[key] = tally.shown.get(key, 0) + result["shown"]
    if result["jsLinks"]:
        viewer.page.evaluate(CLICK_JS_LINKS)
        viewer.page.wait_for_timeout(100)
        tally.failures.append(f"{label}: {result['jsLinks']} javascript: link(s) on {path}")
    if result["bad"]:
        tally.failures.append(f"{label}: executable markup on {path}: {result['bad'][:5]}")
    if (len(viewer.dialogs), len(viewer.csp)) != before:
        tally.failures.append(
            f"{label}: on {path}: dialogs {viewer.dialogs[before[0] :]}, "
            f"CSP violations {viewer.csp[before[1] :]}"
        )


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


@pytest.fixture
def untraced_context(browser: Any, browser_context_args: dict[str, Any]) -> Iterator[Any]:
    """Contexts without pytest-playwright's tracing, which would double the run time here."""
    contexts: list[Any] = []

    def make(**kwargs: Any) -> Any:
        contexts.append(browser.new_context(**{**browser_context_args, **kwargs}))
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()


def test_payloads_never_run_in_the_browser(
    app: Any,
    users: Any,
    live_server: str,
    untraced_context: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every payload in every registered field: 0 dialogs, 0 CSP violations, 0 injections."""
    payloads = load_payloads()
    assert len(payloads) >= 40, f"the corpus {PAYLOAD_FILE} has only {len(payloads)} payloads"
    fields = [XSS_FIELDS[name] for name in sorted(XSS_FIELDS) if XSS_FIELDS[name].browser]
    assert fields, "no field is registered with the XSS harness"
    # Every column is checked here at least once; template variants only statically.
    columns = {name.split("@")[0] for name in XSS_FIELDS}
    assert columns <= {f.name for f in fields}, columns - {f.name for f in fields}
    for xss in fields:
        unknown = set(xss.viewers) - KNOWN_VIEWERS
        assert not unknown, f"{xss.name}: the harness does not know viewers {sorted(unknown)}"
    # One sign-in per learner from one address: lift the per-IP login limit for this test.
    monkeypatch.setitem(
        app.config, "RATE_LIMITS", {**app.config["RATE_LIMITS"], "login-ip": (10**6, 600)}
    )

    started = time.monotonic()
    tally = Tally()
    admin = users.create(role="admin", email="xss-admin@example.com", name="مشرف")
    viewers = {
        name: Viewer(name, untraced_context(viewport=PHONE).new_page())
        for name in ("owner", "admin", "anonymous")
    }
    viewers["admin"].sign_in(admin.email)

    n = 0
    for xss in fields:
        for batch in chunks(payloads, BATCH):
            created, admin_pages = [], {}
            for payload in batch:
                n += 1
                user = users.create(email=f"xss{n}@example.com")
                created.append(user)
                plan: dict[str, list[str]] = {}
                # Sign in before the value is stored (the email field changes the login), and
                # store before asking for pages (pages(user) may look up what set_value made).
                viewers["owner"].post_login(user.email)
                value = store(app, xss, user, payload, n)
                with app.app_context():
                    field_pages = xss.pages(user)
                for path in field_pages:
                    who = viewers_for(app, xss, path)
                    if not who:
                        tally.failures.append(f"{xss.name}: no viewer of the field can open {path}")
                    for w in who:
                        plan.setdefault(w, []).append(path)
                for w in ("owner", "anonymous"):
                    for path in plan.get(w, []):
                        visit(viewers[w], path, [value], f"{xss.name} {w} {payload!r}", tally)
                for path in plan.get("admin", []):
                    admin_pages.setdefault(path, []).append(value)
            for path, values in admin_pages.items():
                visit(viewers["admin"], path, values, f"{xss.name} admin (batch)", tally)
            delete_users(app, created)

    dialogs = sum(len(v.dialogs) for v in viewers.values())
    csp = sum(len(v.csp) for v in viewers.values())
    never_shown = sorted(
        f"{f} on {p}"
        for (f, p) in tally.visited
        if not tally.shown.get((f, p))
        and not (f in XSS_FIELDS and p.startswith(XSS_FIELDS[f].rendered or ("\0",)))
    )
    problems = list(tally.failures)
    if never_shown:
        problems.append(
            "payloads never displayed (wrong pages or set_value?): " + ", ".join(never_shown)
        )
    for xss in fields:
        if not any(f == xss.name for f, _ in tally.visited):
            problems.append(f"{xss.name}: no page of the field was opened")
    assert not problems and dialogs == 0 and csp == 0, (
        f"{dialogs} dialog(s), {csp} CSP violation(s), {len(problems)} problem(s):\n"
        + "\n".join(problems[:40])
    )
    with capsys.disabled():
        print(
            f"\nxss browser: {len(payloads)} payloads x {len(fields)} fields = "
            f"{tally.loads} page loads, {dialogs} dialogs "
            f"({time.monotonic() - started:.1f} s)"
        )


CANARY = (
    '<!DOCTYPE html><html lang="en"><title>canary</title><body><p>shown</p>'
    '<img src="/no-such.png" onerror="alert(1)"><a href="javascript:alert(2)">j</a>'
    "<script>alert(3)</script></body></html>"
)


def test_harness_detects_injected_markup(untraced_context: Any, live_server: str) -> None:
    """Self-test: an injected page is caught with the CSP (violations) and without it (dialogs)."""
    from app.core.security import CSP

    def serve(headers: dict[str, str]) -> Any:
        return lambda route: route.fulfill(status=200, headers=headers, body=CANARY)

    viewer = Viewer("canary", untraced_context().new_page())
    for path, headers in (
        ("/__canary-csp", {"Content-Type": "text/html", "Content-Security-Policy": CSP}),
        ("/__canary-open", {"Content-Type": "text/html"}),
    ):
        viewer.page.route(f"{live_server}{path}", serve(headers))

    tally = Tally()
    visit(viewer, "/__canary-csp", ["shown", "absent"], "canary-csp", tally)
    assert viewer.dialogs == [], viewer.dialogs
    assert viewer.csp, "the CSP blocked inline code but no violation was recorded"
    report = "\n".join(tally.failures)
    assert "<img>[onerror]" in report and "<script> not from /static/" in report, report
    assert "javascript: link" in report, report
    assert tally.shown[("canary-csp", "/__canary-csp")] == 1

    visit(viewer, "/__canary-open", ["shown"], "canary-open", tally)
    assert len(viewer.dialogs) >= 2, viewer.dialogs  # the inline script, onerror, the link
