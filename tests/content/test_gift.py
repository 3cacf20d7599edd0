"""Moodle GIFT import/export: every construct, grading, round trip and the CLI."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.content.gift import GiftResult, parse_gift, to_gift
from app.content.library import load_library
from app.content.model import Library
from app.content.questions import grade

HERE = Path(__file__).parent
GIFT = HERE / "gift"
VALID = HERE / "valid"
FILES = {"constructs": "en", "formats": "en", "arabic": "ar"}
KEY_ORDER = [
    "id",
    "lesson",
    "type",
    "level",
    "skills",
    "label",
    "review",
    "lang",
    "stem_en",
    "stem_ar",
    "options",
    "answer",
    "weights",
    "accept",
    "pairs",
    "partial_credit",
    "rationale_en",
    "rationale_ar",
]


def parse(name: str, **options: Any) -> GiftResult:
    """Parse one of the GIFT test files for the basics track."""
    options.setdefault("lang", FILES[name])
    options.setdefault("code", "bas")
    text = (GIFT / f"{name}.gift").read_text(encoding="utf-8")
    return parse_gift(text, track="basics", **options)


def items_of(name: str, **options: Any) -> dict[str, dict[str, Any]]:
    """Parsed items of a test file by id."""
    return {item["id"]: item for item in parse(name, **options).items}


def through_yaml(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items written and read back the way banks are."""
    return yaml.safe_load(yaml.safe_dump(items, allow_unicode=True, sort_keys=False))


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The valid tree plus quizzes/imported.yaml holding every imported test item."""
    root = tmp_path_factory.mktemp("gift") / "content"
    shutil.copytree(VALID, root)
    items = [
        *parse("constructs", code="imp").items,
        *parse("formats", code="fmt").items,
        *parse("arabic").items,
    ]
    bank = {"track": "imported", "items": items}
    (root / "quizzes" / "imported.yaml").write_text(
        yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    lib, problems = load_library(root)
    assert not problems.errors, [str(p) for p in problems.errors]
    return lib


@pytest.fixture
def content_root(app, tmp_path: Path) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """A tmp copy of the valid tree as the app's CONTENT_ROOT, restored afterwards."""
    root = tmp_path / "content"
    shutil.copytree(VALID, root)
    missing = object()
    before = app.config.get("CONTENT_ROOT", missing)
    app.config["CONTENT_ROOT"] = str(root)
    try:
        yield root
    finally:
        if before is missing:
            app.config.pop("CONTENT_ROOT", None)
        else:
            app.config["CONTENT_ROOT"] = before


# ---- parsing, construct by construct ---------------------------------------------


def test_single_choice_with_partial_and_negative_weights():
    """`=`/`~`/`~%50%` become a single item with weights; a negative weight is dropped."""
    item = items_of("constructs")["capital-of-france"]
    assert item["type"] == "single"
    assert item["options"] == [
        {"id": "a", "en": "Paris"},
        {"id": "b", "en": "Lyon"},
        {"id": "c", "en": "Versailles"},
        {"id": "d", "en": "Berlin"},
    ]
    assert item["answer"] == "a"
    assert item["weights"] == {"c": 0.5}
    assert (4, "negative weights are read as 0 (single choice never takes marks away)") in parse(
        "constructs"
    ).problems


def test_general_then_per_answer_feedback_make_the_rationale():
    """`####` feedback leads the rationale; each `#feedback` follows as `option: feedback`."""
    item = items_of("constructs")["capital-of-france"]
    assert item["rationale_en"].split("\n") == [
        "Paris has been the capital for centuries.",
        "Paris: Right, it is the capital.",
        "Lyon: No, that is a large city.",
        "Versailles: Half marks: the old royal seat.",
        "Berlin: That is Germany.",
    ]


def test_multiple_response_keeps_the_positive_options():
    """Only `~%w%` answers (no `=`) give a multiple item whose answer is the positive ones."""
    item = items_of("constructs")["hook-parts"]
    assert item["type"] == "multiple"
    assert item["answer"] == ["a", "b"]
    assert "weights" not in item


def test_true_false_forms_and_their_feedback():
    """`{T}` and `{FALSE#wrong#right}` become truefalse; feedback is labelled per answer."""
    items = items_of("constructs")
    assert items["tf-true"]["answer"] is True
    assert items["tf-false"]["answer"] is False
    assert items["tf-false"]["rationale_en"] == (
        "Captions carry the message.\nTrue: No: hashtags only help people find a post.\nFalse: Right."
    )


def test_short_answer_with_weights():
    """`{=a =b =%50%c}` becomes short with weighted accepted texts."""
    item = items_of("constructs")["short"]
    assert item["type"] == "short"
    assert item["accept"] == [
        {"text": "reach", "weight": 1.0},
        {"text": "Reach", "weight": 1.0},
        {"text": "impressions", "weight": 0.5},
    ]
    assert item["rationale_en"] == "impressions: Close, but that counts views."


def test_matching_has_partial_credit_and_reports_a_dropped_distractor():
    """`=a -> b` pairs become matching; `= -> x` distractors are dropped with a problem."""
    item = items_of("constructs")["match"]
    assert item["type"] == "matching"
    assert item["partial_credit"] is True
    assert item["pairs"][0] == {"id": "p1", "left": {"en": "Reach"}, "right": {"en": "People"}}
    assert [p["id"] for p in item["pairs"]] == ["p1", "p2", "p3"]
    problems = dict(parse("constructs").problems)
    assert "distractors are dropped" in problems[26]


def test_numeric_forms():
    """`{#7}`, `{#3.14:0.01}`, `{#1..5}` and weighted `{# =%100%5:0 =%50%5:2 ~#…}`."""
    items = items_of("constructs")
    assert items["num-plain"]["accept"] == [{"value": 7, "tolerance": 0, "weight": 1.0}]
    assert items["num-tolerance"]["accept"] == [{"value": 3.14, "tolerance": 0.01, "weight": 1.0}]
    assert items["num-range"]["accept"] == [{"min": 1, "max": 5, "weight": 1.0}]
    assert items["num-weighted"]["accept"] == [
        {"value": 5, "tolerance": 0, "weight": 1.0},
        {"value": 5, "tolerance": 2, "weight": 0.5},
    ]
    assert items["num-weighted"]["rationale_en"] == (
        "5: Exactly.\n5 ± 2: Close.\nAny other answer: Count again."
    )


def test_missing_word_question_without_a_name_gets_a_generated_id():
    """Text on both sides of the braces makes a `_____` stem; no name → `<code>-gift-<n>`."""
    item = items_of("constructs")["bas-gift-1"]
    assert item["stem_en"] == "Grant is _____ in Grant's tomb."
    assert item["type"] == "single"
    assert item["answer"] == "b"


def test_names_become_kebab_case_ids():
    """`::Capital of France::` → capital-of-france; accents and apostrophes are folded."""
    assert "capital-of-france" in items_of("constructs")
    assert "deja-vu-its-here" in items_of("formats")


def test_escapes_and_newlines():
    r"""`\{ \} \= \~ \# \: \\` are literal characters and `\n` is a newline."""
    item = items_of("constructs")["escapes"]
    assert item["stem_en"] == (
        "Escaped {braces}, = signs, ~ tildes, # hashes, a colon: and a backslash \\ here."
        "\nSecond line."
    )
    assert item["accept"] == [{"text": "a:b", "weight": 1.0}]


def test_html_is_turned_into_plain_text():
    """[html] text loses every tag (scripts with their content); entities are decoded."""
    item = items_of("formats")["html-stem"]
    assert item["stem_en"] == "Which tag is bold?"
    assert item["options"] == [{"id": "a", "en": "<b>"}, {"id": "b", "en": "<i>"}]
    assert item["rationale_en"] == "See the spec.\n<b>: Yes"
    dumped = yaml.safe_dump(item)
    for raw in ("<p>", "<script", "alert", "href", "<em>"):
        assert raw not in dumped


def test_markdown_and_plain_markers_are_stripped():
    """[markdown] and [plain] only lose their marker."""
    items = items_of("formats")
    assert items["markdown-stem"]["stem_en"] == "Is **bold** written with two stars?"
    assert items["plain-stem"]["stem_en"] == "Type <b> literally."
    assert items["plain-stem"]["accept"] == [{"text": "<b>", "weight": 1.0}]


def test_comments_are_ignored_and_ungradable_questions_are_reported_by_line():
    """Essay `{}` and description questions are skipped with their line numbers."""
    result = parse("constructs")
    assert (51, "skipped: essay question") in result.problems
    assert (53, "skipped: description") in result.problems
    assert len(result.items) == 12
    assert not any("Comment" in str(item) for item in result.items)


def test_categories_set_skills_level_and_lesson_or_a_label():
    """tawasul/<skill>/<level>[/<lesson>] tags what follows; other categories are labels."""
    items = items_of("constructs")
    assert "skills" not in items["capital-of-france"]
    assert (items["hook-parts"]["skills"], items["hook-parts"]["level"]) == (["writing"], "A")
    assert "lesson" not in items["hook-parts"]
    tagged = items["num-tolerance"]
    assert (tagged["skills"], tagged["level"], tagged["lesson"]) == (["planning"], "K", "bas-2")
    assert items["bas-gift-1"]["label"] == "$course$/top/Imported from Moodle"
    assert "skills" not in items["bas-gift-1"]


def test_a_bad_tawasul_category_is_reported_and_kept_as_a_label():
    """tawasul/writing/X (no such level) becomes a label, with a problem at its line."""
    result = parse("formats")
    assert result.problems[0][0] == 13
    assert {i["id"]: i for i in result.items}["bas-gift-1"]["label"] == "tawasul/writing/X"


def test_options_apply_to_uncategorised_questions_only():
    """--skills/--level/--lesson tag questions with no category (or after a bare `tawasul`)."""
    options = {"skills": ["writing"], "level": "J", "lesson": "bas-1"}
    result = parse("formats", **options)
    items = {i["id"]: i for i in result.items}
    for item_id in ("html-stem", "deja-vu-its-here"):
        assert (items[item_id]["skills"], items[item_id]["level"]) == (["writing"], "J")
        assert items[item_id]["lesson"] == "bas-1"
    assert "skills" not in items["bas-gift-1"]
    constructs = items_of("constructs", **options)
    assert constructs["hook-parts"]["level"] == "A"
    assert constructs["hook-parts"]["lesson"] == "bas-1"
    assert (
        47,
        "the skills, level and lesson options do not apply under this category: "
        "'$course$/top/Imported from Moodle'",
    ) in parse("constructs", **options).problems


def test_items_missing_tags_or_rationale_are_flagged_for_review():
    """Flagged ids carry review: true; fully tagged items with a rationale do not."""
    result = parse("constructs")
    for item in result.items:
        assert item.get("review", False) is (item["id"] in result.flagged)
    assert "num-tolerance" not in result.flagged
    assert "num-weighted" not in result.flagged
    assert "hook-parts" in result.flagged
    assert parse("arabic").flagged == []


def test_items_hold_one_language_with_keys_in_bank_order():
    """lang is set, only stem/rationale/options of that language exist, keys in our order."""
    for name, lang in FILES.items():
        other = "ar" if lang == "en" else "en"
        for item in parse(name).items:
            assert item["lang"] == lang
            assert f"stem_{lang}" in item and f"stem_{other}" not in item
            assert f"rationale_{other}" not in item
            assert all(set(o) == {"id", lang} for o in item.get("options", []))
            keys = list(item)
            assert keys == sorted(keys, key=KEY_ORDER.index)


def test_arabic_file():
    """An Arabic file fills the ar fields and labels true/false feedback in Arabic."""
    items = items_of("arabic")
    assert items["ar-hook"]["options"][0] == {"id": "a", "ar": "السطر الأول"}
    assert items["ar-tf"]["rationale_ar"] == "صحيح: أحسنت.\nخطأ: لا، لكل منشور هدف."
    assert items["ar-num"]["rationale_ar"] == "أي إجابة أخرى: عدّ مرة أخرى."


def test_duplicate_and_non_latin_names_get_generated_ids():
    """A repeated name or one with no latin letters gets a fresh id, with a problem."""
    text = "::Same::A? {T}\n\n::Same::B? {F}\n\n::سؤال::C? {T}\n\n::bas-gift-1::D? {T}\n"
    result = parse_gift(text, track="basics", code="bas")
    assert [i["id"] for i in result.items] == ["same", "bas-gift-2", "bas-gift-3", "bas-gift-1"]
    assert [line for line, _ in result.problems] == [3, 5]


def test_broken_answer_sets_are_reported():
    """Unclosed braces, two answer sets and unknown answer forms are skipped with a reason."""
    text = "Open {=a ~b\n\nTwo {=a ~b} and {=c ~d}\n\nOdd {maybe}\n\nNum {#abc}\n"
    result = parse_gift(text, track="basics")
    assert [line for line, _ in result.problems] == [1, 3, 5, 7]
    assert all(message.startswith("skipped: ") for _, message in result.problems)
    assert result.items == []


# ---- imported items validate and grade -----------------------------------------------


def test_imported_bank_loads_without_errors(library):
    """The imported bank passes the content check; review items only warn."""
    assert "capital-of-france" in library.items
    assert library.items["capital-of-france"].review is True
    assert library.items["num-tolerance"].review is False


@pytest.mark.parametrize(
    ("item_id", "response", "score"),
    [
        ("capital-of-france", "a", 1.0),
        ("capital-of-france", "c", 0.5),
        ("capital-of-france", "d", 0.0),
        ("capital-of-france", "b", 0.0),
        ("hook-parts", ["a", "b"], 1.0),
        ("hook-parts", ["a"], 0.5),
        ("hook-parts", ["a", "b", "c"], 0.5),
        ("tf-true", "true", 1.0),
        ("tf-false", "true", 0.0),
        ("tf-false", "false", 1.0),
        ("short", "Reach", 1.0),
        ("short", "impressions", 0.5),
        ("short", "views", 0.0),
        ("match", {"p1": "p1", "p2": "p2", "p3": "p3"}, 1.0),
        ("match", {"p1": "p1", "p2": "p3", "p3": "p2"}, pytest.approx(1 / 3)),
        ("num-plain", "٧", 1.0),
        ("num-tolerance", "3.145", 1.0),
        ("num-tolerance", "3.2", 0.0),
        ("num-range", "4", 1.0),
        ("num-range", "5.5", 0.0),
        ("num-weighted", "5", 1.0),
        ("num-weighted", "6", 0.5),
        ("num-weighted", "8", 0.0),
        ("imp-gift-1", "b", 1.0),
        ("escapes", "a:b", 1.0),
        ("html-stem", "a", 1.0),
        ("ar-hook", "a", 1.0),
        ("ar-num", "7", 1.0),
    ],
)
def test_imported_items_grade_correctly(library, item_id, response, score):
    """Each imported type grades like its GIFT weights say."""
    assert grade(library.items[item_id], response) == score


# ---- export and round trip ----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize(
    "options", [{}, {"skills": ["writing"], "level": "K", "lesson": "bas-1"}], ids=["bare", "tags"]
)
def test_round_trip_gift_yaml_gift_yaml(name, options):
    """GIFT → YAML → GIFT → YAML gives the same items."""
    lang = FILES[name]
    first = through_yaml(parse(name, **options).items)
    again = parse_gift(to_gift(first, lang=lang), lang=lang, track="basics", code="bas", **options)
    assert through_yaml(again.items) == first
    assert not any(message.startswith("skipped") for _, message in again.problems)


def test_export_escapes_and_places_the_blank():
    """Special characters are escaped and a `_____` stem takes the answers in its place."""
    item = {
        "id": "x-1",
        "type": "short",
        "stem_en": "Fill {this}: _____ = done",
        "accept": [{"text": "a~b"}],
    }
    assert (
        r"::x-1::[plain]Fill \{this\}\: {=a\~b} \= done" in to_gift([item], lang="en").splitlines()
    )


def test_export_of_the_example_bank_reads_back():
    """Every exportable item of basics.yaml reads back with the same answers and tags."""
    bank = yaml.safe_load((VALID / "quizzes" / "basics.yaml").read_text(encoding="utf-8"))
    text = to_gift(bank["items"], lang="ar")
    assert "// bas-q5: ordering questions have no GIFT form (not exported)" in text
    back = {i["id"]: i for i in parse_gift(text, lang="ar", track="basics").items}
    for item in bank["items"]:
        if item["type"] == "ordering":
            assert item["id"] not in back
            continue
        got = back[item["id"]]
        for key in ("type", "answer", "skills", "level", "lesson", "stem_ar", "rationale_ar"):
            assert got.get(key) == item.get(key), (item["id"], key)
        assert [o["ar"] for o in got.get("options", [])] == [
            o["ar"] for o in item.get("options", [])
        ]
    assert back["bas-q7"]["accept"] == [
        {"text": "الوصول", "weight": 1.0},
        {"text": "reach", "weight": 1.0},
    ]
    assert back["bas-q4"]["accept"] == [{"value": 4.2, "tolerance": 0.1, "weight": 1.0}]
    assert back["bas-q6"]["pairs"][1]["right"] == {"ar": "مرات"}


# ---- CLI ------------------------------------------------------------------------------


def test_cli_import_creates_the_bank_and_reports(app, content_root):
    """import-gift writes quizzes/<T>.yaml, prints flagged ids and skipped lines."""
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["quizzes", "import-gift", str(GIFT / "constructs.gift"), "--track", "imported"]
    )
    assert result.exit_code == 0, result.output
    assert "imported 12 item(s) into quizzes/imported.yaml" in result.output
    assert "flagged for review (review: true): capital-of-france, hook-parts" in result.output
    assert "constructs.gift:51: skipped: essay question" in result.output
    assert "constructs.gift:53: skipped: description" in result.output
    bank = yaml.safe_load((content_root / "quizzes" / "imported.yaml").read_text("utf-8"))
    assert bank["track"] == "imported"
    assert "imported-gift-1" in [i["id"] for i in bank["items"]]
    _, problems = load_library(content_root)
    assert not problems.errors, [str(p) for p in problems.errors]


def test_cli_import_appends_keeps_the_bank_and_refuses_known_ids(app, content_root, tmp_path):
    """Importing into an existing bank appends; ids already in a bank are refused."""
    runner = app.test_cli_runner()
    basics = content_root / "quizzes" / "basics.yaml"
    original = basics.read_text("utf-8")
    args = [
        "quizzes",
        "import-gift",
        str(GIFT / "arabic.gift"),
        "--track",
        "basics",
        "--lang",
        "ar",
    ]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "imported 3 item(s)" in result.output
    assert basics.read_text("utf-8").startswith(original.rstrip("\n"))
    again = runner.invoke(args=args)
    assert "imported 0 item(s)" in again.output
    assert "refused ar-hook: the id is already in quizzes/basics.yaml" in again.output
    clash = tmp_path / "clash.gift"
    clash.write_text("::bas-q1::Again? {T}\n\nNew one? {F}\n", encoding="utf-8")
    third = runner.invoke(
        args=["quizzes", "import-gift", str(clash), "--track", "basics", "--skills", "writing"]
    )
    assert "refused bas-q1" in third.output
    assert "imported 1 item(s)" in third.output
    bank = yaml.safe_load(basics.read_text("utf-8"))
    assert [i["id"] for i in bank["items"]][-4:] == ["ar-hook", "ar-tf", "ar-num", "bas-gift-1"]
    assert bank["items"][-1]["skills"] == ["writing"]
    _, problems = load_library(content_root)
    assert not problems.errors, [str(p) for p in problems.errors]


def test_cli_rejects_a_track_that_is_not_an_id(app, content_root):
    """--track names a file, so only kebab-case ids are accepted."""
    result = app.test_cli_runner().invoke(
        args=["quizzes", "import-gift", str(GIFT / "arabic.gift"), "--track", "../x"]
    )
    assert result.exit_code != 0
    assert not (content_root.parent / "x.yaml").exists()


def test_cli_export_prints_gift(app, content_root, tmp_path):
    """export-gift prints the bank as GIFT, or writes it with --out."""
    runner = app.test_cli_runner()
    result = runner.invoke(args=["quizzes", "export-gift", "--track", "basics"])
    assert result.exit_code == 0, result.output
    assert "$CATEGORY: tawasul/writing/K/bas-1" in result.output
    assert "::bas-q1::[plain]What is a hook? {" in result.output
    assert "not exported (no GIFT form): bas-q5" in result.output
    out = tmp_path / "basics.gift"
    written = runner.invoke(
        args=["quizzes", "export-gift", "--track", "basics", "--lang", "ar", "--out", str(out)]
    )
    assert written.exit_code == 0, written.output
    assert "::bas-q1::[plain]ما الهوك؟ {" in out.read_text("utf-8")
    missing = runner.invoke(args=["quizzes", "export-gift", "--track", "nothing"])
    assert missing.exit_code != 0


# ---- unknown skill and lesson ids -----------------------------------------------------


def test_categories_naming_unknown_ids_are_errors_at_their_lines():
    """With the known ids given, a tawasul category naming others is an error at its line."""
    text = (GIFT / "unknown.gift").read_text(encoding="utf-8")
    known = {"known_skills": {"writing", "planning"}, "known_lessons": {"bas-1", "bas-2"}}
    result = parse_gift(text, track="basics", **known)
    assert result.errors == [
        (7, "category 'tawasul/writing,no-such-skill/A': unknown skill id 'no-such-skill'"),
        (11, "category '$course$/tawasul/planning/J/bas-99': unknown lesson id 'bas-99'"),
    ]
    # The bad level makes the last category a label, with no ids to check.
    assert (
        15,
        "category 'tawasul/writing/X/no-such-lesson' is not tawasul/<skill-id>/<K|A|J>: "
        "kept as a label",
    ) in result.problems
    assert parse_gift(text, track="basics").errors == []  # no known ids given: nothing checked


def test_cli_refuses_a_file_naming_unknown_ids_and_writes_nothing(app, content_root):
    """import-gift names file:line of each unknown id, exits non-zero and leaves banks alone."""
    bank = content_root / "quizzes" / "basics.yaml"
    before = bank.read_text("utf-8")
    args = ["quizzes", "import-gift", str(GIFT / "unknown.gift"), "--track", "basics"]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 1
    assert "unknown.gift:7: category 'tawasul/writing,no-such-skill/A': unknown skill id" in (
        result.output
    )
    assert "unknown.gift:11: category '$course$/tawasul/planning/J/bas-99': unknown lesson id" in (
        result.output
    )
    assert "nothing imported" in result.output
    assert bank.read_text("utf-8") == before
    assert not (content_root / "quizzes" / "imported.yaml").exists()
    _, problems = load_library(content_root)
    assert not problems.errors


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [
        ("--skills", "writing,no-such-skill", "unknown skill id 'no-such-skill'"),
        ("--lesson", "bas-99", "unknown lesson id 'bas-99'"),
    ],
)
def test_cli_refuses_unknown_ids_in_its_options(app, content_root, option, value, named):
    """--skills and --lesson naming ids the content lacks are refused before anything is read."""
    args = ["quizzes", "import-gift", str(GIFT / "arabic.gift"), "--track", "imported"]
    result = app.test_cli_runner().invoke(args=[*args, "--lang", "ar", option, value])
    assert result.exit_code == 2
    assert option in result.output and named in result.output and "arabic.gift" in result.output
    assert not (content_root / "quizzes" / "imported.yaml").exists()
