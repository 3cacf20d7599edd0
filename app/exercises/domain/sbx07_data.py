"""sbx-07 data (app/exercises/data/sbx-07.yaml): labelled comments with gold decisions, the
borderline set, the model guidelines and the welcome-post lexicons (pure, validated).

Every problem names the file and line, so `flask content check` points an editor at the comment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.content.errors import Problems
from app.content.yamlfile import line_of
from app.exercises.domain.datafile import read_data

# The fixed list a learner's rule is filed under; a comment's label is one of these or "none".
CATEGORIES = (
    "insults-harassment",
    "hate",
    "spam-promotion",
    "personal-data",
    "misinformation",
    "off-topic",
    "violence-threats",
    "impersonation",
)
DECISIONS = ("keep", "reply", "hide", "delete", "block", "escalate")
SOFT = ("keep", "reply")  # decisions that may cite no rule
SECTIONS = ("purpose", "allowed", "not-allowed", "consequences", "report", "privacy")
BORDERLINE = ("sarcasm", "coded-insult", "covert-promotion")
LANGS = ("ar", "en")
MAX_RULES = 8
MIN_REGULAR, MIN_CLEAN = 14, 4  # the seed draws ten and needs room to vary


@dataclass(frozen=True)
class ModerationData:
    """The validated file: lexicons, the model guidelines and each brand's comment banks."""

    min_words: int
    min_distinct: int
    filler: tuple[str, ...]
    open_words: tuple[str, ...]
    closed_starts: tuple[str, ...]
    model: Mapping[str, Any]  # sections {id: {ar, en}}, rules [{category, text}]
    brands: Mapping[str, Mapping[str, Any]]  # brand -> {purpose, welcome, comments, borderline}


def _bilingual(value: Any) -> bool:
    """Whether a value is {ar: text, en: text} with both filled."""
    return isinstance(value, Mapping) and all(
        isinstance(value.get(k), str) and value[k].strip() for k in LANGS
    )


def _credit(value: Any, gold: Any) -> bool:
    """A partial-credit matrix: other decisions, each a share from 0 up to (not including) 1."""
    return isinstance(value, Mapping) and all(
        k in DECISIONS and k != gold and isinstance(v, int | float) and 0 <= v < 1
        for k, v in value.items()
    )


def _comment(c: Any, problems: Problems, file: str, borderline: bool) -> str | None:
    """Check one comment; its id when it is usable."""
    if not isinstance(c, Mapping) or not isinstance(c.get("id"), str):
        problems.add(file, line_of(c), "a comment needs an id")
        return None
    at, cid, start = line_of(c), c["id"], len(problems.items)

    def bad(message: str) -> None:
        """Add a problem on this comment's line."""
        problems.add(file, at, f"comment {cid!r}: {message}")

    if not isinstance(c.get("text"), str) or not c["text"].strip():
        bad("text must be the comment as the member wrote it")
    if c.get("lang") not in LANGS:
        bad("lang must be ar or en")
    if not isinstance(c.get("author"), str) or not c["author"].strip():
        bad("author must name the account that wrote it")
    label = c.get("label")
    if label != "none" and label not in CATEGORIES:
        bad(f"label must be none or one of {CATEGORIES}")
    if not _bilingual(c.get("rationale")):
        bad("rationale needs ar and en")
    if borderline and c.get("kind") not in BORDERLINE:
        bad(f"kind must be one of {BORDERLINE}")
    conditional = c.get("gold_if_rule")
    if conditional is not None:
        _conditional(c, conditional, bad)
    else:
        gold = c.get("gold")
        if gold not in DECISIONS:
            bad(f"gold must be one of {DECISIONS}")
        elif label == "none" and gold not in SOFT:
            bad("a comment that breaks no rule can only be kept or replied to")
        if not _credit(c.get("credit", {}), gold):
            bad("credit gives other decisions a share from 0 up to (not including) 1")
    return cid if len(problems.items) == start else None


def _conditional(c: Mapping[str, Any], conditional: Any, bad: Any) -> None:
    """gold_if_rule {category: decision} with gold_otherwise and a matrix for each branch."""
    if (
        not isinstance(conditional, Mapping)
        or len(conditional) != 1
        or next(iter(conditional)) != c.get("label")
        or next(iter(conditional.values())) not in DECISIONS
    ):
        bad("gold_if_rule must map the comment's own label to a decision")
        return
    ruled = next(iter(conditional.values()))
    if c.get("gold_otherwise") not in SOFT:
        bad("gold_otherwise must be keep or reply (no rule of yours covers it)")
    if not _credit(c.get("credit_if_rule", {}), ruled):
        bad("credit_if_rule gives other decisions a share from 0 up to 1")
    if not _credit(c.get("credit_otherwise", {}), c.get("gold_otherwise")):
        bad("credit_otherwise gives other decisions a share from 0 up to 1")


def _bank(
    brand: str, raw: Any, problems: Problems, file: str, seen: set[str]
) -> dict[str, Any] | None:
    """Check one brand: its model purpose and welcome post, comments and borderline set."""
    if not isinstance(raw, Mapping):
        problems.add(file, line_of(raw), f"brand {brand!r} must be a mapping")
        return None
    at, start = line_of(raw), len(problems.items)
    for name in ("purpose", "welcome"):
        if not _bilingual(raw.get(name)):
            problems.add(file, at, f"brand {brand!r}: {name} needs ar and en")
    out: dict[str, Any] = {"purpose": raw.get("purpose"), "welcome": raw.get("welcome")}
    for part, borderline in (("comments", False), ("borderline", True)):
        listed = raw.get(part)
        if not isinstance(listed, list):
            problems.add(file, at, f"brand {brand!r} needs a list of {part}")
            return None
        kept: dict[str, Any] = {}
        for c in listed:
            cid = _comment(c, problems, file, borderline)
            if cid in seen:
                problems.add(file, line_of(c), f"comment {cid!r} appears twice")
            elif cid:
                seen.add(cid)
                kept[cid] = c
        out[part] = kept
    regular = list(out["comments"].values())
    clean = [c for c in regular if c["label"] == "none"]
    if len(regular) < MIN_REGULAR or len(clean) < MIN_CLEAN:
        problems.add(
            file,
            at,
            f"brand {brand!r} needs at least {MIN_REGULAR} comments, {MIN_CLEAN} breaking no rule",
        )
    if any(c.get("gold_if_rule") for c in regular):
        problems.add(file, at, f"brand {brand!r}: only the borderline set may depend on rules")
    kinds = {c.get("kind") for c in out["borderline"].values()}
    if kinds != set(BORDERLINE):
        problems.add(
            file, at, f"brand {brand!r}: the borderline set needs one of each {BORDERLINE}"
        )
    return out if len(problems.items) == start else None


def _model(raw: Any, problems: Problems, file: str) -> Mapping[str, Any] | None:
    """The model guidelines: every section in both languages, one rule per category."""
    if not isinstance(raw, Mapping):
        problems.add(file, 1, "model must hold the model guidelines")
        return None
    at, start = line_of(raw), len(problems.items)
    sections = raw.get("sections")
    if not isinstance(sections, Mapping) or any(
        not _bilingual(sections.get(s)) for s in SECTIONS if s != "purpose"
    ):
        problems.add(file, at, "model sections need every section but purpose in ar and en")
    rules = raw.get("rules")
    if not isinstance(rules, list) or len(rules) > MAX_RULES:
        problems.add(file, at, f"model rules must list at most {MAX_RULES} rules")
        return None
    for rule in rules:
        if not isinstance(rule, Mapping) or rule.get("category") not in CATEGORIES:
            problems.add(file, line_of(rule, at), "each model rule needs a known category")
        elif not _bilingual(rule.get("text")):
            problems.add(file, line_of(rule), "each model rule needs text in ar and en")
    if {r.get("category") for r in rules if isinstance(r, Mapping)} != set(CATEGORIES):
        problems.add(file, line_of(rules, at), "the model rules must cover every category")
    return raw if len(problems.items) == start else None


def _words(raw: Any, name: str, problems: Problems, file: str) -> tuple[str, ...]:
    """A lexicon: {ar: [...], en: [...]} flattened."""
    if not isinstance(raw, Mapping) or not all(
        isinstance(raw.get(k), list) and all(isinstance(w, str) and w for w in raw[k])
        for k in LANGS
    ):
        problems.add(file, line_of(raw), f"{name} must list words in ar and en")
        return ()
    return tuple(w for k in LANGS for w in raw[k])


def load_sbx07(
    path: Path, scenarios: Mapping[str, Any], problems: Problems, file: str
) -> ModerationData | None:
    """Read and validate the moderation data; problems name the file and line."""
    raw = read_data(path, problems, file)
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        problems.add(file, 1, "the moderation data must be a mapping")
        return None
    start = len(problems.items)
    sections = raw.get("sections")
    counts: list[int] = [
        v if isinstance(v, int) and not isinstance(v, bool) and v > 0 else 0
        for v in (
            sections.get(k) if isinstance(sections, Mapping) else None
            for k in ("min_words", "min_distinct")
        )
    ]
    if not all(counts):
        problems.add(file, line_of(sections), "sections needs min_words and min_distinct (> 0)")
    filler = _words(raw.get("filler"), "filler", problems, file)
    open_words = _words(raw.get("open_words"), "open_words", problems, file)
    closed = _words(raw.get("closed_starts"), "closed_starts", problems, file)
    model = _model(raw.get("model"), problems, file)
    brands_raw = raw.get("brands")
    if not isinstance(brands_raw, Mapping):
        problems.add(file, 1, "brands must map each brand to its comments")
        return None
    brands: dict[str, Any] = {}
    seen: set[str] = set()
    for brand, bank in brands_raw.items():
        if brand not in scenarios:
            problems.add(file, line_of(brands_raw), f"unknown brand {brand!r}")
            continue
        checked = _bank(str(brand), bank, problems, file, seen)
        if checked is not None:
            brands[str(brand)] = checked
    if len(problems.items) > start or model is None:
        return None
    return ModerationData(counts[0], counts[1], filler, open_words, closed, model, brands)
