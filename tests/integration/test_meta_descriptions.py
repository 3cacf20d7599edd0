"""Every public page describes itself to search engines and link previews, in its language."""

from __future__ import annotations

import re

from pages import census, rules
from xss import parse

from app.core.meta import DESCRIPTION_LIMIT, summary
from app.courses.views import library

ARABIC = re.compile(r"[\u0600-\u06ff]")


def head_meta(html: str) -> dict[str, list[str]]:
    """The page's <meta> values by name or property, as the HTML parser reads them."""
    found: dict[str, list[str]] = {}
    head = parse(html).find("head")
    for el in head.iter("meta") if head is not None else ():
        key = el.get("name") or el.get("property")
        if key:
            found.setdefault(key, []).append(el.get("content") or "")
    return found


def description(html: str) -> str:
    """The one meta description of a page (fails on none or several)."""
    values = head_meta(html).get("description", [])
    assert len(values) == 1, values
    return values[0]


def test_every_public_page_has_a_description_in_its_language(app, client):
    """Each public HTML page of the route census has one short Arabic description and og tags."""
    public = {e for e, kind in census(app).items() if kind == "public"}
    checked = []
    for endpoint, url in rules(app, "GET"):
        response = client.get(url) if endpoint in public else None
        if (
            response is None
            or response.mimetype != "text/html"
            or 300 <= response.status_code < 400
        ):
            continue
        html = response.get_data(as_text=True)
        text = description(html)
        assert text and len(text) <= DESCRIPTION_LIMIT, (url, text)
        assert ARABIC.search(text), (url, text)
        meta = head_meta(html)
        assert meta.get("og:title") and meta.get("og:description"), url
        checked.append(endpoint)
    # The pages search engines and previews matter most for are among those checked.
    for endpoint in ("main.home", "courses.catalogue", "courses.lesson", "courses.glossary"):
        assert endpoint in checked
    assert {"accounts.login", "accounts.register", "main.privacy"} <= set(checked)


def test_english_pages_describe_themselves_in_english(client):
    """With English chosen, the home and catalogue descriptions are English."""
    for url in ("/", "/learn"):
        text = description(
            client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
        )
        assert text.startswith(("Tawasul", "The tracks of Tawasul")) and not ARABIC.search(text)


def test_pages_that_matter_say_what_is_on_them(app, client):
    """Lesson, track and catalogue descriptions come from their content, not the default."""
    lib = library_of(app)
    lesson = lib.lessons["plt-1"]
    html = client.get("/lessons/plt-1").get_data(as_text=True)
    assert description(html) == summary(" ".join(lesson.text("ar").objectives))
    track = lib.tracks["platforms"]
    html = client.get("/learn/platforms").get_data(as_text=True)
    assert description(html) == summary(track.description["ar"])
    home = description(client.get("/").get_data(as_text=True))
    catalogue = description(client.get("/learn").get_data(as_text=True))
    first_track = lib.ordered_tracks()[0].title["ar"]
    assert first_track in catalogue and catalogue != home


def library_of(app):  # type: ignore[no-untyped-def]
    """The content library the app serves."""
    with app.app_context():
        return library()
