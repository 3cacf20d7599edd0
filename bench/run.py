"""`make bench` / `make bench-pg`: load the app under gunicorn with wrk, /healthz as the yardstick.

Starts gunicorn with the repository's gunicorn.conf.py (2 sync workers, preloaded app, access
log off; production config: PUBLIC_BASE_URL is the loopback address it serves, mail goes to a
local SMTP sink) on 127.0.0.1 against a seeded database: a temporary SQLite file, or the empty
database given with --database-url (make bench-pg makes and drops one), with --redis-url for
the rate-limit counters as production has. Every page (bench/bench_pages.py) is measured in
rounds with `wrk -t2 -c16`, /healthz interleaved (bench/load.py), after one second's warm-up
on each page. Prints, and saves to bench/results/, requests/s, the ratio to /healthz, CPU ms
per request (workers' CPU time / requests), p50/p99 latency, worker memory, each target and
any miss (a miss never fails the run), and the SQL queries one request makes (measured in
process) for a small and a large history.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.handlers import Sink  # noqa: E402
from load import ensure_wrk, measure_pages, memory, worker_memory, wrk  # noqa: E402
from report import queries_lines, save, save_profile, table  # noqa: E402
from seed import PASSWORD, seed_database  # noqa: E402
from spy import profile_pages  # noqa: E402

from app.credentials.domain.keys import generate_key_pair  # noqa: E402

REPEATS, SECONDS, WORKERS = 3, 3, 2


def options(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line: where the data lives and how long to measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default="",
        help="an EMPTY database to migrate and seed (default: a temporary SQLite file)",
    )
    parser.add_argument(
        "--redis-url", default="", help="Redis for the rate-limit counters (default: none)"
    )
    parser.add_argument("--repeats", type=int, default=REPEATS, help="rounds over every page")
    parser.add_argument("--seconds", type=int, default=SECONDS, help="length of one wrk run")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample the workers with py-spy on each page instead of measuring (bench/spy.py)",
    )
    return parser.parse_args(argv)


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sign_in(base: str, email: str) -> str:
    """Sign in through the real form (with its CSRF token), then open the home page as a
    browser would; return the Cookie header the browser then holds."""
    cookie = signed_in_cookie(base, email)
    # Signing in starts a new session; the first page with a form adds its CSRF secret to
    # it. A browser keeps that cookie: sending the sign-in one for ever would make every
    # measured request draw a new secret and sign a new cookie, which no visitor does.
    home = urllib.request.Request(base + "/", headers={"Cookie": cookie})
    again = urllib.request.urlopen(home, timeout=10).headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in again) or cookie


def signed_in_cookie(base: str, email: str) -> str:
    """Sign in through the real form (with its CSRF token); the Cookie header it sets."""
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


def check_redis(url: str) -> None:
    """Stop early when the Redis given is unreachable (the app would silently fall back)."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        sys.exit(f"Redis at {url} is unreachable: {exc}")


def main() -> None:
    """Seed, serve, measure, print and save the table."""
    args = options()
    # SIGTERM (make bench-pg interrupted) unwinds like an exception: gunicorn is stopped.
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    binary = ensure_wrk()
    if args.redis_url:
        check_redis(args.redis_url)
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
        "DATABASE_URL": args.database_url or f"sqlite:///{work / 'bench.db'}",
        "RATELIMIT_DEFAULT": "",
        "PYTHONPATH": str(ROOT),
        # Plain http is accepted on loopback only; the Host wrk sends is this address.
        "PUBLIC_BASE_URL": base,
        "TRUSTED_HOSTS": "127.0.0.1",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp.port),
        "MAIL_USE_TLS": "false",
        # gunicorn.conf.py: the bench's worker count, its port, no access log line per request.
        "WEB_CONCURRENCY": str(WORKERS),
        "BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    env.pop("REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    try:
        measure(binary, env, work, base, args, content)
    finally:
        smtp.stop()
        shutil.rmtree(work, ignore_errors=True)


def preflight(base: str, pages: list[Any], cookies: dict[str, str]) -> None:
    """Every page answers 200 over HTTP before it is loaded (a bench of an error page is
    worthless)."""
    wrong = []
    for page in pages:
        request = urllib.request.Request(
            base + page.path, headers={"Cookie": cookies.get(page.who, "")}
        )
        try:
            code = urllib.request.urlopen(request, timeout=30).status
        except urllib.error.HTTPError as exc:
            code = exc.code
        if code != 200:
            wrong.append(f"{page.path} -> {code}")
    if wrong:
        raise RuntimeError("pages that do not answer 200: " + "; ".join(wrong))


def measure(
    binary: str,
    env: dict[str, str],
    work: Path,
    base: str,
    args: argparse.Namespace,
    content: tuple[float, int],
) -> None:
    """Seed the database, start gunicorn, measure every page, print and save the report."""
    targets = seed_database(env, work)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        cookies = {name: sign_in(base, email) for name, email in targets["accounts"].items()}
        # BENCH_ONLY=substring[,substring] limits the run to matching pages (quick iterations).
        only = os.environ.get("BENCH_ONLY", "").split(",")
        pages = [page for page in targets["pages"] if any(part in page.label for part in only)]
        preflight(base, pages, cookies)
        before = worker_memory(server.pid)

        def run(path: str, cookie: str) -> dict[str, float]:
            return wrk(binary, base + path, cookie, server.pid, args.seconds)

        # One second of load on every page first, thrown away: preflight's single requests
        # reach one worker only, and the other's first requests (templates compiled, kept
        # renderings drawn) would otherwise land in the first page's p99.
        for page in pages:
            wrk(binary, base + page.path, cookies.get(page.who, ""), server.pid, 1)

        if args.profile:
            engine = env["DATABASE_URL"].split(":", 1)[0].split("+", 1)[0]
            lines = profile_pages(pages, server.pid, max(args.seconds, 5), run, cookies)
            print(f"\nsaved to {save_profile(lines, engine).relative_to(ROOT)}")
            return

        def largest_rss() -> float:
            return max((rss for rss, _ in worker_memory(server.pid)), default=0.0)

        rows, healthz = measure_pages(pages, run, cookies, args.repeats, largest_rss)
        footprint = {
            "before": before,
            "after": worker_memory(server.pid),
            "master": memory(Path(f"/proc/{server.pid}")),
        }
    finally:
        server.terminate()
        server.wait(10)
    engine = env["DATABASE_URL"].split(":", 1)[0].split("+", 1)[0]
    setup = (
        f"{engine}{' + Redis' if env.get('REDIS_URL') else ''}: wrk -t2 -c16 --timeout 10s, {args.repeats} "
        f"rounds x {args.seconds} s per page, /healthz every 4 pages; gunicorn.conf.py, "
        f"{WORKERS} sync workers, preloaded app; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    lines = table(setup, rows, healthz, footprint)
    lines += queries_lines(targets["queries"])
    lines += in_process_lines(targets, *content)
    print("\n" + "\n".join(lines))
    print(f"\nsaved to {save(lines, engine, rows, healthz).relative_to(ROOT)}")


def in_process_lines(targets: dict[str, Any], content_ms: float, content_errors: int) -> list[str]:
    """The figures measured in process, not over HTTP."""
    lines = [
        "",
        f"content: loaded and validated all of courses/ and quizzes/ in {content_ms:.0f} ms "
        f"({content_errors} errors; target <= 1000 ms)",
        f"sandbox: advancing an account with 100 scheduled posts by 30 simulated days took "
        f"{targets['advance_ms']:.0f} ms of CPU in process (target <= 200 ms)",
    ]
    lines.append(
        f"ads: advancing that account, with 5 running campaigns, by 30 simulated days and "
        f"reading the 5 campaigns' results took {targets['ads_ms']:.0f} ms of CPU in process "
        "(results are computed on read; target <= 300 ms)"
    )
    for exercise_id, ms in targets["scoring_ms"].items():
        lines.append(
            f"exercises: scoring one whole {exercise_id} attempt (its example answer, hard "
            f"condition) took {ms:.1f} ms of CPU in process (median; target <= 50 ms)"
        )
    lines.append(
        f"inbox: scoring one reply by the rubric took {targets['reply_ms']:.2f} ms of CPU "
        "in process (median over the café's model answers; target <= 5 ms)"
    )
    return lines


if __name__ == "__main__":
    main()
