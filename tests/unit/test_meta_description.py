"""Meta descriptions without Flask: plain text, cut on a word boundary, never markup."""

from __future__ import annotations

from markupsafe import Markup

from app.core.meta import DESCRIPTION_LIMIT, summary


def test_short_text_is_kept_with_its_spaces_joined():
    """A short text comes back whole, its runs of spaces and line breaks made single spaces."""
    assert summary("  أدير حسابات\n\nالمقاهي   في الرياض ") == "أدير حسابات المقاهي في الرياض"
    assert summary(None) == summary("") == ""


def test_long_text_is_cut_on_a_word_boundary():
    """A long text ends with a whole word and an ellipsis, within the limit."""
    words = ["كلمة", "word", "تسويق", "content"] * 40
    text = " ".join(words)
    cut = summary(text)
    assert len(cut) <= DESCRIPTION_LIMIT and cut.endswith("…")
    kept = cut[:-1].split(" ")
    assert kept == words[: len(kept)]
    assert len(cut) > DESCRIPTION_LIMIT - 12  # not cut needlessly short


def test_cut_drops_a_dangling_comma():
    """A cut right after an Arabic or Latin comma does not leave the comma before the ellipsis."""
    text = "أ" * 140 + "، " + "ب" * 40
    assert summary(text) == "أ" * 140 + "…"
    assert summary("a" * 140 + ", " + "b" * 40) == "a" * 140 + "…"


def test_text_without_spaces_is_cut_where_it_is():
    """One long word (a URL, a hashtag run) is still cut to the limit."""
    assert summary("x" * 400) == "x" * (DESCRIPTION_LIMIT - 1) + "…"


def test_rendered_markdown_loses_its_tags_and_entities():
    """Rendered HTML (Markup) becomes its text: no tags, entities decoded once."""
    html = Markup("<p>أكتب <strong>قصصًا</strong> تبيع &amp; تُقنع</p>\n<ul><li>إنستغرام</li></ul>")
    assert summary(html) == "أكتب قصصًا تبيع & تُقنع إنستغرام"


def test_plain_text_is_never_read_as_markup():
    """Learner text given as a plain string keeps its angle brackets (the template escapes them)."""
    assert summary('<script>alert(1)</script> "hi"') == '<script>alert(1)</script> "hi"'
