"""Seed thousands of learners fast: a few template learners through the services, then clones.

`flask bench seed --learners N` (app/core/growth_cli.py) calls seed_learners(). Four template
learners are built as bench/seed.py builds the bench's learners (graded answers recorded as
skill evidence with their rebuilt skill states, a café sandbox account whose posts ran through
the simulator, an answered inbox shift, every scored exercise submitted, and a published
portfolio with a contact message and a share link; the second and fourth also took the demo's
lessons, diagnostic and quizzes through the services), with histories of 0.5, 1, 1 and 1.5
times the requested size. Every other learner is a copy of one template made
by PostgreSQL itself: one INSERT ... SELECT per table and template, crossed with
generate_series, so 10,000 learners take one statement per table instead of a million service
calls. A copy gets new ids computed from its row's rank among the template's rows, so every
foreign key points at the copy's own rows; unique text (email, quiz token, portfolio slug) gets
a "c<copy>-" prefix. An id kept inside a JSON document is copied as it is (a copy's
per-learner pages all render), so it would still name the template's row. Not
copied: sessions, tokens, credentials (signed documents) and former slugs. The SQL is built from the models' table and column names only.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Integer, String, Table, text

# Template history sizes relative to the requested mean (their mean is 1).
PROFILES = (0.5, 1.0, 1.0, 1.5)
TYPICAL = 1  # the template whose history is the requested size: the one the growth bench signs in
# Learner rows that are not copied: sign-ins and tokens (per device, secret), signed
# credentials (each is a signed public document), old slugs (their key is the slug itself).
# A copied share link keeps a prefixed digest that no token matches: it exists but cannot open.
NOT_COPIED = {"user_session", "account_token", "credential", "portfolio_slug"}
# Id references kept in columns that are not foreign keys: (table, column) -> [(parent, when)].
LOOSE_REFERENCES = {
    ("inbox_item", "post_id"): [("sandbox_post", "")],
    ("skill_evidence", "source_id"): [
        ("quiz_attempt", "r.source_kind = 'quiz'"),
        ("exercise_attempt", "r.source_kind = 'exercise'"),
    ],
}


def template_email(k: int, run: str) -> str:
    """The email of template learner k (run: '' normally, a suffix when seeding with --force)."""
    return f"growth-t{k}{run}@bench.example"


def seed_learners(
    n: int,
    answers: int,
    posts: int,
    force: bool,
    say: Callable[[str], None] = print,
    templates: int = len(PROFILES),
) -> dict[str, Any]:
    """Seed `n` learners (copies of the first `templates` of PROFILES, at least one);
    timings, row counts and the typical template's email."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from exercises import make_attempts
    from flask import current_app
    from inbox import answer_inbox
    from seed import make_learner, make_portfolio, make_sandbox

    from app.core.extensions import db

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    run = f"-{uuid.uuid4().hex[:6]}" if force else ""
    started = time.perf_counter()
    made = []
    for k, scale in enumerate(PROFILES[: max(1, min(n, templates))]):
        email = template_email(k, run)
        learning = k % 2 == 1  # half the templates also took the demo's lessons and quizzes
        make_learner(app, email, max(1, round(answers * scale)), offset=k * 37, first=learning)
        account, _ = make_sandbox(app, email, max(1, round(posts * scale)))
        answer_inbox(app, email, account)
        make_attempts(app, email, runs=0)
        make_portfolio(app, email, account, slug=f"growth-t{k}{run}")
        reach_portfolio(email)
        made.append(email)
        say(f"template {email}: seeded through the services")
    template_s = time.perf_counter() - started
    copies = n - len(made)
    per = [copies // len(made) + (k < copies % len(made)) for k in range(len(made))]
    started = time.perf_counter()
    with db.engine.begin() as conn:
        for k, email in enumerate(made):
            uid = conn.execute(
                text('SELECT id FROM "user" WHERE email = :e'), {"e": email}
            ).scalar()
            if per[k]:
                copy_learner(conn, int(uid), per[k])
        for table in db.metadata.sorted_tables:
            if "id" in table.c and isinstance(table.c.id.type, Integer) and table.c.id.primary_key:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "  # noqa: S608
                        f'COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                    )
                )
    copy_s = time.perf_counter() - started
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
        counts = {
            t.name: int(conn.execute(text(f'SELECT count(*) FROM "{t.name}"')).scalar() or 0)  # noqa: S608
            for t in db.metadata.sorted_tables
        }
    say(f"copies made in {copy_s:.1f} s (templates {template_s:.1f} s)")
    return {
        "typical": made[min(TYPICAL, len(made) - 1)],
        "templates_s": template_s,
        "copies_s": copy_s,
        "counts": counts,
    }


def reach_portfolio(email: str) -> None:
    """A contact message and a share link, as a published portfolio collects them."""
    from sqlalchemy import select

    from app.accounts.models import User
    from app.core.extensions import db
    from app.portfolio import services, sharing

    user = db.session.scalar(select(User).where(User.email == email))
    mine = services.portfolio_of(user)
    services.send_message(mine, "مقهى الورد", "hello@alward-cafe.example", "هل نتحدث هذا الأسبوع؟")
    sharing.create_link(user, mine, "growth", 30)


def copyable(table: Table) -> bool:
    """A learner table whose rows can be copied: a user_id, and an integer id or a
    primary key that includes a copied foreign key (portfolio_stat)."""
    if table.name in NOT_COPIED or "user_id" not in table.c:
        return False
    if "id" in table.c and table.c.id.primary_key and isinstance(table.c.id.type, Integer):
        return True
    return any(fk.parent.primary_key for fk in table.foreign_keys)


def copy_learner(conn: Any, uid: int, copies: int) -> None:
    """Make `copies` copies of learner `uid` in one INSERT ... SELECT per table."""
    from app.core.extensions import db

    tables = [t for t in db.metadata.sorted_tables if t.name == "user" or copyable(t)]
    # Each table's template rows, their count and the first id the copies take.
    shape: dict[str, tuple[int, int]] = {}
    for table in tables:
        where = "id = :uid" if table.name == "user" else "user_id = :uid"
        count = conn.execute(
            text(f'SELECT count(*) FROM "{table.name}" WHERE {where}'),  # noqa: S608
            {"uid": uid},
        ).scalar()
        base = 1
        if "id" in table.c:
            top = f'SELECT COALESCE(max(id), 0) + 1 FROM "{table.name}"'  # noqa: S608
            base = conn.execute(text(top)).scalar()
        shape[table.name] = (int(count or 0), int(base or 1))
    for table in tables:
        if shape[table.name][0]:
            conn.execute(text(copy_statement(table, shape)), {"uid": uid, "n": copies})


def copy_statement(table: Table, shape: dict[str, tuple[int, int]]) -> str:
    """The INSERT ... SELECT that copies one table's template rows `:n` times."""
    from sqlalchemy import UniqueConstraint

    joins, values = [], []
    unique = {c.name for c in table.c if c.unique} | {
        next(iter(u.columns)).name
        for u in table.constraints
        if isinstance(u, UniqueConstraint) and len(u.columns) == 1
    }
    parents = {fk.parent.name: [(fk.column.table.name, "")] for fk in table.foreign_keys}
    for (name, column), targets in LOOSE_REFERENCES.items():
        if name == table.name:
            parents[column] = targets
    for column in table.c:
        ref = f'r."{column.name}"'
        targets = [(p, when) for p, when in parents.get(column.name, []) if p in shape]
        if column.name == "id" and column.primary_key:
            count, base = shape[table.name]
            values.append(f"{base} + g.i * {count} + r.rn")
        elif targets and targets[0][0] == "user":
            values.append(f"{shape['user'][1]} + g.i")
        elif targets:
            cases = []
            for parent, when in targets:
                count, base = shape[parent]
                alias = f"m_{column.name}_{parent}"
                text_key = isinstance(column.type, String)
                key = f"{alias}.id::text" if text_key else f"{alias}.id"
                joins.append(
                    "LEFT JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn "  # noqa: S608
                    f'FROM "{parent}" WHERE user_id = :uid) {alias} ON {key} = {ref}'
                    + (f" AND {when}" if when else "")
                )
                mapped = f"({base} + g.i * {count} + {alias}.rn)" + ("::text" if text_key else "")
                cases.append(f"WHEN {alias}.rn IS NOT NULL THEN {mapped}")
            values.append(f"CASE {' '.join(cases)} ELSE {ref} END")
        elif column.name in unique and isinstance(column.type, String):
            limit = column.type.length or 60
            values.append(f"left('c' || g.i || '-' || {ref}, {limit})")
        else:
            values.append(ref)
    names = ", ".join(f'"{c.name}"' for c in table.c)
    key = "id" if table.name == "user" else "user_id"
    order = "id" if "id" in table.c else ", ".join(f'"{c.name}"' for c in table.primary_key)
    return (
        f'INSERT INTO "{table.name}" ({names}) SELECT {", ".join(values)} '  # noqa: S608
        f"FROM (SELECT t.*, row_number() OVER (ORDER BY {order}) - 1 AS rn "
        f'FROM "{table.name}" t WHERE t.{key} = :uid) r '
        f"CROSS JOIN generate_series(0, :n - 1) AS g(i) {' '.join(joins)}"
    )
