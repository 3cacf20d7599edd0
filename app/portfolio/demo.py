"""Demo data for `flask demo`: a published portfolio with a simulated case study and a message."""

from __future__ import annotations

from app.accounts.models import User
from app.db import write_unit
from app.extensions import db
from app.portfolio import services
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
        portfolio.lang = "ar"
    accounts = sandbox.accounts_of(user)
    if accounts:
        services.add_sandbox_case_study(user, portfolio, accounts[-1])
    services.send_message(
        portfolio,
        "مقهى الورد",
        "hello@alward-cafe.example",
        "السلام عليكم، شاهدنا دراسة الحالة ونحتاج من يدير حساباتنا في رمضان. "
        "هل يمكن أن نتحدث هذا الأسبوع؟",
    )
    return True
