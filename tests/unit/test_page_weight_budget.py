"""The page-weight arithmetic of the browser journeys (tests/e2e/weight.py), without a browser."""

from __future__ import annotations

from e2e.weight import PageWeights, budget_problems
from werkzeug.routing import Map, Rule

BASE = "http://127.0.0.1:5000"
ROUTES = Map([Rule("/lessons/<slug>", endpoint="courses.lesson"), Rule("/", endpoint="home")])


def weights() -> PageWeights:
    """A PageWeights with two routes and a 200-byte icon."""
    return PageWeights(ROUTES.bind("127.0.0.1"), lambda url: 200)


def report(doc=(10_000, 9_700), css=(0, 6_000), icon=True, extra=()):
    """A page's report: (transferSize, encodedBodySize) of its document and stylesheet."""
    return {
        "url": f"{BASE}/lessons/plt-1",
        "complete": True,
        "document": [f"{BASE}/lessons/plt-1", *doc, "navigation"],
        "resources": [[f"{BASE}/static/app.css", *css, "link"], *extra],
        "icons": [f"{BASE}/static/favicon.svg"] if icon else [],
    }


def test_cache_hits_cost_their_body_plus_real_or_default_headers():
    """A cached file counts body + headers learnt for it, else Resource Timing's 300."""
    w = weights()
    w.record(report())
    load = w.loads()[0]
    assert load.route == "courses.lesson"
    # 10,000 on the wire; 6,000 + 300 for the cached stylesheet; 200 + 300 for the icon.
    assert load.files == [
        ("/lessons/plt-1", 10_000),
        ("/static/app.css", 6_300),
        ("/static/favicon.svg", 500),
    ]
    assert (load.bytes, load.requests) == (16_800, 3)
    w.headers[f"{BASE}/static/app.css"] = 750  # as learn_headers keeps from Chromium
    w.record(report())
    assert w.loads()[1].files[1] == ("/static/app.css", 6_750)


def test_budget_is_200_000_bytes_and_15_requests():
    """200,000 bytes and 15 requests pass; one byte or one request more is reported."""
    w = weights()
    w.record(report(doc=(200_000 - 6_300 - 500, 0)))
    w.record(report(doc=(200_000 - 6_300 - 500 + 1, 0)))
    tiny = [[f"{BASE}/static/{i}.svg", 0, 10, "img"] for i in range(12)]
    w.record(report(doc=(1_000, 0), extra=tiny))  # 1 + 1 + 12 + icon = 15
    w.record(report(doc=(1_000, 0), extra=[*tiny, [f"{BASE}/x.js", 0, 10, "script"]]))
    assert [load.bytes for load in w.loads()[:2]] == [200_000, 200_001]
    assert [load.requests for load in w.loads()[2:]] == [15, 16]
    problems = budget_problems(w.loads())
    assert len(problems) == 2 and "200.0 kB" in problems[0] and " 16 req" in problems[1]


def test_heaviest_keeps_one_load_per_route_heaviest_first():
    """Two lessons and a home page: the heavier lesson stands for its route, listed first."""
    w = weights()
    w.record(report(doc=(5_000, 0)))
    w.record(report(doc=(50_000, 0)))
    home = report(doc=(20_000, 0))
    home["url"] = home["document"][0] = f"{BASE}/"
    w.record(home)
    assert [(load.route, load.bytes) for load in w.heaviest()] == [
        ("courses.lesson", 56_800),
        ("home", 26_800),
    ]


def test_a_file_asked_for_twice_counts_once():
    """The builder's preview frame asks for the stylesheet again: one request, one cost."""
    w = weights()
    again = [f"{BASE}/static/app.css", 0, 6_000, "link"]
    w.record(report(extra=[again]))
    assert [name for name, _size in w.loads()[0].files].count("/static/app.css") == 1
    assert w.loads()[0].requests == 3
