"""A learner with one of everything, so every POST route has real objects to act on (T16)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from support import post_version

from app.core.db import write_unit
from app.core.extensions import db


def png() -> bytes:
    """A small PNG."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(out, "PNG")
    return out.getvalue()


def exercise_attempts(user: Any, lib: Any) -> dict[str, Any]:
    """Open attempts on the first scored exercise with a form and on the trend desk."""
    from app.exercises import services
    from app.exercises.catalog import KINDS

    form = next(k for k in KINDS.values() if k.step is None)
    desk = KINDS["sbx-09"]  # the desk whose card and tag fields the fuzz forms fill
    found: dict[str, Any] = {"exercise_id": form.exercise}
    for name, kind in (("exercise_attempt", form), ("desk_attempt", desk)):
        condition = lib.exercises[kind.exercise].conditions[0].id
        attempt = services.start_attempt(user, lib, kind.exercise, condition, seed=5)
        found[name], found[f"{name}_token"] = attempt.id, attempt.token
    found["desk_card"] = attempt.task["cards"][0]["id"]
    found["desk_tag"] = attempt.task["tags"][0]
    return found


def credential_world(me: Any, lib: Any) -> dict[str, Any]:
    """One track credential of the learner: its number, public id, key and status list."""
    from app.credentials.domain.due import Due
    from app.credentials.issue import issue_one
    from app.credentials.models import CredentialKey

    with write_unit(db.session) as unit:
        made = issue_one(unit, unit.get(type(me), me.id), lib, Due("track", "platforms"), "ar")
        numbers = {"credential_id": made.id, "public_id": made.public_id}
    from app.credentials.services import verify_token

    numbers["verify_token"] = verify_token(numbers["public_id"])
    key_id = db.session.scalar(select(CredentialKey.id))
    return numbers | {"key_id": key_id, "list_id": 1}


def build_world(app: Any, user: Any, admin: Any) -> dict[str, Any]:
    """Objects of `user` for every owner route: URL variable name -> a real value."""
    from app.accounts.models import UserSession
    from app.admin.services import session_key
    from app.portfolio import editing, sharing
    from app.portfolio import services as portfolio_services
    from app.portfolio.images import clean_image
    from app.quizzes import services as quiz
    from app.quizzes.domain import lesson_items
    from app.sandbox import clock, services
    from app.skills.models import ReviewCard

    lib = app.extensions["tawasul_content"].library
    lesson_id, items = next((lid, ids) for lid in lib.lessons if (ids := lesson_items(lib, lid)))
    # Every question type on one attempt: add one of each type the lesson lacks.
    have = {lib.items[i].type for i in items}
    for item in lib.items.values():
        if item.type not in have and not item.review:
            items = [*items, item.id]
            have.add(item.type)
    with app.test_request_context():
        me = db.session.get(type(user), user.id)
        account = services.start_account(me, "riyadh-cafe")
        version = post_version()
        idea = services.save_idea(me, account, "idea", "", {"instagram": version, "x": version})
        post = sorted(idea.posts, key=lambda p: p.platform)[0]
        clock.advance(me, account, 24)  # the first day's inbox messages have arrived
        from app.sandbox import abtests

        pair = [
            services.save_idea(me, account, "ab", "", {"instagram": post_version(text=t)})
            for t in ("سطر أول\nقهوة", "سطر آخر\nقهوة")
        ]
        ab_a, ab_b = (i.posts[0].id for i in pair)
        declared = abtests.Declaration(ab_a, ab_b, "first-line", "engaged", 7, 500)
        ab_test = abtests.declare_test(me, account.id, declared)
        abtests.lock_test(me, account.id, ab_test.id)
        clock.advance(me, account, 24 * 7)  # the declared days pass: the results open
        campaign = ads_campaign(me, account)
        from app.inbox import services as inbox

        inbox_key = inbox.items_of(me, account)[0].key
        portfolio = portfolio_services.ensure_portfolio(me)
        with write_unit(db.session) as unit:  # published, so its contact form answers
            unit.get(type(portfolio), portfolio.id).status = "published"
        sharing.create_link(me, portfolio, "client", None)
        sample = {"title": "Canva", "detail": "daily"}
        item = editing.save_item(me, portfolio, None, "tool", sample)
        shot = {"title": "Post", "alt": "A cup of coffee"}
        picture = editing.save_item(me, portfolio, None, "sample", shot, clean_image(png()))
        story = {"title": "Launch", "results": "+20% reach", "period": "May 2026"}
        study = editing.save_case_study(me, portfolio, None, story)
        attempt = quiz.start_attempt(me, "lesson", lesson_id, list(items))
        done = quiz.submit_attempt(me, lib, quiz.start_attempt(me, "lesson", "x", items).token, {})
        card = db.session.scalar(select(ReviewCard).where(ReviewCard.user_id == user.id))
        credential = credential_world(me, lib)
        attempts = exercise_attempts(me, lib)
        session_id = db.session.scalars(
            select(UserSession.id).where(UserSession.user_id == user.id)
        ).first()
        return {
            "account_id": account.id,
            "clock": account.clock.isoformat(),
            "inbox_key": inbox_key,
            "post_id": post.id,
            "test_id": ab_test.id,
            "campaign_id": campaign,
            "abtest_post_a": ab_a,
            "abtest_post_b": ab_b,
            "item_id": item.id,
            "study_id": study.id,
            "link_id": sharing.links_of(me)[0].id,
            "token": attempt.token,
            "attempt_id": done.id,
            "card_id": card.id,
            "session_id": session_id,
            "lesson_id": lesson_id,
            "track_id": lib.lessons[lesson_id].track,
            "portfolio_id": portfolio.id,
            "user_id": user.id,
            "verb": "disable",
            "admin_session_key": session_key(session_id) if session_id else "none",
            "slug": portfolio.slug,
            "contact_token": portfolio_services.form_token(portfolio),
            "kind": "sample",
            "image_id": picture.image_id,
            "theme_id": "classic",
            "skill_id": next(iter(lib.skills)),
            "quiz_items": list(items),
            "admin": admin,
            **attempts,
            **credential,
        }


def ads_campaign(me, account) -> int:
    """A draft ad campaign starting tomorrow on the account's clock; its id."""
    from datetime import timedelta

    from werkzeug.datastructures import MultiDict

    from app.ads import services as ads
    from app.ads.forms import read_setup
    from security.ads_cases import ads_form

    form = ads_form(account.clock.date() + timedelta(days=1))
    pairs = [(k, v) for k, vs in form.items() for v in (vs if isinstance(vs, list) else [vs])]
    return ads.save_campaign(me, account, read_setup(MultiDict(pairs))).campaign.id
