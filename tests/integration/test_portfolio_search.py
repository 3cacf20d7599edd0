"""A portfolio and search engines: the owner's choice decides robots; the description is plain."""

from __future__ import annotations

from test_meta_descriptions import description, head_meta
from test_portfolio import builder_form
from xss import parse

from app.core.meta import DESCRIPTION_LIMIT

ROBOTS_HIDDEN = "noindex, nofollow"
ROBOTS_OPEN = "index, follow"


def robots_of(html: str) -> str:
    """The page's one robots meta value."""
    (value,) = head_meta(html)["robots"]
    return value


def test_builder_asks_and_hidden_is_the_default(client, auth):
    """The builder offers a radio pair with help text; a new portfolio starts hidden."""
    auth()
    doc = parse(client.get("/portfolio").get_data(as_text=True))
    radios = {el.get("value"): el for el in doc.iter("input") if el.get("name") == "indexable"}
    assert set(radios) == {"n", "y"} and all(el.get("type") == "radio" for el in radios.values())
    assert radios["n"].get("checked") is not None and radios["y"].get("checked") is None
    (group,) = [f for f in doc.iter("fieldset") if f.get("aria-describedby") == "indexable-hint"]
    assert "محركات البحث" in "".join(group.find("legend").itertext())
    hint = next(el for el in doc.iter("p") if el.get("id") == "indexable-hint")
    assert "غير المدرجة" in "".join(hint.itertext())


def test_noindex_only_when_the_owner_chose_hidden(app, client, auth):
    """Published and hidden: noindex; published and open: indexed; the choice can change back."""
    auth()
    anonymous = app.test_client()
    client.post("/portfolio", data=builder_form(status="published"))  # no choice sent: hidden
    assert robots_of(anonymous.get("/p/sara-social").get_data(as_text=True)) == ROBOTS_HIDDEN
    client.post("/portfolio", data=builder_form(status="published", indexable="y"))
    assert robots_of(anonymous.get("/p/sara-social").get_data(as_text=True)) == ROBOTS_OPEN
    builder = client.get("/portfolio").get_data(as_text=True)
    assert 'id="indexable-yes" name="indexable" value="y" checked' in builder
    client.post("/portfolio", data=builder_form(status="published", indexable="n"))
    assert robots_of(anonymous.get("/p/sara-social").get_data(as_text=True)) == ROBOTS_HIDDEN
    # An open choice does not open an unlisted page.
    client.post("/portfolio", data=builder_form(status="unlisted", indexable="y"))
    assert robots_of(client.get("/p/sara-social").get_data(as_text=True)) == ROBOTS_HIDDEN


def test_description_is_the_bio_as_plain_text_cut_on_a_word(app, client, auth):
    """Markdown in the bio never reaches the meta tags: plain words, at most 155 characters."""
    auth()
    bio = "أكتب **قصصًا** تبيع، وأدير [حسابات](https://example.com/x) المقاهي <b>بعناية</b>. " * 6
    client.post("/portfolio", data=builder_form(status="published", indexable="y", bio=bio))
    html = app.test_client().get("/p/sara-social").get_data(as_text=True)
    text = description(html)
    assert text.startswith("أكتب قصصًا تبيع، وأدير حسابات المقاهي")
    assert len(text) <= DESCRIPTION_LIMIT and text.endswith("…")
    assert not any(mark in text for mark in ("**", "](", "https://", "&lt;", "&amp;"))
    # Typed angle brackets stay the learner's text, as on the page: escaped, never a tag.
    assert "<b>بعناية</b>" in text and 'content="أكتب' in html and "&lt;b&gt;بعناية" in html
    assert head_meta(html)["og:description"] == [text]
    assert head_meta(html)["twitter:description"] == [text]


def test_description_falls_back_to_the_headline_then_a_default(app, client, auth):
    """Without a bio the headline describes the page; without either, a sentence in its language."""
    auth()
    client.post("/portfolio", data=builder_form(status="published", bio=""))
    assert description(app.test_client().get("/p/sara-social").get_data(as_text=True)) == (
        "مديرة محتوى لمقاهي الرياض"
    )
    client.post("/portfolio", data=builder_form(status="published", bio="", headline="", lang="en"))
    text = description(app.test_client().get("/p/sara-social").get_data(as_text=True))
    assert text == "A social media manager's portfolio, made with Tawasul."
