"""Demo data for `flask demo`: the café account two weeks in, with results to read."""

from __future__ import annotations

from datetime import timedelta

from app.accounts.models import User
from app.sandbox import clock, services
from app.sandbox.data import sandbox_data

# (day, hour, platform, format, goal, pillar index, text): a fortnight of ordinary café posts,
# some at good hours and some not, so the analytics and the why panel have something to say.
PLAN = [
    (
        0,
        8,
        "instagram",
        "feed",
        "awareness",
        0,
        "افتتحنا فرعنا الجديد في حي الياسمين! ☕ تعالوا جرّبوا قهوتنا المختصة.",
    ),
    (
        0,
        21,
        "tiktok",
        "video",
        "awareness",
        1,
        "كيف نحضّر الفلات وايت في ٣٠ ثانية؟ شاهدوا باريستا فرعنا الجديد.",
    ),
    (1, 13, "x", "feed", "engagement", 2, "سؤال اليوم: قهوتكم الصباحية عربية أو مختصة؟ 👇"),
    (
        2,
        20,
        "instagram",
        "reel",
        "visits",
        0,
        "جلسات هادئة للعمل والدراسة حتى منتصف الليل. احجزوا طاولتكم من الرابط في البايو.",
    ),
    (3, 3, "tiktok", "video", "engagement", 1, "وراء الكواليس: من حبة البن إلى الكوب."),
    (
        4,
        21,
        "instagram",
        "carousel",
        "engagement",
        2,
        "٥ أنواع قهوة جرّبوها هذا الأسبوع، أيها المفضل لديكم؟",
    ),
    (
        6,
        22,
        "x",
        "feed",
        "traffic",
        0,
        "قائمة الشتاء وصلت: مشروبات دافئة جديدة. اطلبوا الآن من موقعنا.",
    ),
    (7, 20, "tiktok", "video", "awareness", 1, "تحدي الرسم على الحليب مع فريقنا ☕🎨"),
    (
        8,
        9,
        "instagram",
        "story",
        "visits",
        0,
        "صباح الخير يا الرياض! أول ١٠ زوار اليوم لهم كوكيز مجانًا.",
    ),
    (10, 21, "instagram", "reel", "engagement", 2, "شاركونا صورة قهوتكم معنا بوسم #صباح_الياسمين"),
    (12, 16, "x", "feed", "community", 2, "ما الذي تحبون أن نضيفه لقائمتنا؟ نقرأ كل رد."),
    (
        13,
        21,
        "tiktok",
        "video",
        "visits",
        0,
        "عطلة نهاية الأسبوع عندنا: موسيقى هادئة وقهوة مختصة. نراكم!",
    ),
]


def seed_sandbox(user: User) -> bool:
    """Start the café account and play two weeks of posts (once per learner)."""
    if services.accounts_of(user) or "riyadh-cafe" not in sandbox_data().scenarios:
        return False
    # A fixed seed: the demo looks the same on every machine.
    account = services.start_account(user, "riyadh-cafe", seed=20270131)
    scenario = services.scenario_of(account)
    pillars = [p["id"] for p in scenario.get("pillars") or []] or [""]
    start = account.started.replace(hour=0, minute=0)
    for n, (day, hour, platform, fmt, goal, pillar, text) in enumerate(PLAN):
        aspect = (
            "9:16" if fmt in ("video", "reel", "story") else ("16:9" if platform == "x" else "4:5")
        )
        version = {
            "format": fmt,
            "text": text,
            "hashtags": "#قهوة_مختصة #الرياض",
            "media_count": 3 if fmt == "carousel" else 1,
            "aspect": aspect,
            "alt_text": "كوب قهوة على طاولة خشبية في الفرع الجديد",
            "media_description": "صورة من الفرع الجديد",
            "goal": goal,
            "pillar": pillars[pillar % len(pillars)],
            "cta": "احجزوا طاولتكم" if goal in ("visits", "traffic") else "",
            "link": "https://cafe.example/menu?utm_source=x&utm_medium=social&utm_campaign=launch"
            if goal == "traffic"
            else "",
        }
        idea = services.save_idea(user, account, f"منشور {n + 1}", "launch", {platform: version})
        post = idea.posts[0]
        services.set_status(user, account, post, "submit")
        services.set_status(user, account, post, "approve")
        when = start + timedelta(days=day, hours=hour)
        if when > account.clock:
            services.schedule(user, account, post, when)
        else:
            services.schedule(user, account, post, account.clock + timedelta(hours=1))
    test_id = start_abtest(user, account)
    from app.ads.demo import seed_campaign  # the ads package builds on the sandbox's

    seed_campaign(user, account)  # ten days from tomorrow: finished by the end of the advance
    clock.advance(user, account, 24 * 14)  # the test's seven days run inside these two weeks
    call_abtest(user, account, test_id)
    return True


AB_TEXTS = (
    "قائمة الشتاء وصلت إلى فرع الياسمين\nمشروبات دافئة جديدة كل يوم حتى منتصف الليل.",
    "أي مشروب شتوي تجربون أولًا؟\nمشروبات دافئة جديدة كل يوم حتى منتصف الليل.",
)
AB_NEXT = {
    "a": "نعتمد السطر الأول A في منشورات القائمة القادمة، ثم نختبر وقت النشر.",
    "b": "نعتمد السؤال في السطر الأول للمنشورات القادمة، ثم نختبر وقت النشر.",
    "inconclusive": "لا فرق يمكن الاعتماد عليه: نعيد الاختبار بعينة أكبر لأسبوعين.",
}


def start_abtest(user: User, account: services.SandboxAccount) -> int:
    """Two drafts that differ in the first line, declared and locked as a seven-day test."""
    from app.sandbox import abtests

    ids = []
    for n, text in enumerate(AB_TEXTS, start=1):
        version = {
            "format": "feed",
            "text": text,
            "media_count": 1,
            "aspect": "4:5",
            "alt_text": "كوب مشروب شتوي دافئ على طاولة خشبية",
            "goal": "engagement",
            "cta": "شاركونا رأيكم",
        }
        idea = services.save_idea(user, account, f"اختبار A/B {n}", "ab", {"instagram": version})
        ids.append(idea.posts[0].id)
    declared = abtests.Declaration(ids[0], ids[1], "first-line", "engaged", 7, 3000)
    test = abtests.declare_test(user, account.id, declared)
    abtests.lock_test(user, account.id, test.id)
    return test.id


def call_abtest(user: User, account: services.SandboxAccount, test_id: int) -> None:
    """The call on the finished test, as the delivered counts say."""
    from app.sandbox import abtests

    test = abtests.test_for(user, account, test_id)
    outcome = abtests.outcome_of(test, account.clock)
    verdict = outcome.verdict if outcome else "inconclusive"
    abtests.make_call(user, account.id, test_id, verdict, AB_NEXT[verdict])
