"""The bench's table: figures per page next to their targets, misses marked, saved to a file."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

from bench_pages import P99_OVER_P50
from load import NOISY, Measured, spread

RESULTS = Path(__file__).resolve().parent / "results"
NOT_BENCHED = (
    "not benched: /p/<slug>/go/<item> (a 302 to the learner's link) and the pages of a "
    "one-time emailed token (/verify, /reset, /account/email/confirm and their /<token> links: "
    "400 without a fresh token in the session)"
)


def misses(entry: Measured) -> list[str]:
    """What a page missed: its ratio target, the earlier issue's floor, p99 <= 3 x p50."""
    found = []
    page, ratio = entry.page, entry.ratio
    if page.target is not None and ratio < page.target:
        found.append(f"ratio<{page.target:.0%}")
    if page.earlier is not None and ratio < page.earlier:
        found.append(f"earlier floor {page.earlier:.0%}")
    if any(r["rps"] == 0 for r in entry.runs):
        found.append("a run completed no request")
    if entry.median("p99") > P99_OVER_P50 * entry.median("p50"):
        found.append(f"p99>{P99_OVER_P50:g}xp50")
    return found


def table(
    setup: str, rows: list[Measured], healthz: list[float], memory: dict[str, Any]
) -> list[str]:
    """The report's lines: the run's conditions, one line per page, memory, the verdict."""
    noisy = spread(healthz) > NOISY
    lines = [
        setup,
        f"/healthz over the run: {len(healthz)} runs, min {min(healthz):.0f}, median "
        f"{statistics.median(healthz):.0f}, max {max(healthz):.0f} req/s, spread "
        f"{spread(healthz):.0%}"
        + (f"  ** NOISY (over {NOISY:.0%}): ratios are rough **" if noisy else ""),
        "targets: signed-in pages >= 25% of /healthz, public portfolio and credential "
        "verification >= 60%, every page p99 <= 3 x p50 (a miss is reported, not fatal); "
        "failed: non-2xx answers and socket errors; RSS: the largest worker after the page; "
        "cpu r: /healthz CPU ms per request over the page's (for reading a noisy run; the "
        "target is judged on req/s)",
        "",
        f"{'page':38} {'req/s':>7} {'healthz':>7} {'ratio':>6} {'target':>6} {'cpu ms':>7} {'cpu r':>6} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'p99/50':>6} {'RSS MB':>6} {'failed':>6}  verdict",
    ]
    for entry in rows:
        page, missed = entry.page, misses(entry)
        p50, p99 = entry.median("p50"), entry.median("p99")
        target = f"{page.target:.0%}" if page.target is not None else "-"
        lines.append(
            f"{page.label:38} {entry.median('rps'):7.0f} {statistics.median(entry.yard):7.0f} "
            f"{entry.ratio:6.0%} {target:>6} {entry.median('cpu_ms'):7.2f} {entry.cpu_ratio:6.0%} "
            f"{p50:7.1f} "
            f"{p99:7.1f} {p99 / max(p50, 0.001):6.1f} {entry.rss_mb:6.0f} "
            f"{int(sum(r['bad'] for r in entry.runs)):6d}  "
            + ("MISS: " + ", ".join(missed) if missed else "ok")
        )
    missed_pages = [e.page.label for e in rows if misses(e)]
    lines += [
        "",
        "worker memory (MB, RSS / PSS per worker): before "
        + ", ".join(f"{r:.0f}/{p:.0f}" for r, p in memory["before"])
        + "; after "
        + ", ".join(f"{r:.0f}/{p:.0f}" for r, p in memory["after"])
        + f"; gunicorn master (the preloaded app) {memory['master'][0]:.0f}/"
        f"{memory['master'][1]:.0f}",
        f"{len(rows) - len(missed_pages)} of {len(rows)} pages met every target; "
        f"{len(missed_pages)} MISSED" + (" (NOISY run)" if noisy else ""),
        NOT_BENCHED,
    ]
    return lines


def queries_lines(queries: list[tuple[str, int | None, int]]) -> list[str]:
    """SQL statements per request, for the short and the long history."""
    lines = ["", "SQL queries per request (in process; anonymous pages without a session):"]
    for label, small, large in queries:
        short = f"{small:3d}" if small is not None else "  -"
        lines.append(f"  {label:38} {short} with a short history, {large:3d} with the long one")
    lines.append(
        "  (sandbox pages: the short learner's account has 10 posts, the long one's 100; "
        "- : the short learner has no such page)"
    )
    return lines


def save_profile(lines: list[str], engine: str) -> Path:
    """Write a profiled run's report to bench/results/, named by UTC time."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{engine}-profile.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def save(lines: list[str], engine: str, rows: list[Measured], healthz: list[float]) -> Path:
    """Write the table (and the raw figures as JSON) to bench/results/, named by UTC time."""
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    path = RESULTS / f"{stamp}-{engine}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = {
        "healthz": healthz,
        "pages": [
            {
                "label": e.page.label,
                "path": e.page.path,
                "target": e.page.target,
                "ratio": e.ratio,
                "cpu_ratio": e.cpu_ratio,
                "runs": e.runs,
                "healthz": e.yard,
                "misses": misses(e),
            }
            for e in rows
        ],
    }
    path.with_suffix(".json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return path
