"""IDOR cases for the sandbox's owner routes (used by test_t2_census)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from support import post_version

from app.core.extensions import db


def sandbox_cases(app, a, state):
    """(endpoint, method, url, state, owner_changes, data) for every sandbox owner route."""
    from app.portfolio.models import CaseStudy, ShareLink
    from app.sandbox import clock, services
    from app.sandbox.models import SandboxAccount, SandboxIdea, SandboxPost

    with app.test_request_context():
        user = db.session.get(type(a), a.id)
        account = services.start_account(user, "riyadh-cafe")
        version = post_version()
        idea = services.save_idea(
            user, account, "idea", "", {"instagram": version, "x": version | {"aspect": "16:9"}}
        )
        published, draft = sorted(idea.posts, key=lambda p: p.platform)
        for action in ("submit", "approve"):
            services.set_status(user, account, published, action)
        services.schedule(user, account, published, account.clock + timedelta(hours=2))
        clock.advance(user, account, 24)
        acc, pub, dra = account.id, published.id, draft.id
        shown = account.clock.isoformat()  # what the account page's advance form carries
        from app.portfolio import services as portfolio_services
        from app.portfolio import sharing as portfolio_sharing

        mine = portfolio_services.ensure_portfolio(user)
        portfolio_sharing.create_link(user, mine, "client", None)
        link_id = portfolio_sharing.links_of(user)[0].id
        from app.portfolio import editing

        tool = {"title": "Canva", "detail": "daily"}
        item_ids = [editing.save_item(user, mine, None, "tool", tool).id for _ in range(3)]
        story = {"title": "Launch", "results": "+20% reach", "period": "May 2026"}
        study_ids = [editing.save_case_study(user, mine, None, story).id for _ in range(3)]
        at = (published.published_at + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    base = f"/sandbox/{acc}"
    ideas = select(func.count(SandboxIdea.id)).where(SandboxIdea.account_id == acc)
    text = select(SandboxPost.text).where(SandboxPost.id == dra)
    status = select(SandboxPost.status).where(SandboxPost.id == dra)
    slot = select(SandboxPost.scheduled_at).where(SandboxPost.id == dra)
    clock = select(SandboxAccount.clock).where(SandboxAccount.id == acc)
    compose = {
        "title": "t",
        "action": "save",
        "p-x-include": "1",
        "p-x-format": "feed",
        "p-x-text": "hi",
        "p-x-goal": "awareness",
        "p-x-media_count": "0",
    }
    edit = {"format": "feed", "text": "changed", "goal": "awareness", "media_count": "0"}
    when = {"when": "2030-01-01T10:00"}
    return [
        ("sandbox.account", "GET", base, state(ideas), False, None),
        ("sandbox.brief", "GET", f"{base}/brief", state(ideas), False, None),
        ("sandbox.compose", "GET", f"{base}/compose", state(ideas), False, None),
        ("sandbox.compose", "POST", f"{base}/compose", state(ideas), True, compose),
        ("sandbox.post", "GET", f"{base}/posts/{pub}", state(ideas), False, None),
        ("sandbox.edit", "POST", f"{base}/posts/{dra}/edit", state(text), True, edit),
        (
            "sandbox.review",
            "POST",
            f"{base}/posts/{dra}/review",
            state(status),
            True,
            {"action": "submit"},
        ),
        ("sandbox.schedule", "POST", f"{base}/posts/{dra}/schedule", state(slot), True, when),
        ("sandbox.calendar", "GET", f"{base}/calendar", state(ideas), False, None),
        ("sandbox.analytics", "GET", f"{base}/analytics", state(ideas), False, None),
        ("sandbox.report", "GET", f"{base}/report", state(ideas), False, None),
        ("sandbox.analytics_csv", "GET", f"{base}/analytics.csv", state(ideas), False, None),
        ("sandbox.replay", "GET", f"{base}/posts/{pub}/replay?at={at}", state(ideas), False, None),
        (
            "sandbox.advance",
            "POST",
            f"{base}/advance",
            state(clock),
            True,
            {"amount": "1", "unit": "hours", "clock": shown},
        ),
        (
            "portfolio.revoke_link",
            "POST",
            f"/portfolio/links/{link_id}/revoke",
            state(select(ShareLink.revoked_at).where(ShareLink.id == link_id)),
            True,
            {},
        ),
        *portfolio_cases(state, item_ids, study_ids),
        (
            "portfolio.from_sandbox",
            "POST",
            f"/portfolio/case-studies/sandbox/{acc}",
            state(select(func.count(CaseStudy.id)).where(CaseStudy.user_id == a.id)),
            True,
            {},
        ),
    ]


def portfolio_cases(state, item_ids, study_ids):
    """IDOR cases for the portfolio editor's owner routes (items and case studies)."""
    from app.portfolio.models import CaseStudy, PortfolioItem

    first, second, third = item_ids
    one, two, three = study_ids
    item = select(PortfolioItem.title, PortfolioItem.position).where(PortfolioItem.id == first)
    gone = select(func.count(PortfolioItem.id)).where(PortfolioItem.id == third)
    study = select(CaseStudy.title, CaseStudy.position).where(CaseStudy.id == one)
    study_gone = select(func.count(CaseStudy.id)).where(CaseStudy.id == three)
    confirm = {"confirm": "y"}
    story = {"title": "Changed", "results": "r", "period": "p"}
    return [
        ("portfolio.edit_item", "GET", f"/portfolio/items/{first}", state(item), False, None),
        (
            "portfolio.edit_item",
            "POST",
            f"/portfolio/items/{first}",
            state(item),
            True,
            {"title": "Changed"},
        ),
        (
            "portfolio.move_item",
            "POST",
            f"/portfolio/items/{second}/move",
            state(item),
            True,
            {"step": "up"},
        ),
        (
            "portfolio.delete_item",
            "POST",
            f"/portfolio/items/{third}/delete",
            state(gone),
            True,
            confirm,
        ),
        (
            "portfolio.edit_case_study",
            "GET",
            f"/portfolio/case-studies/{one}",
            state(study),
            False,
            None,
        ),
        (
            "portfolio.edit_case_study",
            "POST",
            f"/portfolio/case-studies/{one}",
            state(study),
            True,
            story,
        ),
        (
            "portfolio.move_case_study",
            "POST",
            f"/portfolio/case-studies/{two}/move",
            state(study),
            True,
            {"step": "up"},
        ),
        (
            "portfolio.delete_case_study",
            "POST",
            f"/portfolio/case-studies/{three}/delete",
            state(study_gone),
            True,
            confirm,
        ),
    ]
