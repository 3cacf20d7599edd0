"""Glossary marks: rendering, validation of ids, dictionary order and usage (pure)."""

from __future__ import annotations

from pathlib import Path

from app.content.glossary import entries, sort_key, term_usage
from app.content.library import load_library
from app.content.markdown import Renderer

VALID = Path(__file__).parent / "valid"


def renderer() -> Renderer:
    """A renderer over the valid fixture tree's facts and terms."""
    lib, _ = load_library(VALID)
    return Renderer(lib.facts, lambda lesson_id: f"/lessons/{lesson_id}", lib.terms)


def test_a_marked_term_links_to_its_definition_in_the_lesson_language():
    """{{term:id}} shows the term in the lesson's language and links to its anchor."""
    r = renderer()
    ar = r.render("قِس {{term:reach}} أولًا.", "ar").html
    en = r.render("Measure {{term:reach}} first.", "en").html
    assert '<a class="term" href="/glossary#term-reach">الوصول</a>' in ar
    assert '<a class="term" href="/glossary#term-reach">reach</a>' in en


def test_shown_text_replaces_the_term_and_is_escaped():
    """{{term:id|text}} shows the author's wording, escaped like any text."""
    html = renderer().render("See {{term:hook|the <b>opening</b> line}}.", "en").html
    assert ">the &lt;b&gt;opening&lt;/b&gt; line</a>" in html
    assert "<b>" not in html


def test_sort_key_ignores_the_arabic_article_and_spelling_variants():
    """«الوصول» sorts under و, and أ/ا variants sort together."""
    assert sort_key("الوصول") == "وصول"
    assert sort_key("أثر") == sort_key("اثر")
    assert sort_key("ال") == "ال"


def test_usage_lists_lessons_that_mark_each_term_and_entries_are_ordered():
    """The fixture lesson marks both terms; entries come in dictionary order per language."""
    lib, _ = load_library(VALID)
    assert term_usage(lib) == {"hook": ("bas-1",), "reach": ("bas-1",)}
    assert [e.term.id for e in entries(lib, "en")] == ["hook", "reach"]
    assert [e.term.id for e in entries(lib, "ar")] == ["hook", "reach"]  # افتتاحية < وصول
