"""A small café-and-abaya world for the reply rubric's hand-written cases (test data only).

Messages are written like the scenario banks' (Gulf, Egyptian, Levantine, MSA and English);
the lexicons, action matrix and length bands are the shipped ones.
"""

from __future__ import annotations

from typing import Any

from app.inbox.domain.items import ReplyInputs, context_for, message_for
from app.inbox.domain.lexicons import reply_data
from app.inbox.domain.promises import concepts
from app.inbox.domain.rubric import Context, Message

FACTS = [
    {
        "id": "delivery",
        "text": {
            "ar": "التوصيل خلال 45 دقيقة داخل 7 كيلومترات. إذا تأخر الطلب أكثر من 30 دقيقة عن"
            " الموعد نعيد رسوم التوصيل (9 ريالات) إلى المحفظة في التطبيق.",
            "en": "Delivery within 45 minutes inside 7 km. If an order is more than 30 minutes"
            " late we refund the delivery fee (SAR 9) to the app wallet.",
        },
        "keywords": ["رسوم التوصيل", "9 ريالات", "المحفظه", "delivery fee", "SAR 9", "wallet"],
    },
    {
        "id": "exchange",
        "text": {
            "ar": "الاستبدال مجاني خلال 14 يومًا من الاستلام بالفاتورة، ونرسل المندوب لاستلام"
            " القطعة خلال يومي عمل.",
            "en": "Exchanges are free within 14 days of delivery with the receipt, and a courier"
            " collects the piece within two working days.",
        },
        "keywords": ["14 يوم", "الفاتوره", "المندوب", "يومي عمل", "14 days", "receipt", "courier"],
    },
    {
        "id": "safety",
        "text": {
            "ar": "أي بلاغ عن سلامة منتج يُحال فورًا إلى مسؤولة الجودة، ويُسحب الصنف من الرفوف"
            " حتى ينتهي الفحص.",
            "en": "Every product-safety report goes straight to the quality lead, and the item is"
            " withdrawn from the shelves until the inspection ends.",
        },
        "keywords": [
            "مسؤوله الجوده",
            "يسحب",
            "سحبنا",
            "الفحص",
            "quality lead",
            "withdrawn",
            "inspection",
        ],
    },
    {
        "id": "ramadan-hours",
        "text": {
            "ar": "في رمضان نفتح من 4:30 عصرًا حتى 3:00 فجرًا، وآخر طلب 2:45.",
            "en": "In Ramadan we open from 4:30 pm to 3:00 am; last order 2:45.",
        },
        "keywords": ["4:30", "3 الفجر", "3:00", "2:45", "4:30 pm", "3 am"],
    },
    {
        "id": "milk",
        "text": {
            "ar": "نستلم الحليب طازجًا كل صباح، ونكتب تاريخ كل دفعة على العبوة، ونتلف ما بقي"
            " بعد يومين.",
            "en": "Milk arrives fresh every morning; each batch is dated on the carton, and what"
            " is left after two days is thrown away.",
        },
        "keywords": ["طازج", "كل صباح", "تاريخ كل دفعه", "fresh", "every morning", "dated"],
    },
]
VOICE = {
    "banned": [
        "عزيزي العميل",
        "حسب سياستنا",
        "هدّي أعصابك",
        "Dear valued customer",
        "per our policy",
        "calm down",
    ],
}
ROLES = [
    {"id": "branch-manager"},
    {"id": "quality-lead"},
    {"id": "spokesperson"},
    {"id": "owner"},
]


def _m(mid: str, **fields: Any) -> dict[str, Any]:
    """A bank message with the defaults most cases share."""
    base = {"id": mid, "severity": "medium", "sla_hours": 4, "facts": [], "key": []}
    return base | fields


MESSAGES = {
    "late": _m(
        "late",
        kind="complaint",
        channel="comment",
        platform="instagram",
        lang="ar",
        dialect="gulf",
        expected="reply-then-dm",
        facts=["delivery"],
        sla_hours=2,
        key=["تاخر", "بارد", "الكورتادو", "late", "cold", "cortado"],
        text="طلبت من التطبيق وتأخر الطلب ساعة كاملة ووصل الكورتادو بارد! وش هالخدمة؟",
    ),
    "size": _m(
        "size",
        kind="complaint",
        channel="comment",
        platform="facebook",
        lang="ar",
        dialect="egyptian",
        expected="reply-then-dm",
        facts=["exchange"],
        key=["مقاس", "المقاس", "الاستبدال", "size", "exchange"],
        text="انتو بجد مستفزين، العباية اللي جاتلي مقاسها غلط وبقالي أسبوع مستنية الاستبدال"
        " ومحدش بيرد!",
    ),
    "glass": _m(
        "glass",
        kind="safety",
        channel="comment",
        platform="instagram",
        lang="ar",
        dialect="msa",
        expected="escalate",
        facts=["safety"],
        escalate_to="quality-lead",
        sla_hours=1,
        key=["زجاج", "الزجاج", "كعكه", "الكعكه", "glass", "cake"],
        text="وجدت قطعة زجاج صغيرة في كعكة اشتريتها من فرعكم اليوم. هذا خطير جدًا على الأطفال.",
    ),
    "hours": _m(
        "hours",
        kind="question",
        channel="comment",
        platform="instagram",
        lang="ar",
        dialect="levantine",
        expected="reply",
        facts=["ramadan-hours"],
        text="قديش بتسكروا برمضان؟ بدي اجي بعد التراويح مع رفقاتي",
    ),
    "wrong": _m(
        "wrong",
        kind="complaint",
        channel="dm",
        platform="instagram",
        lang="en",
        dialect="en",
        expected="dm",
        facts=["delivery"],
        sla_hours=2,
        key=["wrong drink", "wrong", "drink", "phone"],
        text="My order arrived with the wrong drink and nobody answers the phone at the branch.",
    ),
    "milk": _m(
        "milk",
        kind="misinformation",
        channel="mention",
        platform="x",
        lang="ar",
        dialect="gulf",
        expected="reply",
        facts=["milk"],
        key=["منتهي", "الصلاحيه", "الحليب", "expired", "milk"],
        text="سمعت إن الكوفي هذا يستخدم حليب منتهي الصلاحية 🤢 أحد يأكد؟",
    ),
    "troll": _m(
        "troll",
        kind="troll",
        channel="comment",
        platform="tiktok",
        lang="ar",
        dialect="gulf",
        expected="ignore",
        text="قهوتكم زفت وانتو أزفت 😂😂",
    ),
    "spam": _m(
        "spam",
        kind="spam",
        channel="comment",
        platform="instagram",
        lang="ar",
        dialect="msa",
        expected="hide",
        text="اربح آيفون مجانًا! تابع حسابي واضغط الرابط في البايو",
    ),
    "praise": _m(
        "praise",
        kind="praise",
        channel="comment",
        platform="instagram",
        lang="en",
        dialect="en",
        expected="reply",
        text="Best flat white I've had this year. Thank you Sara at the bar!",
    ),
    "press": _m(
        "press",
        kind="question",
        channel="dm",
        platform="x",
        lang="ar",
        dialect="msa",
        expected="forward",
        escalate_to="spokesperson",
        key=["تقرير", "صحيفه", "report"],
        text="أنا صحفية في صحيفة محلية وأعد تقريرًا عن شكاوى التوصيل، هل يمكن أن أحصل على تعليق"
        " رسمي منكم اليوم؟",
    ),
}
SCENARIO = {"facts": FACTS, "voice": VOICE, "roles": ROLES, "inbox": list(MESSAGES.values())}


def context() -> Context:
    """The rubric's context for this world, with the shipped lexicons."""
    data = reply_data()
    return context_for(SCENARIO, ReplyInputs(data.lists, data.credit, data.bands, concepts()))


def message(mid: str) -> Message:
    """One of this world's messages as the rubric reads it."""
    return message_for(SCENARIO, MESSAGES[mid])
