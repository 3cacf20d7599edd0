"""The reply rubric on hand-written replies: good ones score high, gaming ones low, hard fails cap.

Each case names the message, what the learner did, and what the rubric must find: a points
band, hard fails, and the level of the criteria that case is about. Replies are in Gulf,
Egyptian and Levantine Arabic, MSA and English.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from rubric_world import context, message

from app.inbox.domain.rubric import WEIGHTS, Reply
from app.inbox.domain.score import score_reply

CTX = context()


@dataclass(frozen=True)
class Case:
    """A reply and what the rubric must say about it."""

    name: str
    mid: str
    action: str
    text: str = ""
    role: str = ""
    hours: float | None = 0.5
    earlier: int = 0
    low: int = 0
    high: int = 100
    hard: tuple[str, ...] = ()
    levels: dict[str, int] = field(default_factory=dict)


CASES = [
    # --- strong replies, every dialect -------------------------------------------------------
    Case(
        "gulf late delivery, named, refund from the brief, to private",
        "late",
        "private",
        "نعتذر منك يا غالي، تأخر الطلب ساعة ووصل الكورتادو بارد وهذا ما يرضينا. رجّعنا رسوم"
        " التوصيل 9 ريالات لمحفظتك في التطبيق، وراسلناك على الخاص عشان نكمل معك اليوم.",
        low=85,
        levels={"empathy": 3, "accuracy": 3, "resolution": 3, "channel": 3},
    ),
    Case(
        "egyptian size complaint, owns it, exchange facts, DM",
        "size",
        "private",
        "حقك علينا والله، متأسفين إن المقاس وصل غلط وإن الاستبدال اتأخر عليكي. الاستبدال مجاني"
        " خلال 14 يوم بالفاتورة، وهنبعتلك المندوب خلال يومين عمل. بعتنالك رسالة خاصة نكمّل فيها.",
        low=85,
        levels={"empathy": 3, "channel": 3},
    ),
    Case(
        "MSA safety report escalated to the quality lead",
        "glass",
        "escalate",
        "نشكرك على إبلاغنا ونعتذر بشدة عن قطعة الزجاج في الكعكة. أحلنا البلاغ فورًا إلى مسؤولة"
        " الجودة، وسحبنا الصنف من الرفوف حتى ينتهي الفحص، وسنتواصل معك في الخاص اليوم.",
        role="quality-lead",
        low=85,
        levels={"escalation": 3, "empathy": 3},
    ),
    Case(
        "levantine question answered with the hours",
        "hours",
        "reply",
        "أهلين فيكي! برمضان منفتح من 4:30 العصر لـ 3 الفجر، وآخر طلب 2:45. ناطرينك إنتي ورفقاتك"
        " بعد التراويح.",
        low=85,
        levels={"accuracy": 3, "resolution": 3},
    ),
    Case(
        "english DM complaint, specific, fee refund, next step today",
        "wrong",
        "reply",
        "We're so sorry the wrong drink arrived and that nobody picked up the phone. We have"
        " refunded the delivery fee (SAR 9) to your app wallet, and the branch manager will call"
        " you today to put it right.",
        low=85,
        levels={"empathy": 3, "resolution": 3},
    ),
    Case(
        "gulf misinformation corrected with the milk facts",
        "milk",
        "reply",
        "نفهم قلقك، بس الخبر غير صحيح: نستلم الحليب طازج كل صباح ونكتب تاريخ كل دفعة على العبوة،"
        " وأي حليب يتجاوز يومين يُتلف. وإذا عندك أي سؤال راسلنا على الخاص.",
        low=80,
        levels={"accuracy": 3},
    ),
    Case("troll ignored", "troll", "none", low=100, levels={"triage": 3}),
    Case("spam hidden", "spam", "hide", low=95, levels={"triage": 3}),
    Case(
        "english praise thanked, barista named",
        "praise",
        "reply",
        "Thank you so much! We'll pass this on to Sara, she'll be thrilled. See you at the bar"
        " soon.",
        low=80,
        levels={"empathy": 3},
    ),
    Case(
        "journalist forwarded to the spokesperson",
        "press",
        "forward",
        "شكرًا لتواصلك. أحلنا طلبك بخصوص التقرير إلى المتحدثة الرسمية باسم الشركة، وستتواصل معك"
        " اليوم قبل الخامسة مساءً.",
        low=80,
        levels={"escalation": 3, "triage": 3},
    ),
    # --- timing -----------------------------------------------------------------------------
    Case(
        "a good reply sent late (between one and two deadlines)",
        "late",
        "private",
        "نعتذر منك، تأخر الطلب ووصل الكورتادو بارد. رجّعنا رسوم التوصيل 9 ريالات لمحفظتك،"
        " وراسلناك على الخاص اليوم.",
        hours=3.5,
        levels={"timeliness": 2},
    ),
    Case(
        "a good reply sent two days late",
        "hours",
        "reply",
        "برمضان منفتح من 4:30 العصر لـ 3 الفجر، آخر طلب 2:45. أهلين فيكي!",
        hours=50,
        levels={"timeliness": 0},
    ),
    # --- gaming the checks ------------------------------------------------------------------
    Case(
        "apology words stuffed into an unhelpful reply",
        "late",
        "reply",
        "نعتذر نعتذر نعتذر، آسفين جدًا جدًا، نعتذر منك ومتأسفين وآسفين على الإزعاج.",
        high=39,
        levels={"triage": 0, "timeliness": 0, "resolution": 0, "empathy": 1},
    ),
    Case(
        "english apology stuffing",
        "wrong",
        "reply",
        "Sorry, so sorry, we apologise, we are truly sorry, apologies again, sorry!",
        high=39,
        levels={"triage": 0, "resolution": 0},
    ),
    Case(
        "a model answer copied from another complaint (size reply on the late delivery)",
        "late",
        "private",
        "حقك علينا والله، متأسفين إن المقاس وصل غلط وإن الاستبدال اتأخر عليكي. الاستبدال مجاني"
        " خلال 14 يوم بالفاتورة، وهنبعتلك المندوب خلال يومين عمل. بعتنالك رسالة خاصة نكمّل فيها.",
        high=39,
        levels={"accuracy": 0, "empathy": 0},
    ),
    Case(
        "the right words while asking for the order number in public",
        "late",
        "reply",
        "نعتذر منك، تأخر الطلب ووصل الكورتادو بارد. رجّعنا رسوم التوصيل 9 ريالات لمحفظتك. ارسل"
        " لنا رقم الطلب ورقم جوالك هنا عشان نتابع.",
        high=10,
        hard=("asked-personal-data",),
        levels={"channel": 0},
    ),
    Case(
        "english: the right words while asking for the email in public",
        "size",
        "reply",
        "So sorry the size was wrong and the exchange is late. Exchanges are free within 14 days"
        " with the receipt. Please share your email and phone number here so we can follow up.",
        high=10,
        hard=("asked-personal-data",),
    ),
    Case(
        "a long reply that repeats the customer's words without a next step",
        "late",
        "reply",
        "طلبت من التطبيق وتأخر الطلب ساعة كاملة ووصل الكورتادو بارد، وش هالخدمة؟ نعم طلبت من"
        " التطبيق وتأخر الطلب ساعة كاملة ووصل الكورتادو بارد، ونحن نسمعك تمامًا.",
        high=35,
        levels={"resolution": 0, "empathy": 1},
    ),
    Case(
        "canned filler, nothing specific",
        "size",
        "reply",
        "نشكرك على ملاحظتك وسيتم النظر في الموضوع. ملاحظتك محل اهتمامنا.",
        high=30,
        levels={"triage": 0},
    ),
    Case(
        "english canned filler",
        "wrong",
        "reply",
        "Thank you for your feedback. We value all our customers.",
        high=30,
        levels={"triage": 0},
    ),
    Case(
        "asks in public but sends to private in the same sentence: allowed",
        "late",
        "private",
        "نعتذر منك، تأخر الطلب ووصل الكورتادو بارد. رجّعنا رسوم التوصيل 9 ريالات لمحفظتك، وارسل"
        " لنا رقم الطلب على الخاص ونتواصل معك اليوم.",
        low=80,
        levels={"channel": 3},
    ),
    # --- named failures (capped below 40) --------------------------------------------------
    Case(
        "gulf dismissal: calm down",
        "late",
        "private",
        "هدّي أعصابك شوي، تأخر الطلب ووصل الكورتادو بارد ورجّعنا رسوم التوصيل 9 ريالات، راسلناك"
        " على الخاص.",
        high=39,
        levels={"empathy": 0},
    ),
    Case(
        "egyptian dismissal",
        "size",
        "private",
        "اهدي شوية يا فندم، المقاس هيتغير، الاستبدال خلال 14 يوم بالفاتورة وبعتنالك على الخاص.",
        high=39,
    ),
    Case(
        "english dismissal",
        "wrong",
        "reply",
        "Calm down, we will send the right drink and refund the delivery fee today.",
        high=39,
    ),
    Case(
        "blaming the customer",
        "size",
        "private",
        "كان لازم تتأكدي من المقاس من الأول، بس ماشي، الاستبدال خلال 14 يوم بالفاتورة، كلمينا خاص.",
        high=39,
        levels={"accuracy": 0},
    ),
    Case(
        "sarcasm",
        "late",
        "private",
        "يا سلام عليك! ساعة تأخير صارت مشكلة؟ طيب رجّعنا رسوم التوصيل 9 ريالات وراسلناك على الخاص.",
        high=39,
    ),
    Case(
        "an invented offer: a full refund and free coffee for a month",
        "late",
        "private",
        "نعتذر منك عن التأخير والكورتادو البارد. بنعطيك استرداد كامل وقهوة مجانية لمدة شهر،"
        " وراسلناك على الخاص اليوم.",
        high=39,
        levels={"accuracy": 0},
    ),
    Case(
        "english invented compensation",
        "wrong",
        "reply",
        "So sorry about the wrong drink. We'll give you a 50% discount voucher on your next three"
        " orders, and our manager will call you today.",
        high=39,
    ),
    Case(
        "a banned phrase from the voice chart",
        "size",
        "private",
        "عزيزي العميل، حسب سياستنا الاستبدال خلال 14 يوم بالفاتورة. نأسف على المقاس الغلط،"
        " وراسلناك على الخاص.",
        levels={"voice": 0},
    ),
    # --- wrong action -----------------------------------------------------------------------
    Case(
        "feeding the troll",
        "troll",
        "reply",
        "إذا ما عجبتك لا تشربها 😂",
        high=40,
        levels={"triage": 0},
    ),
    Case(
        "legitimate criticism deleted",
        "size",
        "delete",
        high=10,
        hard=("criticism-deleted",),
    ),
    Case("a complaint's author blocked", "late", "block", high=10, hard=("criticism-deleted",)),
    Case(
        "safety report answered kindly but not escalated",
        "glass",
        "private",
        "نعتذر بشدة عن قطعة الزجاج في الكعكة، هذا مقلق فعلًا. سحبنا الصنف من الرفوف حتى ينتهي"
        " الفحص، وراسلناك على الخاص.",
        high=10,
        hard=("safety-not-escalated",),
        levels={"escalation": 0},
    ),
    Case(
        "safety report escalated to the wrong role",
        "glass",
        "escalate",
        "نعتذر بشدة عن قطعة الزجاج في الكعكة. أحلنا البلاغ للإدارة وسحبنا الصنف حتى ينتهي الفحص،"
        " وسنتواصل معك اليوم على الخاص.",
        role="branch-manager",
        low=60,
        high=97,
        levels={"escalation": 1},
    ),
    Case("safety report hidden", "glass", "hide", high=10, hard=("safety-not-escalated",)),
    Case(
        "a question left without a reply",
        "hours",
        "none",
        high=40,
        levels={"triage": 0, "empathy": 0},
    ),
    Case(
        "journalist answered directly instead of the spokesperson",
        "press",
        "reply",
        "أهلًا بك، التأخير عندنا بسيط والعملاء راضون عمومًا، ويمكنك نشر ذلك.",
        high=50,
        levels={"escalation": 0},
    ),
    Case(
        "spam answered instead of hidden",
        "spam",
        "reply",
        "شكرًا لك!",
        high=40,
        levels={"triage": 0},
    ),
    # --- channel and language ---------------------------------------------------------------
    Case(
        "a third public reply in one thread",
        "late",
        "private",
        "نعتذر منك، تأخر الطلب ووصل الكورتادو بارد. رجّعنا رسوم التوصيل 9 ريالات لمحفظتك،"
        " وراسلناك على الخاص اليوم.",
        earlier=2,
        levels={"channel": 0},
    ),
    Case(
        "public reply that never moves the private details to private",
        "late",
        "reply",
        "نعتذر منك، تأخر الطلب ووصل الكورتادو بارد. رجّعنا رسوم التوصيل 9 ريالات لمحفظتك اليوم.",
        levels={"channel": 1},
    ),
    Case(
        "answered in English to a Levantine customer",
        "hours",
        "reply",
        "Hi! In Ramadan we open from 4:30 pm to 3 am, last order 2:45. See you after Taraweeh!",
        high=69,
        levels={"voice": 1},
    ),
    Case(
        "a phone number shown in a public reply",
        "late",
        "private",
        "نعتذر منك عن تأخر الطلب والكورتادو البارد، رجّعنا رسوم التوصيل 9 ريالات، كلمنا على"
        " 0551234567 أو على الخاص.",
        levels={"channel": 0, "escalation": 0},
    ),
    Case(
        "a figure the brief does not contain",
        "hours",
        "reply",
        "أهلين! برمضان منفتح من 5 العصر لـ 4 الفجر. ناطرينك!",
        high=80,
        levels={"accuracy": 1},
    ),
    Case(
        "reassurance is not blame: it is not your fault",
        "wrong",
        "reply",
        "So sorry, it's not your fault at all: the wrong drink came from our side. You should"
        " have received the right one. We have refunded the delivery fee (SAR 9) to your wallet"
        " and the branch manager will call you today.",
        low=85,
        levels={"accuracy": 3},
    ),
    Case(
        "egyptian reassurance: not your fault",
        "size",
        "private",
        "مش غلطتك خالص، متأسفين إن المقاس وصل غلط. الاستبدال مجاني خلال 14 يوم بالفاتورة،"
        " والمندوب هيجيلك خلال يومين عمل، وبعتنالك على الخاص.",
        low=85,
        levels={"empathy": 3},
    ),
    Case(
        "levantine complaint-style reply with a conjunction on the apology word",
        "late",
        "private",
        "وآسفين كتير إنو تأخر الطلب ووصل الكورتادو بارد. رجعنالك رسوم التوصيل 9 ريالات عالمحفظة،"
        " وبعتنالك عالخاص لنكمل اليوم.",
        low=80,
        levels={"empathy": 3},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hand_written_reply_scores_as_expected(case):
    """The rubric's points, hard fails and named criteria match the hand-written expectation."""
    score = score_reply(
        message(case.mid), Reply(case.action, case.text, case.role, case.hours, case.earlier), CTX
    )
    levels = {c.id: c.level for c in score.criteria}
    detail = f"{score.points} {levels} {score.hard_fails} {score.caps}"
    assert case.low <= score.points <= case.high, detail
    assert set(case.hard) == set(score.hard_fails), detail
    for name, level in case.levels.items():
        assert levels[name] == level, f"{name}: {detail}"


def test_at_least_forty_cases_in_every_language():
    """The acceptance floor: 40+ replies, Gulf, Egyptian, Levantine, MSA and English among them."""
    assert len(CASES) >= 40
    dialects = {message(c.mid).lang for c in CASES}
    assert dialects == {"ar", "en"}


def test_weights_sum_to_one_hundred_and_criteria_that_do_not_apply_drop_out():
    """Weights total 100; for a troll ignored, only triage, channel and escalation count."""
    assert sum(WEIGHTS.values()) == 100
    score = score_reply(message("troll"), Reply("none"), CTX)
    applies = {c.id for c in score.criteria if c.applies}
    assert applies == {"triage", "channel", "escalation"}


def test_an_acknowledgement_is_not_an_answer():
    """A reply with no fact, no next step and no move to private does not stop the clock."""
    score = score_reply(message("late"), Reply("reply", "نعتذر منك على التأخير", "", 0.5), CTX)
    assert not score.answered
    good = score_reply(
        message("late"),
        Reply("private", "نعتذر منك على التأخير والكورتادو البارد، راسلناك على الخاص.", "", 0.5),
        CTX,
    )
    assert good.answered
