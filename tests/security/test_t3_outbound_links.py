"""T3: /p/<slug>/go/<id> is not an open redirect, for every kind of item that carries a link.

It sends a visitor only to the http(s) link the portfolio's owner saved on that item, shown
on that page; nothing in the request (query, another portfolio's id, a stored unsafe value)
can choose the target.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from app.core.db import write_unit
from app.portfolio.domain import ITEM_KINDS
from app.portfolio.models import PortfolioItem

PROFILE = {"headline": "مديرة محتوى", "bio": "نص", "lang": "ar", "status": "published"}
# The fields each kind's form needs besides its link.
FORMS = {
    "service": {"title": "إدارة الحسابات", "rate_kind": "monthly", "amount": "1500"}
    | {"currency": "SAR"},
    "sample": {"title": "ريل رمضان", "detail": "Instagram reel"},
    "testimonial": {"title": "رامي", "body": "عمل رائع ومنظم جدا", "consent": "y"},
    "tool": {"title": "Canva"},
}
# Refused by the form and, if stored some other way, never followed.
UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(document.domain)",
    "  javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/\\evil.example",
    "https:/evil.example",
    "https:///evil.example",
    "ftp://evil.example/x",
    "evil.example",
    "https://evil.example/a b",
    'https://evil.example/"onmouseover=alert(1)',
]
# Only storable directly: control characters a form would strip.
UNSAFE_STORED = [*UNSAFE, "https://evil.\x0bexample/", "java\tscript:alert(1)", "\x01https://x"]


def link_kinds(client) -> list[str]:  # type: ignore[no-untyped-def]
    """The item kinds whose form asks for a link (read from the forms themselves)."""
    return [
        kind
        for kind in ITEM_KINDS.values()
        if 'name="url"' in client.get(f"/portfolio/items/new/{kind}").get_data(as_text=True)
    ]


def publish(client, auth, slug: str) -> None:  # type: ignore[no-untyped-def]
    """Sign a new learner in on `client` and publish a portfolio at `slug`."""
    auth(client)
    assert client.post("/portfolio", data=PROFILE | {"slug": slug}).status_code == 303


def add_item(client, ctx, kind: str, url: str) -> int:  # type: ignore[no-untyped-def]
    """Save an item of `kind` carrying `url` through its form; return its id."""
    saved = client.post(f"/portfolio/items/new/{kind}", data=FORMS[kind] | {"url": url})
    assert saved.status_code == 303, saved.get_data(as_text=True)[:300]
    with ctx as session:
        return int(session.scalar(select(PortfolioItem.id).order_by(PortfolioItem.id.desc())))


def store_url(ctx, item_id: int, url: str) -> None:  # type: ignore[no-untyped-def]
    """Write a link straight into the row (as an old row or a future bug might hold it)."""
    with ctx as session, write_unit(session) as s:
        s.execute(update(PortfolioItem).where(PortfolioItem.id == item_id).values(url=url))


def test_the_link_bearing_kinds_are_the_ones_covered_here(client, auth):
    """Services, samples and tools take a link; a new kind with a link must join these tests."""
    auth()
    assert link_kinds(client) == ["service", "sample", "tool"]


@pytest.mark.parametrize("kind", ["service", "sample", "tool"])
def test_go_follows_only_the_saved_link_of_a_shown_item(app, client, auth, ctx, kind):
    """A visitor is sent to exactly the saved link; the query cannot change where."""
    publish(client, auth, "sara-social")
    saved = f"https://example.org/{kind}/work?a=1&b=%D9%85"
    item_id = add_item(client, ctx, kind, saved)
    visitor = app.test_client()
    page = visitor.get("/p/sara-social").get_data(as_text=True)
    assert f'href="/p/sara-social/go/{item_id}"' in page
    hop = visitor.get(
        f"/p/sara-social/go/{item_id}",
        query_string={"next": "https://evil.example", "url": "javascript:alert(1)", "k": "x"},
    )
    assert hop.status_code == 302 and hop.headers["Location"] == saved
    for path in (f"/p/sara-social/go/{item_id + 1000}", "/p/sara-social/go/0"):
        assert visitor.get(path).status_code == 404, path
    # Hidden, or the page a draft: the link is no longer followed.
    hidden = client.post(
        f"/portfolio/items/{item_id}", data=FORMS[kind] | {"url": saved, "hidden": "y"}
    )
    assert hidden.status_code == 303
    assert visitor.get(f"/p/sara-social/go/{item_id}").status_code == 404
    client.post(f"/portfolio/items/{item_id}", data=FORMS[kind] | {"url": saved})
    client.post("/portfolio", data=PROFILE | {"slug": "sara-social", "status": "draft"})
    assert visitor.get(f"/p/sara-social/go/{item_id}").status_code == 404


@pytest.mark.parametrize("kind", ["service", "sample", "tool"])
def test_unsafe_links_are_refused_and_never_followed(app, client, auth, ctx, kind):
    """javascript:, data:, scheme-relative and malformed links: refused, and 404 if stored."""
    publish(client, auth, "sara-social")
    saved = "https://example.org/ok"
    item_id = add_item(client, ctx, kind, saved)
    for bad in UNSAFE:
        sent = client.post(f"/portfolio/items/{item_id}", data=FORMS[kind] | {"url": bad})
        assert sent.status_code == 400, bad
    with ctx as session:
        assert session.get(PortfolioItem, item_id).url == saved
    visitor = app.test_client()
    for bad in UNSAFE_STORED:
        store_url(ctx, item_id, bad)
        hop = visitor.get(f"/p/sara-social/go/{item_id}")
        assert hop.status_code == 404 and "Location" not in hop.headers, repr(bad)


@pytest.mark.parametrize("kind", ["service", "sample", "tool"])
def test_another_portfolios_item_is_not_followed(app, client, auth, ctx, kind):
    """An item id works only under its own portfolio's address, in both directions."""
    publish(client, auth, "sara-social")
    mine = add_item(client, ctx, kind, "https://example.org/mine")
    other = app.test_client()
    publish(other, auth, "other-one")
    theirs = add_item(other, ctx, kind, "https://example.org/theirs")
    visitor = app.test_client()
    assert visitor.get(f"/p/other-one/go/{mine}").status_code == 404
    assert visitor.get(f"/p/sara-social/go/{theirs}").status_code == 404
    assert visitor.get(f"/p/other-one/go/{theirs}").headers["Location"].endswith("/theirs")


def test_a_testimonials_link_is_never_followed(app, client, auth, ctx):
    """A testimonial shows no link, so a link stored on one (a crafted form) is not followed."""
    publish(client, auth, "sara-social")
    item_id = add_item(client, ctx, "testimonial", "https://example.org/quoted")
    page = app.test_client().get("/p/sara-social").get_data(as_text=True)
    assert "عمل رائع ومنظم جدا" in page and f"/go/{item_id}" not in page
    assert app.test_client().get(f"/p/sara-social/go/{item_id}").status_code == 404
    with ctx as session:
        assert session.get(PortfolioItem, item_id).url == "https://example.org/quoted"
