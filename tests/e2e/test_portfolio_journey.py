"""The portfolio in Arabic, in Chromium: from the demo's café sandbox results to a published
page, a visitor's message, and back to a draft that nobody else can open.

Also the builder's live preview (typed, not saved) and its drag-to-reorder sections. The
themes in both page languages are checked by axe and vnu in test_portfolio_themes.py.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from a11y import check_arabic_page
from playwright.sync_api import Page, expect

from app.accounts.models import User
from app.core.extensions import db
from app.portfolio.domain import SECTIONS
from e2e.journey import sign_in  # its home; other journeys import it from here too

pytestmark = pytest.mark.browser
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
SIMULATED = "تدريب محاكى"
HEADLINE = "مديرة محتوى للمقاهي في الرياض"
BIO = "أدير ٣ حسابات مقاهٍ منذ 2024 مع @tawasul_cafe #قهوة_مختصة\n#الرياض"
QUOTE = "نظّمت حساباتنا في شهر واحد وزاد الحجز عبر إنستغرام."
MESSAGE = "السلام عليكم، نحتاج من يدير حساب مقهانا في رمضان. هل يمكن أن نتحدث؟"
SAVE = "#profile-form button[type=submit]:not([formaction])"


def seed_demo(app: Any, user: User, portfolio: bool = False) -> None:
    """The demo's café sandbox account two weeks in; with `portfolio`, the demo's portfolio too."""
    from app.content_runtime import library
    from app.demo import seed_learning
    from app.portfolio.demo import seed_portfolio
    from app.sandbox.demo import seed_sandbox

    with app.app_context():
        learner = db.session.get(User, user.id)
        assert seed_sandbox(learner)
        if portfolio:
            assert seed_learning(learner, library())
            assert seed_portfolio(learner)
        db.session.remove()


def submit(page: Page, selector: str, keyboard: bool = False) -> None:
    """Send a form with a click (or, by keyboard, focus and Enter); wait for the success flash."""
    with page.expect_navigation():
        if keyboard:
            page.locator(selector).focus()
            page.keyboard.press("Enter")
        else:
            page.locator(selector).click()
    expect(page.locator(".flash-success")).to_be_visible()


def save_profile(page: Page, live_server: str, **selects: str) -> None:
    """Open the builder, choose `selects` (field id → option value) and press Save."""
    page.goto(f"{live_server}/portfolio")
    for field, value in selects.items():
        page.locator(f"#{field}").select_option(value)
    submit(page, SAVE)


def builder_order(page: Page) -> list[str]:
    """The sections in the builder's "Sections of the page" list, top to bottom."""
    return page.locator("ol[data-reorder] > li").evaluate_all(
        "rows => rows.map(r => r.dataset.name)"
    )


def public_order(page: Page) -> list[str]:
    """The ids of the public page's section headings, top to bottom."""
    return page.locator("article.portfolio .portfolio-section > h2").evaluate_all(
        "hs => hs.map(h => h.id)"
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_portfolio_from_sandbox_to_contact_and_gone(
    app, new_context, live_server, users, artifacts: Path, viewport: str
):
    """Sandbox results → case study, profile, service, testimonial, keyboard reorder, publish;
    an anonymous visitor reads it, sends a message; unpublished, the page is gone (404)."""
    user = users.create(locale="ar")
    seed_demo(app, user)
    page = new_context(viewport=VIEWPORTS[viewport]).new_page()
    steps = iter(range(1, 50))

    def check(on: Page, name: str) -> None:
        check_arabic_page(on, artifacts / f"portfolio-{viewport}-{next(steps):02d}-{name}.png")

    sign_in(page, live_server, user)
    page.goto(f"{live_server}/portfolio")
    check(page, "builder-new")
    submit(page, "form[action*='/portfolio/case-studies/sandbox/'] button")
    studies = page.locator("#section-case_studies ~ ul > li:has(a[href*='/case-studies/'])")
    expect(studies).to_have_count(1)
    expect(studies.locator(".tag")).to_have_text(SIMULATED)

    slug = f"cafe-{viewport}"
    page.locator("#headline").fill(HEADLINE)
    page.locator("#bio").fill(BIO)
    page.locator("#slug").fill(slug)
    submit(page, SAVE)
    expect(page.locator("#headline")).to_have_value(HEADLINE)

    page.locator("a[href$='/portfolio/items/new/service']").click()
    page.locator("#title").fill("إدارة حسابات المقاهي")
    page.locator("#amount").fill("٣٬٥٠٠")  # Arabic-Indic digits and separator
    page.locator("#currency").select_option("SAR")
    page.locator("#rate_kind").select_option("monthly")
    page.locator("#body").fill("١٢ منشورًا لكل منصة شهريًا، وتقرير في نهاية الشهر.")
    check(page, "service-form")
    submit(page, "main form button[type=submit]")

    page.locator("a[href$='/portfolio/items/new/testimonial']").click()
    page.locator("#title").fill("نورة العتيبي")
    page.locator("#detail").fill("مالكة مقهى الورد")
    page.locator("#body").fill(QUOTE)
    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        page.locator("main form button[type=submit]").click()
    assert refused.value.status == 400
    expect(page.locator("#consent-error")).to_be_visible()
    expect(page.locator("#consent")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#title")).to_have_value("نورة العتيبي")
    expect(page.locator("#detail")).to_have_value("مالكة مقهى الورد")
    expect(page.locator("#body")).to_have_value(QUOTE)
    check(page, "testimonial-no-consent")
    page.locator("#consent").check()
    submit(page, "main form button[type=submit]")

    assert builder_order(page) == list(SECTIONS)
    submit(page, "button[name=move][value='case_studies:up']", keyboard=True)
    assert builder_order(page) == ["case_studies", "services", *SECTIONS[2:]]
    page.locator("#status").select_option("published")
    submit(page, SAVE)
    check(page, "builder-published")

    visitor = new_context(viewport=VIEWPORTS[viewport]).new_page()
    response = visitor.goto(f"{live_server}/p/{slug}")
    served = time.monotonic()
    assert response is not None and response.status == 200
    expect(visitor.locator("h1")).to_have_text(HEADLINE)
    expect(visitor.locator(".case-study h3 .tag")).to_have_text(SIMULATED)
    expect(visitor.locator(".services .rate")).to_contain_text("3,500 SAR")
    expect(visitor.locator(".testimonial blockquote")).to_have_text(QUOTE)
    bio = visitor.locator(".bio").inner_text()
    assert all(part in bio for part in ("٣", "2024", "@tawasul_cafe", "#قهوة_مختصة")), bio
    assert "#الرياض" in bio, bio  # a hashtag starting a line is not a dropped heading
    headings = ["cases-heading", "services-heading", "testimonials-heading", "contact-heading"]
    assert public_order(visitor) == headings
    og_image = visitor.locator("meta[property='og:image']").get_attribute("content")
    # Built from PUBLIC_BASE_URL, not from the host the browser used; fetched here by its path.
    assert og_image == f"{app.config['PUBLIC_BASE_URL']}/p/{slug}/share.png"
    share_png = live_server + urlsplit(og_image).path
    picture = visitor.request.get(share_png)
    assert (picture.status, picture.headers["content-type"]) == (200, "image/png")
    assert picture.body().startswith(b"\x89PNG\r\n\x1a\n")
    check(visitor, "public")

    visitor.locator("#contact-name").fill("مقهى الورد")
    visitor.locator("#contact-email").fill("hello@alward-cafe.example")
    visitor.locator("#contact-message").fill(MESSAGE)
    visitor.wait_for_timeout(max(0.0, 3.2 - (time.monotonic() - served)) * 1000)
    submit(visitor, "form[action*='/contact'] button[type=submit]")
    check(visitor, "public-message-sent")
    page.goto(f"{live_server}/portfolio/messages")
    expect(page.locator("ol.messages > li")).to_have_count(1)
    expect(page.locator("ol.messages > li")).to_contain_text("مقهى الورد")
    expect(page.locator("ol.messages .message-body")).to_have_text(MESSAGE)
    check(page, "messages")

    save_profile(page, live_server, status="draft")
    gone = visitor.reload()
    assert gone is not None and gone.status == 404, gone and gone.status
    assert visitor.request.get(share_png).status == 404
    check(visitor, "public-gone")


def test_builder_live_preview_and_drag(app, new_context, live_server, users, artifacts: Path):
    """Typing shows in the preview frame without saving; a dragged section row is saved."""
    user = users.create(locale="ar")
    seed_demo(app, user, portfolio=True)
    page = new_context(viewport=VIEWPORTS["desktop"]).new_page()
    sign_in(page, live_server, user)
    page.goto(f"{live_server}/portfolio")
    frame = page.frame_locator("iframe[name=preview]")
    saved = page.locator("#headline").input_value()
    expect(frame.locator("h1")).to_have_text(saved)
    typed = "منسقة محتوى تكتب لكل منصة بلغتها"
    page.locator("#headline").fill(typed)
    expect(frame.locator("h1")).to_have_text(typed, timeout=5000)
    page.screenshot(path=str(artifacts / "portfolio-preview-typed.png"), full_page=True)

    slug = page.locator("#slug").input_value()
    owner = page.context.new_page()
    owner.goto(f"{live_server}/p/{slug}")
    expect(owner.locator("h1")).to_have_text(saved)
    visitor = new_context(viewport=VIEWPORTS["desktop"]).new_page()
    visitor.goto(f"{live_server}/p/{slug}")  # an anonymous view fills the page cache
    assert public_order(visitor)[-1] == "contact-heading"

    page.goto(f"{live_server}/portfolio")
    before = builder_order(page)
    assert before[0] != "contact"
    rows = page.locator("ol[data-reorder] > li")
    with page.expect_navigation():
        rows.nth(before.index("contact")).drag_to(rows.first, target_position={"x": 30, "y": 5})
    expect(page.locator(".flash-success")).to_be_visible()
    assert builder_order(page) == ["contact", *[name for name in before if name != "contact"]]
    page.screenshot(path=str(artifacts / "portfolio-dragged.png"), full_page=True)
    visitor.reload()
    assert public_order(visitor)[0] == "contact-heading"
    owner.reload()
    expect(owner.locator("h1")).to_have_text(saved)
