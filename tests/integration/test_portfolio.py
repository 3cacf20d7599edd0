"""The portfolio through its pages: draft, publish, slug change, simulated case study."""

from __future__ import annotations

import re


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

    from app.extensions import db
    from app.sandbox import services

    user = auth()
    with app.test_request_context():
        learner = db.session.get(type(user), user.id)
        account = services.start_account(learner, "riyadh-cafe")
        version = {
            "format": "reel",
            "text": "قهوة",
            "media_count": 1,
            "aspect": "9:16",
            "alt_text": "كوب",
            "goal": "awareness",
        }
        idea = services.save_idea(learner, account, "idea", "", {"instagram": version})
        post = idea.posts[0]
        services.set_status(learner, account, post, "submit")
        services.set_status(learner, account, post, "approve")
        services.schedule(learner, account, post, account.clock + timedelta(hours=3))
        services.advance(learner, account, 48)
        account_id, reach = account.id, post.reach
    client.get("/portfolio")
    assert client.post(f"/portfolio/case-studies/sandbox/{account_id}").status_code == 303
    client.post("/portfolio", data=builder_form(status="published"))
    page = app.test_client().get("/p/sara-social").get_data(as_text=True)
    assert "تدريب محاكى" in page  # "Simulated practice", in the portfolio's language
    assert re.search(rf"<dd>{reach}</dd>", page)
