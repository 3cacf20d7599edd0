"""sbx-09 "Trend desk" data: trend cards per brand, labels, desk minutes (pure, validated).

Every problem names the file and line, so `flask content check` points an editor at the card.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import YamlError, line_of, load_yaml
from app.exercises.domain.cta import CtaLexicon, load_cta
from app.exercises.domain.text import words
from app.sandbox.domain.platforms import FORMATS, PLATFORMS

CHOICES = ("go", "no-go")
HARD_FLAGS = ("tragedy", "news-exploitation")  # a "go" on these is a hard fail (§5.2)
LABEL_SETS = ("types", "licensing", "flags", "tags")
TEXTS = ("title", "summary", "origin", "rationale")
MIN_CARDS = 7  # the seed draws six and needs room to vary
PREFIXES = ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ف", "ل")  # letters written onto a word


@dataclass(frozen=True)
class DeskData:
    """The validated data: desk minutes, the hard condition's settings, labels and decks."""

    minutes: Mapping[str, int]
    hard: Mapping[str, Any]
    labels: Mapping[str, Mapping[str, Mapping[str, str]]]
    brands: Mapping[str, Mapping[str, Any]]  # brand -> {words, model, cards: {id: card}}
    cta: CtaLexicon


def names_brand(text: str, brand_words: list[str]) -> bool:
    """Whether the text names the brand or its product (folded; «القهوة» matches «قهوة»)."""
    found = set()
    for word in words(text):
        found.add(word)
        found.update(
            word[len(p) :] for p in PREFIXES if word.startswith(p) and len(word) > len(p) + 1
        )
    haystack = f" {' '.join(words(text))} "
    for entry in brand_words:
        folded = words(entry)
        if len(folded) == 1 and folded[0] in found:
            return True
        if len(folded) > 1 and f" {' '.join(folded)} " in haystack:
            return True
    return False


def _bilingual(value: Any) -> bool:
    """Whether a value is {ar: text, en: text} with both filled."""
    return isinstance(value, Mapping) and all(
        isinstance(value.get(k), str) and value[k].strip() for k in ("ar", "en")
    )


def _labels(raw: Any, name: str, problems: Problems, file: str) -> dict[str, Mapping[str, str]]:
    """One label set (id -> {ar, en})."""
    if not isinstance(raw, Mapping) or not raw:
        problems.add(file, 1, f"{name!r} must be a mapping of ids to labels in ar and en")
        return {}
    out: dict[str, Mapping[str, str]] = {}
    for key, label in raw.items():
        if not _bilingual(label):
            problems.add(file, line_of(raw), f"{name} {key!r} needs a label in ar and en")
            continue
        out[str(key)] = label
    return out


def _card(card: Any, labels: Mapping[str, Any], problems: Problems, file: str) -> str | None:
    """Check one card; its id when it is usable."""
    if not isinstance(card, Mapping) or not isinstance(card.get("id"), str):
        problems.add(file, line_of(card), "a card needs an id")
        return None
    at, cid = line_of(card), card["id"]

    def bad(message: str) -> None:
        """Add a problem on this card's line."""
        problems.add(file, at, f"card {cid!r}: {message}")

    start = len(problems.items)
    if card.get("type") not in labels["types"]:
        bad(f"unknown type {card.get('type')!r}")
    for name in TEXTS:
        if not _bilingual(card.get(name)):
            bad(f"{name} needs ar and en")
    platforms = card.get("platforms")
    if not isinstance(platforms, list) or not platforms or set(platforms) - set(PLATFORMS):
        bad(f"platforms must be a list of {PLATFORMS}")
    curve = card.get("curve")
    if not isinstance(curve, list) or len(curve) < 3 or not all(_count(v) for v in curve):
        bad("curve must list at least three mention counts")
    for name in ("age", "peak", "ends"):
        if not _count(card.get(name)):
            bad(f"{name} must be a whole number of 0 or more")
    if _count(card.get("peak")) and _count(card.get("ends")) and card["ends"] <= card["peak"]:
        bad("ends must come after peak")
    if card.get("licensing") not in labels["licensing"]:
        bad(f"unknown licensing {card.get('licensing')!r}")
    flags = card.get("flags")
    if not isinstance(flags, list) or set(flags) - set(labels["flags"]):
        bad("flags must be a list of known flags")
    gold = card.get("gold")
    if gold not in CHOICES:
        bad("gold must be go or no-go")
    elif gold == "go" and isinstance(flags, list) and set(flags) & set(HARD_FLAGS):
        bad("a card flagged tragedy or news-exploitation cannot be a gold go")
    tags = card.get("tags")
    if not isinstance(tags, list) or not tags or set(tags) - set(labels["tags"]):
        bad("tags must list known reason tags")
    credit = card.get("credit", {})
    if not isinstance(credit, Mapping) or any(
        k not in CHOICES or k == gold or not isinstance(v, int | float) or not 0 <= v < 1
        for k, v in credit.items()
    ):
        bad("credit gives the other decision a share from 0 up to (not including) 1")
    return cid if len(problems.items) == start else None


def _count(value: Any) -> bool:
    """A whole number ≥ 0 (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _deck(
    brand: str, raw: Any, labels: Mapping[str, Any], cta: CtaLexicon, problems: Problems, file: str
) -> dict[str, Any] | None:
    """Check one brand's deck: cards, the late card, brand words and the model concept."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("cards"), list):
        problems.add(file, line_of(raw), f"brand {brand!r} needs cards")
        return None
    at = line_of(raw)
    brand_words = raw.get("words")
    if not isinstance(brand_words, list) or not all(isinstance(w, str) for w in brand_words):
        problems.add(file, at, f"brand {brand!r}: words must be a list of brand words")
        brand_words = []
    cards: dict[str, Any] = {}
    for card in raw["cards"]:
        cid = _card(card, labels, problems, file)
        if cid in cards:
            problems.add(file, line_of(card), f"card {cid!r} appears twice")
        elif cid:
            cards[cid] = card
    if len(raw["cards"]) < MIN_CARDS:
        problems.add(file, at, f"brand {brand!r} needs at least {MIN_CARDS} cards")
    late = [c for c in cards.values() if c.get("late")]
    if len(late) != 1 or not set(late[0]["flags"]) & set(HARD_FLAGS):
        problems.add(
            file, at, f"brand {brand!r}: one card must be late with a tragedy or news flag"
        )
    model = raw.get("model")
    if not isinstance(model, Mapping):
        problems.add(file, at, f"brand {brand!r} needs a model concept")
        return None
    where = line_of(model)
    card = cards.get(str(model.get("card")))
    if card is None or card["gold"] != "go" or card.get("late"):
        problems.add(file, where, "the model concept's card must be a gold go card")
        return None
    platform, fmt = model.get("platform"), model.get("format")
    if platform not in card["platforms"] or fmt not in FORMATS.get(str(platform), ()):
        problems.add(file, where, "the model concept's platform and format must be valid")
    for name in ("tie_in", "cta", "caption"):
        if not _bilingual(model.get(name)):
            problems.add(file, where, f"the model concept's {name} needs ar and en")
            return None
    for lang in ("ar", "en"):
        if not names_brand(model["tie_in"][lang], brand_words):
            problems.add(file, where, f"the model tie-in ({lang}) names no brand word")
        if not cta.kinds_in(model["cta"][lang]):
            problems.add(file, where, f"the model call to action ({lang}) is not in the lexicon")
    return {"words": list(brand_words), "model": model, "cards": cards}


def load_sbx09(
    path: Path, scenarios: Mapping[str, Any], problems: Problems, file: str
) -> DeskData | None:
    """Read and validate the trend desk data; problems name the file and line."""
    try:
        raw = load_yaml(path)
    except (YamlError, OSError) as exc:
        problems.add(file, getattr(exc, "line", 1), str(exc))
        return None
    if not isinstance(raw, Mapping):
        problems.add(file, 1, "the trend desk data must be a mapping")
        return None
    start = len(problems.items)
    minutes = raw.get("minutes")
    if not isinstance(minutes, Mapping) or not all(
        _count(minutes.get(k)) and minutes[k] > 0 for k in ("decision", "concept")
    ):
        problems.add(file, line_of(minutes, 1), "minutes needs decision and concept (> 0)")
    hard = raw.get("hard")
    if not (
        isinstance(hard, Mapping)
        and isinstance(hard.get("expire_at"), list)
        and len(hard["expire_at"]) == 2
        and all(_count(v) and v > 0 for v in hard["expire_at"])
        and isinstance(hard.get("flags_after"), list)
        and len(hard["flags_after"]) == 2
        and all(_count(v) and v > 0 for v in hard["flags_after"])
    ):
        problems.add(file, line_of(hard, 1), "hard needs expire_at [a, b] and flags_after [lo, hi]")
    labels = {name: _labels(raw.get(name), name, problems, file) for name in LABEL_SETS}
    missing = set(HARD_FLAGS) - set(labels["flags"])
    if missing:
        problems.add(file, line_of(raw.get("flags"), 1), f"flags must include {sorted(missing)}")
    cta = load_cta(problems)
    brands_raw = raw.get("brands")
    if not isinstance(brands_raw, Mapping) or cta is None:
        problems.add(file, 1, "brands must map each brand to its deck")
        return None
    brands: dict[str, Any] = {}
    for brand, deck in brands_raw.items():
        if brand not in scenarios:
            problems.add(file, line_of(brands_raw), f"unknown brand {brand!r}")
            continue
        checked = _deck(str(brand), deck, labels, cta, problems, file)
        if checked is not None:
            brands[str(brand)] = checked
    if len(problems.items) > start:
        return None
    return DeskData(dict(minutes), dict(hard), labels, brands, cta)  # type: ignore[arg-type]
