"""Portfolio services refuse with named errors outside any request; views answer 404/410."""

from __future__ import annotations

import pytest
from support import PASSWORD

from app.core.db import write_unit
from app.core.extensions import db
from app.portfolio import editing, services, sharing
from app.portfolio.domain import slug_digest
from app.portfolio.errors import NotYours, PortfolioGone, PortfolioNotFound
from app.portfolio.models import PortfolioTombstone


def test_services_raise_named_errors_without_a_request(app, users):
    """Unknown or deleted addresses, missing or foreign rows: a named error, no HTTP abort."""
    owner, stranger = users.create(), users.create()
    with app.app_context():  # an app context only: a CLI command or a job could call these
        with write_unit(db.session) as s:
            s.add(PortfolioTombstone(digest=slug_digest("gone-page")))
        portfolio = services.ensure_portfolio(owner)
        token = sharing.create_link(owner, portfolio, "Café", None)
        link_id = sharing.links_of(owner)[0].id
        with pytest.raises(PortfolioGone):
            services.public_portfolio("gone-page")
        with pytest.raises(PortfolioNotFound):
            services.public_portfolio("no-such-page")
        with pytest.raises(PortfolioNotFound):
            sharing.unpublish(portfolio.id + 1000)
        with pytest.raises(NotYours):
            sharing.revoke_link(stranger, link_id)  # someone else's link
        with pytest.raises(NotYours):
            editing.item_of(owner, 999999)
        with pytest.raises(NotYours):
            editing.case_study_of(owner, 999999)
        with pytest.raises(NotYours):
            editing.save_sections(stranger, portfolio, [("contact", True)])
        assert sharing.link_is_live(portfolio, token)  # the refusal changed nothing
        assert editing.shown_link(portfolio, 999999) is None


def test_named_errors_answer_the_usual_error_pages(app, client, users):
    """The views turn the named errors into the site's 404 and 410 pages."""
    admin = users.create(role="admin")
    with app.app_context(), write_unit(db.session) as s:
        s.add(PortfolioTombstone(digest=slug_digest("gone-page")))
    gone = app.test_client().get("/p/gone-page")
    assert gone.status_code == 410 and '<span class="code">(410)</span>' in gone.get_data(
        as_text=True
    )
    assert app.test_client().get("/p/no-such-page").status_code == 404
    client.post("/login", data={"email": admin.email, "password": PASSWORD})
    missing = client.post("/admin/portfolios/999999/unpublish")
    assert missing.status_code == 404 and '<span class="code">(404)</span>' in missing.get_data(
        as_text=True
    )
    assert client.post("/portfolio/links/999999/revoke").status_code == 404
    assert client.get("/portfolio/items/999999").status_code == 404
