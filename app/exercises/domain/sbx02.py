"""sbx-02 data: message cards, hashtag bands, recommended formats and model templates (pure).

The loader checks everything the scorer and the model answer rely on, so a broken card is a
content-check problem with file and line, never a wrong score: every card's own calls to action
fit its goal in the CTA lexicon, its short offer is one of the accepted spellings, and its
price and date texts carry the amount and the date the checker looks for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import line_of
from app.exercises.domain.cta import CtaLexicon, load_cta
from app.exercises.domain.datafile import read_data
from app.exercises.domain.text import contains_any, numbers, word_count
from app.sandbox.domain.platforms import FORMATS, GOALS

SLOTS = ("instagram", "x", "linkedin", "tiktok")
LANGS = ("ar", "en")
TEXTS = ("product", "offer", "offer_short", "hook", "benefit", "context")
HOOK_WORDS = 10
MONTHS = {
    "ar": (
        ("يناير", "كانون الثاني"),
        ("فبراير", "شباط"),
        ("مارس", "اذار"),
        ("ابريل", "نيسان"),
        ("مايو", "ايار"),
        ("يونيو", "حزيران"),
        ("يوليو", "تموز"),
        ("اغسطس", "اب"),
        ("سبتمبر", "ايلول"),
        ("اكتوبر", "تشرين الاول"),
        ("نوفمبر", "تشرين الثاني"),
        ("ديسمبر", "كانون الاول"),
    ),
    "en": tuple(
        (name, name[:3])
        for name in [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
    ),
}


@dataclass(frozen=True)
class Sbx02Data:
    """The validated file (plain mappings) and the CTA lexicon it was checked against."""

    raw: Mapping[str, Any]
    cta: CtaLexicon


def date_forms(iso: str, extra: list[str]) -> list[str]:
    """Accepted spellings of a date: day and month name either way, d/m and d-m, extras."""
    day = date.fromisoformat(iso)
    d, m = day.day, day.month
    out = [f"{d}/{m}", f"{d:02d}/{m:02d}", f"{d}-{m}", f"{d}.{m}"]
    for names in MONTHS.values():
        for name in names[m - 1]:
            out += [f"{d} {name}", f"{name} {d}", f"{d}th {name}", f"{name} {d}th"]
    return out + [str(e) for e in extra]


def date_found(text: str, card: Mapping[str, Any]) -> bool:
    """Whether the text names the card's date in one of the accepted spellings."""
    date_ = card["date"]
    return (
        contains_any(text, date_forms(date_["iso"], list(date_.get("accepted") or []))) is not None
    )


def _plain(number: str) -> float | None:
    """A number as a float; "1.200" with a dot before three digits is read as 1200."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        number = number.replace(".", "")
    try:
        return float(number)
    except ValueError:
        return None


def price_found(text: str, card: Mapping[str, Any]) -> bool:
    """Whether the card's price amount appears (any digits, with or without separators)."""
    amount = float(card["price"]["amount"])
    return any(_plain(n) == amount for n in numbers(text))


def offer_found(text: str, card: Mapping[str, Any]) -> bool:
    """Whether one of the card's accepted spellings of the offer appears."""
    return contains_any(text, [str(a) for a in card.get("accepted") or []]) is not None


def _lang_card(card: Mapping[str, Any], lang: str, problems: Problems, file: str) -> bool:
    """One language half of a card: texts, four CTAs, five hashtags; False when unusable."""
    half = card.get(lang)
    if not isinstance(half, Mapping):
        problems.add(file, line_of(card), f"card {card.get('id')!r} has no {lang!r} part")
        return False
    ok = True
    for key in TEXTS:
        if not isinstance(half.get(key), str) or not half[key].strip():
            problems.add(file, line_of(half), f"card {card.get('id')!r} {lang}: {key} is missing")
            ok = False
    ctas, tags = half.get("cta"), half.get("tags")
    if not isinstance(ctas, list) or len(ctas) != len(SLOTS):
        problems.add(file, line_of(half), f"card {card.get('id')!r} {lang}: cta needs 4 lines")
        ok = False
    if not isinstance(tags, list) or len(tags) < 5 or any(not str(t).startswith("#") for t in tags):
        problems.add(file, line_of(half), f"card {card.get('id')!r} {lang}: tags needs 5 #tags")
        ok = False
    if ok and word_count(half["hook"]) > HOOK_WORDS:
        problems.add(file, line_of(half), f"card {card.get('id')!r} {lang}: hook over 10 words")
    return ok


def check_card(card: Any, cta: CtaLexicon, problems: Problems, file: str) -> bool:
    """A card with its fields, and its own texts passing the checks the learner faces."""
    if not isinstance(card, Mapping) or not isinstance(card.get("id"), str):
        problems.add(file, line_of(card), "a card must be a mapping with an id")
        return False
    where = f"card {card['id']!r}"
    price, date_, link = card.get("price"), card.get("date"), card.get("link")
    ok = card.get("goal") in GOALS
    if not ok:
        problems.add(file, line_of(card), f"{where}: unknown goal {card.get('goal')!r}")
    if not isinstance(price, Mapping) or not isinstance(price.get("amount"), int | float):
        problems.add(file, line_of(card), f"{where}: price needs a number amount")
        ok = False
    try:
        date.fromisoformat(str((date_ or {}).get("iso")))
    except ValueError:
        problems.add(file, line_of(card), f"{where}: date needs an iso YYYY-MM-DD")
        ok = False
    if not isinstance(link, Mapping) or not str(link.get("url", "")).startswith("https://"):
        problems.add(file, line_of(card), f"{where}: link needs an https url")
        ok = False
    if not isinstance(card.get("accepted"), list) or not card["accepted"]:
        problems.add(file, line_of(card), f"{where}: accepted offer spellings are missing")
        ok = False
    for part in (price, date_, link):
        text = part.get("text") if isinstance(part, Mapping) else None
        if not isinstance(text, Mapping) or not all(text.get(k) for k in LANGS):
            problems.add(file, line_of(card), f"{where}: price, date and link need ar and en text")
            ok = False
    # Both halves are checked (a list, not a generator) so every problem is reported.
    halves = [_lang_card(card, lang, problems, file) for lang in LANGS]
    ok = all(halves) and ok
    if not ok or not isinstance(price, Mapping) or not isinstance(date_, Mapping):
        return False
    for lang in LANGS:
        half = card[lang]
        if not price_found(price["text"][lang], card):
            problems.add(file, line_of(price), f"{where}: {lang} price text lacks the amount")
        if not date_found(date_["text"][lang], card):
            problems.add(file, line_of(date_), f"{where}: {lang} date text is not accepted")
        if not offer_found(half["offer_short"], card):
            problems.add(file, line_of(half), f"{where}: {lang} offer_short is not accepted")
        for line in half["cta"]:
            if not cta.fits(card["goal"], line):
                problems.add(file, line_of(half), f"{where}: CTA {line!r} misses {card['goal']}")
    return True


def _check_tables(
    raw: Mapping[str, Any], scenarios: Mapping[str, Any], problems: Problems, file: str
) -> None:
    """Bands, recommended formats, templates and the fifth version's platform."""
    bands, rec = raw.get("bands") or {}, raw.get("recommended") or {}
    for slot in SLOTS:
        band = bands.get(slot)
        if not isinstance(band, Mapping) or "low" not in band or "high" not in band:
            problems.add(file, line_of(bands), f"bands: {slot} needs low and high")
        elif not band.get("source") or not band.get("as_of"):
            problems.add(file, line_of(band), f"bands: {slot} needs source and as_of")
        table = rec.get(slot)
        if not isinstance(table, Mapping) or "default" not in table:
            problems.add(file, line_of(rec), f"recommended: {slot} needs a default")
            continue
        for goal, entry in table.items():
            if goal != "default" and goal not in GOALS:
                problems.add(file, line_of(table), f"recommended: unknown goal {goal!r}")
            fmt = entry.get("format") if isinstance(entry, Mapping) else None
            why = entry.get("why") if isinstance(entry, Mapping) else None
            if fmt not in FORMATS[slot] or not isinstance(why, Mapping) or not why.get("ar"):
                problems.add(file, line_of(table), f"recommended: {slot}/{goal} format or why")
    templates = raw.get("templates") or {}
    for lang in LANGS:
        for slot in SLOTS:
            if not isinstance((templates.get(lang) or {}).get(slot), str):
                problems.add(file, line_of(templates), f"templates: {lang}/{slot} is missing")
    for brand, entry in (raw.get("other_platform") or {}).items():
        if brand not in scenarios or not isinstance(entry, Mapping):
            problems.add(file, line_of(raw["other_platform"]), f"other_platform: {brand!r}")
        elif entry.get("platform") not in SLOTS:
            problems.add(file, line_of(entry), f"other_platform: {brand} platform unknown")


def load_sbx02(
    path: Path, scenarios: Mapping[str, Any], problems: Problems, file: str
) -> Sbx02Data | None:
    """Read and validate app/exercises/data/sbx-02.yaml; problems name the file and line."""
    raw = read_data(path, problems, file)
    if raw is None:
        return None
    before = len(problems.items)
    cta = load_cta(problems)
    if not isinstance(raw, Mapping) or cta is None:
        problems.add(file, 1, "sbx-02 data must be a mapping")
        return None
    _check_tables(raw, scenarios, problems, file)
    cards = raw.get("cards")
    if not isinstance(cards, Mapping) or not cards:
        problems.add(file, line_of(raw), "cards: one list per brand is needed")
        return None
    for brand, listed in cards.items():
        if brand not in scenarios:
            problems.add(file, line_of(cards), f"cards: unknown brand {brand!r}")
        if not isinstance(listed, list) or not listed:
            problems.add(file, line_of(cards), f"cards: {brand} lists no cards")
            continue
        for card in listed:
            check_card(card, cta, problems, file)
    for brand in raw.get("other_platform") or {}:
        if brand not in cards:
            problems.add(file, line_of(raw), f"other_platform: {brand!r} has no cards")
    if len(problems.items) > before:
        return None
    return Sbx02Data(raw, cta)


def recommended(raw: Mapping[str, Any], slot: str, goal: str) -> Mapping[str, Any]:
    """The recommended format entry {format, why} for a platform and goal."""
    table = raw["recommended"][slot]
    found: Mapping[str, Any] = table.get(goal) or table["default"]
    return found
