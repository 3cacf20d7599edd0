"""T16 for content: GIFT import and content loading never crash, they name problems by line.

Hypothesis writes GIFT text from GIFT's own tokens, lesson front matter and quiz banks from
random YAML (valid and broken), and raw bytes. `parse_gift` must return items and
(line, message) problems; `load_library` must return `Problems` whose entries name a file of
the tree and a line inside it. Nothing here touches a database, so it runs on every engine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.content.gift import parse_gift
from app.content.library import load_library

VALID = Path(__file__).parent / "valid"
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

GIFT_TOKENS = [
    "::",
    "{",
    "}",
    "=",
    "~",
    "#",
    "####",
    "->",
    "%50%",
    "%-100%",
    "%abc%",
    "..",
    ":",
    "\\",
    "\\{",
    "\\=",
    "TRUE",
    "F",
    "[html]",
    "[markdown]",
    "[plain]",
    "$CATEGORY: ",
    "$CATEGORY: tawasul/",
    "tawasul/writing/K/bas-1",
    "$course$/",
    "//",
    "\n",
    "\n\n",
    " ",
    "<b>",
    "&lt;",
    "1e400",
    "-0",
    "قهوة",
    "\u202e",
    "\x00",
]
GIFT_TEXT = st.lists(st.one_of(st.sampled_from(GIFT_TOKENS), st.text(max_size=8)), max_size=60).map(
    "".join
)


@given(text=GIFT_TEXT, lang=st.sampled_from(["ar", "en"]), tagged=st.booleans())
@FUZZ
def test_gift_import_never_crashes(text: str, lang: str, tagged: bool) -> None:
    """Any text gives items and (line, message) problems, never an exception."""
    options = {"skills": ["writing"], "level": "K", "lesson": "bas-1"} if tagged else {}
    known = {"known_skills": {"writing"}, "known_lessons": {"bas-1"}}
    result = parse_gift(text, lang=lang, track="basics", code="bas", **options, **known)
    lines = text.lstrip("\ufeff").splitlines() or [""]
    for line, message in [*result.problems, *result.errors]:
        assert 1 <= line <= len(lines) and isinstance(message, str) and message
    for item in result.items:
        assert item["id"] and item["lang"] == lang
        yaml.safe_dump(item, allow_unicode=True)  # what the importer writes must serialize


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["bas-1", "basics", "writing", "K", "mcq", "2026-11-01", "https://x.example"]),
)
KEYS = st.one_of(
    st.sampled_from(
        [
            "id",
            "track",
            "module",
            "title",
            "objectives",
            "skills",
            "minutes",
            "exercises",
            "sources",
            "items",
            "type",
            "level",
            "lesson",
            "stem_en",
            "stem_ar",
            "options",
            "answer",
            "rationale_en",
            "rationale_ar",
            "url",
            "as_of",
            "en",
            "ar",
        ]
    ),
    st.text(max_size=8),
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=6),
    max_leaves=30,
)
BROKEN_YAML = st.lists(
    st.sampled_from(
        [
            ": ",
            "- ",
            "[",
            "]",
            "{",
            "}",
            "&a ",
            "*a",
            "!!python/object:os.system ",
            "? ",
            "\t",
            "'",
            '"',
            "|",
            ">",
            "%YAML 9.9",
            "---",
            "...",
            "\n",
            "  ",
            "\x00",
            "\x85",
            "\ufeff",
        ]
    )
    | st.text(max_size=6),
    max_size=40,
).map("".join)
YAML_TEXT = st.one_of(
    TREES.map(lambda tree: yaml.safe_dump(tree, allow_unicode=True)),
    BROKEN_YAML,
    st.builds(lambda n: "[" * n + "]" * n, st.integers(90, 3000)),
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A fresh copy of the valid content tree."""
    root = tmp_path / "content"
    shutil.copytree(VALID, root)
    return root


def assert_named(root: Path, written: Path, text: str | bytes) -> None:
    """Loading gives Problems naming files of the tree and lines within them, nothing raised."""
    if isinstance(text, bytes):
        written.write_bytes(text)
    else:
        written.write_text(text, encoding="utf-8", errors="surrogatepass")
    _library, problems = load_library(root)
    for problem in problems.items:
        assert problem.file and problem.message and problem.line >= 1, str(problem)
        path = root / problem.file
        if path.is_file():  # some checks name the file to create (the diagnostic's bank)
            total = len(path.read_bytes().splitlines()) + 1
            assert problem.line <= total, str(problem)


@given(front=YAML_TEXT, body=st.text(max_size=200))
@example(front="title: \x08", body="")  # a control character: PyYAML's unmarked ReaderError
@example(front="sources: true\nskills: 1\nexercises: true", body="")  # lists that are not lists
@FUZZ
def test_lesson_front_matter_never_crashes(tree: Path, front: str, body: str) -> None:
    """A lesson with random front matter and body: named problems, never an exception."""
    lesson = tree / "courses" / "basics" / "bas-2.en.md"
    assert_named(tree, lesson, f"---\n{front}\n---\n{body}")


@given(bank=YAML_TEXT)
@example(bank="track: basics\nitems: [\x00]")
@FUZZ
def test_quiz_bank_never_crashes(tree: Path, bank: str) -> None:
    """A quiz bank of random YAML: named problems, never an exception."""
    assert_named(tree, tree / "quizzes" / "basics.yaml", bank)


@given(items=st.lists(TREES, max_size=4))
@FUZZ
def test_quiz_items_of_wrong_shapes_never_crash(tree: Path, items: list[object]) -> None:
    """Well-formed YAML whose items have random keys and types: named problems only."""
    text = yaml.safe_dump({"track": "basics", "items": items}, allow_unicode=True)
    assert_named(tree, tree / "quizzes" / "basics.yaml", text)


@given(raw=st.binary(max_size=300))
@example(raw=b"track: basics\n\xff\xfe")
@FUZZ
def test_undecodable_files_are_named(tree: Path, raw: bytes) -> None:
    """Bytes that are not UTF-8 text, as a lesson and as a bank: named problems."""
    assert_named(tree, tree / "quizzes" / "basics.yaml", raw)
    assert_named(tree, tree / "courses" / "basics" / "bas-1.ar.md", b"---\n" + raw)


BODY_TOKENS = [
    "{{fact:caption-limit}}",
    "{{fact:no-such-fact}}",
    "{{fact:",
    "{{term:reach}}",
    "{{term:hook|the opening line}}",
    "{{term:no-such-term}}",
    "{{term:|}}",
    "](lesson:bas-1)",
    "](lesson:no-such)",
    "[x](lesson:",
    "\n## ",
    "\n### ",
    "\n```\n",
    "\n!!! note\n    ",
    "\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "\n- ",
    "\n1. ",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "\n\n",
    "**",
    "`",
    "قهوة",
]
BODIES = st.lists(st.one_of(st.sampled_from(BODY_TOKENS), st.text(max_size=6)), max_size=40).map(
    "".join
)


@given(body=BODIES, lang=st.sampled_from(["ar", "en"]))
@FUZZ
def test_lesson_bodies_load_and_render(tree: Path, body: str, lang: str) -> None:
    """A lesson body of Markdown, citations and links: named problems, then a clean render."""
    from app.content.markdown import Renderer

    lesson = tree / "courses" / "basics" / "bas-2.en.md"
    head = lesson.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    assert_named(tree, lesson, f"{head}\n---\n{body}")
    library, _problems = load_library(tree)
    rendered = Renderer(library.facts, lambda lid: f"/lessons/{lid}", library.terms).render(
        body, lang
    )
    assert "<script" not in rendered.html
