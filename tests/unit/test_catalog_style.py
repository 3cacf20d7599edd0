"""The Arabic interface reads as written in Arabic: no calques the style guide names."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

CATALOG = Path(__file__).resolve().parents[2] / "app/translations/ar/LC_MESSAGES/messages.po"
# «مقابل» is how "vs"/"against" gets calqued (the house rules name it); the interface says
# «قياسًا بـ» or «بدل». Where a sentence means "in exchange for", «لقاء» says it without the
# ambiguity. («افتراضي» is not listed: it is the right word for "default".)
CALQUES = ("مقابل",)


def test_arabic_catalog_has_no_named_calques():
    """No Arabic message uses a calque the house rules forbid."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="ar")
    found = []
    for message in catalog:
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            found += [(message.id, word) for word in CALQUES if word in (text or "")]
    assert not found, found


# A figure filled into Arabic text must agree with the noun it counts («3 أسابيع», «11 أسبوعًا»,
# «100 أسبوع»), which one fixed msgstr cannot do. Such messages either go through ngettext
# (one form per plural category) or are worded so no counted noun follows the figure
# («عدد الأحرف: %(n)d»). These nouns are the ones the interface counts; the ngettext entries
# add every form they use.
# fmt: off
COUNTED_NOUNS = {
    "حرف", "حرفًا", "أحرف", "حروف", "كلمة", "كلمات", "كلمةً", "أسبوع", "أسبوعًا", "أسابيع",
    "منشور", "منشورًا", "منشورات", "سؤال", "سؤالًا", "أسئلة", "يوم", "يومًا", "أيام",
    "ساعة", "ساعات", "دقيقة", "دقائق", "رسالة", "رسائل", "رسالةً", "نقطة", "نقاط",
}
# fmt: on
NUMBER_THEN_WORD = re.compile(r"%\(\w+\)[sd]\s+([\u0621-\u064A\u064B-\u0652]+)")


def _load() -> Catalog:
    with CATALOG.open("rb") as handle:
        return read_po(handle, locale="ar")


def counted_noun_after_figure(catalog: Catalog) -> list[tuple[str, str]]:
    """(msgid, noun) for each single-form Arabic message that puts a counted noun after a figure."""
    nouns = set(COUNTED_NOUNS)
    for message in catalog:
        if isinstance(message.string, tuple):
            for text in message.string:
                nouns.update(NUMBER_THEN_WORD.findall(text or ""))
    return [
        (str(message.id), noun)
        for message in catalog
        if message.id and isinstance(message.string, str)
        for noun in NUMBER_THEN_WORD.findall(message.string)
        if noun in nouns
    ]


def test_no_single_form_message_counts_a_noun_after_a_figure():
    """«آخر %(n)d أسابيع» is wrong for 11 and 100; such figures go through ngettext or are reworded."""
    assert counted_noun_after_figure(_load()) == []


def test_the_check_flags_a_figure_before_a_counted_noun():
    """The check above finds «%(n)d أسابيع» and «%(n)d منشورًا» but not «%(n)d من» or ngettext."""
    catalog = Catalog(locale="ar")
    catalog.add("the last %(n)d weeks", "آخر %(n)d أسابيع")
    catalog.add("%(a)d of %(b)d posts", "%(a)d من %(b)d منشورًا")
    catalog.add("%(a)d of %(b)d", "%(a)d من %(b)d")
    catalog.add(("%(num)d reply", "%(num)d replies"), ("%(num)d رد",) * 3 + ("%(num)d ردود",) * 3)
    catalog.add("%(num)d reply sent", "أُرسل %(num)d رد")
    assert counted_noun_after_figure(catalog) == [
        ("the last %(n)d weeks", "أسابيع"),
        ("%(a)d of %(b)d posts", "منشورًا"),
        ("%(num)d reply sent", "رد"),
    ]
