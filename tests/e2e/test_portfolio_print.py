"""The public portfolio printed from Chromium: no forms or site bar, links spelled out, a PDF."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.extensions import db

pytestmark = pytest.mark.browser


def published_with_a_link(app, users) -> str:
    """A learner's published portfolio with a tool that links out; returns its path."""
    from app.accounts.models import User
    from app.portfolio import editing, services
    from app.portfolio.models import Portfolio

    user = users.create(locale="ar")
    with app.test_request_context():
        learner = db.session.get(User, user.id)
        portfolio = services.ensure_portfolio(learner)
        services.save_profile(
            learner,
            portfolio,
            {
                "slug": f"print-{user.id}",
                "headline": "مديرة محتوى",
                "bio": "أخطط وأكتب وأقيس.",
                "lang": "ar",
                "status": "published",
                "indexable": False,
                "theme": "bold",
            },
        )
        link = {"title": "Canva", "url": "https://canva.example/design"}
        editing.save_item(learner, portfolio, None, "tool", link)
        return f"/p/{db.session.scalar(select(Portfolio.slug).where(Portfolio.id == portfolio.id))}"


def test_print_gives_a_clean_pdf(app, users, new_context, live_server, artifacts):
    """Printing hides the contact form, report link and site bar, and shows where links go."""
    path = published_with_a_link(app, users)
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(f"{live_server}{path}")
    for selector in (".contact", ".portfolio-bar", ".portfolio-footer"):
        assert page.locator(selector).is_visible(), selector  # on screen they are there
    page.emulate_media(media="print")
    for selector in (".contact", ".portfolio-bar", ".portfolio-footer"):
        assert page.locator(selector).is_hidden(), selector
    after = page.evaluate(
        "getComputedStyle(document.querySelector('a[data-url]'), '::after').content"
    )
    assert "https://canva.example/design" in after
    pdf = page.pdf(path=str(artifacts / "portfolio-print.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 1
