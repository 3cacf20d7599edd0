"""The glossary's phrases to avoid: found after normalisation, waived with a reason, and never
looked for in what characters write."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from app.content.errors import Problems
from app.content.phrases import Avoid, Finder, fold

SHOP = Avoid("متجر افتراضي", "ar", "متجر متخيَّل", "", {})
VERSUS = Avoid("النتائج مقابل الهدف", "ar", "النتائج قياسًا بالهدف", "", {})


def found(write) -> list[str]:  # type: ignore[no-untyped-def]
    """The problems `write(finder)` reports, as file:line: message strings."""
    problems = Problems()
    write(Finder([SHOP, VERSUS], problems))
    return [str(p) for p in problems.errors]


def test_a_phrase_is_found_whatever_its_spelling_and_a_joined_prefix():
    """Hamza, taa marbuta, tanween and a joined «و» do not hide the phrase."""
    text = "سطر أول\nومتجرٌ إفتراضي للقهوة\nالنتائج مقابل الهدف"
    assert found(lambda f: f.text(text, "ar", "l.ar.md")) == [
        "l.ar.md:2: «متجر افتراضي»: write «متجر متخيَّل» instead; or waive it on this line "
        "with term-ok: <reason>",
        "l.ar.md:3: «النتائج مقابل الهدف»: write «النتائج قياسًا بالهدف» instead; or waive it "
        "on this line with term-ok: <reason>",
    ]


def test_a_bare_word_of_the_phrase_is_not_flagged():
    """«مقابل» meaning "in exchange for" is right: only the listed phrase is wrong."""
    assert found(lambda f: f.text("خصم مقابل الاشتراك، والنتائج ممتازة", "ar", "x")) == []


def test_a_reasoned_waiver_on_the_line_passes_and_an_empty_one_fails():
    """`term-ok: reason` waives its line; `term-ok:` alone is an error."""
    waived = "متجر افتراضي <!-- term-ok: the lesson quotes the review's example -->"
    assert found(lambda f: f.text(waived, "ar", "x")) == []
    assert found(lambda f: f.text("متجر افتراضي # term-ok:", "ar", "x")) == [
        "x:1: a term-ok waiver needs a reason after the colon"
    ]


def test_block_quotes_and_code_in_a_lesson_are_quoted_examples(tmp_path):
    """A quoted bad example (block quote, code) is not flagged; the same words in prose are."""
    lesson = tmp_path / "l.ar.md"
    lesson.write_text(
        "> «متجر افتراضي» كما كتبها المبتدئ\n`متجر افتراضي`\nلدينا متجر افتراضي\n",
        encoding="utf-8",
    )
    assert [p.split(":")[1] for p in found(lambda f: f.markdown(lesson, "l.ar.md"))] == ["3"]


def test_what_scenario_characters_write_is_exempt_and_narrative_is_not(tmp_path):
    """A customer's message and the banned-words list may hold the phrase; the brief may not,
    unless its line carries a waiver."""
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        'brief: {ar: "نعمل لمتجر افتراضي", en: b}\n'
        "facts:\n"
        '  - {text: {ar: "النتائج مقابل الهدف", en: t}}  # term-ok: the owner\'s own words\n'
        'voice: {banned: ["متجر افتراضي"]}\n'
        "inbox:\n"
        '  - text: "عندكم متجر افتراضي؟"\n'
        '    model_reply: {ar: "متجر افتراضي", en: r}\n',
        encoding="utf-8",
    )
    lines = [p.split(":")[1] for p in found(lambda f: f.scenario(scenario, "s.yaml"))]
    assert lines == ["1", "7"]  # the brief and the brand's model reply, nothing else


def test_a_catalog_entry_is_flagged_and_a_translator_comment_waives_it(tmp_path):
    """The Arabic catalog: a translation with the phrase fails unless its entry is waived."""
    po = tmp_path / "messages.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Results against goal"\nmsgstr "النتائج مقابل الهدف"\n\n'
        "# term-ok: the name of a report column in a tool we quote\n"
        'msgid "Results vs goal"\nmsgstr "النتائج مقابل الهدف"\n',
        encoding="utf-8",
    )
    problems = found(lambda f: f.catalog(po, "messages.po"))
    assert len(problems) == 1 and problems[0].startswith("messages.po:4: «النتائج مقابل الهدف»")


def test_the_repository_lists_phrases_and_none_is_a_bare_word():
    """The glossary's avoid list exists, and every entry is a phrase of two words or more."""
    from app.content.library import load_library

    library, problems = load_library(Path(__file__).resolve().parents[2])
    assert library.avoid
    assert all(len(a.phrase.split()) >= 2 for a in library.avoid)
    assert not [p for p in problems.errors if "avoid" in p.message]


LATIN = Avoid("split test", "en", "A/B test", "", {})
PIECES = [
    "متجر",
    "افتراضي",
    "إفتراضيّ",
    "ومتجر",
    "بالمتجر",
    "المتجر",
    "xمتجر",
    "split",
    "test",
    "_split",
    "resplit",
    "tests",
    " ",
    "  ",
    "\n",
    "،",
    ".",
    "-",
    "و",
    "ال",
    "ب",
]


@example(["xمتجر", " ", "افتراضي"])
@example(["resplit", " ", "test"])
@example(["بالمتجر", " ", "افتراضي"])
@example(["ال", "متجر", " ", "افتراضي"])
@example(["و", "ال", "متجر", "\n", "افتراضي"])
@example(["split", "  ", "tests", "\n", "_split", " ", "test"])
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_the_fast_scan_finds_what_the_full_pattern_finds(pieces):
    """Finder's literal-first scan flags the same lines as each phrase's full pattern."""
    text = "".join(pieces)
    problems = Problems()
    Finder([SHOP, LATIN], problems).text(text, None, "f")
    folded = fold(text)
    expected = sorted(
        {
            (folded.count("\n", 0, match.start()) + 1, avoid.phrase)
            for avoid in (SHOP, LATIN)
            for match in avoid.pattern.finditer(folded)
        }
    )
    got = sorted({(p.line, p.message.split("»")[0].lstrip("«")) for p in problems.errors})
    assert got == expected
