"""Page weight in the browser journeys: bytes and requests of a first visit to each page.

Issue 19 part 7: every page a journey visits stays at a first load of at most 200 KB
transferred and 15 requests. Each page reports, from inside Chromium, the Resource Timing
entries of its document and of every file it fetched (once the load event has fired and the
web fonts it needs have arrived). Within one journey the second page finds the stylesheet and
fonts in the context's cache (transferSize 0), so a page's *first-load* weight is not what
that visit transferred. It is computed instead, without loading anything again: each entry
counts its encodedBodySize (the bytes the server sends for its body, reported even for a
cache hit) plus the real size of its response headers, read from Chromium (request.sizes())
when that URL did come over the wire: once per static URL, as static URLs are content-hashed
(one URL, one body), and for every document. Resource Timing's own transferSize would count
headers as a flat 300 bytes, while this app's security headers alone take about 500. That is
what a new visitor's browser fetches for the page as the journey saw it (over HTTP/1.1, as
in the tests; HTTP/2 would compress the headers), and it costs one small message per page.
Not counted: a redirect that led to the page (the form post before a 303), and files a page
fetches after it has loaded (a click's fetch). A page the journey left before its load event
reports what it had by then, marked so in the summary.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter, RequestRedirect

BUDGET_BYTES = 200_000  # "200 KB", read as 200,000 bytes (the stricter reading)
BUDGET_REQUESTS = 15
DEFAULT_HEADER_BYTES = 300  # Resource Timing's own figure, for a response whose size never came
BINDING = "__tawasulPageWeight"

# Runs in every document of the journey's contexts (top frame, http only). The report goes
# out once: after load and the fonts, or at pagehide if the journey left the page before.
INIT_SCRIPT = """
(() => {
  if (window.top !== window || !location.protocol.startsWith("http")) return;
  let pending = null;
  const send = (complete) => {
    if (pending) return pending;  // one report per document; a second caller waits for it
    const nav = performance.getEntriesByType("navigation")[0];
    const row = (e) => [e.name, e.transferSize, e.encodedBodySize, e.initiatorType];
    pending = window.@BINDING@({
      url: location.href,
      complete: complete,
      document: nav ? row(nav) : [location.href, 0, 0, "navigation"],
      resources: [window, ...[...document.querySelectorAll("iframe")].map((f) => f.contentWindow)]
        .flatMap((w) => {
          try {  // a same-origin frame's files are the page's too (the builder's preview)
            return w.performance.getEntriesByType("resource").map(row);
          } catch (e) {
            return [];
          }
        }),
      icons: [...document.querySelectorAll("link[rel~=icon]")].map((l) => l.href),
    }).catch(() => {});
    return pending;
  };
  const settled = () => document.fonts.ready.then(() => send(true));
  window.@BINDING@Flush = settled;
  window.addEventListener("load", () => setTimeout(settled, 0));
  window.addEventListener("pagehide", () => send(false));
})();
""".replace("@BINDING@", BINDING)


@dataclass
class PageLoad:
    """One page as a new visitor would load it."""

    route: str
    url: str
    bytes: int
    requests: int
    complete: bool
    test: str
    files: list[tuple[str, int]] = field(default_factory=list)

    def over_budget(self) -> bool:
        """More than 200 KB or more than 15 requests."""
        return self.bytes > BUDGET_BYTES or self.requests > BUDGET_REQUESTS

    def line(self) -> str:
        """One summary line: kB, requests, route and an example URL."""
        mark = "" if self.complete else " (left before load)"
        return f"{self.bytes / 1000:7.1f} kB {self.requests:3d} req  {self.route}  {self.url}{mark}"


class PageWeights:
    """Every page report of the run and the wire sizes learnt per URL; loads are computed late.

    Reports (from the page) and wire sizes (from request.sizes(), a round trip) arrive in
    either order, so a report is only priced when the figures are read: at the end of its
    test and of the run.
    """

    def __init__(self, adapter: MapAdapter, icon_bytes: Any) -> None:
        """`adapter` names a URL's route; `icon_bytes(url)` sizes an icon never seen fetched."""
        self.adapter, self.icon_bytes = adapter, icon_bytes
        self.headers: dict[str, int] = {}  # the largest header block seen per URL
        self.bodies: dict[str, int] = {}  # bytes of body seen per URL (for the icon)
        self.reports: list[tuple[str, dict[str, Any]]] = []
        self.test = ""
        self.written: Path | None = None

    def route(self, url: str) -> str:
        """The endpoint that answers a URL (its path when nothing matches)."""
        path = urlsplit(url).path
        for method in ("GET", "POST"):
            try:
                endpoint, _args = self.adapter.match(path, method=method)
                return str(endpoint)
            except (HTTPException, RequestRedirect):
                continue
        return path

    def learn(self, request: Request) -> None:
        """Keep the real header size of a response (once per static URL, every document)."""
        if request.url in self.headers and not request.is_navigation_request():
            return
        with contextlib.suppress(PlaywrightError):  # the page went away meanwhile
            sizes = request.sizes()
            if sizes["responseHeadersSize"] > 0:
                # The largest: a new visitor's first page also gets the session's Set-Cookie.
                old = self.headers.get(request.url, 0)
                self.headers[request.url] = max(old, sizes["responseHeadersSize"])
                self.bodies[request.url] = sizes["responseBodySize"]

    def record(self, report: dict[str, Any]) -> None:
        """Keep one page's report (called from the page, through the binding)."""
        self.reports.append((self.test, report))

    def cold(self, url: str, transfer: int, body: int) -> int:
        """What one entry costs from the network: its body and its response headers."""
        if url in self.headers:
            return body + self.headers[url]
        # Resource Timing counts headers as a flat 300 bytes; used only when no real size came.
        return body + (transfer - body if transfer > body else DEFAULT_HEADER_BYTES)

    def price(self, test: str, report: dict[str, Any]) -> PageLoad:
        """One report as a first load: each file at its cold cost, the tab icon included."""
        files = []
        seen = set()
        for url, transfer, body, _kind in [report["document"], *report["resources"]]:
            if url not in seen:  # a first load fetches a file once (a frame may ask again)
                files.append((urlsplit(url).path, self.cold(url, transfer, body)))
                seen.add(url)
        # The browser fetches the tab icon itself (not always before the page reports), so
        # it is not among the page's entries; it is one of the first load's requests.
        for icon in report["icons"]:
            if icon not in seen:
                body = self.bodies.get(icon, self.icon_bytes(icon))
                files.append((urlsplit(icon).path, self.cold(icon, 0, body)))
        return PageLoad(
            route=self.route(report["url"]),
            url=report["url"],
            bytes=sum(size for _name, size in files),
            requests=len(files),
            complete=bool(report["complete"]),
            test=test,
            files=files,
        )

    def loads(self, test: str | None = None) -> list[PageLoad]:
        """Every page load of the run, or of one test, priced now."""
        return [self.price(t, r) for t, r in self.reports if test is None or t == test]

    def heaviest(self) -> list[PageLoad]:
        """The heaviest load of each route, heaviest first."""
        best: dict[str, PageLoad] = {}
        for load in self.loads():
            if load.route not in best or load.bytes > best[load.route].bytes:
                best[load.route] = load
        return sorted(best.values(), key=lambda load: (-load.bytes, -load.requests))

    def write(self, path: Path) -> None:
        """The per-route figures (heaviest first) as JSON, for the closing note."""
        rows = [asdict(load) for load in self.heaviest()]
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        self.written = path


def budget_problems(loads: list[PageLoad]) -> list[str]:
    """One line per page load over 200 KB or 15 requests, with its files, heaviest first."""
    problems = []
    for load in sorted(loads, key=lambda x: -x.bytes):
        if load.over_budget():
            files = ", ".join(f"{name} {size}" for name, size in load.files)
            problems.append(f"{load.line()} from {load.test}: {files}")
    return problems
