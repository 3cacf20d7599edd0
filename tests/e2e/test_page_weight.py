"""The page-weight measurement itself (weight.py): what it reports matches the wire.

The journeys' budget check is only as good as these figures, so they are compared with
Chromium's own byte counts for a truly cold load, and shown to stay the first-load figure
on a second, warm visit, when the stylesheet and fonts come from the cache.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Request

from e2e.weight import BINDING

pytestmark = pytest.mark.browser


def reported(page: Any) -> None:
    """Wait until the current document has sent its report."""
    page.evaluate(f"() => window.{BINDING}Flush()")


def test_first_load_matches_the_wire_and_a_warm_visit_keeps_it(
    new_context, page_weights, live_server, request
):
    """Cold: the figure is what Chromium received. Warm: nothing static is fetched, same figure."""
    page = new_context().new_page()
    wire: dict[str, int] = {}
    wire_headers: dict[str, int] = {}

    def received(req: Request) -> None:
        """Bytes Chromium got for one response (encoded body and headers)."""
        sizes = req.sizes()
        wire[urlsplit(req.url).path] = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        wire_headers.setdefault(urlsplit(req.url).path, sizes["responseHeadersSize"])

    def visit() -> None:
        """Open /login; return once its report is sent and Chromium has finished the page."""
        # The document's requestfinished event may reach us after the page has reported (a
        # busy machine shows it): wait for it, so the wire figures are complete.
        with page.expect_event("requestfinished", lambda req: urlsplit(req.url).path == "/login"):
            page.goto(f"{live_server}/login")
        reported(page)

    page.on("requestfinished", received)
    visit()
    cold_wire, wire = dict(wire), {}
    visit()

    mine = page_weights.loads(request.node.nodeid)
    assert [load.route for load in mine] == ["accounts.login", "accounts.login"]
    cold, warm = (dict(load.files) for load in mine)
    assert any(name.endswith(".woff2") for name in cold_wire)  # the fonts were really fetched
    # Every file Chromium fetched is counted at exactly the bytes it received. The tab icon
    # is fetched by the browser, not the page, sometimes after the page reported: it counts.
    icon = {n for n in cold if n.startswith("/static/favicon.")}
    assert len(icon) == 1
    fetched = {name: cold[name] for name in cold_wire if name not in icon}
    statics = {n: s for n, s in cold_wire.items() if n not in icon and n.startswith("/static/")}
    assert {n: fetched[n] for n in statics} == statics
    # The page itself is priced with the largest header block the run has seen for its URL
    # (a new visitor's first page also carries Set-Cookie), and the run is shared with the
    # other journeys: never less than this load received, and the body exactly.
    for name in set(cold_wire) - set(statics) - icon:
        assert fetched[name] >= cold_wire[name], name
        assert fetched[name] - page_weights.headers[f"{live_server}{name}"] == (
            cold_wire[name] - wire_headers[name]
        ), name
    assert set(cold) - set(cold_wire) <= icon
    assert mine[0].requests == len(cold) and mine[0].bytes == sum(cold.values())
    # The second visit fetched the page alone (the immutable files stayed cached)...
    assert [name for name, size in wire.items() if size > 0] == ["/login"]  # cache hits: 0
    # ...and still reports the first-load cost of each static file.
    assert {n: s for n, s in warm.items() if n != "/login"} == {
        n: s for n, s in cold.items() if n != "/login"
    }
