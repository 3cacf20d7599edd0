"""Load generation with wrk and what the bench reads of gunicorn's workers (CPU, memory).

Pages are measured in rounds: each round visits every page once (odd rounds in reverse order,
so slow drift of the shared machine does not always favour the same pages) and measures
/healthz before the first page, after every HEALTHZ_EVERY pages and after the last. A page's
ratio is its requests/s over the mean of the two /healthz runs around it, so each page is
compared with the yardstick measured moments before and after it.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HEALTHZ_EVERY = 4
NOISY = 0.15  # /healthz spread (max - min over median) above which the run is flagged


def ensure_wrk() -> str:
    """Path to wrk, installing Debian's package when it is missing."""
    if not shutil.which("wrk"):
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "--no-install-recommends", "wrk"], check=False
        )
    path = shutil.which("wrk")
    if not path:
        sys.exit("wrk is not installed and could not be installed (apt-get install wrk)")
    return path


def workers(master: int) -> list[Path]:
    """/proc directories of the gunicorn master's children (the workers)."""
    found = []
    for pid in Path("/proc").iterdir():
        if not pid.name.isdigit():
            continue
        try:
            stat = (pid / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[1]) == master:
            found.append(pid)
    return found


def worker_cpu(master: int) -> float:
    """Total CPU seconds of the workers."""
    total = 0.0
    for pid in workers(master):
        try:
            stat = (pid / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    return total


def drain(master: int, base: str, limit: float = 120.0) -> None:
    """Wait, at most `limit` s, until gunicorn is idle: its workers use under 20 ms of CPU in
    250 ms, and then /healthz (queued behind any request still waiting) answers in under
    100 ms three times running. A worker waiting on the database uses no CPU, so CPU alone
    is not enough."""
    deadline = time.monotonic() + limit
    before, quick = worker_cpu(master), 0
    while time.monotonic() < deadline and quick < 3:
        time.sleep(0.25)
        now = worker_cpu(master)
        busy, before = now - before >= 0.02, now
        if busy:
            quick = 0
            continue
        start = time.monotonic()
        try:
            urllib.request.urlopen(base + "/healthz", timeout=limit).read()
        except OSError:
            quick = 0
            continue
        quick = quick + 1 if time.monotonic() - start < 0.1 else 0


def memory(pid: Path) -> tuple[float, float]:
    """(RSS, PSS) of one process in MB; PSS shares the preloaded app's pages among workers."""
    figures = {"Rss:": 0.0, "Pss:": 0.0}
    try:
        for line in (pid / "smaps_rollup").read_text().splitlines():
            name, value, *_ = line.split()
            if name in figures:
                figures[name] = int(value) / 1024
    except (OSError, ValueError):
        pass
    return figures["Rss:"], figures["Pss:"]


def worker_memory(master: int) -> list[tuple[float, float]]:
    """(RSS, PSS) in MB per worker."""
    return [memory(pid) for pid in sorted(workers(master), key=lambda p: int(p.name))]


def wrk(binary: str, url: str, cookie: str, master: int, seconds: int) -> dict[str, float]:
    """One wrk run: requests/s, p50/p99 in ms, CPU ms per request, failed requests (non-2xx
    answers and socket errors: a timed-out request is missing from wrk's latencies)."""
    cpu_before = worker_cpu(master)
    # wrk's default 2 s timeout would drop the slowest requests from p99 on a busy machine.
    args = [binary, "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    if cookie:
        args[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    # Requests wrk gave up on are still queued in gunicorn: they finish here, not in the
    # next page's run, and their CPU time is this page's.
    drain(master, "/".join(url.split("/", 3)[:3]))
    cpu = worker_cpu(master) - cpu_before
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)

    def pct(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    if requests == 0:  # every request timed out: no latency to read
        return {"rps": 0.0, "p50": 0.0, "p99": 0.0, "cpu_ms": cpu * 1000, "bad": 16.0}
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": pct("50"),
        "p99": pct("99"),
        "cpu_ms": cpu * 1000 / max(requests, 1),
        "bad": (float(bad.group(1)) if bad else 0.0)
        + (sum(float(n) for n in errors.groups()) if errors else 0.0),
    }


@dataclass
class Measured:
    """A page's runs, each with the mean of the /healthz runs just before and after it."""

    page: Any
    runs: list[dict[str, float]] = field(default_factory=list)
    yard: list[float] = field(default_factory=list)
    yard_cpu: list[float] = field(default_factory=list)  # /healthz CPU ms around each run
    rss_mb: float = 0.0  # the largest worker's RSS after the page's last run

    def median(self, key: str) -> float:
        """Median of one wrk figure over the repeats."""
        return statistics.median(r[key] for r in self.runs)

    @property
    def ratio(self) -> float:
        """Median over repeats of requests/s relative to the surrounding /healthz runs."""
        return statistics.median(r["rps"] / h for r, h in zip(self.runs, self.yard, strict=True))

    @property
    def cpu_ratio(self) -> float:
        """/healthz CPU ms per request over the page's: the same ratio, less sensitive to
        other tenants of the machine (CPU time is not wall time)."""
        pairs = zip(self.runs, self.yard_cpu, strict=True)
        return statistics.median(h / max(r["cpu_ms"], 0.001) for r, h in pairs)


def measure_pages(
    pages: Sequence[Any],
    run: Callable[[str, str], dict[str, float]],
    cookies: dict[str, str],
    repeats: int,
    rss: Callable[[], float],
) -> tuple[list[Measured], list[float]]:
    """Measure every page `repeats` times in rounds; returns the pages and every /healthz
    requests/s in the order measured (run(path, cookie) is one wrk run)."""
    measured = {page.label: Measured(page) for page in pages}
    healthz: list[float] = []
    healthz_cpu: list[float] = []
    for round_ in range(repeats):
        order = list(pages) if round_ % 2 == 0 else list(reversed(pages))
        pending: list[Measured] = []
        for index, page in enumerate(order):
            # A round starts right after the previous one's closing /healthz run.
            if index % HEALTHZ_EVERY == 0 and (index or not healthz):
                settle(pending, healthz, run, healthz_cpu)
            entry = measured[page.label]
            entry.runs.append(run(page.path, cookies.get(page.who, "")))
            entry.rss_mb = rss()
            pending.append(entry)
        settle(pending, healthz, run, healthz_cpu)
    return list(measured.values()), healthz


def settle(
    pending: list[Measured],
    healthz: list[float],
    run: Callable[[str, str], dict[str, float]],
    healthz_cpu: list[float],
) -> None:
    """Measure /healthz and give the pages since the previous /healthz run their yardstick."""
    result = run("/healthz", "")
    rps, cpu = result["rps"], result["cpu_ms"]
    before = healthz[-1] if healthz and pending else rps
    before_cpu = healthz_cpu[-1] if healthz_cpu and pending else cpu
    healthz.append(rps)
    healthz_cpu.append(cpu)
    for entry in pending:
        entry.yard.append((before + rps) / 2)
        entry.yard_cpu.append((before_cpu + cpu) / 2)
    pending.clear()


def spread(values: Sequence[float]) -> float:
    """(max - min) / median: how much /healthz varied during the run."""
    return (max(values) - min(values)) / statistics.median(values) if values else 0.0
