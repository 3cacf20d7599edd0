"""sbx-09 "Trend desk" desk rules and data (pure): the clock, closing cards, the late flag,
the seeded draw and the loader's file:line problems (scoring time: `make bench`)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from app.content.errors import Problems
from app.content.library import load_library
from app.exercises.domain.engine import Context, Variant
from app.exercises.domain.sbx09 import TrendDesk
from app.exercises.domain.sbx09_data import load_sbx09, names_brand
from app.exercises.domain.sbx09_desk import desk_step, desk_view
from app.sandbox.domain.scenarios import load_sandbox

ROOT = Path(__file__).resolve().parents[2]
FILE = "app/exercises/data/sbx-09.yaml"


@pytest.fixture(scope="module")
def desk() -> TrendDesk:
    """The scorer on the real catalogue entry and data."""
    library, _ = load_library(ROOT)
    sandbox = load_sandbox()
    data = load_sbx09(ROOT / FILE, sandbox.scenarios, Problems(), FILE)
    return TrendDesk(
        library.exercises["sbx-09"], Context(sandbox.scenarios, {}, {}, {"sbx-09": data})
    )


def hard(brand: str = "riyadh-cafe", seed: int = 3) -> Variant:
    """A hard-condition variant."""
    return Variant("sbx-09", brand, "expiring-cards", True, seed)


def decide(task: dict[str, Any], draft: dict[str, Any], card: str, choice: str = "no-go"):  # type: ignore[no-untyped-def]
    """One decision step."""
    return desk_step(
        task, draft, {"step": "decision", "card": card, "choice": choice, "tags": ["off-brand"]}
    )


def test_the_clock_moves_with_every_decision_even_a_changed_one(desk):
    """Each decision adds its minutes (changing a decision too); the step keeps its time."""
    v = Variant("sbx-09", "food-bank", "standard", False, 1)
    task = desk.task(v)
    card = task["cards"][0]["id"]
    draft, _ = decide(task, {}, card)
    assert draft["clock"] == 10 and draft["decisions"][card]["at"] == 10
    draft, _ = decide(task, draft, card, "go")
    assert draft["clock"] == 20 and draft["decisions"][card]["choice"] == "go"
    assert [s["n"] for s in draft["steps"]] == [1, 2]


def test_an_expired_card_refuses_a_decision_and_a_concept(desk):
    """Hard condition: two cards close early; after that the desk refuses them."""
    task = desk.task(hard())
    closing = sorted((c for c in task["cards"] if c["expires"]), key=lambda c: c["ends"])
    assert [c["ends"] for c in closing] == [40, 70]
    first = closing[0]["id"]
    draft, error = decide(task, {}, first, "go")
    assert error is None
    others = [c["id"] for c in task["cards"] if c["id"] != first]
    for card in others[:3]:
        draft, error = decide(task, draft, card)
        assert error is None
    assert draft["clock"] == 40
    assert decide(task, draft, first)[1] == "desk.card-closed"
    concept = {"step": "concept", "card": first, "platform": "x", "format": "feed", "caption": "c"}
    assert desk_step(task, draft, concept)[1] == "desk.card-closed"
    view = desk_view(task, draft)
    assert not next(c for c in view["cards"] if c["id"] == first)["open"]


def test_the_late_flag_is_hidden_until_n_decisions(desk):
    """The late card's flag and origin are not in the view before N decisions, and are after."""
    task = desk.task(hard("food-bank"))
    after = task["flags_after"]
    late = next(c for c in task["cards"] if c["late_flags"])
    assert late["flags"] == [] and late["origin"] is None and "tragedy" in late["late_flags"]
    others = [c["id"] for c in task["cards"] if c["id"] != late["id"]]
    draft: dict[str, Any] = {}
    for count in range(after):
        seen = next(c for c in desk_view(task, draft)["cards"] if c["id"] == late["id"])
        assert "tragedy" not in seen["flags"] and seen["origin"] is None, count
        draft, _ = decide(task, draft, others[count])
    seen = next(c for c in desk_view(task, draft)["cards"] if c["id"] == late["id"])
    assert "tragedy" in seen["flags"] and seen["flag_after"] == after and seen["origin"]


def test_standard_shows_every_flag_and_nothing_expires(desk):
    """Standard condition: flags from the start, no early closing, no late flags."""
    task = desk.task(Variant("sbx-09", "cairo-abaya", "standard", False, 9))
    assert task["flags_after"] is None
    assert not any(c["expires"] or c["late_flags"] for c in task["cards"])
    assert "tragedy" in next(c for c in task["cards"] if c["id"] == "nile-ferry")["flags"]


def test_same_seed_same_cards_and_order_and_the_draw_varies(desk):
    """Six cards, always the model and late card; order and draw follow the seed."""
    seen = set()
    for seed in range(12):
        v = Variant("sbx-09", "ledger-b2b", "standard", False, seed)
        ids = [c["id"] for c in desk.task(v)["cards"]]
        assert ids == [c["id"] for c in desk.task(v)["cards"]]
        assert len(ids) == 6 and {"deadline-me", "bank-outage"} <= set(ids)
        seen.add(tuple(ids))
    assert len(seen) > 3


def test_a_concept_needs_a_standing_go(desk):
    """A concept on a card not decided go is refused; a later no-go voids the concept."""
    v = Variant("sbx-09", "riyadh-cafe", "standard", False, 2)
    task = desk.task(v)
    form = {"step": "concept", "card": "narjis-minute", "platform": "tiktok", "format": "video"}
    assert desk_step(task, {}, form | {"caption": "c"})[1] == "desk.concept-card"
    draft, _ = decide(task, {}, "narjis-minute", "go")
    assert desk_step(task, draft, form)[1] == "desk.no-caption"
    assert (
        desk_step(task, draft, form | {"platform": "myspace", "caption": "c"})[1]
        == "desk.no-platform"
    )
    draft, error = desk_step(task, draft, form | {"caption": "c"})
    assert error is None and draft["clock"] == 30
    draft, _ = decide(task, draft, "narjis-minute", "no-go")
    reasons = [r.code for r in desk.score(v, task, draft).criteria[2].reasons]
    assert reasons == ["concept.withdrawn"]


def test_brand_words_match_with_arabic_prefixes():
    """«بالقهوة» and «والقهوة» name the product; an unrelated word does not."""
    brand = ["قهوة", "Mihmas", "tax return"]
    assert names_brand("جرب بالقهوة المختصة", brand) and names_brand("والقهوه", brand)
    assert names_brand("MIHMAS!", brand) and names_brand("file your tax return", brand)
    assert not names_brand("قهوجي", brand) and not names_brand("", brand)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '        gold: go\n        tags: [fits-brand, audience-match, rising, rights-clear]\n        credit: {no-go: 0.25}\n        rationale: {ar: "صوت',
            '        gold: maybe\n        tags: [fits-brand, audience-match, rising, rights-clear]\n        credit: {no-go: 0.25}\n        rationale: {ar: "صوت',
            "gold must be go or no-go",
        ),
        (
            "        platforms: [tiktok, instagram]\n        curve: [150",
            "        platforms: [myspace]\n        curve: [150",
            "platforms must be",
        ),
        ("      format: video\n", "      format: carousel\n", "platform and format must be valid"),
        ("  ledger-b2b:\n", "  ledger-b3b:\n", "unknown brand"),
    ],
)
def test_the_loader_reports_broken_data_with_file_and_line(tmp_path, old, new, message):
    """A broken copy of the data: the problem names the file and the card's line."""
    copy = tmp_path / "sbx-09.yaml"
    shutil.copy(ROOT / FILE, copy)
    text = copy.read_text(encoding="utf-8")
    assert old in text
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = Problems()
    assert load_sbx09(copy, load_sandbox().scenarios, problems, "copy.yaml") is None
    found = [p for p in problems.items if message in p.message]
    assert found and found[0].file == "copy.yaml" and found[0].line > 1, [
        str(p) for p in problems.items
    ]


def test_the_loader_reports_a_yaml_error_with_its_line(tmp_path):
    """Broken YAML: a problem with the file and line."""
    copy = tmp_path / "sbx-09.yaml"
    copy.write_text("minutes: {decision: 10\nbrands: [\n", encoding="utf-8")
    problems = Problems()
    assert load_sbx09(copy, {}, problems, "copy.yaml") is None
    assert problems.items and problems.items[0].file == "copy.yaml"
