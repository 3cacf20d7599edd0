"""Demo data for `flask demo`: a published portfolio with every section and a message."""

from __future__ import annotations

from app.accounts.models import User
from app.core.db import write_unit
from app.core.extensions import db
from app.portfolio import services
from app.portfolio.models import Portfolio
from app.sandbox import services as sandbox

BIO = (
    "أدير حسابات المقاهي والمطاعم الصغيرة في الرياض: أخطط للمحتوى قبل رمضان بأسابيع، "
    "وأكتب لكل منصة بلغتها، وأقيس النتائج مقابل الهدف.\n\n"
    "**أعمل على:** إنستغرام وتيك توك وإكس، بالعربية والإنجليزية."
)


def seed_portfolio(user: User) -> bool:
    """Publish the demo learner's portfolio once, with the café account as a case study."""
    if services.portfolio_of(user) is not None:
        return False
    portfolio = services.ensure_portfolio(user)
    with write_unit(db.session):
        portfolio.slug = "demo-cafe-manager"
        portfolio.headline = "منسقة محتوى للمقاهي والمطاعم في الرياض"
        portfolio.bio = BIO
        portfolio.status = "published"
        # The page a visitor tries first: published, and open to search engines.
        portfolio.indexable = True
        portfolio.lang = "ar"
        portfolio.platforms = "instagram,tiktok,x"
    accounts = sandbox.accounts_of(user)
    if accounts:
        services.add_sandbox_case_study(user, portfolio, accounts[-1])
    seed_sections(user, portfolio)
    services.send_message(
        portfolio,
        "مقهى الورد",
        "hello@alward-cafe.example",
        "السلام عليكم، شاهدنا دراسة الحالة ونحتاج من يدير حساباتنا في رمضان. "
        "هل يمكن أن نتحدث هذا الأسبوع؟",
    )
    return True


SERVICES = [
    ("إدارة حسابين شهريًا", "monthly", 3500, "خطة شهرية، 12 منشورًا لكل منصة، ردود يومية، تقرير."),
    ("خطة محتوى رمضان", "project", 2200, "تقويم 30 يومًا بأهداف واضحة لكل منشور."),
]
TOOLS = [("Canva", "تصميم يومي"), ("Meta Business Suite", "جدولة وتقارير"), ("CapCut", "مونتاج")]


def demo_screenshot() -> bytes:
    """A drawn stand-in for a post screenshot (no external asset), as PNG bytes."""
    import io

    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (540, 540), "#f4ede4")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((40, 40, 500, 380), fill="#8a5a3c")
    draw.ellipse((200, 140, 340, 280), fill="#f4ede4")
    draw.rectangle((40, 410, 420, 430), fill="#3b2a20")
    draw.rectangle((40, 450, 300, 466), fill="#a89483")
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def seed_sections(user: User, portfolio: Portfolio) -> None:
    """Services, a sample with its screenshot, a testimonial, tools and a real-world piece."""
    from app.portfolio import editing
    from app.portfolio.images import clean_image

    for title, kind, amount, body in SERVICES:
        fields = {"title": title, "rate_kind": kind, "amount": amount, "currency": "SAR"}
        editing.save_item(user, portfolio, None, "service", fields | {"body": body})
    sample = {
        "title": "منشور إطلاق قهوة الموسم",
        "detail": "Instagram · منشور 4:5",
        "body": "وصل إلى ضعف متوسط الحساب في أول 48 ساعة (تدريب محاكى).",
        "alt": "صورة كوب قهوة بني على خلفية بيج، وتحته سطر عنوان وسطر وصف.",
    }
    editing.save_item(user, portfolio, None, "sample", sample, clean_image(demo_screenshot()))
    quote = {
        "title": "نورة العتيبي",
        "detail": "مشرفة نادي الإعلام، جامعة الملك سعود",
        "body": "نظّمت حساب النادي في فصل واحد، وصارت فعالياتنا تمتلئ قبل موعدها.",
        "consent": True,
    }
    editing.save_item(user, portfolio, None, "testimonial", quote)
    for title, detail in TOOLS:
        editing.save_item(user, portfolio, None, "tool", {"title": title, "detail": detail})
    story = {
        "title": "حساب نادي الإعلام الجامعي (تطوع)",
        "context": "نادٍ طلابي بلا خطة نشر، ومتابعون لا يعرفون مواعيد الفعاليات.",
        "goal": "رفع حضور الفعاليات عبر إنستغرام خلال فصل دراسي.",
        "actions": "\n".join(
            [
                "تقويم أسبوعي بهدف لكل منشور",
                "قصص تذكير قبل كل فعالية بيوم",
                "رد على كل سؤال خلال ساعات",
            ]
        ),
        "results": "امتلأت 5 من 6 فعاليات قبل موعدها (كانت 2 من 6 في الفصل السابق).",
        "period": "سبتمبر إلى ديسمبر 2025",
        "lesson": "التذكير في اليوم السابق أهم من جمال التصميم.",
        "platforms": "instagram",
        "tools": "Canva, Meta Business Suite",
        "skills": ["content-planning", "community-engagement"],
    }
    editing.save_case_study(user, portfolio, None, story)
