"""Browser fixtures: the app on a live loopback server and Debian's Chromium (testing.md §2).

The live server serves the session `app` fixture, so it shares the test database and the
SMTP mailbox with the tests. Chromium resolves no host name except 127.0.0.1, so a page
can never reach the network. Every context made through `new_context` (so `context` and
`page` too) weighs each page it loads, and a test fails when one of its pages would cost a
new visitor more than 200 KB or 15 requests (weight.py); the run ends with the heaviest.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext
from playwright.sync_api import Error as PlaywrightError
from werkzeug.serving import WSGIRequestHandler, make_server

from e2e.journey import PHONE, Learner, sign_in
from e2e.weight import BINDING, INIT_SCRIPT, PageWeights, budget_problems

CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def _need(condition: bool, reason: str) -> None:
    """Skip with a visible reason on a developer machine; fail when CI=true (as conftest.need)."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI requires it: {reason}", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str:
    """CHROMIUM_PATH, else `chromium` on PATH, else Debian's /usr/bin/chromium."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


E2E = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before pytest's own hook deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e/ `browser`, even if its module forgets to."""
    # So `-m "not browser"` (the SQLite leg of .ci/run, local runs) never starts Chromium.
    for item in items:
        if E2E in item.path.parents:
            item.add_marker(pytest.mark.browser)


class QuietHandler(WSGIRequestHandler):
    """Werkzeug's handler without one log line per request (the browser tests make hundreds)."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        """Do not log successful requests; errors are still logged by the app."""


@pytest.fixture(scope="session")
def live_server(app: Any) -> Iterator[str]:
    """The session app on a free loopback port, served by a daemon thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """Override pytest-playwright's base_url, so page.goto("/") opens the live server."""
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the system Chromium (never a downloaded one) with no name resolution."""
    path = chromium_path()
    _need(
        Path(path).is_file() and os.access(path, os.X_OK),
        f"Chromium not found at {path}: apt-get install -y --no-install-recommends "
        "chromium fonts-noto-core (or set CHROMIUM_PATH)",
    )
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Arabic browser: without a locale Chromium sends Accept-Language en-US."""
    return {**browser_context_args, "locale": "ar-SA"}


@pytest.fixture
def phone_learner(new_context: Any, live_server: str, users: Any) -> Learner:
    """A new learner whose language is Arabic, signed in on a 360 px phone."""
    user = users.create(locale="ar")
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, live_server, user)
    return Learner(page, user)


WEIGHTS = pytest.StashKey[PageWeights]()


@pytest.fixture(scope="session")
def page_weights(
    app: Any, pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PageWeights]:
    """The run's page weights; written to <basetemp>/page-weight.json at the end."""
    manifest = app.extensions["tawasul_assets"].current()

    def icon_bytes(url: str) -> int:
        """The size of a static file named by URL (0 if it is not one)."""
        asset, _hashed = manifest.lookup(urlsplit(url).path.removeprefix("/static/"))
        if asset is None:
            return 0
        # What a browser that accepts gzip (every one) receives for the file.
        body = asset.gzipped if asset.gzipped is not None else asset.body
        return len(body) if body is not None else asset.path.stat().st_size

    weights = PageWeights(app.url_map.bind("127.0.0.1"), icon_bytes)
    pytestconfig.stash[WEIGHTS] = weights
    yield weights
    if weights.reports:
        weights.write(tmp_path_factory.getbasetemp() / "page-weight.json")


@pytest.fixture
def new_context(
    new_context: Any, page_weights: PageWeights, request: pytest.FixtureRequest
) -> Iterator[Any]:
    """pytest-playwright's new_context, each context weighing every page it loads (weight.py)."""
    contexts: list[BrowserContext] = []
    page_weights.test = request.node.nodeid

    def make(**kwargs: Any) -> BrowserContext:
        """A new context with the weighing binding and script installed."""
        context: BrowserContext = new_context(**kwargs)
        context.expose_function(BINDING, page_weights.record)
        context.on("requestfinished", page_weights.learn)
        context.add_init_script(INIT_SCRIPT)
        contexts.append(context)
        return context

    yield make
    # The last page of each tab may still be waiting for its fonts: let it report now.
    for context in contexts:
        for page in context.pages:
            # A context the test closed, or a page gone, has nothing left to report.
            with contextlib.suppress(PlaywrightError):
                page.evaluate(f"() => window.{BINDING}Flush && window.{BINDING}Flush()")
    problems = budget_problems(page_weights.loads(request.node.nodeid))
    if problems:
        pytest.fail("first load over 200 KB or 15 requests:\n" + "\n".join(problems), False)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """The heaviest first loads of the run's browser journeys, one line per route."""
    weights = config.stash.get(WEIGHTS, None)
    if weights is None or not weights.reports:
        return
    heaviest = weights.heaviest()
    terminalreporter.section("page weight: first load per route, heaviest first")
    for load in heaviest[:12]:
        terminalreporter.write_line(load.line())
    terminalreporter.write_line(
        f"({len(heaviest)} routes, {len(weights.reports)} page loads; all: {weights.written})"
    )
