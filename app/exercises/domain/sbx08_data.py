"""sbx-08 "Crisis drill" data: per brand a crisis, its key facts, a spike of mentions, a
journalist, the promotional post and the model answers; the holding-statement lexicons.

Pure and validated: every problem names the file and line, so `flask content check` points an
editor at the entry. The mentions are read by the inbox's reply rubric (app/inbox/domain), so
the loader also checks that each model reply passes it and that each model statement passes
the checklist: the data and the scorer cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import line_of
from app.exercises.domain.datafile import read_data
from app.exercises.domain.sbx08_check import PARTS, check_statement
from app.inbox.domain.items import ReplyInputs, context_for, message_for
from app.inbox.domain.lexicons import reply_data
from app.inbox.domain.promises import concepts
from app.inbox.domain.reply_text import Phrases, Text, find
from app.inbox.domain.rubric import Context, Reply
from app.inbox.domain.score import score_reply
from app.sandbox.domain.platforms import PLATFORMS

STEPS = ("pause", "alert", "statement", "reply", "journalist", "wait")
LISTS = ("acknowledge", "known", "doing", "next-update", "speculation", "blame")
AR_GROUPS = ("msa", "gulf", "egyptian", "levantine")
KINDS = ("complaint", "misinformation")
EXPECTED = ("reply", "reply-then-dm")
OWN_ACTION = {"reply": "reply", "reply-then-dm": "private"}
CHANNELS = ("comment", "mention")
MIN_MENTIONS, MAX_MENTIONS = 5, 6
MODEL_FLOOR = 80  # every model reply, sent on time with the key's action, scores this or more
ARABIC = re.compile("[\u0600-\u06ff]")
LATIN = re.compile("[A-Za-z]")


@dataclass(frozen=True)
class CrisisData:
    """The validated data, with the reply rubric's context per brand built once."""

    minutes: Mapping[str, int]
    word_limit: int
    arrive: tuple[int, int]  # later mentions arrive between these desk minutes
    checklist: Mapping[str, Phrases]
    brands: Mapping[str, Mapping[str, Any]]
    scenarios: Mapping[str, Mapping[str, Any]]  # scenario data plus the crisis facts, by brand
    contexts: Mapping[str, Context]


def bilingual(value: Any) -> bool:
    """Whether a value is {ar: text, en: text} with both filled."""
    return isinstance(value, Mapping) and all(
        isinstance(value.get(k), str) and value[k].strip() for k in ("ar", "en")
    )


def _count(value: Any) -> bool:
    """A whole number > 0 (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def model_action(mention: Mapping[str, Any]) -> str:
    """The action that fully answers a mention's expected value."""
    return OWN_ACTION.get(str(mention.get("expected")), "reply")


def _checklist(raw: Any, problems: Problems, file: str) -> dict[str, Phrases]:
    """The six lexicons: a note, Arabic (MSA and dialects) and English, no phrase twice."""
    if not isinstance(raw, Mapping):
        problems.add(file, 1, f"checklist must map {list(LISTS)} to lexicons")
        return {}
    out: dict[str, Phrases] = {}
    seen: dict[str, str] = {}
    for name in LISTS:
        entry = raw.get(name)
        at = line_of(entry, line_of(raw))
        if not isinstance(entry, Mapping) or not isinstance(entry.get("ar"), Mapping):
            problems.add(file, at, f"checklist {name!r} needs note, ar ({AR_GROUPS}) and en")
            continue
        if not isinstance(entry.get("note"), str) or not entry["note"].strip():
            problems.add(file, at, f"checklist {name!r} needs a note saying what it catches")
        if "msa" not in entry["ar"] or not set(entry["ar"]) <= set(AR_GROUPS):
            problems.add(file, at, f"checklist {name!r}: ar groups must be among {AR_GROUPS}")
        phrases: list[str] = []
        groups = [(g, v) for g, v in entry["ar"].items()] + [("en", entry.get("en"))]
        for group, listed in groups:
            if not isinstance(listed, list) or not listed:
                problems.add(file, at, f"checklist {name!r}: {group} must be a non-empty list")
                continue
            for phrase in listed:
                folded = " ".join(Phrases.of([str(phrase)]).needles).strip()
                script = LATIN if group == "en" else ARABIC
                if not isinstance(phrase, str) or not folded or not script.search(phrase):
                    problems.add(
                        file,
                        line_of(listed, at),
                        f"checklist {name!r} ({group}): {phrase!r}"
                        f" must be written in {'Latin' if group == 'en' else 'Arabic'} letters",
                    )
                    continue
                if folded in seen:
                    problems.add(
                        file,
                        line_of(listed, at),
                        f"checklist {name!r}: {phrase!r} is already in {seen[folded]!r}",
                    )
                    continue
                seen[folded] = name
                phrases.append(phrase)
        out[name] = Phrases.of(phrases)
    return out


def _facts(
    brand: str, raw: Any, scenario: Mapping[str, Any], problems: Problems, file: str
) -> list[Mapping[str, Any]]:
    """The crisis key facts: each part at least once, ids new to the scenario's brief."""
    if not isinstance(raw, list) or not raw:
        problems.add(file, line_of(raw), f"brand {brand!r} needs crisis facts")
        return []
    taken = {f.get("id") for f in scenario.get("facts") or []}
    ids: set[str] = set()
    out = []
    for fact in raw:
        at = line_of(fact)
        fid = fact.get("id") if isinstance(fact, Mapping) else None
        if not isinstance(fid, str) or fid in ids or fid in taken:
            problems.add(file, at, f"brand {brand!r}: a crisis fact needs a new, unique id")
            continue
        ids.add(fid)
        if fact.get("part") not in PARTS:
            problems.add(file, at, f"crisis fact {fid!r}: part must be one of {PARTS}")
        if not bilingual(fact.get("text")):
            problems.add(file, at, f"crisis fact {fid!r}: text needs ar and en")
        keys = fact.get("keywords")
        if not (
            isinstance(keys, list)
            and all(isinstance(k, str) and k.strip() for k in keys)
            and any(ARABIC.search(k) for k in keys)
            and any(LATIN.search(k) for k in keys)
        ):
            problems.add(file, at, f"crisis fact {fid!r}: keywords need Arabic and English terms")
        out.append(fact)
    for part in PARTS:
        if not any(f.get("part") == part for f in out):
            problems.add(file, line_of(raw), f"brand {brand!r}: no crisis fact says {part!r}")
    return out


def _mention(m: Any, fact_ids: set[str], problems: Problems, file: str) -> bool:
    """Check one mention's shape; whether it is usable."""
    at = line_of(m)
    if not isinstance(m, Mapping) or not isinstance(m.get("id"), str):
        problems.add(file, at, "a mention needs an id")
        return False
    start = len(problems.items)

    def bad(message: str) -> None:
        """Add a problem on this mention's line."""
        problems.add(file, at, f"mention {m['id']!r}: {message}")

    checks = [
        (m.get("kind") in KINDS, f"kind must be one of {KINDS}"),
        (m.get("channel") in CHANNELS, f"channel must be one of {CHANNELS}"),
        (m.get("platform") in PLATFORMS, f"platform must be one of {PLATFORMS}"),
        (m.get("lang") in ("ar", "en"), "lang must be ar or en"),
        (m.get("expected") in EXPECTED, f"expected must be one of {EXPECTED}"),
        (isinstance(m.get("text"), str) and m["text"].strip(), "text is missing"),
        (isinstance(m.get("author"), str) and m["author"].strip(), "author is missing"),
        (_count(m.get("sla_hours")), "sla_hours must be a whole number > 0"),
        (bilingual(m.get("model_reply")), "model_reply needs ar and en"),
    ]
    facts = m.get("facts")
    checks.append(
        (
            isinstance(facts, list) and facts and set(facts) <= fact_ids,
            "facts must list crisis fact ids of this brand",
        )
    )
    key = m.get("key")
    checks.append(
        (
            isinstance(key, list)
            and len(key) >= 2
            and any(ARABIC.search(str(k)) for k in key)
            and any(LATIN.search(str(k)) for k in key),
            "key needs two or more terms, Arabic and English",
        )
    )
    for ok, message in checks:
        if not ok:
            bad(message)
    return len(problems.items) == start


def _brand(
    brand: str,
    raw: Any,
    scenario: Mapping[str, Any],
    checklist: Mapping[str, Phrases],
    word_limit: int,
    problems: Problems,
    file: str,
) -> tuple[dict[str, Any], dict[str, Any], Context] | None:
    """Check one brand's crisis; (the crisis, the scenario with its facts, rubric context)."""
    at = line_of(raw)
    if not isinstance(raw, Mapping):
        problems.add(file, at, f"brand {brand!r} needs a crisis")
        return None
    start = len(problems.items)
    roles = {str(r.get("id")): r for r in scenario.get("roles") or []}
    contact, spokesperson = raw.get("contact"), raw.get("spokesperson")
    if contact not in roles or "crisis" not in (roles[str(contact)].get("handles") or []):
        problems.add(file, at, f"brand {brand!r}: contact {contact!r} must be its crisis role")
    if spokesperson not in roles or "press" not in (roles[str(spokesperson)].get("handles") or []):
        problems.add(file, at, f"brand {brand!r}: spokesperson {spokesperson!r} must handle press")
    for name in ("title", "summary", "statement"):
        if not bilingual(raw.get(name)):
            problems.add(file, at, f"brand {brand!r}: {name} needs ar and en")
    promo = raw.get("promo")
    if not (
        isinstance(promo, Mapping)
        and bilingual(promo.get("title"))
        and bilingual(promo.get("text"))
        and promo.get("platform") in PLATFORMS
        and isinstance(promo.get("at"), list)
        and len(promo["at"]) == 2
        and all(_count(v) for v in promo["at"])
        and promo["at"][0] <= promo["at"][1]
    ):
        problems.add(file, line_of(promo, at), "promo needs title, text, platform, at [lo, hi]")
    journalist = raw.get("journalist")
    if not (
        isinstance(journalist, Mapping)
        and all(isinstance(journalist.get(k), str) for k in ("author", "text"))
        and bilingual(journalist.get("outlet"))
        and journalist.get("lang") in ("ar", "en")
        and _count(journalist.get("arrives"))
    ):
        problems.add(
            file, line_of(journalist, at), "journalist needs author, outlet, lang, text, arrives"
        )
    facts = _facts(brand, raw.get("facts"), scenario, problems, file)
    mentions = raw.get("mentions")
    if not isinstance(mentions, list) or not MIN_MENTIONS <= len(mentions) <= MAX_MENTIONS:
        problems.add(file, at, f"brand {brand!r} needs {MIN_MENTIONS}–{MAX_MENTIONS} mentions")
        mentions = []
    ids = {str(f.get("id")) for f in facts}
    usable = [m for m in mentions if _mention(m, ids, problems, file)]
    if len({m["id"] for m in usable}) != len(usable):
        problems.add(file, at, f"brand {brand!r}: mention ids must be unique")
    english = sum(1 for m in usable if m.get("lang") == "en")
    if not 1 <= english <= 2:
        problems.add(file, at, f"brand {brand!r}: one or two mentions must be in English")
    if len(problems.items) > start:
        return None
    augmented = dict(scenario)
    augmented["facts"] = [*(scenario.get("facts") or []), *facts]
    augmented["inbox"] = [*(scenario.get("inbox") or []), *usable]
    data = reply_data()
    ctx = context_for(augmented, ReplyInputs(data.lists, data.credit, data.bands, concepts()))
    for m in usable:
        text = m["model_reply"][m["lang"]]
        score = score_reply(message_for(augmented, m), Reply(model_action(m), text, "", 0.2), ctx)
        if score.points < MODEL_FLOOR or score.hard_fails:
            problems.add(
                file,
                line_of(m),
                f"mention {m['id']!r}: the model reply scores {score.points}"
                f" by the reply rubric ({', '.join(score.caps + score.hard_fails) or 'low'})",
            )
    parts = {p: [k for f in facts if f["part"] == p for k in f["keywords"]] for p in PARTS}
    for lang in ("ar", "en"):
        found = check_statement(raw["statement"][lang], checklist, parts, word_limit)
        missing = [c for c, ok in found.items() if not ok]
        if missing:
            problems.add(file, at, f"brand {brand!r}: the {lang} model statement misses {missing}")
    crisis = dict(raw) | {"facts": facts, "mentions": usable}
    return (crisis, augmented, ctx) if len(problems.items) == start else None


def load_sbx08(
    path: Path, scenarios: Mapping[str, Any], problems: Problems, file: str
) -> CrisisData | None:
    """Read and validate the crisis drill data; problems name the file and line."""
    raw = read_data(path, problems, file)
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        problems.add(file, 1, "the crisis drill data must be a mapping")
        return None
    start = len(problems.items)
    minutes = raw.get("minutes")
    if not isinstance(minutes, Mapping) or not all(_count(minutes.get(k)) for k in STEPS):
        problems.add(file, line_of(minutes, 1), f"minutes needs {list(STEPS)} (> 0)")
    word_limit = raw.get("word_limit")
    if not _count(word_limit):
        problems.add(file, 1, "word_limit must be a whole number > 0")
    arrive = raw.get("arrive")
    if not (isinstance(arrive, list) and len(arrive) == 2 and all(_count(v) for v in arrive)):
        problems.add(file, line_of(arrive, 1), "arrive must be [first minute, last minute]")
    basics = len(problems.items) == start
    checklist = _checklist(raw.get("checklist"), problems, file)
    brands_raw = raw.get("brands")
    if not isinstance(brands_raw, Mapping):
        problems.add(file, 1, "brands must map each brand to its crisis")
        return None
    if not basics or set(checklist) != set(LISTS):
        return None  # the brands are checked once the desk settings and every lexicon read
    limit, first, last = int(word_limit), int(arrive[0]), int(arrive[1])  # type: ignore[arg-type,index]
    brands, augmented, contexts = {}, {}, {}
    for brand, entry in brands_raw.items():
        if brand not in scenarios:
            problems.add(file, line_of(entry, line_of(brands_raw)), f"unknown brand {brand!r}")
            continue
        checked = _brand(str(brand), entry, scenarios[brand].data, checklist, limit, problems, file)
        if checked is not None:
            brands[str(brand)], augmented[str(brand)], contexts[str(brand)] = checked
    if len(problems.items) > start:
        return None
    return CrisisData(
        dict(minutes),  # type: ignore[arg-type]
        limit,
        (first, last),
        checklist,
        brands,
        augmented,
        contexts,
    )


def covers(text: str, keywords: list[str]) -> bool:
    """Whether a text names any of the keywords, matched as the reply rubric matches."""
    return bool(find(Phrases.of(keywords), Text.of(text)))
