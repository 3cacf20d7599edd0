"""The portfolio through its pages: draft, publish, slug change, simulated case study."""

from __future__ import annotations

import re

from support import PASSWORD, post_version


def builder_form(**extra):
    """The builder's fields."""
    data = {
        "headline": "مديرة محتوى لمقاهي الرياض",
        "bio": "أكتب **قصصًا** تبيع.",
        "slug": "sara-social",
        "lang": "ar",
        "status": "draft",
    }
    return data | extra


def test_draft_publish_and_slug_redirect(app, client, auth):
    """A draft is the owner's only; publishing opens it; an old slug redirects."""
    auth()
    assert client.get("/portfolio").status_code == 200
    assert client.post("/portfolio", data=builder_form()).status_code == 303
    owner_view = client.get("/p/sara-social")
    assert owner_view.status_code == 200 and 'content="noindex, nofollow"' in owner_view.get_data(
        as_text=True
    )
    anonymous = app.test_client()
    assert anonymous.get("/p/sara-social").status_code == 404
    client.post("/portfolio", data=builder_form(status="published", indexable="y"))
    page = anonymous.get("/p/sara-social").get_data(as_text=True)
    assert 'content="index, follow"' in page and "<strong>قصصًا</strong>" in page
    client.post("/portfolio", data=builder_form(status="published", slug="سارة-للتسويق"))
    moved = anonymous.get("/p/sara-social")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(
        "/p/%D8%B3%D8%A7%D8%B1%D8%A9-%D9%84%D9%84%D8%AA%D8%B3%D9%88%D9%8A%D9%82"
    )
    client.post("/portfolio", data=builder_form(status="draft", slug="سارة-للتسويق"))
    assert anonymous.get("/p/سارة-للتسويق").status_code == 404  # unpublishing is immediate


def test_bad_slug_keeps_everything_typed(client, auth, users, app):
    """A taken or malformed address re-renders with the learner's text and a message."""
    other = app.test_client()
    auth(other)
    other.post("/portfolio", data=builder_form(slug="taken-name"))
    auth()
    response = client.post(
        "/portfolio", data=builder_form(slug="taken-name", headline="عنوان جديد")
    )
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "عنوان جديد" in body and 'aria-invalid="true"' in body
    assert client.post("/portfolio", data=builder_form(slug="Bad Slug!")).status_code == 400


def test_sandbox_account_becomes_a_simulated_case_study(app, client, auth):
    """One click: numbers from the simulator log, labelled simulated, with its skills."""
    from datetime import timedelta

    from app.core.extensions import db
    from app.sandbox import clock, services

    user = auth()
    with app.test_request_context():
        learner = db.session.get(type(user), user.id)
        account = services.start_account(learner, "riyadh-cafe")
        version = post_version(format="reel", aspect="9:16")
        idea = services.save_idea(learner, account, "idea", "", {"instagram": version})
        post = idea.posts[0]
        services.set_status(learner, account, post, "submit")
        services.set_status(learner, account, post, "approve")
        services.schedule(learner, account, post, account.clock + timedelta(hours=3))
        clock.advance(learner, account, 48)
        account_id, reach = account.id, post.reach
    client.get("/portfolio")
    assert client.post(f"/portfolio/case-studies/sandbox/{account_id}").status_code == 303
    client.post("/portfolio", data=builder_form(status="published"))
    page = app.test_client().get("/p/sara-social").get_data(as_text=True)
    assert "تدريب محاكى" in page  # "Simulated practice", in the portfolio's language
    assert re.search(rf"<dd>{reach}</dd>", page)


def published_portfolio(client, auth) -> str:
    """Sign in, publish a portfolio; return its public URL."""
    auth()
    client.post("/portfolio", data=builder_form(status="published"))
    return "/p/sara-social"


def token_of(page: str) -> str:
    """The contact form's fill-time token on a page."""
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def message(**extra):
    """A contact form submission."""
    return {
        "name": "Client Co",
        "email": "client@example.com",
        "message": "We would like to hire you for Ramadan.",
    } | extra


def test_contact_reaches_the_inbox_without_revealing_the_address(
    app, client, auth, users, monkeypatch
):
    """A real message after the minimum fill time lands in the owner's inbox."""
    import time

    url = published_portfolio(client, auth)
    visitor = app.test_client()
    page = visitor.get(url).get_data(as_text=True)
    assert "@example.com" not in page.split('id="contact-heading"')[0]  # no owner address shown
    token = token_of(page)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10)
    assert visitor.post(url + "/contact", data=message(token=token)).status_code == 303
    monkeypatch.setattr(time, "time", real)
    inbox = client.get("/portfolio/messages").get_data(as_text=True)
    assert "We would like to hire you for Ramadan." in inbox and "client@example.com" in inbox


def test_contact_refusals_keep_the_text(app, client, auth):
    """Too fast, forged, too many links or a line break in the name: 400, text kept, nothing stored."""
    from sqlalchemy import func, select

    from app.core.extensions import db
    from app.portfolio.models import ContactMessage

    url = published_portfolio(client, auth)
    visitor = app.test_client()
    token = token_of(visitor.get(url).get_data(as_text=True))
    cases = [
        message(token=token),  # sent at once: faster than a person
        message(token="forged"),
        message(token=token, message="see http://a.example http://b.example http://c.example now"),
        message(token=token, name="Evil\r\nBcc: x@example.com"),
    ]
    for data in cases:
        response = visitor.post(url + "/contact", data=data)
        assert response.status_code == 400, data
        assert data["message"] in response.get_data(as_text=True)
    decoy = visitor.post(url + "/contact", data=message(token=token, website="http://spam.example"))
    assert decoy.status_code == 303  # bots are told nothing
    with app.app_context():
        assert db.session.scalar(select(func.count(ContactMessage.id))) == 0


def test_contact_is_rate_limited_per_address(database_url, mailbox, users, monkeypatch):
    """The sixth message from one address within the hour is refused with 429, text kept."""
    import time

    from conftest import app_config
    from support import PASSWORD

    from app import create_app

    app = create_app(app_config(database_url, mailbox, RATELIMIT_ENABLED=True))
    owner = users.create()
    client = app.test_client()
    client.post("/login", data={"email": owner.email, "password": PASSWORD})
    client.post("/portfolio", data=builder_form(status="published", slug=f"limit-{owner.id}"))
    url = f"/p/limit-{owner.id}"
    visitor = app.test_client()
    token = token_of(visitor.get(url).get_data(as_text=True))
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10)
    codes = [
        visitor.post(url + "/contact", data=message(token=token)).status_code for _ in range(6)
    ]
    assert codes == [303] * 5 + [429]


def test_deleted_account_leaves_a_gone_page_without_personal_data(app, client, auth):
    """After deletion the address answers 410, keeps no name, and cannot be taken again."""
    from sqlalchemy import select

    from app.core.extensions import db
    from app.portfolio.models import PortfolioTombstone

    url = published_portfolio(client, auth)
    client.post("/portfolio", data=builder_form(status="published", slug="سارة-للتسويق"))
    assert (
        client.post("/account/delete", data={"password": PASSWORD, "understand": "y"}).status_code
        == 303
    )
    visitor = app.test_client()
    assert visitor.get("/p/سارة-للتسويق").status_code == 410
    assert visitor.get(url).status_code == 410  # the former address too
    with app.app_context():
        kept = db.session.scalars(select(PortfolioTombstone.digest)).all()
        # three addresses: the suggested one the draft started with, sara-social and the new one
        assert len(kept) == 3 and all(len(d) == 64 and "sara" not in d for d in kept)
    auth()
    taken = client.post("/portfolio", data=builder_form(status="published"))
    assert taken.status_code == 400  # the old address is not handed to someone else


def test_unlisted_needs_a_live_secret_link(app, client, auth):
    """Unlisted: 404 without a link; a link works until it expires or is revoked."""
    from datetime import timedelta

    from app.core.db import write_unit
    from app.core.extensions import db
    from app.portfolio.models import ShareLink

    auth()
    client.post("/portfolio", data=builder_form(status="unlisted"))
    response = client.post("/portfolio/links", data={"label": "Café Ward", "days": "7"})
    with client.session_transaction() as session:
        flashed = " ".join(m for _c, m in session.get("_flashes", []))
    token = re.search(r"k=([\w-]+)", flashed).group(1)
    assert response.status_code == 303
    visitor = app.test_client()
    assert visitor.get("/p/sara-social").status_code == 404
    assert visitor.get("/p/sara-social?k=wrong").status_code == 404
    page = visitor.get(f"/p/sara-social?k={token}")
    assert page.status_code == 200 and 'content="noindex, nofollow"' in page.get_data(as_text=True)
    with app.app_context(), write_unit(db.session):
        link = db.session.query(ShareLink).one()
        assert token not in link.digest  # only the digest is stored
        link.expires_at = link.created_at - timedelta(seconds=1)
    assert visitor.get(f"/p/sara-social?k={token}").status_code == 404  # expired
    with app.app_context(), write_unit(db.session):
        db.session.query(ShareLink).one().expires_at = None
    assert visitor.get(f"/p/sara-social?k={token}").status_code == 200
    with app.app_context():
        link_id = db.session.query(ShareLink.id).scalar()
    assert client.post(f"/portfolio/links/{link_id}/revoke").status_code == 303
    assert visitor.get(f"/p/sara-social?k={token}").status_code == 404  # revoked at once


def test_report_reaches_admins_who_unpublish_in_one_click(app, client, auth, users):
    """A visitor's report lists on /admin/reports; one click takes the page down."""
    url = published_portfolio(client, auth)
    visitor = app.test_client()
    token = token_of(visitor.get(url).get_data(as_text=True))
    reason = {"reason": "This page copies my work."}
    assert visitor.post(url + "/report", data=reason).status_code == 400  # no page token
    assert visitor.post(url + "/report", data=reason | {"token": "forged"}).status_code == 400
    short = {"reason": "hi", "token": token}
    assert visitor.post(url + "/report", data=short).status_code == 303  # too short: a message
    assert visitor.post(url + "/report", data=reason | {"token": token}).status_code == 303
    admin = users.create(role="admin")
    staff = app.test_client()
    staff.post("/login", data={"email": admin.email, "password": PASSWORD})
    listing = staff.get("/admin/reports").get_data(as_text=True)
    assert "This page copies my work." in listing and "hi</p>" not in listing
    portfolio_id = re.search(r"/admin/portfolios/(\d+)/unpublish", listing).group(1)
    assert staff.post(f"/admin/portfolios/{portfolio_id}/unpublish").status_code == 303
    assert visitor.get(url).status_code == 404


def test_themes_change_the_stylesheet_and_unknown_ones_are_refused(app, client, auth):
    """Each theme links its own CSS, served with a long cache; a made-up theme is an error."""
    url = published_portfolio(client, auth)
    for theme in ("classic", "minimal", "bold"):
        client.post("/portfolio", data=builder_form(status="published", theme=theme))
        page = app.test_client().get(url).get_data(as_text=True)
        assert f'href="/portfolio-themes/{theme}.css"' in page and f'theme-{theme}"' in page
        css = app.test_client().get(f"/portfolio-themes/{theme}.css")
        assert css.status_code == 200 and css.mimetype == "text/css" and css.cache_control.max_age
    assert client.post("/portfolio", data=builder_form(theme="neon")).status_code == 400
    assert app.test_client().get("/portfolio-themes/neon.css").status_code == 404


def test_bad_resume_files_are_named_not_imported(client, auth):
    """Not JSON, too big, or off-schema: a message that says which, and nothing changes."""
    import io

    auth()
    client.post("/portfolio", data=builder_form())
    for body in (b"not json", b"{" + b" " * 210_000 + b"}", b'{"basics": {"email": 5}}'):
        response = client.post(
            "/portfolio/resume",
            data={"resume": (io.BytesIO(body), "r.json")},
            content_type="multipart/form-data",
            follow_redirects=True,
        )
        assert response.status_code == 200
        assert 'class="flash flash-error"' in response.get_data(as_text=True)
    assert "basics/email" in response.get_data(as_text=True)


def test_published_page_has_sharing_tags_and_drafts_do_not(app, client, auth):
    """Open Graph and Twitter tags name the page for link previews, only once published."""
    url = published_portfolio(client, auth)
    page = app.test_client().get(url).get_data(as_text=True)
    assert '<meta property="og:title" content="مديرة محتوى لمقاهي الرياض">' in page
    assert 'property="og:url" content="http://' in page and 'name="twitter:card"' in page
    assert "**" not in page.split('property="og:description"')[1].split(">")[0]
    client.post("/portfolio", data=builder_form(status="draft"))
    assert 'property="og:title"' not in client.get(url).get_data(as_text=True)
