"""Seed a benchmark database and count SQL queries per request, in process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench passphrase for learners"  # noqa: S105 - a throwaway benchmark account
LONG_HISTORY = 5000
# What the in-process app reads from the environment to start as production does.
SETTINGS = (
    "TAWASUL_ENV",
    "SECRET_KEY",
    "CREDENTIAL_SIGNING_KEY",
    "DATABASE_URL",
    "PUBLIC_BASE_URL",
    "TRUSTED_HOSTS",
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_USE_TLS",
)


def seed_database(env: dict[str, str], work: Path) -> dict[str, Any]:
    """Migrate the database, create learners with a short and a 5,000-answer history."""
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app:create_app", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    os.environ.update({k: v for k, v in env.items() if k in SETTINGS})
    from app import create_app

    app = create_app({"WTF_CSRF_ENABLED": False})
    with app.app_context():
        short = make_learner(app, "short@bench.example", 50)
        long_ = make_learner(app, "long@bench.example", LONG_HISTORY)
        small_account, _ = make_sandbox(app, short, 10)
        big_account, advance_ms = make_sandbox(app, long_, 100)
        make_portfolio(app, long_, big_account)
        credential = make_credential(app, long_)
        big_post = first_published(big_account)
        from exercises import make_attempts

        make_attempts(app, short)
        result_attempt, scoring_ms = make_attempts(app, long_)
        # make_attempts starts one attempt per scored exercise, in the scorers' order.
        report_attempt = result_attempt + list(scoring_ms).index("sbx-11")
        from inbox import answer_inbox

        short_answered, _ = answer_inbox(app, short, small_account)
        answered, reply_ms = answer_inbox(app, long_, big_account)
        from ads import read_results_ms
        from bench_pages import abtest_of, page_list, seed_extra
        from queries import count_queries

        campaign, draft_campaign, ads_ms = read_results_ms(big_account)

        ids = {
            "big_account": big_account,
            "small_account": small_account,
            "big_post": big_post,
            "small_post": first_published(small_account),
            "result_attempt": result_attempt,
            # The short learner's attempts come first, one per scored exercise.
            "short_result_attempt": result_attempt - len(scoring_ms),
            "report_attempt": report_attempt,
            "short_report_attempt": report_attempt - len(scoring_ms),
            "answered": answered,
            "short_answered": short_answered,  # arrivals are seeded per account: its own key
            "abtest": abtest_of(big_account),
            "campaign": campaign,
            "draft_campaign": draft_campaign,
            "short_abtest": abtest_of(small_account),
            "credential": credential,
            **seed_extra(app, long_),
        }
        pages = page_list(ids)
    emails = {"long": long_, "admin": "admin@bench.example", "": None}
    queries = [
        (
            page.label,
            count_queries(app, short, page.short) if page.short and page.who == "long" else None,
            count_queries(app, emails[page.who], page.path),
        )
        for page in pages
    ]
    return {
        "accounts": {"long": long_, "admin": "admin@bench.example"},
        "pages": pages,
        "queries": queries,
        "advance_ms": advance_ms,
        "ads_ms": advance_ms + ads_ms,
        "scoring_ms": scoring_ms,
        "reply_ms": reply_ms,
    }


def make_learner(app: Any, email: str, answers: int, offset: int = 0, first: bool = False) -> str:
    """A verified learner whose history holds `answers` graded answers (as evidence too),
    drawn from the library's items in order from `offset`; `first`: before them, the demo
    learner's lessons, diagnostic and quizzes, taken through the services."""
    from app.accounts.models import User
    from app.content_runtime import library
    from app.core.db import utcnow, write_unit
    from app.core.extensions import db
    from app.core.security import hash_password
    from app.quizzes.domain import model_answer, rng
    from app.quizzes.models import Answer, QuizAttempt
    from app.skills.models import SkillEvidence
    from app.skills.services import rebuild_states

    lib = library()
    items = [i for i in lib.items.values() if not i.review]
    draw = rng("bench", email)
    with write_unit(db.session) as s:
        user = User(
            email=email,
            display_name="Bench",
            password_hash=hash_password(PASSWORD),
            email_verified_at=utcnow(),
            locale="ar",
            target_role="social-media-manager",
        )
        s.add(user)
    if first:
        from app.demo import seed_learning

        seed_learning(user, lib)
    with write_unit(db.session) as s:
        user = s.merge(user)
        per_attempt = 20
        for start in range(0, answers, per_attempt):
            chunk = [
                items[(offset + start + k) % len(items)]
                for k in range(min(per_attempt, answers - start))
            ]
            attempt = QuizAttempt(
                user_id=user.id,
                token=f"{email}-{start}",
                kind="lesson",
                ref="bench",
                item_ids=[i.id for i in chunk],
                status="submitted",
                score=0.7,
            )
            s.add(attempt)
            s.flush()
            for position, item in enumerate(chunk):
                score = 1.0 if draw.random() < 0.7 else 0.0
                s.add(
                    Answer(
                        attempt_id=attempt.id,
                        user_id=user.id,
                        item_id=item.id,
                        position=position,
                        response=model_answer(item),
                        score=score,
                    )
                )
                for skill in item.skills:
                    s.add(
                        SkillEvidence(
                            user_id=user.id,
                            skill=skill,
                            source_kind="quiz",
                            source_id=str(attempt.id),
                            item_id=item.id,
                            score=score,
                            level_tag=item.level,
                        )
                    )
        s.flush()
        rebuild_states(s, user, lib)
    return email


def make_sandbox(app: Any, email: str, posts: int) -> tuple[int, float]:
    """A café account with `posts` approved posts over 30 days; returns (id, advance CPU ms)."""
    import time
    from datetime import timedelta

    from sqlalchemy import select

    from app.accounts.models import User
    from app.core.extensions import db
    from app.sandbox import clock, services

    user = db.session.scalar(select(User).where(User.email == email))
    account = services.start_account(user, "riyadh-cafe")
    platforms = ("instagram", "tiktok", "x", "facebook", "linkedin", "youtube")
    formats = {
        "instagram": "reel",
        "tiktok": "video",
        "x": "feed",
        "facebook": "feed",
        "linkedin": "feed",
        "youtube": "video",
    }
    for n in range(posts):
        platform = platforms[n % len(platforms)]
        version = {
            "format": formats[platform],
            "text": f"منشور رقم {n} عن القهوة المختصة",
            "media_count": 1,
            "aspect": "16:9" if platform in ("x", "youtube", "linkedin", "facebook") else "9:16",
            "alt_text": "كوب قهوة",
            "goal": "engagement",
            "hashtags": "#قهوة",
        }
        idea = services.save_idea(user, account, f"idea {n}", "bench", {platform: version})
        post = idea.posts[0]
        services.set_status(user, account, post, "submit")
        services.set_status(user, account, post, "approve")
        services.schedule(user, account, post, account.clock + timedelta(hours=2 + n * 7))
    from ads import launch_campaigns  # the big account also runs five ad campaigns

    from app.sandbox.demo import call_abtest, start_abtest

    if posts >= 100:
        launch_campaigns(user, account)
    test_id = start_abtest(user, account)  # a seven-day A/B test, finished within the month
    start = time.process_time()
    clock.advance(user, account, 24 * 30)
    spent = (time.process_time() - start) * 1000
    call_abtest(user, account, test_id)
    return account.id, spent


def first_published(account_id: int) -> int:
    """The id of an account's first published post (the why panel's page)."""
    from sqlalchemy import select

    from app.core.extensions import db
    from app.sandbox.models import SandboxPost

    return int(
        db.session.scalar(
            select(SandboxPost.id)
            .where(SandboxPost.account_id == account_id, SandboxPost.status == "published")
            .order_by(SandboxPost.published_at, SandboxPost.id)
            .limit(1)
        )
    )


def make_portfolio(app: Any, email: str, account_id: int, slug: str = "bench-portfolio") -> None:
    """A published portfolio with every section and a simulated case study from the sandbox."""
    from sqlalchemy import select

    from app.accounts.models import User
    from app.core.db import write_unit
    from app.core.extensions import db
    from app.portfolio import services
    from app.portfolio.demo import seed_sections
    from app.sandbox.models import SandboxAccount

    user = db.session.scalar(select(User).where(User.email == email))
    portfolio = services.ensure_portfolio(user)
    with write_unit(db.session):
        portfolio.slug, portfolio.status = slug, "published"
        portfolio.headline = "منسقة محتوى للمقاهي"
        portfolio.bio = "أخطط وأكتب وأقيس. **إنستغرام وتيك توك** بالعربية والإنجليزية."
    services.add_sandbox_case_study(user, portfolio, db.session.get(SandboxAccount, account_id))
    # Every section filled, as on the demo's page (services, sample picture, quote, tools).
    seed_sections(user, portfolio)


def make_credential(app: Any, email: str) -> str:
    """A track credential for the learner (with the portfolio's case study as evidence)."""
    from sqlalchemy import select

    from app.accounts.models import User
    from app.core.db import write_unit
    from app.core.extensions import db
    from app.credentials.domain.due import Due
    from app.credentials.issue import issue_one

    lib = app.extensions["tawasul_content"].library
    with app.test_request_context(), write_unit(db.session) as s:
        user = s.scalar(select(User).where(User.email == email))
        return issue_one(s, user, lib, Due("track", "platforms"), "ar").public_id
