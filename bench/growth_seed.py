"""Seed thousands of learners fast: a few template learners through the services, then clones.

`flask bench seed --learners N` (app/core/growth_cli.py) calls seed_learners(). Four template
learners are built as bench/seed.py builds the bench's learners (graded answers recorded as
skill evidence with their rebuilt skill states, a café sandbox account whose posts ran through
the simulator, an answered inbox shift and a published portfolio), with histories of
0.5, 1, 1 and 1.5 times the requested size. Every other learner is a copy of one template made
by PostgreSQL itself: one INSERT ... SELECT per table and template, crossed with
generate_series, so 10,000 learners take one statement per table instead of a million service
calls. A copy gets new ids computed from its row's rank among the template's rows, so every
foreign key points at the copy's own rows; unique text (email, quiz token, portfolio slug) gets
a "c<copy>-" prefix. The SQL is built from the models' table and column names only.
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
NOT_COPIED = {"user_session", "account_token", "credential", "portfolio_slug", "share_link"}
# Id references kept in columns that are not foreign keys: (table, column) -> (parent, where).
LOOSE_REFERENCES = {
    ("inbox_item", "post_id"): ("sandbox_post", ""),
    ("skill_evidence", "source_id"): ("quiz_attempt", "r.source_kind = 'quiz'"),
}


def template_email(k: int, run: str) -> str:
    """The email of template learner k (run: '' normally, a suffix when seeding with --force)."""
    return f"growth-t{k}{run}@bench.example"


def seed_learners(
    n: int, answers: int, posts: int, force: bool, say: Callable[[str], None] = print
) -> dict[str, Any]:
    """Seed `n` learners (at least the four templates); timings, row counts and the
    typical template's email."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from flask import current_app
    from inbox import answer_inbox
    from seed import make_learner, make_portfolio, make_sandbox

    from app.core.extensions import db

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    run = f"-{uuid.uuid4().hex[:6]}" if force else ""
    started = time.perf_counter()
    templates = []
    for k, scale in enumerate(PROFILES[: max(1, min(n, len(PROFILES)))]):
        email = template_email(k, run)
        make_learner(app, email, max(1, round(answers * scale)), offset=k * 37)
        account, _ = make_sandbox(app, email, max(1, round(posts * scale)))
        answer_inbox(app, email, account)
        make_portfolio(app, email, account, slug=f"growth-t{k}{run}")
        templates.append(email)
        say(f"template {email}: seeded through the services")
    template_s = time.perf_counter() - started
    copies = n - len(templates)
    per = [copies // len(templates) + (k < copies % len(templates)) for k in range(len(templates))]
    started = time.perf_counter()
    with db.engine.begin() as conn:
        for k, email in enumerate(templates):
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
        "typical": templates[min(TYPICAL, len(templates) - 1)],
        "templates_s": template_s,
        "copies_s": copy_s,
        "counts": counts,
    }


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
    parents = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
    for (name, column), (parent, _) in LOOSE_REFERENCES.items():
        if name == table.name:
            parents[column] = parent
    for column in table.c:
        ref = f'r."{column.name}"'
        parent = parents.get(column.name)
        if column.name == "id" and table.name in shape and "id" in table.c and column.primary_key:
            count, base = shape[table.name]
            values.append(f"{base} + g.i * {count} + r.rn")
        elif parent in shape:
            count, base = shape[parent]
            if parent == "user":
                values.append(f"{base} + g.i")
                continue
            alias = f"m_{column.name}"
            key = f"{alias}.id::text" if isinstance(column.type, String) else f"{alias}.id"
            joins.append(
                f'LEFT JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM "{parent}"'  # noqa: S608
                f" WHERE user_id = :uid) {alias} ON {key} = {ref}"
            )
            mapped = f"({base} + g.i * {count} + {alias}.rn)"
            if isinstance(column.type, String):
                mapped += "::text"
            condition = LOOSE_REFERENCES.get((table.name, column.name), ("", ""))[1]
            test = f"{alias}.rn IS NOT NULL" + (f" AND {condition}" if condition else "")
            values.append(f"CASE WHEN {test} THEN {mapped} ELSE {ref} END")
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
