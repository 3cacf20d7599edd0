"""`make bench`: load the app under gunicorn with wrk, /healthz as the yardstick.

Starts gunicorn (2 sync workers, production config: PUBLIC_BASE_URL is the loopback address
it serves, mail goes to a local SMTP sink) on 127.0.0.1 against a seeded SQLite database,
then for each target page alternates wrk runs of the page and of /healthz (3 repeats of
5 s, `wrk -t2 -c16`). Prints requests/s, the median ratio to /healthz, CPU
ms per request (gunicorn workers' CPU time / requests), p50/p99 latency, and the SQL queries
one request makes (measured in process) for a small and a large history.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.handlers import Sink  # noqa: E402
from seed import PASSWORD, seed_database  # noqa: E402

from app.credentials.domain.keys import generate_key_pair  # noqa: E402

REPEATS, SECONDS = 3, 5


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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


def sign_in(base: str, email: str) -> str:
    """Sign in through the real form (with its CSRF token); return the Cookie header."""
    login = urllib.request.urlopen(base + "/login", timeout=10)
    cookie = "; ".join(c.split(";", 1)[0] for c in login.headers.get_all("Set-Cookie") or [])
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login.read().decode()).group(1)
    data = urllib.parse.urlencode(
        {"email": email, "password": PASSWORD, "csrf_token": token}
    ).encode()
    request = urllib.request.Request(base + "/login", data=data, headers={"Cookie": cookie})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    try:
        urllib.request.build_opener(NoRedirect).open(request, timeout=10)
    except urllib.error.HTTPError as exc:
        if exc.code != 303:
            raise
        return "; ".join(c.split(";", 1)[0] for c in exc.headers.get_all("Set-Cookie") or [])
    raise RuntimeError("login did not redirect")


def worker_cpu(master: int) -> float:
    """Total CPU seconds of the gunicorn master's children (the workers)."""
    total = 0.0
    for pid in Path("/proc").iterdir():
        if not pid.name.isdigit():
            continue
        try:
            stat = (pid / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[1]) == master:
            total += (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    return total


def wrk(binary: str, url: str, cookie: str, master: int) -> dict[str, float]:
    """One wrk run: requests/s, p50/p99 in ms, CPU ms per request, non-2xx count."""
    cpu_before = worker_cpu(master)
    args = [binary, "-t2", "-c16", f"-d{SECONDS}s", "--latency", url]
    if cookie:
        args[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    cpu = worker_cpu(master) - cpu_before
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def pct(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": pct("50"),
        "p99": pct("99"),
        "cpu_ms": cpu * 1000 / max(requests, 1),
        "bad": float(bad.group(1)) if bad else 0.0,
    }


def main() -> None:
    """Seed, serve, measure and print the table."""
    binary = ensure_wrk()
    work = Path(tempfile.mkdtemp(prefix="tawasul-bench-"))
    start = time.perf_counter()
    from app.content.library import load_library

    _, problems = load_library(ROOT)
    content = ((time.perf_counter() - start) * 1000, len(problems.errors))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Production refuses to start without an SMTP server: a local one that drops every message.
    smtp = Controller(Sink(), hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = {
        **os.environ,
        "TAWASUL_ENV": "production",
        "SECRET_KEY": "bench-" + "x" * 40,
        "CREDENTIAL_SIGNING_KEY": generate_key_pair().secret_multibase,
        "DATABASE_URL": f"sqlite:///{work / 'bench.db'}",
        "RATELIMIT_DEFAULT": "",
        "PYTHONPATH": str(ROOT),
        # Plain http is accepted on loopback only; the Host wrk sends is this address.
        "PUBLIC_BASE_URL": base,
        "TRUSTED_HOSTS": "127.0.0.1",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp.port),
        "MAIL_USE_TLS": "false",
    }
    env.pop("REDIS_URL", None)
    try:
        measure(binary, env, work, base, port, content)
    finally:
        smtp.stop()
        shutil.rmtree(work, ignore_errors=True)


def measure(
    binary: str, env: dict[str, str], work: Path, base: str, port: int, content: tuple[float, int]
) -> None:
    """Seed the database, start gunicorn and print the figures (content: load ms, errors)."""
    targets = seed_database(env, work)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        cookies = {name: sign_in(base, email) for name, email in targets["accounts"].items()}
        rows = []
        # BENCH_ONLY=substring limits the run to matching pages (for quick iterations).
        only = os.environ.get("BENCH_ONLY", "")
        for label, path, who, floor in targets["pages"]:
            if only and only not in label:
                continue
            runs, yard = [], []
            for _ in range(REPEATS):
                runs.append(wrk(binary, base + path, cookies.get(who, ""), server.pid))
                yard.append(wrk(binary, base + "/healthz", "", server.pid))
            ratio = statistics.median(r["rps"] / h["rps"] for r, h in zip(runs, yard, strict=True))
            rows.append((label, runs, yard, ratio, floor))
        print_report(rows, targets["queries"], *content)
        print(
            f"sandbox: advancing an account with 100 scheduled posts by 30 simulated days took "
            f"{targets['advance_ms']:.0f} ms of CPU in process (target <= 200 ms)"
        )
        for exercise_id, ms in targets["scoring_ms"].items():
            print(
                f"exercises: scoring one whole {exercise_id} attempt (its example answer, hard "
                f"condition) took {ms:.1f} ms of CPU in process (median; target <= 50 ms)"
            )
        print(
            f"inbox: scoring one reply by the rubric took {targets['reply_ms']:.2f} ms of CPU "
            "in process (median over the café's model answers; target <= 5 ms)"
        )
    finally:
        server.terminate()
        server.wait(10)


def print_report(rows, queries, content_ms, content_errors) -> None:  # type: ignore[no-untyped-def]
    """The figures, one line per page."""
    print(
        f"\nwrk -t2 -c16, {REPEATS} x {SECONDS} s per page, alternating with /healthz; gunicorn -w 2"
    )
    print(
        f"{'page':34} {'req/s':>8} {'healthz':>8} {'ratio':>7} {'target':>7} {'cpu ms':>7} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'non-2xx':>7}"
    )
    for label, runs, yard, ratio, floor in rows:
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(
            f"{label:34} {med['rps']:8.0f} {statistics.median(h['rps'] for h in yard):8.0f} "
            f"{ratio:7.0%} {f'{floor:.0%}' if floor else '-':>7} {med['cpu_ms']:7.2f} "
            f"{med['p50']:7.1f} {med['p99']:7.1f} {int(sum(r['bad'] for r in runs)):7d} "
            f"{'' if floor is None else 'PASS' if ratio >= floor else 'BELOW TARGET'}"
        )
    print("\nSQL queries per request (in process):")
    for label, small, large in queries:
        print(f"  {label:32} {small:3d} with a short history, {large:3d} with the long one")
    print("  (sandbox pages: the short learner's account has 10 posts, the long one's 100)")
    print(
        f"\ncontent: loaded and validated all of courses/ and quizzes/ in {content_ms:.0f} ms "
        f"({content_errors} errors; target <= 1000 ms)"
    )


if __name__ == "__main__":
    main()
