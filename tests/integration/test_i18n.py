"""Arabic first: locale choice, <html lang dir>, the language switch, catalog completeness."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po
from support import PASSWORD

TRANSLATIONS = Path(__file__).resolve().parents[2] / "app" / "translations"


def html_tag(response):
    """The opening <html> tag of a page."""
    body = response.get_data(as_text=True)
    return body[body.index("<html") : body.index(">", body.index("<html")) + 1]


def test_arabic_is_the_default(client):
    """No header, Arabic, or an unsupported language all give Arabic, right to left."""
    for headers in ({}, {"Accept-Language": "ar-SA"}, {"Accept-Language": "fr-FR,fr;q=0.9"}):
        assert html_tag(client.get("/", headers=headers)) == '<html lang="ar" dir="rtl">'


def test_browser_language_then_cookie(client):
    """Accept-Language picks English; the cookie wins over the header."""
    assert (
        html_tag(client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}))
        == '<html lang="en" dir="ltr">'
    )
    client.set_cookie("lang", "ar")
    assert (
        html_tag(client.get("/", headers={"Accept-Language": "en"})) == '<html lang="ar" dir="rtl">'
    )


def test_user_setting_wins(client, users):
    """A signed-in user's saved language beats the cookie and the browser."""
    user = users.create(locale="en")
    client.set_cookie("lang", "ar")
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert (
        html_tag(client.get("/account/", headers={"Accept-Language": "ar"}))
        == '<html lang="en" dir="ltr">'
    )


def test_switch_stays_on_the_same_page_and_is_remembered(client, users):
    """The header switch returns to the page it was used on and saves the user's choice."""
    user = users.create(locale="ar")
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    page = client.get("/account/sessions").get_data(as_text=True)
    assert 'name="next" value="/account/sessions"' in page
    response = client.post("/language", data={"lang": "en", "next": "/account/sessions"})
    assert response.headers["Location"] == "/account/sessions"
    assert html_tag(client.get("/account/sessions")) == '<html lang="en" dir="ltr">'
    fresh = client.application.test_client()
    fresh.post("/login", data={"email": user.email, "password": PASSWORD})
    assert html_tag(fresh.get("/")) == '<html lang="en" dir="ltr">'


def test_arabic_pages_are_translated(client):
    """The Arabic home page shows Arabic text, not English msgids (catches a missing .mo)."""
    page = client.get("/").get_data(as_text=True)
    assert "إنشاء حساب" in page or "أنشئ" in page
    assert "Create a free account" not in page


def test_arabic_catalog_is_complete():
    """Every message has a non-fuzzy Arabic translation, and the .mo is compiled and fresh."""
    po_path = TRANSLATIONS / "ar" / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as fh:
        catalog = read_po(fh)
    missing = [
        m.id
        for m in catalog
        if m.id and (m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert not missing, f"{len(missing)} untranslated or fuzzy: {missing[:10]}"
    mo = po_path.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po_path.stat().st_mtime, "run `make translations`"
    placeholders = [m.id for m in catalog if m.id and not _same_placeholders(m)]
    assert not placeholders, f"placeholders differ: {placeholders}"
    print(f"i18n: {len(catalog)} Arabic messages, 0 missing or fuzzy")


def _same_placeholders(message):
    """True when every translation uses the msgid's %(name)s placeholders."""
    import re

    pattern = re.compile(r"%\((\w+)\)[sd]")
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    wanted = set().union(*(set(pattern.findall(i)) for i in ids))
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(set(pattern.findall(s)) == wanted for s in strings)
