"""The Arabic interface reads as written in Arabic: no calques the style guide names."""

from __future__ import annotations

from pathlib import Path

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
