"""Portfolio sections through their pages: items, case studies, order, hiding and preview."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.core.extensions import db
from app.portfolio.models import CaseStudy, Portfolio, PortfolioItem

PROFILE = {
    "headline": "مديرة محتوى #قهوة",
    "bio": "أكتب لكل منصة بلغتها.",
    "slug": "sara-social",
    "lang": "ar",
    "status": "published",
}


def published(client, auth, **extra):
    """Sign a learner in and publish their portfolio; returns its public path."""
    auth()
    assert client.post("/portfolio", data=PROFILE | extra).status_code == 303
    return "/p/sara-social"


def rows(app, model):
    """Every row of a portfolio table."""
    with app.app_context():
        return list(db.session.scalars(select(model)))


def test_service_rate_errors_keep_the_text_and_arabic_digits_count(app, client, auth):
    """A bad rate re-renders with everything typed; Arabic-Indic digits are read as numbers."""
    url = published(client, auth)
    form = {"title": "إدارة حسابين", "body": "خطة شهرية وتقرير", "rate_kind": "monthly"}
    bad = client.post("/portfolio/items/new/service", data=form | {"amount": "كثير"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert "إدارة حسابين" in page and "خطة شهرية وتقرير" in page and "كثير" in page
    assert rows(app, PortfolioItem) == []
    ok = client.post(
        "/portfolio/items/new/service", data=form | {"amount": "٣٬٥٠٠", "currency": "SAR"}
    )
    assert ok.status_code == 303
    assert [i.amount for i in rows(app, PortfolioItem)] == [3500]
    assert "3,500 SAR" in app.test_client().get(url).get_data(as_text=True)


def test_testimonial_shows_only_with_consent(app, client, auth):
    """Without the consent box the form is refused (text kept); with it, the quote is public."""
    url = published(client, auth)
    quote = {"title": "نورة", "detail": "مشرفة النادي", "body": "نظّمت حسابنا في فصل واحد."}
    refused = client.post("/portfolio/items/new/testimonial", data=quote)
    assert refused.status_code == 400 and "نظّمت حسابنا في فصل واحد." in refused.get_data(
        as_text=True
    )
    assert (
        client.post("/portfolio/items/new/testimonial", data=quote | {"consent": "y"}).status_code
        == 303
    )
    page = app.test_client().get(url).get_data(as_text=True)
    assert "<blockquote" in page and "نظّمت حسابنا في فصل واحد." in page


def test_sections_reorder_and_hide(app, client, auth):
    """Moving a section up changes the public order; a hidden section disappears."""
    url = published(client, auth, platforms=["instagram"])
    client.post("/portfolio/items/new/tool", data={"title": "Canva"})
    client.post(
        "/portfolio/items/new/service",
        data={"title": "خطة", "amount": "10", "rate_kind": "project", "currency": "SAR"},
    )
    before = app.test_client().get(url).get_data(as_text=True)
    assert before.index('id="services-heading"') < before.index('id="tools-heading"')
    for _ in range(6):  # tools up past every section before it
        assert client.post("/portfolio/sections", data={"move": "tools:up"}).status_code == 303
    moved = app.test_client().get(url).get_data(as_text=True)
    assert moved.index('id="tools-heading"') < moved.index('id="services-heading"')
    order = ["tools", "services", "case_studies", "samples", "skills", "testimonials", "contact"]
    shown = [name for name in order if name != "services"]
    client.post("/portfolio/sections", data={"order": order, "shown": shown})
    hidden = app.test_client().get(url).get_data(as_text=True)
    assert 'id="services-heading"' not in hidden and 'id="tools-heading"' in hidden
    client.post("/portfolio/sections", data={"order": order, "shown": order[:-1]})
    token = re.search(r'name="token" value="([^"]+)"', hidden).group(1)
    no_form = app.test_client().get(url).get_data(as_text=True)
    assert 'id="contact-heading"' not in no_form
    message = {
        "name": "عميل",
        "email": "c@example.com",
        "message": "hello there friend",
        "token": token,
    }
    assert app.test_client().post(url + "/contact", data=message).status_code == 404


def test_hidden_item_and_deletion_needs_confirmation(app, client, auth):
    """A hidden item is not public; deleting asks for a ticked box first."""
    url = published(client, auth)
    client.post("/portfolio/items/new/tool", data={"title": "CapCut", "hidden": "y"})
    assert "CapCut" not in app.test_client().get(url).get_data(as_text=True)
    item_id = rows(app, PortfolioItem)[0].id
    assert client.post(f"/portfolio/items/{item_id}/delete").status_code == 400
    assert len(rows(app, PortfolioItem)) == 1
    assert (
        client.post(f"/portfolio/items/{item_id}/delete", data={"confirm": "y"}).status_code == 303
    )
    assert rows(app, PortfolioItem) == []


def test_unsafe_links_are_refused_with_the_text_kept(client, auth):
    """Only absolute http(s) links are accepted for items."""
    published(client, auth)
    for link in ("javascript:alert(1)", "data:text/html,x", "//evil.example", "https://a b"):
        response = client.post("/portfolio/items/new/sample", data={"title": "منشور", "url": link})
        assert response.status_code == 400, link
        assert "منشور" in response.get_data(as_text=True)


def test_real_case_study_needs_results_and_lists_before_simulated(app, client, auth):
    """Results and period are required for real work; real pieces come first on the page."""
    url = published(client, auth)
    with app.app_context():
        portfolio = db.session.scalar(select(Portfolio))
        db.session.add(
            CaseStudy(
                portfolio_id=portfolio.id,
                user_id=portfolio.user_id,
                title="تدريب المقهى",
                simulated=True,
                figures={"posts": 3, "reach": 900, "period": ["2026-01-01", "2026-01-14"]},
            )
        )
        db.session.commit()
    story = {"title": "نادي الإعلام", "context": "نادٍ بلا خطة", "goal": "حضور أكبر"}
    missing = client.post("/portfolio/case-studies/new", data=story)
    assert missing.status_code == 400 and "نادٍ بلا خطة" in missing.get_data(as_text=True)
    full = story | {
        "results": "5 من 6 فعاليات امتلأت",
        "period": "خريف 2025",
        "skills": ["copywriting"],
    }
    assert client.post("/portfolio/case-studies/new", data=full).status_code == 303
    page = app.test_client().get(url).get_data(as_text=True)
    assert page.index("نادي الإعلام") < page.index("تدريب المقهى")
    assert "5 من 6 فعاليات امتلأت" in page and "خريف 2025" in page


def test_simulated_figures_cannot_be_edited(app, client, auth):
    """Editing a simulated case study changes its words, never the simulator's numbers."""
    published(client, auth)
    with app.app_context():
        portfolio = db.session.scalar(select(Portfolio))
        study = CaseStudy(
            portfolio_id=portfolio.id,
            user_id=portfolio.user_id,
            title="تدريب",
            simulated=True,
            figures={"posts": 3, "reach": 900},
        )
        db.session.add(study)
        db.session.commit()
        study_id = study.id
    forged = {
        "title": "تدريب معدل",
        "figures": '{"reach": 999999}',
        "simulated": "",
        "reach": "999999",
    }
    assert client.post(f"/portfolio/case-studies/{study_id}", data=forged).status_code == 303
    (saved,) = rows(app, CaseStudy)
    assert (
        saved.title == "تدريب معدل"
        and saved.simulated
        and saved.figures == {"posts": 3, "reach": 900}
    )


def test_preview_shows_typed_text_and_saves_nothing(app, client, auth):
    """The preview renders unsaved fields, can be framed by the site only, and writes nothing."""
    published(client, auth)
    response = client.post("/portfolio/preview", data=PROFILE | {"headline": "عنوان لم يُحفظ"})
    assert response.status_code == 200 and "عنوان لم يُحفظ" in response.get_data(as_text=True)
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    (portfolio,) = rows(app, Portfolio)
    assert portfolio.headline == PROFILE["headline"]
    assert client.get("/p/sara-social").headers["X-Frame-Options"] == "DENY"


def test_kept_preview_follows_every_save(app, client, auth):
    """The saved portfolio's preview (kept rendered per version) shows each saved change,
    and differs from the anonymous page kept for the same version."""
    published(client, auth)
    first = client.get("/portfolio/preview").get_data(as_text=True)
    assert PROFILE["headline"] in first
    assert client.post("/portfolio", data=PROFILE | {"headline": "عنوان جديد"}).status_code == 303
    again = client.get("/portfolio/preview").get_data(as_text=True)
    assert "عنوان جديد" in again and PROFILE["headline"] not in again
    client.post("/portfolio/items/new/tool", data={"title": "Canva"})
    assert "Canva" in client.get("/portfolio/preview").get_data(as_text=True)
    # The preview replaces the contact form; the visitors' page kept for the same version has it.
    anonymous = app.test_client().get("/p/sara-social").get_data(as_text=True)
    preview = client.get("/portfolio/preview").get_data(as_text=True)
    assert 'name="token"' in anonymous and 'name="token"' not in preview


def test_page_speaks_the_portfolio_language_not_the_visitor_one(app, client, auth):
    """An English portfolio is English and left to right, even for an Arabic browser."""
    url = published(client, auth, lang="en")
    client.post("/portfolio/items/new/tool", data={"title": "Canva"})
    page = app.test_client().get(url, headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page and "Platforms and tools" in page
    arabic = client.post("/portfolio", data=PROFILE | {"lang": "ar"})
    assert arabic.status_code == 303
    page = app.test_client().get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page and "المنصات والأدوات" in page
