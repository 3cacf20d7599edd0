"""Issue #4 quality gates on the repository's curriculum; the tests print the counts."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from app.content.library import load_library
from app.content.normalize import normalize
from app.content.validate import FACT_REF, TERM_REF

ROOT = Path(__file__).resolve().parents[2]
LIB, PROBLEMS = load_library(ROOT)
OBJECTIVES = yaml.safe_load((Path(__file__).parent / "curriculum_objectives.yaml").read_text())
CORE = sorted(OBJECTIVES)  # the 38 core lessons of curriculum.md §3
EXTRA = ("ori-1", "plt-6", "pln-6", "ads-6")  # the orientation and the electives
WORD = re.compile(r"\S+")


def words(text: str) -> int:
    """Words in a lesson body (fact and term marks count as one word each)."""
    return len(WORD.findall(text))


def test_content_check_passes_on_the_repository():
    """`flask content check` finds no errors (unknown facts, terms, links, ids...)."""
    assert not PROBLEMS.errors, [str(p) for p in PROBLEMS.errors]


def test_all_lessons_exist_in_both_languages():
    """38 core lessons plus the orientation and the electives, each in Arabic and English."""
    assert len(CORE) == 38
    missing = [
        (lid, lang)
        for lid in (*CORE, *EXTRA)
        for lang in ("ar", "en")
        if lid not in LIB.lessons or lang not in LIB.lessons[lid].texts
    ]
    assert not missing


@pytest.mark.parametrize("lesson_id", CORE)
def test_objectives_match_the_curriculum(lesson_id):
    """The English front matter lists exactly §3's objectives; Arabic has as many."""
    lesson = LIB.lessons[lesson_id]

    def fold(s: str) -> str:
        return re.sub(r"[\s’'\"“”]+", " ", s).strip().rstrip(".").lower()

    assert [fold(o) for o in lesson.texts["en"].objectives] == [
        fold(o) for o in OBJECTIVES[lesson_id]
    ]
    assert len(lesson.texts["ar"].objectives) == len(OBJECTIVES[lesson_id])
    assert 2 <= len(OBJECTIVES[lesson_id]) <= 3


def test_word_counts_are_in_range():
    """Every body has 700–1,500 words in each language."""
    report, bad = [], []
    for lid in (*CORE, *EXTRA):
        counts = {lang: words(t.body) for lang, t in LIB.lessons[lid].texts.items()}
        report.append(f"{lid}: ar {counts['ar']}, en {counts['en']}")
        bad += [(lid, lang, n) for lang, n in counts.items() if not 700 <= n <= 1500]
    print("\n".join(report))
    assert not bad


def test_cited_facts_have_a_source_and_date_and_terms_are_in_the_glossary():
    """Every {{fact:…}} has a source URL and as-of date; every {{term:…}} is defined."""
    cited, marked = set(), set()
    for lesson in LIB.lessons.values():
        for text in lesson.texts.values():
            cited |= set(FACT_REF.findall(text.body))
            marked |= {m[0] for m in TERM_REF.findall(text.body)}
    for fact_id in cited:
        fact = LIB.facts[fact_id]
        assert fact.source_url.startswith("https://") and re.match(r"\d{4}-\d{2}-\d{2}", fact.as_of)
    assert marked <= set(LIB.terms)
    print(
        f"{len(cited)} facts cited, {len(marked)} glossary terms marked, {len(LIB.terms)} defined"
    )


def test_no_two_items_share_a_stem():
    """Stems are unique in each language (after Arabic-aware normalisation)."""
    for lang in ("ar", "en"):
        stems = Counter(
            normalize(i.stem.get(lang, "")) for i in LIB.items.values() if i.stem.get(lang)
        )
        assert [s for s, n in stems.items() if n > 1] == []


def test_item_quotas():
    """≥ 6 items per lesson, ≥ 230 in all, every skill ≥ 12 items spanning K, A and J."""
    per_lesson = Counter(i.lesson for i in LIB.items.values())  # ori-1: the diagnostic
    per_skill: dict[str, Counter[str]] = defaultdict(Counter)
    for item in LIB.items.values():
        for skill in item.skills:
            per_skill[skill][item.level] += 1
    levels = Counter(i.level for i in LIB.items.values())
    print(f"{len(LIB.items)} items; by level {dict(sorted(levels.items()))}")
    for skill in sorted(LIB.skills):
        c = per_skill[skill]
        print(f"  {skill}: {sum(c.values())} (K {c['K']}, A {c['A']}, J {c['J']})")
    short = {lid: per_lesson[lid] for lid in (*CORE, *EXTRA) if per_lesson[lid] < 6}
    assert not short
    assert len(LIB.items) >= 230
    for skill in LIB.skills:
        c = per_skill[skill]
        assert sum(c.values()) >= 12 and all(c[level] for level in "KAJ"), (skill, c)


def test_every_track_can_make_a_track_test():
    """A track test draws 10–15 items: every track bank has enough to fill it."""
    from app.quizzes.domain import TRACK_TEST_SIZE

    assert 10 <= TRACK_TEST_SIZE <= 15
    for track in LIB.tracks:
        if track == "orientation":
            continue
        bank = [i for i in LIB.items.values() if i.track == track and not i.diagnostic]
        assert len(bank) >= TRACK_TEST_SIZE, track
