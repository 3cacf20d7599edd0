"""`make bench-growth`: per-page CPU and SQL queries with 1,000 and with 10,000 learners.

Makes one PostgreSQL database per size on BENCH_PG_ADMIN_URL's server, migrates it, seeds it
with `flask bench seed --learners N` (bench/growth_seed.py), then signs in the typical seeded
learner (a template seeded through the services, whose history is the requested size) on
both databases in one process and requests each per-learner page of bench/bench_pages.py through
the Flask test client, alternating between the databases: CPU ms per request (median of
--repeats), wall ms (median, PostgreSQL's own time included) and SQL statements per request.
Prints the side-by-side table, flags a page whose CPU or query count at the larger size is
more than 20% above the smaller one, writes it to bench/results/, and drops the databases
(--keep keeps them).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pg import admin, database_url  # noqa: E402
from psycopg import sql  # noqa: E402
from seed import PASSWORD, first_published  # noqa: E402

LIMIT = 1.20
# The per-learner signed-in pages of bench/bench_pages.py (labels as listed there).
PAGES = (
    "home (5,000 answers)",
    "gap report (5,000 answers)",
    "skill: why this level",
    "review queue",
    "quiz history",
    "exercises page",
    "sandbox accounts",
    "sandbox account home",
    "sandbox calendar (100 posts)",
    "sandbox analytics (100 posts)",
    "sandbox post (why panel)",
    "sandbox report (100 posts)",
    "A/B test results with the working",
    "inbox (60 messages)",
    "ads manager (5 campaigns)",
    "portfolio builder",
    "portfolio preview",
    "portfolio stats",
    "account overview",
    "account sessions",
    "my credentials",
)
# Ids page_list() asks for that only pages outside PAGES use.
UNUSED_IDS = (
    "result_attempt",
    "short_result_attempt",
    "report_attempt",
    "short_report_attempt",
    "answered",
    "short_answered",
    "short_abtest",
    "campaign",
    "draft_campaign",
    "credential",
    "open_quiz",
    "quiz_result",
    "exercise",
    "open_exercise",
    "item",
    "image",
    "key",
    "status_list",
)


def options() -> argparse.Namespace:
    """The command line: sizes, repeats, history per learner, whether to keep the databases."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="two learner counts")
    parser.add_argument("--repeats", type=int, default=15, help="requests per page and size")
    parser.add_argument("--answers-per-learner", type=int, default=100)
    parser.add_argument("--posts-per-learner", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    return parser.parse_args()


def flask(url: str, *args: str) -> str:
    """Run a flask command against database `url` in development config; its output."""
    env = {**os.environ, "TAWASUL_ENV": "development", "DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app:create_app", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def seed(name: str, learners: int, args: argparse.Namespace) -> tuple[str, float, str]:
    """Create, migrate and seed database `name`; its URL, the seeding seconds and output."""
    admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = database_url(name)
    flask(url, "db", "upgrade")
    start = time.perf_counter()
    out = flask(
        url,
        "bench",
        "seed",
        "--learners",
        str(learners),
        "--answers-per-learner",
        str(args.answers_per_learner),
        "--posts-per-learner",
        str(args.posts_per_learner),
    )
    return url, time.perf_counter() - start, out


class Site:
    """One app on one seeded database, with the typical learner signed in."""

    def __init__(self, url: str, email: str, work: Path) -> None:
        """Build the app, find the learner's rows, sign in."""
        from sqlalchemy import event

        from app import create_app
        from app.core import rawread
        from app.core.config import engine_options
        from app.core.extensions import db

        os.environ["TAWASUL_ENV"] = "development"
        self.app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url),
                "WTF_CSRF_ENABLED": False,
                "REQUEST_LOG": False,
                "INSTANCE_PATH": str(work),
            }
        )
        with self.app.app_context():
            self.pages = learner_pages(email)
            engine = db.engine
        self.queries = 0
        event.listen(engine, "before_cursor_execute", self.count)
        rawread.WATCHERS.append(self.count_raw)  # one-query reads bypass the engine's events
        self.client = self.app.test_client()
        answer = self.client.post("/login", data={"email": email, "password": PASSWORD})
        assert answer.status_code in (302, 303), answer.status_code

    def count(self, *_args: Any) -> None:
        """Count one SQL statement."""
        self.queries += 1

    def count_raw(self, *_args: Any) -> None:
        """Count one raw read, when this site's app made it (the watchers are shared)."""
        from flask import current_app

        if current_app._get_current_object() is self.app:  # type: ignore[attr-defined]
            self.queries += 1

    def get(self, path: str) -> tuple[float, float, int]:
        """One GET: CPU ms, wall ms, SQL statements."""
        self.queries = 0
        wall, cpu = time.perf_counter(), time.process_time()
        response = self.client.get(path)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        assert response.status_code == 200, (path, response.status_code)
        return cpu * 1000, wall * 1000, self.queries


def learner_pages(email: str) -> dict[str, str]:
    """Label -> path of the per-learner pages, for the learner with `email`."""
    from bench_pages import page_list
    from sqlalchemy import select

    from app.accounts.models import User
    from app.core.extensions import db
    from app.portfolio.models import CaseStudy, Portfolio
    from app.sandbox.models import AbTest, SandboxAccount

    user = db.session.scalar(select(User).where(User.email == email))
    account = db.session.scalar(select(SandboxAccount.id).where(SandboxAccount.user_id == user.id))
    post = first_published(account)
    portfolio = db.session.scalar(select(Portfolio.id).where(Portfolio.user_id == user.id))
    ids: dict[str, Any] = dict.fromkeys(UNUSED_IDS, 0)
    ids.update(
        big_account=account,
        small_account=account,
        big_post=post,
        small_post=post,
        abtest=db.session.scalar(select(AbTest.id).where(AbTest.account_id == account)),
        case_study=db.session.scalar(
            select(CaseStudy.id).where(CaseStudy.portfolio_id == portfolio)
        ),
    )
    return {p.label: p.path for p in page_list(ids) if p.label in PAGES}


def measure(sites: list[Site], repeats: int) -> list[tuple[str, list[tuple[float, float, int]]]]:
    """Per page, each site's median CPU ms, median wall ms and queries (sites alternate)."""
    rows = []
    for label in PAGES:
        runs: list[list[tuple[float, float, int]]] = [[] for _ in sites]
        for site in sites:
            site.get(site.pages[label])  # warm: rendered Markdown, caches, session touch
        for _ in range(repeats):
            for n, site in enumerate(sites):
                runs[n].append(site.get(site.pages[label]))
        rows.append(
            (
                label,
                [
                    (
                        statistics.median(r[0] for r in run),
                        statistics.median(r[1] for r in run),
                        max(r[2] for r in run),
                    )
                    for run in runs
                ],
            )
        )
    return rows


def table(sizes: list[int], rows: list[Any], seeded: list[str]) -> list[str]:
    """The side-by-side table, a flag on each figure more than 20% above the smaller size."""
    a, b = (f"{s:,}" for s in sizes)
    lines = [
        f"Growth: {a} vs {b} learners (PostgreSQL, in process, median of the repeats)",
        *seeded,
        "",
        f"{'page':36} {'CPU ms ' + a:>12} {b:>8} {'ratio':>6}   "
        f"{'wall ms ' + a:>13} {b:>8}   {'queries ' + a:>13} {b:>6}",
    ]
    flagged = 0
    for label, ((cpu1, wall1, q1), (cpu2, wall2, q2)) in rows:
        ratio = cpu2 / cpu1 if cpu1 else 1.0
        flags = []
        if ratio > LIMIT:
            flags.append("CPU")
        if q2 > q1 * LIMIT:
            flags.append("QUERIES")
        flagged += bool(flags)
        short = label.split(" (", 1)[0]  # the bench's history sizes do not apply here
        lines.append(
            f"{short:36} {cpu1:12.1f} {cpu2:8.1f} {ratio:6.2f}   {wall1:13.1f} {wall2:8.1f}"
            f"   {q1:13d} {q2:6d}  {' '.join(f'> 20% {f}' for f in flags)}"
        )
    lines.append("")
    lines.append(f"{flagged} of {len(rows)} pages more than 20% above the smaller size")
    return lines


def main() -> int:
    """Seed both sizes, measure, print and save; drop the databases unless --keep."""
    args = options()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    stamp = time.strftime("%Y%m%d_%H%M%S", time.gmtime())
    names = [f"tawasul_growth_{s}_{stamp}" for s in sizes]
    seeded, sites = [], []
    work = Path(tempfile.mkdtemp(prefix="tawasul-growth-"))
    try:
        for size, name in zip(sizes, names, strict=True):
            url, seconds, out = seed(name, size, args)
            typical = out.rsplit("Typical learner: ", 1)[1].strip()
            summary = out.strip().splitlines()[-2]
            seeded.append(f"  {name}: {summary} (wall {seconds:.0f} s with the templates)")
            print(seeded[-1], flush=True)
            sites.append(Site(url, typical, work / name))
        lines = table(sizes, measure(sites, args.repeats), seeded)
        print("\n".join(lines))
        results = ROOT / "bench" / "results"
        results.mkdir(exist_ok=True)
        path = results / f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-growth.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"saved {path.relative_to(ROOT)}")
    finally:
        for site in sites:
            with site.app.app_context():
                from app.core.extensions import db

                db.engine.dispose()
        if not args.keep:
            for name in names:
                admin(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
