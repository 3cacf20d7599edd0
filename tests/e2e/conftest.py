"""Browser fixtures: the app on a live loopback server and Debian's Chromium (testing.md §2).

The live server serves the session `app` fixture, so it shares the test database and the
SMTP mailbox with the tests. Chromium resolves no host name except 127.0.0.1, so a page
can never reach the network.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from e2e.journey import PHONE, Learner, sign_in

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


@pytest.fixture(autouse=True)
def _browser_keeps_static_files(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Let Chromium keep /static/ files for the test instead of revalidating each page's."""
    # Flask's default is no-cache: every page load asked the live server again for the
    # stylesheet, fonts and scripts. Pages are fetched as before, and what they contain and
    # run is the same; the XSS browser test's 2,310 loads need about a fifth less CPU.
    monkeypatch.setitem(app.config, "SEND_FILE_MAX_AGE_DEFAULT", 3600)


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
